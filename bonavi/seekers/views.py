from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import partial, wraps
from typing import Any
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_http_methods, require_POST

from bonavi.accounts.next_url import safe_next
from bonavi.core import clock
from bonavi.core.downloads import attachment
from bonavi.core.forms import ConfirmForm, add_errors, error_links, errors_to_messages, one_focus
from bonavi.core.interview_form import InterviewForm, answer_post, optional_interview_form
from bonavi.core.interviews import interview_ics as interview_ics_text
from bonavi.core.postal import postal_fill
from bonavi.core.ratelimit import client_ip
from bonavi.core.uploads import say_too_large, upload_too_large
from bonavi.jobs.selectors import employer_posting_get, postings_visible_to, public_postings
from bonavi.notifications.selectors import saved_searches_of
from bonavi.notifications.services import query_parse

from . import compare, inbox, login_intent, message_files, mydata, selectors, services
from .apply_notes import apply_notes
from .attachments import document_choices, document_previews
from .forms import (
    AnswerByChangeForm,
    ApplyForm,
    DeleteAccountForm,
    HistoryFormSet,
    InterviewAnswerForm,
    MessageForm,
    MoveForm,
    OfferChangeForm,
    ProfileForm,
    QualificationFormSet,
    StartProposalForm,
    StartReasonForm,
    offer_accept_form,
    profile_error_links,
    unchecked,
    withdraw_form,
)
from .models import PIPELINE, Application, ApplicationStatus, SeekerProfile
from .mydata_csv import mydata_zip
from .mypage import activity_of, other_applications_of
from .names import split_person_name
from .offers import START_REASON_MAX
from .privacy import NOT_COLLECTED, NOTICE_DATE, NOTICE_VERSION, PURPOSES, RIGHTS, recent_views_retention

View = Callable[..., HttpResponse]


def seeker_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_seeker:  # type: ignore[union-attr]
            return render(request, "seekers/not_seeker.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def employer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_employer", False):
            return render(request, "seekers/not_employer.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _next_url(request: HttpRequest, fallback: str) -> str:
    # A path on this site only (the rule the login page uses), so no link makes the ☆ send someone elsewhere.
    return safe_next(request.POST.get("next") or request.GET.get("next")) or fallback


# マイページ ---------------------------------------------------------------------------------------------------


@seeker_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(user=request.user)
    consent = request.user.consents.first()  # type: ignore[union-attr]
    return render(
        request,
        "seekers/dashboard.html",
        {
            "profile": profile,
            "missing": services.application_missing_fields(profile),
            "favorites_count": selectors.favorites_of(user=request.user).count(),
            "searches": list(saved_searches_of(user=request.user)[:5]),
            "applications": list(selectors.applications_of_seeker(user=request.user)[:5]),
            # Agency proposals and 推薦 (the agents app registers them; seekers cannot import it).
            "activity": activity_of(request.user),
            "needs_consent": consent is None or consent.version != NOTICE_VERSION,
        },
    )


@seeker_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_of(user=request.user) or SeekerProfile(user=request.user)  # type: ignore[misc]
    data = request.POST if request.method == "POST" else None
    # ?next= (the apply page's 「プロフィールを入力する」): saving goes back there. A path on this site only.
    back = _next_url(request, "")
    # The note names 応募 only when that is where saving returns (another page's ?next= is just 「元の画面」).
    try:
        back_to_apply = bool(back) and resolve(back.split("?")[0]).view_name == "seekers:apply"
    except Resolver404:
        back_to_apply = False
    # 姓・名 never given: offered from the name given at sign-up when it reads as one (names.split_person_name),
    # shown in the boxes and said above them, stored only when she saves.
    named = (
        split_person_name(request.user.display_name)  # type: ignore[union-attr]
        if data is None and not profile.family_name and not profile.given_name
        else None
    )
    initial = {"family_name": named[0], "given_name": named[1]} if named else None
    form = ProfileForm(data, instance=profile, initial=initial)
    history_initial = (
        [{"kind": h.kind, "year": h.year, "month": h.month, "text": h.text} for h in profile.history.all()]
        if profile.pk
        else []
    )
    qual_initial = (
        [
            # a listed qualification is shown by its code; the name box is for ones not in the list
            {**q.as_dict(), "name": "" if q.code else q.name}
            for q in profile.qualifications.all()
        ]
        if profile.pk
        else []
    )
    history = HistoryFormSet(data, prefix="history", initial=history_initial)
    quals = QualificationFormSet(data, prefix="qual", initial=qual_initial)
    action = request.POST.get("action") if data is not None else None
    if data is not None and action in ("postal_lookup", "postal_replace"):
        # 「住所を検索」 without JavaScript: the form comes back as typed, 住所 filled from the 〒, nothing saved.
        fill = postal_fill(
            data.get("postal_code", ""), data.get("address", ""), replace=action == "postal_replace"
        )
        typed = data.copy()
        typed["postal_code"], typed["address"] = fill.postal_code, fill.address
        form = ProfileForm(typed, instance=profile)
        history = HistoryFormSet(typed, prefix="history", initial=history_initial)
        quals = QualificationFormSet(typed, prefix="qual", initial=qual_initial)
        unchecked(form, history, quals)
        context = {
            "form": form,
            "history": history,
            "quals": quals,
            "postal": fill,
            "back": back,
            "back_to_apply": back_to_apply,
        }
        return render(request, "seekers/profile_form.html", context)
    if data is not None:
        valid = form.is_valid() & history.is_valid() & quals.is_valid()
        if valid:
            rows = [f.row() for f in history.forms if not f.cleaned_data.get("DELETE")]
            qrows = [f.row() for f in quals.forms if not f.cleaned_data.get("DELETE")]
            try:
                services.profile_update(
                    user=request.user,
                    data=form.service_data(),
                    history=[r for r in rows if r],
                    qualifications=[r for r in qrows if r],
                )
            except services.SeekerInvalid as exc:
                _attach_errors(form, history, quals, exc)
            else:
                messages.success(request, "プロフィールを保存しました。")
                return redirect(back or "seekers:profile")
    status = 422 if data is not None else 200
    # One focus on the page: the first refused of the form and its rows (each would otherwise take its own).
    one_focus(form, *history.forms, *quals.forms)
    links = profile_error_links(form, history, quals) if data is not None else []
    return render(
        request,
        "seekers/profile_form.html",
        {
            "form": form,
            "history": history,
            "quals": quals,
            "links": links,
            "back": back,
            "back_to_apply": back_to_apply,
            "named": named,
        },
        status=status,
    )


def _attach_errors(form: ProfileForm, history: Any, quals: Any, exc: services.SeekerInvalid) -> None:
    for key, msgs in exc.errors.items():
        parts = key.split(".")
        target_form: Any = form
        field: str | None = key
        if parts[0] in {"history", "qualifications"} and len(parts) == 3:
            formset = history if parts[0] == "history" else quals
            filled = [f for f in formset.forms if f.row()]
            index = int(parts[1])
            target_form = filled[index] if index < len(filled) else form
            field = parts[2]
        for msg in msgs:
            target_form.add_error(field if field in target_form.fields else None, msg)


# Favourites and compare ------------------------------------------------------------------------------------


def _at_card(url: str, posting_id: int, *, end: bool = False) -> str:
    # Back to the same page at the posting's card (jobs/_card.html and the job page's actions carry the id), so a
    # phone user who pressed ☆ far down the results is not sent back to the top of them; `end`: the job page's
    # actions repeated after its 労働条件 (job-<id>-end).
    return f"{url.split('#', 1)[0]}#job-{posting_id}{'-end' if end else ''}"


@login_required
@require_http_methods(["GET", "POST"])
def favorite_toggle(request: HttpRequest, posting_id: int) -> HttpResponse:
    fallback = reverse("jobs:detail", args=[posting_id])
    # favorite.js asks for JSON and changes the button in place; the form without it comes back to the card.
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not request.user.is_seeker:  # type: ignore[union-attr]
        refused = "お気に入りは求職者のアカウントで使えます。"
        if wants_json and request.method == "POST":
            return JsonResponse({"message": refused}, status=403)
        messages.error(request, refused)
        return redirect(_next_url(request, fallback))
    if request.method == "GET" and login_intent.added_at_login(request, posting_id):
        # The login this ☆ led to has added it (login_intent, ADR 0132): back to the posting, at its top, said once.
        messages.success(request, "お気に入りに追加しました。")
        return redirect(_next_url(request, fallback).split("#", 1)[0])
    if request.method == "GET" and login_intent.gone_at_login(request, posting_id):
        # The posting ended before her login or sign-up's confirmation (ADR 0148): the job search, said once — not
        # the ☆'s 404, and never the title (a 非公開 one's is not hers to read).
        messages.info(request, login_intent.GONE_MESSAGE)
        return redirect("search:search")
    if request.method == "GET":
        # A link from elsewhere, or a login or sign-up that added nothing: a GET changes nothing
        # (a link on another site could otherwise add favourites), so the posting is shown with the button that adds it.
        posting = postings_visible_to(request.user).filter(pk=posting_id).first()
        if posting is None:
            raise Http404("求人が見つかりません（掲載が終了した可能性があります）。")
        context = {
            "posting": posting,
            "active": posting.pk in selectors.favorite_posting_ids(user=request.user),
            "next": _next_url(request, fallback),
        }
        return render(request, "seekers/favorite_confirm.html", context)
    remove = request.POST.get("action") == "remove"
    # The card's own note says what happened (seekers.templatetags.favorite_button reads this tag), as well as the
    # message at the top of the page, which is out of sight once the page opens at the card. From the confirmation
    # after login (favorite_confirm.html sends land=top) she was not at a card: the page opens at its top, where
    # the job's title is, and says it once, at the top (opened at #job-<id> the title and pay were scrolled off,
    # and the note said it a second time).
    at_top = request.POST.get("land") == "top"
    card = "" if at_top else f"fav-{posting_id}"
    try:
        if remove:
            services.favorite_remove(user=request.user, posting_id=posting_id)
            said = "お気に入りから外しました。"
        else:
            services.favorite_add(user=request.user, posting_id=posting_id)
            said = "お気に入りに追加しました。"
    except services.SeekerInvalid as exc:
        refusals = [msg for msgs in exc.errors.values() for msg in msgs]
        if wants_json:
            return JsonResponse({"message": "".join(refusals)}, status=422)
        for msg in refusals:
            messages.error(request, msg, extra_tags=card)
    else:
        if wants_json:
            return JsonResponse({"active": not remove, "message": said})
        (messages.info if remove else messages.success)(request, said, extra_tags=card)
    back = _next_url(request, fallback)
    end = request.POST.get("at") == "end"
    return redirect(back.split("#", 1)[0] if at_top else _at_card(back, posting_id, end=end))


@seeker_required
def favorites(request: HttpRequest) -> HttpResponse:
    return render(request, "seekers/favorites.html", {"items": selectors.favorite_cards(user=request.user)})


@seeker_required
def compare_view(request: HttpRequest) -> HttpResponse:
    ids = []
    for raw in request.GET.getlist("ids"):
        for part in raw.split(","):
            if part.strip().isdigit():
                ids.append(int(part))
    postings = selectors.compare_postings(user=request.user, ids=ids)
    if len(postings) < 2:
        messages.error(request, "比較するには、お気に入りから求人を2〜4件選んでください。")
        return redirect("seekers:favorites")
    unit, rows = compare.compare_rows(postings)
    letters = [chr(ord("A") + i) for i in range(len(postings))]
    return render(
        request,
        "seekers/compare.html",
        {
            "postings": list(zip(letters, postings, strict=True)),
            "rows": rows,
            "unit": unit,
            "too_many": len(set(ids)) > selectors.MAX_COMPARE,
        },
    )


# Applications ----------------------------------------------------------------------------------------------


@seeker_required
def apply(request: HttpRequest, posting_id: int) -> HttpResponse:
    posting = public_postings().filter(pk=posting_id).select_related("organization").first()
    if posting is None:
        raise Http404("求人が見つかりません")
    existing = selectors.applications_of_seeker(user=request.user).filter(posting=posting).first()
    if existing is not None:
        if existing.status == ApplicationStatus.WITHDRAWN:
            messages.info(
                request, "この求人への応募は辞退済みです。辞退は取り消せないため、もう一度は応募できません。"
            )
        else:
            messages.info(request, "この求人には既に応募しています。")
        return redirect("seekers:application_detail", pk=existing.pk)
    if not posting.takes_applications:
        # No 採用担当 would read it (ADR 0143): back to the posting, whose notice gives the company's own 連絡先.
        messages.error(request, services.not_taking_applications(posting))
        return redirect(posting.get_absolute_url())
    # An agency's proposal of this job to her (ADR 0148): accepted or recommended, the 応募 goes through the agency
    # and the page says so with a link to it instead of the form; a proposal not answered yet is a notice above it.
    notes = apply_notes(request.user, posting.pk)
    if notes and notes[0].refuses:
        return render(
            request,
            "seekers/apply.html",
            {"posting": posting, "refusal": notes[0]},
            status=422 if request.method == "POST" else 200,
        )
    profile = selectors.profile_of(user=request.user)
    documents = document_choices(request.user)
    form = ApplyForm(request.POST or None, documents=documents, previews=document_previews(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                user=request.user,
                posting_id=posting.pk,
                message=form.cleaned_data["message"],
                document_id=form.document_id(),
            )
        except services.SeekerInvalid as exc:
            # The other POST of a double click got there first: show the application that was sent, as the
            # check above does, not this form with a live 「応募する」 under 「既に応募しています」.
            sent = selectors.applications_of_seeker(user=request.user).filter(posting=posting).first()
            if sent is not None:
                messages.info(request, "この求人には既に応募しています。")
                return redirect("seekers:application_detail", pk=sent.pk)
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error(key if key in form.fields else None, msg)
        else:
            messages.success(request, "応募しました。選考状況はこの画面で確認できます。")
            return redirect("seekers:application_detail", pk=application.pk)
    return render(
        request,
        "seekers/apply.html",
        {
            "posting": posting,
            "profile": profile,
            "form": form,
            "missing": services.application_missing_fields(profile),
            "thin": services.application_thin_parts(profile),
            "history": services.application_history_lines(profile),
            "notes": notes,
        },
        status=422 if request.method == "POST" else 200,
    )


@seeker_required
def applications(request: HttpRequest) -> HttpResponse:
    # Her direct applications and, from later apps (seekers cannot import them), selections she is in through
    # someone else — an agency's 推薦 — in one list, newest first.
    rows: list[dict[str, Any]] = [
        {"direct": a, "at": a.created_at} for a in selectors.applications_of_seeker(user=request.user)
    ]
    rows += [{"other": o, "at": o.at} for o in other_applications_of(request.user)]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return render(request, "seekers/applications.html", {"rows": rows})


def timeline(application: Any) -> list[dict[str, Any]]:
    """The pipeline steps with the date each was reached, for the seeker's and the employer's view."""
    reached: dict[str, Any] = {}
    for event in application.events.all():
        reached.setdefault(event.to_status, event)
    steps = []
    for status in PIPELINE:
        event = reached.get(status)
        steps.append(
            {
                "label": ApplicationStatus(status).label,
                "event": event,
                "current": application.status == status,
            }
        )
    for status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        if status in reached:
            steps.append(
                {
                    "label": ApplicationStatus(status).label,
                    "event": reached[status],
                    "current": True,
                    "end": True,
                }
            )
    return steps


def _own_application(request: HttpRequest, pk: int) -> Application:
    """The seeker's own application, read through its permission selector: anyone else's is the 404 of one that
    does not exist (as seekers/api.py's helper of the same name)."""
    application = selectors.application_of_seeker(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    return application


@seeker_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    asked = ask_text(application, request.GET.get("ask", ""))
    return _application_page(
        request, application, message_form=MessageForm(initial={"body": asked}) if asked else None
    )


def ask_text(application: Application, ask: str) -> str:
    """The first line of a message her 内定 card's link writes for her (「回答期限について相談する」: ?ask=answer-by),
    or "". Only a word naming one of our own texts is read from the address, never text: a link from anywhere must
    not put someone else's words in her box to send. The same page without it when there is no deadline to ask
    about (answered, moved on, none given)."""
    deadline = application.answer_deadline
    if ask != "answer-by" or deadline is None:
        return ""
    return f"内定のご連絡をありがとうございます。回答期限（{deadline.day_text}）について、ご相談させてください。\n"


def _thread_context(
    request: HttpRequest, application: Any, message_form: MessageForm | None
) -> dict[str, Any]:
    """The thread for the page (read through its permission selector), marked read for the reader's side."""
    thread = selectors.thread_of(user=request.user, application=application)
    if thread is None:  # the page's own selector let the reader in, so this cannot happen; never show it then
        raise Http404("応募が見つかりません")
    services.thread_mark_read(user=request.user, application=application)
    return {"thread": thread, "message_form": message_form or MessageForm()}


def _application_page(
    request: HttpRequest,
    application: Any,
    *,
    withdraw: ConfirmForm | None = None,
    withdraw_reason: tuple[str, list[str]] = ("", []),
    accept: ConfirmForm | None = None,
    message_form: MessageForm | None = None,
    start_proposal: StartProposalForm | None = None,
    start_reason: StartReasonForm | None = None,
    answer_form: InterviewAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    at_offer = application.status == ApplicationStatus.OFFER
    # Her own proposal of a new 入社予定日 (ADR 0135), only while the service would take it.
    if start_proposal is None and not services.seeker_start_proposal_refusal(application):
        start_proposal = StartProposalForm(side="seeker")
    withdraw = withdraw or withdraw_form(offer=at_offer)
    accept = accept or offer_accept_form()
    if withdraw.refused or accept.refused or withdraw_reason[1]:
        status = 422
    interview = getattr(application, "interview", None)
    return render(
        request,
        "seekers/application_detail.html",
        {
            "application": application,
            # 内定 (ADR 0126): its card comes first, with the posting's 労働条件 and her answer; the interview
            # card is the current step only at 面接, and an interview called off by a later move is history, shown
            # after the 経過 (it was the first thing she saw at 内定: 「この面接の日程は取り消されました」).
            "at_offer": at_offer,
            "accept_form": accept,
            "start_proposal_form": start_proposal,
            "start_reason_form": start_reason or _start_reason_form(application, "seeker"),
            "current_interview": interview if application.status == ApplicationStatus.INTERVIEW else None,
            # Her two answers to the date (ADR 0140), under its card, only while the service would take one.
            "answer_form": (
                None
                if services.interview_answer_refusal(application, interview)
                # A request already sent starts the box from its words, to send again amended.
                else answer_form
                or InterviewAnswerForm(initial={"text": getattr(interview, "answer_text", "")})
            ),
            "past_interview": (
                interview
                if interview is not None
                and interview.is_cancelled
                and application.status != ApplicationStatus.INTERVIEW
                else None
            ),
            # A closed (or no longer public) posting's page is a 404: the title is not linked to it then.
            "posting_shown": postings_visible_to(request.user).filter(pk=application.posting_id).exists(),
            "steps": timeline(application),
            "events": application.events.all(),
            "withdraw_form": withdraw,
            # What she typed as the 辞退's 理由, kept through a refusal, and why the service refused it.
            "withdraw_reason": withdraw_reason[0],
            "withdraw_reason_errors": withdraw_reason[1],
            "withdraw_reason_max": START_REASON_MAX,
            # 辞退 calls off an interview still to come, as the employer's moves do: said before she presses it.
            "calls_off": services.interview_called_off_by_move(application),
            "sent_document": selectors.sent_document_of(application),
            **_thread_context(request, application, message_form),
        },
        status=status,
    )


def _post_message(request: HttpRequest, application: Any) -> tuple[MessageForm, int | None]:
    """Post the form's message: (the form, None when it was stored, else the refused page's status — 429 when the
    rate limit refused it, 422 for anything else), for both sides' pages."""
    form = MessageForm(request.POST, request.FILES)
    if upload_too_large(request):
        # The file passed the site's cap while it arrived and was dropped (core.uploads): say so, keep the text.
        say_too_large(form, "file", message_files.too_large_message())
        return form, 422
    if not form.is_valid():
        return form, 422
    upload = form.cleaned_data.get("file")
    try:
        services.message_post(
            user=request.user,
            application=application,
            body=form.cleaned_data["body"],
            file_name=upload.name if upload else "",
            # One byte past the cap is enough to refuse it; the upload handler has already bounded it.
            file_data=upload.read(message_files.MAX_BYTES + 1) if upload else None,
        )
    except services.SeekerInvalid as exc:
        add_errors(form, exc.errors)
        return form, 429 if isinstance(exc, services.MessageLimited) else 422
    return form, None


@seeker_required
@require_POST
def application_message(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    form, refused = _post_message(request, application)
    if refused:
        return _application_page(request, application, message_form=form, status=refused)
    messages.success(request, "メッセージを送りました。採用担当にメールでお知らせします。")
    return redirect(reverse("seekers:application_detail", args=[pk]) + "#messages")


@seeker_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    # A ticked box, as for deleting a résumé: one tap on the button withdrew the application for good and told
    # the employer. The refusal is shown beside that box (focused), in this response.
    at_offer = application.status == ApplicationStatus.OFFER
    form = withdraw_form(request.POST, offer=at_offer)
    reason = request.POST.get("reason", "")
    if form.refused:
        return _application_page(request, application, withdraw=form, withdraw_reason=(reason, []))
    try:
        services.application_withdraw(user=request.user, application=application, reason=reason)
    except services.SeekerInvalid as exc:
        if "reason" in exc.errors:  # said beside the box, with what she typed kept
            return _application_page(request, application, withdraw_reason=(reason, exc.errors["reason"]))
        errors_to_messages(request, exc.errors)
    else:
        messages.info(request, "内定を辞退しました。" if at_offer else "応募を辞退しました。")
    return redirect("seekers:application_detail", pk=pk)


@seeker_required
@require_POST
def application_offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """内定承諾 (ADR 0126): her tick, then the service, which records it once and tells the company once."""
    application = _own_application(request, pk)
    form = offer_accept_form(request.POST)
    if form.refused:
        return _application_page(request, application, accept=form)
    try:
        services.application_offer_accept(
            user=request.user, application=application, version=_offer_version(request)
        )
    except services.SeekerInvalid as exc:
        # Said at the top of the page, which opens with the 内定 card and its 「変更前」 items.
        errors_to_messages(request, exc.errors)
        return redirect("seekers:application_detail", pk=pk)
    messages.success(request, "内定を承諾しました。企業にメールでお知らせしました。")
    return redirect(reverse("seekers:application_detail", args=[pk]) + "#offer")


@seeker_required
@require_POST
def application_start_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Her answer to the company's proposed 入社予定日 (ADR 0130): 「入社日の変更に同意する」 or 「同意しない」, with
    the date her page showed (`proposed`), so an answer never lands on a date proposed after she looked."""
    application = _own_application(request, pk)
    agree = request.POST.get("answer") == "agree"
    try:
        services.application_start_answer(
            user=request.user, application=application, agree=agree, proposed=_proposed(request)
        )
    except services.SeekerInvalid as exc:
        errors_to_messages(request, exc.errors)
        return redirect("seekers:application_detail", pk=pk)
    messages.success(
        request,
        "入社予定日の変更に同意しました。企業にメールでお知らせしました。"
        if agree
        else "入社予定日の変更に同意しないことを、企業にメールでお知らせしました。",
    )
    return redirect(reverse("seekers:application_detail", args=[pk]) + "#offer")


@seeker_required
def application_start_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Her proposal of a new 入社予定日 after her 承諾 (ADR 0135), from the fold on her 内定 card: it stands once the
    company agrees. As the company's folds (_offer_fold_post): a GET goes back to the fold; a refusal is said
    beside the box, or at the top of the page when the fold itself is gone (moved on meanwhile)."""
    application = _own_application(request, pk)
    page = reverse("seekers:application_detail", args=[pk])
    if request.method != "POST":
        return redirect(page + "#start-proposal-edit")
    form = StartProposalForm(request.POST, side="seeker")
    if form.is_valid():
        try:
            services.application_start_propose_by_seeker(
                user=request.user,
                application=application,
                start_on=form.cleaned_data["start_on"],
                reason=form.cleaned_data["reason"],
            )
        except services.SeekerInvalid as exc:
            now = selectors.application_of_seeker(user=request.user, pk=pk)
            if now is None or services.seeker_start_proposal_refusal(now):
                errors_to_messages(request, exc.errors)
                return redirect(page)
            add_errors(form, exc.errors)
        else:
            messages.success(
                request,
                "入社予定日の変更を提案し、企業にメールでお知らせしました。企業が同意すると入社予定日が変わります。",
            )
            return redirect(page + "#start-proposal")
    return _application_page(request, application, start_proposal=form, status=422)


@seeker_required
@require_POST
def application_start_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """She withdraws her own pending proposal of a new 入社予定日 (ADR 0135), the date her page showed."""
    application = _own_application(request, pk)
    try:
        services.application_start_withdraw(
            user=request.user, application=application, proposed=_proposed(request)
        )
    except services.SeekerInvalid as exc:
        errors_to_messages(request, exc.errors)
        return redirect("seekers:application_detail", pk=pk)
    messages.info(request, "入社予定日の変更の提案を取り下げ、企業にメールでお知らせしました。")
    return redirect(reverse("seekers:application_detail", args=[pk]) + "#offer")


def _start_reason_form(application: Any, side: str) -> StartReasonForm | None:
    """The box correcting `side`'s own pending 入社日 proposal's 理由 (ADR 0155, addendum s20), filled with the words
    as they are; None while there is no such proposal (the service would refuse)."""
    if (
        application.status != ApplicationStatus.OFFER
        or application.offer_start_proposed is None
        or application.offer_start_proposed_by != side
    ):
        return None
    return StartReasonForm(
        side=side,
        initial={
            "proposed": application.offer_start_proposed,
            "reason": application.offer_start_proposed_reason,
        },
    )


def _start_reason_post(
    request: HttpRequest,
    application: Any,
    *,
    side: str,
    page: str,
    done: str,
    refused: Callable[[StartReasonForm], HttpResponse],
) -> HttpResponse:
    """Either side's correction of its pending proposal's 理由 (ADR 0155, addendum s20). Refused words come back
    beside the box (422, the fold open); a proposal gone, not one's own or changed meanwhile is said at the top of
    the page, which then shows the proposal as it is. A GET of the address goes to the proposal."""
    if request.method != "POST":
        return redirect(page + "#start-proposal")
    form = StartReasonForm(request.POST, side=side)
    if form.is_valid():
        try:
            services.application_start_reason_edit(
                user=request.user,
                application=application,
                proposed=form.cleaned_data["proposed"],
                reason=form.cleaned_data["reason"],
            )
        except services.SeekerInvalid as exc:
            if "__all__" in exc.errors:
                errors_to_messages(request, exc.errors)
                return redirect(page)
            add_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return redirect(page + "#start-proposal")
    return refused(form)


@seeker_required
def application_start_reason(request: HttpRequest, pk: int) -> HttpResponse:
    """She corrects the 理由 of her own pending 入社日 proposal (ADR 0155, addendum s20), from its 「同意待ち」 box."""
    application = _own_application(request, pk)
    return _start_reason_post(
        request,
        application,
        side="seeker",
        page=reverse("seekers:application_detail", args=[pk]),
        done="入社予定日の変更の提案の理由を修正し、企業にメールでお知らせしました。",
        refused=lambda form: _application_page(request, application, start_reason=form, status=422),
    )


def _proposed(request: HttpRequest) -> dt.date | None:
    """The proposed date a page's answer or withdrawal form carries (hidden `proposed`), or None if unreadable."""
    try:
        return dt.date.fromisoformat(request.POST.get("proposed", ""))
    except ValueError:
        return None


@seeker_required
def application_interview_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """「この日程で参加します」 or 「日程の変更をお願いする」 (ADR 0140). A refusal of her words (none given, too
    long) comes back beside the box, her text kept; so does a date changed meanwhile (the page then shows the new
    one, and the text she typed for the old one to reuse). When there is nothing left to answer (called off, held,
    moved on) the reason is said at the top of her page. A GET of the address goes to the card."""
    application = _own_application(request, pk)

    def closed() -> str:
        nonlocal application
        application = _own_application(request, pk)
        return services.interview_answer_refusal(application, getattr(application, "interview", None))

    posted = answer_post(
        request,
        InterviewAnswerForm,
        page=reverse("seekers:application_detail", args=[pk]),
        answer=partial(services.interview_answer, user=request.user, application=application),
        refused=services.SeekerInvalid,
        closed=closed,
        told=(
            "「この日程で参加します」と採用担当にお知らせしました。",
            "日程の変更のお願いを採用担当にお知らせしました。新しい日程が届くと、メールでお知らせします。",
        ),
    )
    if isinstance(posted, HttpResponse):
        return posted
    # Drawn from the row read again after a refusal, as the date is now.
    return _application_page(request, application, answer_form=posted, status=422)


def _offer_version(request: HttpRequest) -> int:
    """The version of the 内定's terms her page showed (the accept form's hidden `offer_version`, ADR 0130). A form
    without one (a page from before it existed, or a hand-made post) is a version no 内定 has: refused as stale,
    so she accepts only after seeing the terms as they are."""
    try:
        return int(request.POST.get("offer_version", ""))
    except ValueError:
        return 0


# Privacy ---------------------------------------------------------------------------------------------------


@seeker_required
def privacy(request: HttpRequest) -> HttpResponse:
    consents = list(request.user.consents.all())  # type: ignore[union-attr]
    return render(
        request,
        "seekers/privacy.html",
        {
            "consents": consents,
            "needs_consent": not consents or consents[0].version != NOTICE_VERSION,
            "reads": selectors.profile_read_lines(user=request.user),
            "other_logs": mydata.access_logs(request.user),
            "purposes": PURPOSES,
            "not_collected": NOT_COLLECTED,
            "rights": RIGHTS,
            "version": NOTICE_VERSION,
            "notice_date": NOTICE_DATE,
        },
    )


@seeker_required
@require_POST
def consent_accept(request: HttpRequest) -> HttpResponse:
    services.consent_record(user=request.user)
    messages.success(request, "利用目的への同意を記録しました。")
    return redirect("seekers:privacy")


@seeker_required
def export_json(request: HttpRequest) -> HttpResponse:
    data = mydata.mydata_export(user=request.user)
    stamp = clock.today_jst().strftime("%Y%m%d")
    return attachment(
        json.dumps(data, ensure_ascii=False, indent=2),
        filename=f"bonavi-mydata-{stamp}.json",
        content_type="application/json; charset=utf-8",
    )


@seeker_required
def export_zip(request: HttpRequest) -> HttpResponse:
    """The same export as the JSON, as a ZIP of CSV files for Excel (ADR 0158). Not logged, as the JSON is not:
    it is her own data, read by her."""
    data = mydata.mydata_export(user=request.user)
    stamp = clock.today_jst().strftime("%Y%m%d")
    response = HttpResponse(mydata_zip(data), content_type="application/zip")
    # filename* for the Japanese name; the plain one for a client that does not read RFC 6266's form.
    response["Content-Disposition"] = (
        f'attachment; filename="bonavi-mydata-{stamp}.zip"; '
        f"filename*=UTF-8''{quote(f'BOナビ_マイデータ_{stamp}.zip')}"
    )
    return response


@seeker_required
def export_page(request: HttpRequest) -> HttpResponse:
    data = mydata.mydata_export(user=request.user)
    # The JSON keeps each saved search's stored query as it is (data to carry elsewhere); the page says it in words
    # (「経理 ／ 東京都」) and links to it, rather than showing percent-encoded text.
    for saved in data["saved_searches"]:
        saved["summary"] = query_parse(saved["query"]).description or "すべての求人"
    return render(
        request,
        "seekers/export.html",
        {
            "data": data,
            "sections": mydata.page_sections(data),
            "other_sections": mydata.other_data_for_page(data["other_data"]),
        },
    )


@seeker_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user, ip=client_ip(request))
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        mydata.account_delete(user=user)
        return render(request, "seekers/deleted.html")
    return render(
        request,
        "seekers/delete.html",
        {
            "form": form,
            "kept_after_deletion": mydata.kept_after_deletion(),
            # What 退会 will end, said before she types her password (ADR 0142).
            "ending": mydata.applications_ending(user=request.user),
        },
        status=422 if request.method == "POST" else 200,
    )


# Employer: applicants --------------------------------------------------------------------------------------


APPLICANTS_PAGE_SIZE = 50


@employer_required
def employer_applications(request: HttpRequest) -> HttpResponse:
    """「応募者」: direct applications and agencies' referrals in one list with one vocabulary of steps (ADR 0096).
    Unknown filter values (an old or edited link) list as if that filter was not chosen."""
    status = request.GET.get("status", "")
    if status not in inbox.STEPS:
        status = ""
    kind = request.GET.get("kind", "")
    if kind not in dict(inbox.kinds()):
        kind = ""
    # 求人管理's counts link here narrowed to one posting. Like the other filters, a posting that is not one of the
    # organisation's (another company's, a deleted one, a number too long for the database) is no filter at all:
    # narrowing to it listed nothing as 「応募はまだありません。」 with no way back to every applicant.
    raw = request.GET.get("posting", "")
    wanted = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else None
    posting = employer_posting_get(user=request.user, pk=wanted) if wanted is not None else None
    posting_id = posting.pk if posting else None
    entries = inbox.inbox_entries(
        user=request.user, kind=kind or None, posting_id=posting_id, step=status or None
    )
    # Paged: the list used to stop at 500 rows, so older applicants could not be reached at all.
    page = Paginator(entries, APPLICANTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "seekers/employer_applications.html",
        {
            "rows": inbox.rows_of(user=request.user, entries=list(page.object_list)),
            "page": page,
            "status": status,
            "statuses": list(inbox.STEPS.items()),
            "kind": kind,
            "kinds": inbox.kinds(),
            "posting": posting,
        },
    )


@employer_required
def employer_application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    form = MoveForm(
        request.POST or None,
        moves=services.employer_moves(application.status),
        calls_off=services.interview_called_off_by_move(application),
    )
    # The interview's part of the move (ADR 0102): only when something of it was typed — a move to 面接 without a
    # date yet stays possible. Typed with another move it goes to the service as typed, which refuses it (ADR
    # 0121): the page keeps the input and says why, instead of dropping the date.
    booking = optional_interview_form(request.POST or None, prefix="iv")
    if request.method == "POST" and form.is_valid():
        typed = booking.has_any()
        to_interview = form.cleaned_data["status"] == ApplicationStatus.INTERVIEW
        if not (typed and to_interview) or booking.is_valid():
            try:
                services.application_move(
                    user=request.user,
                    application=application,
                    to_status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    interview=(booking.cleaned_data if to_interview else booking.typed()) if typed else None,
                    **form.offer_values(),
                )
            except services.SeekerInvalid as exc:
                if not to_interview:
                    # Judged only as a whole (「面接の日程は…ときだけ」): its fields' own rules would be noise here.
                    booking.unjudged()
                add_errors(form, {k: v for k, v in exc.errors.items() if k not in booking.fields})
                add_errors(booking, {k: v for k, v in exc.errors.items() if k in booking.fields})
            else:
                messages.success(request, "選考状況を更新し、応募者にメールでお知らせしました。")
                return redirect("applicants:detail", pk=pk)
    return _employer_page(
        request, application, form=form, booking=booking, status=422 if request.method == "POST" else 200
    )


@employer_required
@require_POST
def employer_interview(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or change the interview of an application at 面接 (ADR 0102)."""
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    form = InterviewForm(request.POST, prefix="sched")
    if form.is_valid():
        try:
            services.interview_set(user=request.user, application=application, values=form.cleaned_data)
        except services.SeekerInvalid as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(
                request, "面接の日程を保存しました。変更があれば応募者にメールでお知らせします。"
            )
            return redirect(reverse("applicants:detail", args=[pk]) + "#interview")
    return _employer_page(request, application, schedule=form, status=422)


def _offer_fold_post(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    fold: str,
    change: Callable[[Application, dict[str, Any]], object],
    refusal: Callable[[Application], str],
    done: str,
    refused: Callable[[Application, Any], HttpResponse],
) -> HttpResponse:
    """One of the company's folds about a 内定 (its 回答期限, its terms, a 入社日 proposal): a GET of the address (a
    refused form's page reloaded from the address bar) goes back to the fold rather than a bare 405; a refusal is
    said beside the box, or at the page's top when the fold itself is gone (answered or moved on meanwhile: the
    service's `refusal` now says so); a change goes back to the 内定's facts with `done`. `refused` draws the page
    again with the refused form in its fold."""
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    page = reverse("applicants:detail", args=[pk])
    if request.method != "POST":
        return redirect(page + fold)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            change(application, form.cleaned_data)
        except services.SeekerInvalid as exc:
            now = selectors.application_for_employer(user=request.user, pk=pk)
            if now is None or refusal(now):
                errors_to_messages(request, exc.errors)
                return redirect(page)
            add_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return redirect(page + "#offer-facts")
    return refused(application, form)


@employer_required
def employer_offer_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the 回答期限 of an unanswered 内定 (ADR 0129 addendum)."""
    return _offer_fold_post(
        request,
        pk,
        form_class=AnswerByChangeForm,
        fold="#answer-by-edit",
        change=lambda application, data: services.application_offer_deadline_change(
            user=request.user, application=application, answer_by=data["answer_by"]
        ),
        refusal=services.offer_deadline_change_refusal,
        done="回答期限を変更し、応募者にメールでお知らせしました。",
        refused=lambda application, form: _employer_page(request, application, deadline=form, status=422),
    )


@employer_required
def employer_offer_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the 入社予定日 and 内定の条件 of an unanswered 内定 (ADR 0130)."""
    return _offer_fold_post(
        request,
        pk,
        form_class=OfferChangeForm,
        fold="#offer-change",
        change=lambda application, data: services.application_offer_change(
            user=request.user,
            application=application,
            start_on=data["start_on"],
            offer_terms=data["offer_terms"],
        ),
        refusal=services.offer_change_refusal,
        done="内定の内容を変更し、応募者にメールでお知らせしました。",
        refused=lambda application, form: _employer_page(request, application, offer_change=form, status=422),
    )


@employer_required
def employer_start_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a new 入社予定日 for an accepted 内定 (ADR 0130): it stands only once she agrees."""
    return _offer_fold_post(
        request,
        pk,
        form_class=StartProposalForm,
        fold="#start-proposal-edit",
        change=lambda application, data: services.application_start_propose(
            user=request.user, application=application, start_on=data["start_on"], reason=data["reason"]
        ),
        refusal=services.start_proposal_refusal,
        done="入社予定日の変更を提案し、応募者にメールでお知らせしました。",
        refused=lambda application, form: _employer_page(
            request, application, start_proposal=form, status=422
        ),
    )


@employer_required
@require_POST
def employer_start_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The company's answer to the 入社予定日 she proposed (ADR 0135), with the date its page showed."""
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    agree = request.POST.get("answer") == "agree"
    try:
        services.application_start_answer_by_employer(
            user=request.user, application=application, agree=agree, proposed=_proposed(request)
        )
    except services.SeekerInvalid as exc:
        errors_to_messages(request, exc.errors)
        return redirect("applicants:detail", pk=pk)
    messages.success(
        request,
        "入社予定日の変更に同意しました。応募者にメールでお知らせしました。"
        if agree
        else "入社予定日の変更に同意しないことを、応募者にメールでお知らせしました。",
    )
    return redirect(reverse("applicants:detail", args=[pk]) + "#offer-facts")


@employer_required
@require_POST
def employer_start_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The company withdraws its own pending proposal of a new 入社予定日 (ADR 0135)."""
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    try:
        services.application_start_withdraw(
            user=request.user, application=application, proposed=_proposed(request)
        )
    except services.SeekerInvalid as exc:
        errors_to_messages(request, exc.errors)
        return redirect("applicants:detail", pk=pk)
    messages.info(request, "入社予定日の変更の提案を取り下げ、応募者にメールでお知らせしました。")
    return redirect(reverse("applicants:detail", args=[pk]) + "#offer-facts")


@employer_required
def employer_start_reason(request: HttpRequest, pk: int) -> HttpResponse:
    """The company corrects the 理由 of its own pending 入社日 proposal (ADR 0155, addendum s20)."""
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    return _start_reason_post(
        request,
        application,
        side="employer",
        page=reverse("applicants:detail", args=[pk]),
        done="入社予定日の変更の提案の理由を修正し、応募者にメールでお知らせしました。",
        refused=lambda form: _employer_page(request, application, start_reason=form, status=422),
    )


@employer_required
@require_POST
def employer_interview_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    try:
        services.interview_cancel(user=request.user, application=application)
    except services.SeekerInvalid as exc:
        errors_to_messages(request, exc.errors)
    else:
        messages.info(request, "面接の日程を取り消し、応募者にメールでお知らせしました。")
    return redirect(reverse("applicants:detail", args=[pk]) + "#interview")


@login_required
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The interview as an .ics for the applicant and the company's 採用担当 (both sides' URLs come here); anyone
    else gets the 404 of a file that does not exist. The URL in it is theirs to see (ADR 0102)."""
    interview = selectors.interview_visible_to(user=request.user, application_id=pk)
    if interview is None:
        raise Http404("面接の日程が見つかりません")
    application = interview.application
    own = application.applicant_id == request.user.pk
    page = settings.SITE_URL + reverse(
        "seekers:application_detail" if own else "applicants:detail", args=[application.pk]
    )
    posting = application.posting
    summary = (
        f"面接：{posting.employer_display}（{posting.title}）"
        if own
        else f"面接：{application.applicant_name}（{posting.title}）"
    )
    body = interview_ics_text(
        interview,
        uid_kind="application-interview",
        summary=summary,
        organizer=posting.employer_display if own else application.applicant_name,
        page_url=page,
    )
    response = attachment(
        body, filename=f"interview-{application.pk}.ics", content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"  # a personal copy (the URL, the place): no shared cache
    return response


def _employer_page(
    request: HttpRequest,
    application: Any,
    *,
    form: MoveForm | None = None,
    message_form: MessageForm | None = None,
    booking: InterviewForm | None = None,
    schedule: InterviewForm | None = None,
    deadline: AnswerByChangeForm | None = None,
    offer_change: OfferChangeForm | None = None,
    start_proposal: StartProposalForm | None = None,
    start_reason: StartReasonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    interview = getattr(application, "interview", None)  # joined by application_for_employer
    # The 回答期限's own form (ADR 0129 addendum), only while the service would take a change.
    if deadline is None and not services.offer_deadline_change_refusal(application):
        deadline = AnswerByChangeForm()
    # The 入社予定日・内定の条件's change (ADR 0130), likewise only while the service would take it.
    if offer_change is None and not services.offer_change_refusal(application):
        offer_change = OfferChangeForm(application=application)
    # After her 承諾, a new 入社予定日 only as a proposal she agrees to.
    if start_proposal is None and not services.start_proposal_refusal(application):
        start_proposal = StartProposalForm()
    if application.applicant_id is not None:
        services.profile_read_record(
            owner_id=application.applicant_id, viewer=request.user, application=application, channel="web"
        )
    form = form or MoveForm(
        moves=services.employer_moves(application.status),
        calls_off=services.interview_called_off_by_move(application),
    )
    booking = booking or optional_interview_form(prefix="iv")
    schedule = schedule or InterviewForm(prefix="sched", interview=interview)
    # A refused status or interview form is ~2,000 px down a 6,000 px page at 390 px: its reasons are also listed
    # at the top (ADR 0140), each linked to its field. One focus on the page: the first field in error, or the
    # summary when the refusal is about the form as a whole.
    one_focus(form, booking, schedule)
    return render(
        request,
        "seekers/employer_application_detail.html",
        {
            "application": application,
            "snapshot": application.profile_snapshot,
            "sent_document": selectors.sent_document_of(application),
            "form": form,
            "refused_links": [link for f in (form, booking, schedule) for link in error_links(f)],
            "refused_form": next((f for f in (form, booking, schedule) if f.errors), None),
            "steps": timeline(application),
            "events": application.events.all(),
            "moves": services.employer_moves(application.status),
            "closed_reason": services.move_closed_reason(application.status),
            "booking": booking,
            "interview": interview,
            "at_interview": application.status == ApplicationStatus.INTERVIEW,
            "schedule": schedule,
            "deadline_form": deadline,
            "offer_change_form": offer_change,
            "start_proposal_form": start_proposal,
            "start_reason_form": start_reason or _start_reason_form(application, "employer"),
            "offer_agreed": services.OFFER_AGREED if application.offer_accepted else "",
            **_thread_context(request, application, message_form),
        },
        status=status,
    )


def _document_pdf(request: HttpRequest, application: Any, kind: str, *, back: str) -> HttpResponse:
    """The sent 履歴書・職務経歴書 as a PDF, made from the snapshot (as it was sent), of an application the caller
    read through its permission selector (404 for everyone else, as for an application they cannot see)."""
    if application is None or selectors.sent_document_of(application) is None:
        raise Http404("書類が見つかりません")
    try:
        made = services.sent_document_pdf(
            viewer=request.user, application=application, kind=kind, channel="pdf"
        )
    except ValueError as exc:  # the renderer's refusal, in Japanese, written for the document's owner
        own = application.applicant_id == request.user.pk
        messages.error(
            request, str(exc) if own else "この書類はPDFにできませんでした。画面の内容をご覧ください。"
        )
        return redirect(back)
    if made is None:
        raise Http404("書類の種類が正しくありません")
    filename, body = made
    return attachment(body, filename=filename, content_type="application/pdf")


@employer_required
def employer_application_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    application = selectors.application_for_employer(user=request.user, pk=pk)
    return _document_pdf(request, application, kind, back=reverse("applicants:detail", args=[pk]))


@seeker_required
def application_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    application = selectors.application_of_seeker(user=request.user, pk=pk)
    return _document_pdf(request, application, kind, back=reverse("seekers:application_detail", args=[pk]))


@employer_required
@require_POST
def employer_application_message(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_employer(user=request.user, pk=pk)
    if application is None:
        raise Http404("応募が見つかりません")
    form, refused = _post_message(request, application)
    if refused:
        return _employer_page(request, application, message_form=form, status=refused)
    messages.success(request, "メッセージを送りました。応募者にメールでお知らせします。")
    return redirect(reverse("applicants:detail", args=[pk]) + "#messages")


@login_required
def message_attachment(request: HttpRequest, pk: int, message_id: int) -> HttpResponse:
    """A message's file (ADR 0097), for the applicant and the company's 採用担当 only (both sides' URLs come here);
    anyone else — another seeker, another company, an agent — gets the 404 of a file that does not exist."""
    file = selectors.message_attachment(user=request.user, application_id=pk, message_id=message_id)
    if file is None:
        raise Http404("ファイルが見つかりません")
    return message_files.download(file)


# 最近見た求人 (ADR 0087) -------------------------------------------------------------------------------------


@seeker_required
def recent_views(request: HttpRequest) -> HttpResponse:
    items = selectors.recent_views_of(user=request.user)
    return render(
        request,
        "seekers/recent_views.html",
        {
            "items": items,
            "recording": selectors.recent_views_recording(user=request.user),
            "retention": recent_views_retention(),
        },
    )


@seeker_required
@require_POST
def recent_view_delete(request: HttpRequest, posting_id: int) -> HttpResponse:
    # Found by this person and the posting: another person's entry is never reached, whatever the URL says.
    if services.recent_view_delete(user=request.user, posting_id=posting_id):
        messages.info(request, "閲覧履歴から1件削除しました。")
    return redirect("seekers:recent_views")


@seeker_required
@require_POST
def recent_views_clear(request: HttpRequest) -> HttpResponse:
    services.recent_views_clear(user=request.user)
    messages.info(request, "閲覧履歴をすべて削除しました。")
    return redirect("seekers:recent_views")


@seeker_required
@require_POST
def recent_views_setting(request: HttpRequest) -> HttpResponse:
    choice = request.POST.get("recording")
    if choice not in ("on", "off"):
        messages.error(request, "設定の値が正しくありません。「残す」か「残さない」を選んでください。")
        return redirect("seekers:recent_views")
    services.recent_views_set_recording(user=request.user, on=choice == "on")
    if choice == "on":
        messages.success(request, "これから見る求人を「最近見た求人」に残します。")
    else:
        messages.success(request, "閲覧履歴を残さない設定にし、これまでの履歴を削除しました。")
    return redirect("seekers:recent_views")
