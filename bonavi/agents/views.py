"""Pages of the agent workbench (thin: parse, call a service or selector, render)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bonavi.core import clock
from bonavi.core.clock import date_ja, day_ja, today_jst
from bonavi.core.downloads import attachment
from bonavi.core.forms import add_errors, errors_to_messages, one_focus
from bonavi.core.interview_form import InterviewForm
from bonavi.documents.comments import review_fields
from bonavi.documents.models import DocumentComment
from bonavi.documents.selectors import versions_of
from bonavi.jobs.models import JobPosting
from bonavi.seekers.names import person_name
from bonavi.seekers.selectors import applied_posting_ids

from . import books, disclosures, invitations, selectors, services
from .fees import fee_rule
from .forms import (
    TERM_FIXED,
    TERM_OPEN,
    AnswerForm,
    ApplyForm,
    CandidateSearchForm,
    CommentForm,
    ComplaintForm,
    ComplaintProgressForm,
    ContactWishesForm,
    DeclineSelectionForm,
    EmployerMoveForm,
    ExitForm,
    FeeForm,
    FollowUpForm,
    HearingForm,
    IntakeForm,
    InterviewPrepForm,
    LateReplyForm,
    OfferAnswerForm,
    PlacementForm,
    ProposeForm,
    PublicOrderForm,
    ReferForm,
    ReferralInterviewAnswerForm,
    ReplyCorrectionForm,
    ReportYearForm,
    ResolveForm,
    SelectionForm,
    ShareForm,
    StaffForm,
    StageMoveForm,
    TrainingForm,
    hearing_form_for,
    withdraw_form,
)
from .interviews import (
    URL_SEEN_BY,
    URL_SEEN_BY_STAFF,
    after_held,
    answer_readers,
    answer_refusal,
    card_line,
    current_interview,
    row_line,
)
from .matching import grow_said_once, jobs_for_candidate
from .models import (
    INTERVIEW_STAGES,
    OPEN_STAGES,
    Candidate,
    CandidateStatus,
    Complaint,
    JobOrder,
    JobOrderStatus,
    Office,
    ProposalStatus,
    Referral,
    Staff,
    Stage,
    StageEvent,
)
from .offer import offer_defaults
from .snapshot import conditions_snapshot, snapshot_rows


def _staff(request: HttpRequest) -> Any:
    staff = selectors.staff_of(request.user)
    if staff is None:
        raise PermissionDenied("職業紹介事業者のスタッフとしてログインしてください。")
    return staff


def _posted_pk(request: HttpRequest, name: str) -> int:
    """An id from a form's <select> or hidden field; anything but digits (a tampered form) matches nothing."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _candidate_card_url(request: HttpRequest, pk: int, kind: str) -> str:
    """Where a POST address of the candidate page leads a GET back to: her page at the card the form was on —
    `kind` "propose" (pk: the candidate), "proposal" or "referral" — each read through the selector that lets this
    member of staff post there (the 404 of one that does not exist for them)."""
    if kind == "propose":
        candidate, _ = _candidate_for(request, _staff(request), pk)
        return reverse("agents:candidate", args=[candidate.pk]) + "#propose"
    if kind == "proposal":
        proposal = selectors.proposals_for_staff(request.user).filter(pk=pk).first()
        if proposal is None:
            raise Http404("提案が見つかりません")
        return reverse("agents:candidate", args=[proposal.candidate_id]) + f"#p{proposal.pk}"
    referral = selectors.referrals_for_staff(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404("推薦が見つかりません")
    return reverse("agents:candidate", args=[referral.proposal.candidate_id]) + f"#p{referral.proposal_id}"


View = Callable[[HttpRequest, int], HttpResponse]


def post_or_back(url_of: Callable[[HttpRequest, int], str]) -> Callable[[View], View]:
    """For a POST address whose refusal answers with the page the form is on (what was typed or ticked kept, the
    reasons beside the fields): that address stays in the bar, and reopening it (a reload, the address bar, a tab
    restored) sent a GET that was answered 405 「ボタンから操作してください」. A GET or HEAD now leads back to the
    form's page, `url_of(request, pk)` — which reads the object as the POST would, so whoever may not post there
    gets that refusal (404, 403) instead (ADR 0125); other methods are still refused."""

    def wrap(view: View) -> View:
        @wraps(view)
        def inner(request: HttpRequest, pk: int) -> HttpResponse:
            if request.method in ("GET", "HEAD"):
                return redirect(url_of(request, pk))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, pk)

        return inner

    return wrap


def post_or_back_to_candidate(kind: str) -> Callable[[View], View]:
    """`post_or_back` to her page at the card the form is on (`_candidate_card_url`'s `kind`)."""
    return post_or_back(lambda request, pk: _candidate_card_url(request, pk, kind))


# Public ---------------------------------------------------------------------------------------------------------


def agency_public(request: HttpRequest, slug: str) -> HttpResponse:
    agency = selectors.agency_by_slug(slug)
    if agency is None:
        raise Http404("職業紹介事業者が見つかりません")
    # ?invite=: an adviser's invitation link (ADR 0104). The same page and the same consent; a link that is no
    # longer good says why on a page of its own instead.
    token = request.GET.get("invite", "")
    link = invitations.invitation_link(token, slug=slug) if token else None
    if link is not None and not link.usable:
        return _invitation_gone(request, agency, link)
    # Bound on any POST: an unticked box posts nothing else, and `request.POST or None` left that form unbound.
    form = ApplyForm(request.POST if request.method == "POST" else None)
    refused = False  # by the service, its reason said as a message (the form itself was good)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?{urlencode({'next': request.get_full_path()})}")
        if form.is_valid():
            # A second press (or a bookmark) must not claim a new 申込み: say they are registered already, and
            # whether the consent just given replaced an earlier text (the version she agreed to before).
            earlier = (
                selectors.registrations_of(request.user)
                .filter(agency=agency)
                .exclude(status=CandidateStatus.WITHDRAWN)
                .values_list("consent_version", flat=True)
                .first()
            )
            try:
                if link is not None:
                    candidate = invitations.invitation_register(
                        user=request.user, slug=slug, token=token, consent=True
                    )
                else:
                    candidate = services.candidate_apply(user=request.user, agency_slug=slug, consent=True)
            except services.AgentError as exc:
                if "invite" in exc.errors:  # used or cancelled between showing the page and pressing
                    return _invitation_gone(request, agency, invitations.invitation_link(token, slug=slug))
                errors_to_messages(request, exc.errors)
                refused = True
            else:
                if earlier is not None and earlier != candidate.consent_version:
                    messages.success(
                        request,
                        f"{agency.name}には既に登録しています。利用目的への同意を、いま表示した内容"
                        f"（版 {candidate.consent_version}）に更新しました。",
                    )
                elif earlier is not None:
                    messages.info(
                        request, f"{agency.name}には既に登録しています。提案や連絡はこちらで確認できます。"
                    )
                else:
                    messages.success(
                        request, "求職の申込みを受け付けました。担当者からヒアリングのご連絡をします。"
                    )
                return redirect("agents:my_proposals")
    return _agency_page(
        request,
        agency,
        form=form,
        invitation=link.invitation if link else None,
        # The box left unticked: said beside it (the form has novalidate); refused by the service: said at the top.
        # Either is answered as every refused form is.
        status=422 if refused or (form.is_bound and form.errors) else 200,
    )


def _invitation_gone(request: HttpRequest, agency: Any, link: invitations.InvitationLink) -> HttpResponse:
    """A used, expired, cancelled or altered invitation link: said plainly, with the way to apply without it."""
    return render(
        request,
        "agents/invitation_gone.html",
        {"agency": agency, "state": link.state, "message": link.message},
        status=404 if link.state == invitations.INVALID else 410,
    )


def _agency_page(
    request: HttpRequest,
    agency: Any,
    *,
    form: ApplyForm | None = None,
    complaint_form: ComplaintForm | None = None,
    status: int = 200,
    invitation: Any = None,
) -> HttpResponse:
    figures = books.disclosure_figures(agency=agency, fiscal_year=books.published_fiscal_year(today_jst()))
    return render(
        request,
        "agents/agency_public.html",
        {
            "agency": agency,
            "form": form or ApplyForm(),
            "purposes": services.CONSENT_PURPOSES,
            # The version she agrees to, named by the day its text took effect (ADR 0125).
            "consent_version": services.CONSENT_VERSION,
            "consent_effective_on": services.CONSENT_EFFECTIVE_ON,
            "figures": figures,
            "complaint_form": complaint_form
            or ComplaintForm(offices=agency.offices.all(), initial=_complainant(request.user, agency)),
            "offices": agency.offices.all(),
            "invitation": invitation,
            "here": request.get_full_path(),
        },
        status=status,
    )


def _complainant(user: Any, agency: Any) -> dict[str, Any]:
    """A signed-in seeker's name and address for the complaint form, so they need not type what BOナビ knows (the
    receipt goes to that address anyway); nothing for anyone else (staff of some company complain as themselves).
    Registered with this agency, the name she registered under when her profile has none, and her office."""
    if not getattr(user, "is_seeker", False):
        return {}
    registration = agency.candidates.filter(user=user).first()
    name = person_name(user) or (registration.display_name if registration is not None else "")
    initial: dict[str, Any] = {"from_name": name, "contact": user.email}
    if registration is not None:
        initial["office"] = registration.office_id
    return initial


def _complaint_received(request: HttpRequest, complaint: Complaint) -> str:
    """The confirmation: how the answer will come, and whether a receipt was mailed and where — or why not, so
    nobody with a phone-only contact (or past the mail cap) waits for a mail that is not coming."""
    address = services.complaint_ack_address(user=request.user, contact=complaint.contact)
    if complaint.acknowledged:
        receipt = f"受付の確認メールを{address}へお送りしました。"
    elif not address:
        receipt = "連絡先が電話番号のため、受付の確認メールはお送りしていません。"
    else:
        receipt = "このメールアドレスへの送信が短時間に続いたため、受付の確認メールはお送りしていません。"
    # Signed in, she can follow it on BOナビ too (selectors.complaints_of_complainant): said where. Only to its
    # filer: a repeat sent signed out is answered with the complaint already received, which may be hers.
    mine = complaint.from_user_id is not None and complaint.from_user_id == getattr(request.user, "pk", None)
    registered = complaint.candidate is not None and complaint.candidate.user_id == complaint.from_user_id
    if mine and registered:
        receipt += "対応の状況と職業紹介責任者からの回答は、この紹介会社のあなたの登録ページ（「あなたの苦情の申出と回答」）で確認できます。"
    elif mine:
        receipt += "対応の状況と職業紹介責任者からの回答は、マイデータで確認できます。"
    return f"苦情の申出を受け付けました。{services.complaint_reply_channel(complaint.contact)}{receipt}"


@require_POST
def agency_complaint(request: HttpRequest, slug: str) -> HttpResponse:
    agency = selectors.agency_by_slug(slug)
    if agency is None:
        raise Http404("職業紹介事業者が見つかりません")
    # Sent from the person's own page with this agency (/me/agency/<pk>/): that is where they go back to, refused
    # or not. Only their own registration with this agency counts, so `next` cannot send anyone elsewhere.
    back = re.fullmatch(r"/me/agency/(\d+)/", request.POST.get("next", ""))
    registration = selectors.registration_of(request.user, int(back.group(1))) if back else None
    if registration is not None and registration.agency_id != agency.pk:
        registration = None
    form = ComplaintForm(request.POST, offices=agency.offices.all())
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            complaint = services.complaint_file(
                user=request.user, agency_slug=slug, office_id=data.pop("office", None), **data
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(request, _complaint_received(request, complaint))
            if registration is not None:
                return redirect("agents:my_agency", pk=registration.pk)
            return redirect("agents:agency_public", slug=slug)
    # Refused: the form comes back filled in, each error once, beside its field (a missing name, a complaint over
    # 4,000 characters …), so a long complaint is not lost to a redirect. The form sits low on a long page: the
    # first field in error takes the focus, so the browser scrolls to it and a screen reader reads its error.
    if registration is not None:
        return _my_agency_page(request, registration, complaint_form=form, status=422)
    return _agency_page(request, agency, complaint_form=form, status=422)


# Staff ----------------------------------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The workbench home: 「今日やること」 first (ADR 0110), then her candidates (searched, filtered, paged by GET,
    so the list works without JS and a search can be bookmarked), the job orders and the office's books."""
    staff = _staff(request)
    search = CandidateSearchForm(request.GET)
    found = (
        selectors.candidates_search(
            staff, text=search.cleaned_data["q"], status=search.cleaned_data["status"]
        )
        if search.is_valid()
        else selectors.candidates_of(staff).none()  # the reason is said beside the field
    )
    # get_page: a page number that is not one (「２」, 「-1」) is the first page, one past the end the last.
    page = Paginator(found, selectors.CANDIDATE_PAGE_SIZE).get_page(request.GET.get("page"))
    now = clock.now()  # one clock for the lists and the day they are judged against
    day = clock.date_jst(now)
    return render(
        request,
        "agents/dashboard.html",
        {
            "staff": staff,
            "today": selectors.today_for_staff(staff, now=now),
            "day": day,
            "waiting": selectors.applications_waiting(request.user),
            "search": search,
            "searching": bool(request.GET.get("q") or request.GET.get("status")),
            "page": page,
            # Each with whether it is over (終了): an accepted order past its 有効期間 (JobOrder.has_lapsed).
            "orders": [
                (o, o.has_lapsed(day))
                for o in JobOrder.objects.filter(agency=staff.agency)
                .select_related("employer")
                .order_by("-created_at")[:20]
            ],
            "offices": staff.agency.offices.all() if staff.is_responsible else [],
            # The 規程 the public page must show and does not yet (an agency onboarded before they were asked for).
            "rules_missing": disclosures.rules_missing(staff.agency) if staff.is_responsible else [],
            "staffing": selectors.offices_staffing(request.user),
        },
    )


@login_required
def offices(request: HttpRequest) -> HttpResponse:
    """事業所とスタッフ (for the 職業紹介責任者): the 50:1 check per office, adding people and changing roles.
    A refused form comes back in its place (the add section, that person's card, that office's 従業者教育) with
    what was typed and each reason said once, beside its field, the first one focused."""
    staff = _responsible(request, "事業所とスタッフの管理は職業紹介責任者が行います。")
    office_qs = staff.agency.offices.order_by("pk")
    # One read of the offices and their staff for the page and the POST alike: who is "in post" (the training's
    # attendees to choose from) and the offices a form offers are what the page shows, not a second query's idea.
    staffing = selectors.offices_staffing(request.user)
    office_choices = [(o.office.pk, str(o.office)) for o in staffing]
    action = request.POST.get("action", "") if request.method == "POST" else ""
    add_form = StaffForm(
        request.POST if action == "add" else None,
        offices=office_qs,
        office_choices=office_choices,
        initial={"is_career_adviser": True, "active": True},
        prefix="add",
    )
    refused: tuple[str, int, SelectionForm] | None = (
        None  # ("update", staff pk | "training", office pk, form)
    )
    if request.method == "POST":
        if action == "training":
            at = next((o for o in staffing if o.office.pk == _posted_pk(request, "office")), None)
            if at is None:
                raise Http404("事業所が見つかりません")
            form: SelectionForm = TrainingForm(
                request.POST, staff=[(s.pk, str(s)) for s in at.staff], auto_id=f"t{at.office.pk}_%s"
            )
            done = _training_record(request, at.office, form)
            refused = ("training", at.office.pk, form)
        elif action == "add":
            form = add_form
            done = _staff_add(request, form)
        else:
            member = Staff.objects.filter(pk=_posted_pk(request, "staff"), agency=staff.agency).first()
            if member is None:
                raise Http404("スタッフが見つかりません")
            form = StaffForm(
                request.POST, offices=office_qs, office_choices=office_choices, prefix=f"s{member.pk}"
            )
            done = _staff_update(request, member, form)
            refused = ("update", member.pk, form)
        if done:
            return redirect("agents:offices")
    sections = []
    for o in staffing:
        rows = []
        for member in [*o.staff, *o.inactive]:
            if refused is not None and refused[:2] == ("update", member.pk):
                rows.append((member, refused[2]))
                continue
            rows.append(
                (
                    member,
                    StaffForm(
                        offices=office_qs,
                        office_choices=office_choices,
                        prefix=f"s{member.pk}",
                        initial={
                            "office": member.office_id,
                            "is_career_adviser": member.is_career_adviser,
                            "is_recruiting_adviser": member.is_recruiting_adviser,
                            "is_responsible": member.is_responsible,
                            "responsible_training_on": member.responsible_training_on,
                            "active": member.user.is_active,
                        },
                    ),
                )
            )
        if refused is not None and refused[:2] == ("training", o.office.pk):
            training = refused[2]
        else:
            training = TrainingForm(staff=[(s.pk, str(s)) for s in o.staff], auto_id=f"t{o.office.pk}_%s")
        sections.append((o, rows, training))
    return render(
        request,
        "agents/offices.html",
        {"staff": staff, "sections": sections, "add_form": add_form},
        status=422 if request.method == "POST" else 200,
    )


def _submit(
    request: HttpRequest, form: SelectionForm, write: Callable[[dict[str, Any]], object], done: str
) -> bool:
    """One form of the offices page: checked, written by `write` (a service call on the cleaned data), its
    refusal said beside the fields, its success said once. True when written."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except services.AgentError as exc:
        add_errors(form, exc.errors)
        return False
    messages.success(request, done)
    return True


def _training_record(request: HttpRequest, office: Any, form: SelectionForm) -> bool:
    return _submit(
        request,
        form,
        lambda d: services.training_record(
            user=request.user,
            office=office,
            held_on=d["held_on"],
            topic=d["topic"],
            attendee_ids=d["attendees"],
        ),
        "従業者教育を記録しました。",
    )


def _staff_add(request: HttpRequest, form: SelectionForm) -> bool:
    return _submit(
        request,
        form,
        lambda d: services.staff_add(
            user=request.user,
            office=d["office"],
            email=d.get("email") or "",
            display_name=d.get("display_name") or "",
            is_career_adviser=d["is_career_adviser"],
            is_recruiting_adviser=d["is_recruiting_adviser"],
            is_responsible=d["is_responsible"],
            responsible_training_on=d.get("responsible_training_on"),
        ),
        "スタッフを登録しました。本人にパスワード設定の案内を送りました。",
    )


def _staff_update(request: HttpRequest, member: Staff, form: SelectionForm) -> bool:
    return _submit(
        request,
        form,
        lambda d: services.staff_update(
            user=request.user,
            staff=member,
            office=d["office"],
            is_career_adviser=d["is_career_adviser"],
            is_recruiting_adviser=d["is_recruiting_adviser"],
            is_responsible=d["is_responsible"],
            responsible_training_on=d.get("responsible_training_on"),
            active=d["active"],
        ),
        f"{member}さんの所属・役割を更新しました。",
    )


def _candidate_for(request: HttpRequest, staff: Any, pk: int) -> tuple[Candidate, bool]:
    """The candidate, and whether `staff` may see her data (her adviser or the 責任者: `selectors.candidates_of`),
    so the page does not ask that again for her contact details and shared documents."""
    candidate = selectors.candidates_of(staff).filter(pk=pk).first()
    if candidate is not None:
        return candidate, True
    # An application not yet heard may be opened by any staff of that office to do the hearing.
    candidate = selectors.applications_waiting(request.user).filter(pk=pk).first()
    if candidate is None:
        raise Http404("求職者が見つかりません")
    return candidate, False


@login_required
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    staff = _staff(request)
    candidate, visible = _candidate_for(request, staff, pk)
    sheet = getattr(candidate, "hearing", None)
    form = HearingForm(request.POST, instance=sheet) if request.method == "POST" else None
    if form is not None and form.is_valid():
        try:
            services.hearing_save(user=request.user, candidate=candidate, data=form.payload())
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(request, "ヒアリングシートを保存しました。")
            return redirect("agents:candidate", pk=candidate.pk)
    return _candidate_page(request, staff, candidate, visible=visible, form=form)


# The forms of a selection's card on the candidate page, by the `action` each posts. Every card has its own ids
# (auto_id r<pk>_…), so a refused form's field and its message are tied to the right card.
CARD_FORMS: dict[str, type[SelectionForm]] = {
    "move": StageMoveForm,
    "place": PlacementForm,
    "exit": ExitForm,
    "followup": FollowUpForm,
    "fee": FeeForm,
    "prep": InterviewPrepForm,
}


def _card_forms(
    referral: Referral,
    refused: tuple[str, int, BaseForm] | None,
    order: JobOrder | None,
    *,
    fee_limit: str,
) -> dict[str, BaseForm]:
    forms: dict[str, BaseForm] = {}
    for action in CARD_FORMS:
        if refused is not None and refused[:2] == (action, referral.pk):
            forms[action] = refused[2]
        else:
            forms[action] = _card_form(action, referral, order=order, fee_limit=fee_limit)
    return forms


def _card_form(
    action: str, referral: Referral, data: Any = None, *, order: JobOrder | None = None, fee_limit: str = ""
) -> BaseForm:
    """One card form of `referral`, empty or bound to `data`; the 選考状況 one offers only the steps the agency may
    record from its stage now (none pre-selected: a default there was a step nobody chose). `order`: the order the
    推薦 went through, whose 国外 and 紹介予定派遣 the empty 入社 form starts from. `fee_limit`: the agency's fee rule
    in one line, said under the 就職 form's fee (fees.FeeRule.summary)."""
    auto_id = f"r{referral.pk}_%s"
    if action == "move":
        # With 内定 among the steps, its terms start from the posting's own, as on the employer's page (ADR 0112):
        # an offer on them needs only the 入社予定日.
        return StageMoveForm(
            data,
            auto_id=auto_id,
            moves=services.staff_next_stages(referral.stage),
            untold=services.offer_changes_untold(referral),
            initial=offer_defaults(referral.proposal.posting) if data is None else None,
        )
    initial: dict[str, Any] | None = None
    if data is None and action == "prep":
        initial = {"interview_prep": referral.interview_prep}
    elif data is None and action == "place":
        terms = services.placement_defaults(referral, order)
        initial = {
            "joined_on": _joined_on_start(referral),
            "term": TERM_OPEN if terms.term.open_ended else TERM_FIXED,
            "contract_months": terms.term.contract_months,
            "contract_days": terms.term.contract_days,
            "overseas": terms.overseas,
            "planned_dispatch": terms.planned_dispatch,
        }
    if action == "place":
        return PlacementForm(data, auto_id=auto_id, initial=initial, fee_rule=fee_limit)
    return CARD_FORMS[action](data, auto_id=auto_id, initial=initial)


def _joined_on_start(referral: Referral) -> dt.date | None:
    """The day a 入社 form starts from: the 入社日 given with the company's move to 入社, else the 入社予定日 of
    its 内定 (ADR 0112) — the day she was offered, which usually holds."""
    if referral.joined_on:
        return referral.joined_on
    start_on = (referral.offer_terms or {}).get("start_on")
    return dt.date.fromisoformat(start_on) if start_on else None


def _job_url(posting: JobPosting) -> str:
    """Where the adviser reads a job before proposing it: its public page while it is public and live, else the
    workbench's page of it (a 非公開求人, or one closed since it was proposed), read through the staff selector."""
    if posting.is_public_now:
        return reverse("jobs:detail", args=[posting.pk])
    return reverse("agents:job", args=[posting.pk])


def _event_by(event: StageEvent, candidate: Candidate) -> str:
    """Who recorded a step of a 推薦, as the adviser needs to know it: the company, the candidate, or a colleague."""
    actor = event.actor
    if actor is None:
        return "システム"
    if actor.pk == candidate.user_id:
        return "ご本人"
    if getattr(actor, "is_employer", False):
        return "求人企業"
    return actor.display_name or actor.email


def _candidate_page(
    request: HttpRequest,
    staff: Any,
    candidate: Candidate,
    *,
    visible: bool,
    form: HearingForm | None = None,
    refused: tuple[str, int, BaseForm] | None = None,
) -> HttpResponse:
    """The candidate page; `visible` says `staff` read her through `selectors.candidates_of` (else she is an
    application opened for the hearing); `refused` is one of its forms that was refused — (its action, the object's
    pk, the bound form) — shown again in its place with what was typed and the reasons beside the fields."""
    sheet = getattr(candidate, "hearing", None)
    listed = candidate.status == CandidateStatus.ACTIVE and sheet is not None
    # Her saved 棚卸し, read with the hearing by matching (ADR 0141) and named above the list: read once for both.
    evidence = selectors.career_evidence(candidate) if listed else None
    matches = jobs_for_candidate(staff, candidate, evidence=evidence) if listed else []
    proposals = list(
        candidate.proposals.select_related("posting__organization", "referral__placement__follow_up")
        # Each 推薦's history with its notes (the seeker sees it; the adviser saw only the stage now).
        .prefetch_related(
            Prefetch("referral__events", queryset=StageEvent.objects.select_related("actor")),
            "referral__interviews",  # current_interview picks its stage's from these: no query per card
        )
        .order_by("-created_at")
    )
    proposed_ids = {p.posting_id for p in proposals}
    # Jobs she applied to directly, when her consent lets her advisers know it (ADR 0141): marked and not tickable,
    # folded with those proposed already. Without that consent nothing is marked; the proposal itself is refused.
    applied_ids = selectors.direct_applications_known(candidate, [p.pk for p, _ in matches])
    done_ids = proposed_ids | applied_ids
    ordered_ids = selectors.ordered_posting_ids(staff.agency)
    # At 390 px the jobs that can be recommended (an order in force, ADR 0111) come first, then those proposed as
    # information only (「求人受理なし」), then those proposed already (their box disabled); within each, the match's
    # own rank (a stable sort). The jobs without an order ranked above them and pushed them down the page.
    matches = sorted(matches, key=lambda m: (m[0].pk in done_ids, m[0].pk not in ordered_ids))
    # 「伸ばすスキル」 said once above the list when every card said the same (it is about her evidence).
    matches, grow = grow_said_once(matches)
    # Only those she can be recommended to and was not proposed yet are listed open; the rest (求人受理なし, 提案済み)
    # fold under one summary with their count: at 390 px twenty cards made the page 14,000 px tall (ADR 0125, s15).
    # The sort put them first, so the fold holds the tail.
    first = [m for m in matches if m[0].pk in ordered_ids and m[0].pk not in done_ids]
    more = matches[len(first) :]
    fee_limit = fee_rule(staff.agency).summary
    # The order each 推薦 went through, in one query for all the cards: the 入社 form starts from its 国外 and
    # 紹介予定派遣 (ADR 0115).
    orders = selectors.orders_of_referrals(
        [r for p in proposals if (r := getattr(p, "referral", None)) is not None],
        agency_id=candidate.agency_id,
    )
    for posting in [*(p for p, _ in matches), *(p.posting for p in proposals)]:
        setattr(posting, "staff_url", _job_url(posting))  # noqa: B010 (for the template; not a model field)
    for proposal in proposals:  # a refused form is shown again in its own card, the others empty
        referral = getattr(proposal, "referral", None)
        # Attributes for the template only: the ids of the card's fields and messages start with card_id.
        setattr(proposal, "card_id", f"p{proposal.pk}")  # noqa: B010 (not a model field; mypy would refuse it)
        if referral is not None:
            referral.history = [(e, _event_by(e, candidate)) for e in referral.events.all()]
            referral.card_id = f"r{referral.pk}"
            referral.forms = _card_forms(referral, refused, orders.get(referral.pk), fee_limit=fee_limit)
            referral.refused_form = next((f for f in referral.forms.values() if f.is_bound), None)
            # 日程調整 (ADR 0105): at an interview stage the card shows the date and the form that sets it.
            referral.interview = current_interview(referral)
            referral.held_before = card_line(referral, referral.interview)  # a called-off 再面接 (ADR 0136)
            if referral.stage in INTERVIEW_STAGES:
                referral.employer_reachable = selectors.employer_reachable(proposal.posting)
                referral.after_held = after_held(referral.stage)
                referral.schedule = (
                    refused[2]
                    if refused is not None and refused[:2] == ("interview", referral.pk)
                    else InterviewForm(
                        prefix="sched",
                        auto_id=f"r{referral.pk}_%s",
                        interview=referral.interview,
                        seen_by=URL_SEEN_BY_STAFF,
                    )
                )
        elif refused is not None and refused[:2] == ("refer", proposal.pk):
            setattr(proposal, "refer_form", refused[2])  # noqa: B010
        else:
            setattr(proposal, "refer_form", ReferForm(auto_id=f"p{proposal.pk}_%s"))  # noqa: B010
    propose_form = (
        refused[2]
        if refused is not None and refused[0] == "propose"
        else ProposeForm(
            auto_id="propose_%s",
            # Her own BOナビ request, when there is one, is offered as the 申出 (ADR 0113): nothing to type.
            initial={"request_channel": "bonavi"} if candidate.job_request_at else {},
        )
    )
    # Her contact details only on request (「連絡先を表示」: ?contact=show), for those who may see them (ADR 0125):
    # shown on every visit, each visit logged 「連絡先（…）を閲覧」 and her trail filled with them. Every showing is
    # in her audit trail, one line with the page's own view; a refused form's page shows them no more.
    may_see_contact = visible and candidate.user_id is not None
    asked = request.method == "GET" and request.GET.get("contact") == "show"
    contact = selectors.candidate_contact(candidate, visible=visible) if asked else None
    if request.method == "GET":  # not a HEAD: nothing was shown to anyone
        seen = "プロフィール・ヒアリングシート" + (f"・連絡先（{contact.shown}）" if contact else "")
        services.candidate_viewed(user=request.user, candidate=candidate, what=seen)
    # Her audit trail (記録), read after this visit is logged, as she will read it: for her advisers and the
    # 責任者 only (None for a colleague opening her application); ?record=important leaves the views out.
    record_important = request.GET.get("record") == "important"
    # Whom she is assigned to (the hearing assigns its adviser; an invitation its inviter, ADR 0104): read once, for
    # the page's 担当 and for naming them in her 記録.
    advisers = list(candidate.advisers.select_related("user"))
    audit = selectors.candidate_audit_lines(
        staff,
        candidate,
        visible=visible,
        important_only=record_important,
        advisers={a.pk for a in advisers},
    )
    # A refused hearing (`form` bound and in error) is answered 422 like every other refused form of the page.
    status = 422 if refused is not None or (form is not None and form.is_bound and form.errors) else 200
    return render(
        request,
        "agents/candidate.html",
        {
            "candidate": candidate,
            "contact": contact,
            "may_see_contact": may_see_contact,
            "audit": audit,
            "record_important": record_important,
            "advisers": advisers,
            "staff": staff,
            "form": form or hearing_form_for(candidate, sheet),
            # Her saved 棚卸し read with the hearing by matching (ADR 0141): the list says so, and from which day.
            "career_evidence": evidence if matches else None,
            "matches": matches,
            "matches_first": first,
            "matches_more": more,
            "more_proposed": sum(1 for p, _ in more if p.pk in proposed_ids),
            "more_applied": sum(1 for p, _ in more if p.pk in applied_ids and p.pk not in proposed_ids),
            "applied_ids": applied_ids,
            # Open when nothing is listed above it, or a refused form comes back with a box ticked inside it.
            "more_open": not first or bool(propose_form.ticked & {p.pk for p, _ in more}),  # type: ignore[attr-defined]
            "grow": grow,
            "proposals": proposals,
            "proposed_ids": proposed_ids,
            # The jobs this agency may recommend to (its orders in force); the others are labelled (ADR 0111).
            "ordered_ids": ordered_ids,
            "no_order_label": services.NO_ORDER_LABEL,
            "propose_form": propose_form,
            "lock": services.placement_lock_until(candidate),
            "today": today_jst(),  # the 6か月定着確認 is answered from its due day
            "shared": selectors.shared_versions(request.user, candidate, visible=visible),
            "open_stages": [str(x) for x in OPEN_STAGES],
        },
        status=status,
    )


@login_required
def candidate_document(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    """添削: a document the candidate shared, field by field, with the comments so far and a form per field."""
    _staff(request)
    candidate = selectors.candidate_for_staff(request.user, pk)
    if candidate is None:
        raise Http404("求職者が見つかりません")
    version = selectors.shared_version_for_staff(request.user, candidate, version_id)
    if version is None:
        raise Http404("添削を依頼された書類が見つかりません")
    fields = review_fields(version.data)
    # One form per field, each with ids of its own; a refused one takes its field's place below.
    comment_forms = {f.path: CommentForm(path=f.path, about=f.label) for f in fields}
    status = 200
    if request.method == "POST":
        about = next((f for f in fields if f.path == request.POST.get("path")), None)
        form = CommentForm(request.POST, path=about.path if about else "", about=about.label if about else "")
        if form.is_valid():
            try:
                services.document_comment(
                    user=request.user, candidate=candidate, version_id=version.pk, **form.cleaned_data
                )
            except services.AgentError as exc:
                add_errors(form, exc.errors)
            else:
                messages.success(
                    request, "コメントを送りました。求職者の編集画面で、その項目の下に表示されます。"
                )
                return redirect("agents:candidate_document", pk=pk, version_id=version.pk)
        # Refused: answered at once with the comment in its field's form, open, the reason beside it and focused,
        # to be fixed rather than retyped. With no field to show it under (a field gone from the document), the
        # reasons are said at the top.
        if about is None:  # (an ErrorList yields its messages as str)
            errors_to_messages(request, cast("dict[str, list[str]]", form.errors))
        else:
            comment_forms[about.path] = form
        status = 422
    else:
        services.document_review_viewed(user=request.user, candidate=candidate, version=version)
    comments: dict[str, list[Any]] = {}
    for c in DocumentComment.objects.filter(version=version):
        comments.setdefault(c.path, []).append(c)
    groups: list[tuple[str, list[tuple[Any, list[Any], CommentForm]]]] = []
    for f in fields:
        if not groups or groups[-1][0] != f.group:
            groups.append((f.group, []))
        groups[-1][1].append((f, comments.get(f.path, []), comment_forms[f.path]))
    return render(
        request,
        "agents/document_review.html",
        {"candidate": candidate, "version": version, "groups": groups},
        status=status,
    )


@login_required
def staff_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A job as the adviser may read it before proposing it or while a selection runs: a live posting (public, or
    the agency's own 非公開求人), or one already proposed to a candidate they may see; and, read-only, any job the
    agency took an order for, the order ended or not (the dashboard's 求人受理 list links every one, ADR 0125)."""
    return _staff_job_page(request, _staff(request), pk)


def _order_state(order: JobOrder, today: dt.date) -> str:
    """An order as the job page's 求人受理の記録 says it: an accepted order past its 有効期間 is over (終了)."""
    if order.has_lapsed(today):
        return "終了（有効期間が過ぎました）"
    if order.status == JobOrderStatus.ACCEPTED:
        return "受理（有効）"
    return order.get_status_display()


def _staff_job_page(
    request: HttpRequest, staff: Any, pk: int, *, order_form: PublicOrderForm | None = None
) -> HttpResponse:
    posting = selectors.posting_for_staff(staff, pk)
    if posting is None:
        raise Http404("求人が見つかりません")
    today = today_jst()
    records = [(o, _order_state(o, today)) for o in selectors.orders_of_posting(staff, posting)]
    # The order in force is among those listed (orders_in_force: accepted, unexpired; at most one per job): no
    # second query for it.
    order = next(
        (o for o, _ in records if o.status == JobOrderStatus.ACCEPTED and not o.has_lapsed(today)), None
    )
    # With none in force, the order that ended (expired or closed): the page says 終了 and what it was.
    ended = (
        None
        if order is not None
        else next((o for o, _ in records if o.status != JobOrderStatus.REFUSED), None)
    )
    # An ended order's job that is not public now is read only: no order can be taken for it here (a 非公開求人 is
    # taken again through 「求人受理」), so the form and its refusal are left out.
    may_take = (staff.is_recruiting_adviser or staff.is_responsible) and (
        ended is None or posting.is_public_now
    )
    return render(
        request,
        "agents/job.html",
        {
            "posting": posting,
            "is_own_order": posting.own_order,  # type: ignore[attr-defined]  # annotated by the selector
            "closed": not posting.live,  # type: ignore[attr-defined]
            "rows": snapshot_rows(conditions_snapshot(posting)),
            "public_url": reverse("jobs:detail", args=[posting.pk]) if posting.is_public_now else "",
            "order": order,
            "ended_order": ended,
            "order_records": records,
            "no_order_label": services.NO_ORDER_LABEL,
            # The RA or 責任者 records the company's 申込み for its public posting here (ADR 0111).
            "order_problem": services.public_order_problems(agency=staff.agency, posting=posting)
            if may_take and order is None
            else "",
            "order_form": order_form or PublicOrderForm(auto_id="order_%s")
            if may_take and order is None
            else None,
        },
        status=422 if order_form is not None else 200,
    )


def _public_order_back(request: HttpRequest, pk: int) -> str:
    """The job page a 求人受理 form is on, for whoever may read it."""
    if selectors.posting_for_staff(_staff(request), pk) is None:
        raise Http404("求人が見つかりません")
    return reverse("agents:job", args=[pk]) + "#public-order"


@login_required
@post_or_back(_public_order_back)
def public_order(request: HttpRequest, pk: int) -> HttpResponse:
    """求人受理 of a public posting: the company's 申込み for it, so this agency may recommend candidates to it."""
    staff = _staff(request)
    form = PublicOrderForm(request.POST, auto_id="order_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            order = services.public_job_order_intake(
                user=request.user,
                posting_id=pk,
                self_declaration=d["self_declaration"],
                openings=d["openings"],
                contact_person=d["contact_person"],
                overseas=d["overseas"],
                planned_dispatch=d["planned_dispatch"],
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            if order.status == JobOrderStatus.ACCEPTED:
                messages.success(
                    request,
                    f"求人「{order.title}」の申込みを受理しました（有効期限 {date_ja(order.valid_until)}まで）。"
                    "この求人に推薦できます。",
                )
                return redirect("agents:job", pk=pk)
            for reason in order.refusal_reasons:
                form.add_error(None, f"不受理として記録しました：{reason}")
    return _staff_job_page(request, staff, pk, order_form=form)


@login_required
@post_or_back_to_candidate("propose")
def candidate_propose(request: HttpRequest, pk: int) -> HttpResponse:
    staff = _staff(request)
    candidate, visible = _candidate_for(request, staff, pk)
    form = ProposeForm(request.POST, auto_id="propose_%s")
    if form.is_valid():
        # The service's whole screen (指針 第5 topics and markup), once here, so a refused comment is said once
        # beside the comment, not once per ticked job.
        try:
            services.adviser_text_check(form.cleaned_data["comment"], field="comment", what="提案コメント")
        except services.AgentError as exc:
            add_errors(form, exc.errors)
    if not form.is_valid():
        return _candidate_page(
            request, staff, candidate, visible=visible, refused=("propose", candidate.pk, form)
        )
    ids, comment = form.cleaned_data["posting"], form.cleaned_data["comment"]
    # During the 2-year lock only the candidate's own request may be served; it is recorded as such, with the
    # 申出 it rests on (ADR 0113), checked here first so each reason sits beside its field — the proposals check it
    # again in their transaction, which is what they store.
    initiated_by = "candidate" if form.cleaned_data["candidate_request"] else "agency"
    job_request = services.JobRequest(
        on=form.cleaned_data["request_on"],
        channel=form.cleaned_data["request_channel"],
        note=form.cleaned_data["request_note"],
    )
    try:
        services.proposal_request_check(candidate, initiated_by=initiated_by, request=job_request)
    except services.AgentError as exc:
        add_errors(form, exc.errors)
        return _candidate_page(
            request, staff, candidate, visible=visible, refused=("propose", candidate.pk, form)
        )
    matches = {p.pk: r.as_dict() for p, r in jobs_for_candidate(staff, candidate, limit=50)}
    made, failed = services.proposals_create(
        user=request.user,
        candidate=candidate,
        posting_ids=ids,
        comment=comment,
        matches=matches,
        initiated_by=initiated_by,
        request=job_request,
    )
    done = len(made)
    if not done:  # nothing proposed: the comment and the ticks come back with the reasons, not lost
        for m in failed:
            form.add_error(None, m)
        return _candidate_page(
            request, staff, candidate, visible=visible, refused=("propose", candidate.pk, form)
        )
    for m in failed:  # the comment went out with the others; the jobs that could not be proposed are named
        messages.error(request, m)
    messages.success(request, f"{done}件の求人を提案しました。求職者が求人ごとに応募するか決めます。")
    return redirect("agents:candidate", pk=pk)


@login_required
@post_or_back_to_candidate("proposal")
def proposal_refer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposals_for_staff(request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404("提案が見つかりません")
    form = ReferForm(request.POST, auto_id=f"p{proposal.pk}_%s")
    if form.is_valid():
        try:
            sent = services.referral_send(user=request.user, proposal=proposal, **form.cleaned_data)
        except services.AgentError as exc:
            add_errors(form, exc.errors)
    if not form.is_valid():
        # Refused: the 推薦文 and 面接対策 come back beside the button, in this response (they were lost before).
        # proposals_for_staff: a candidate this staff member may see.
        return _candidate_page(
            request, _staff(request), proposal.candidate, visible=True, refused=("refer", proposal.pk, form)
        )
    if sent.employer_mailed:
        messages.success(request, "推薦しました。求職者と求人企業に通知しました。")
    else:
        # Recorded, but no 採用担当 account to mail: saying the company was told would leave the 推薦 unread.
        messages.warning(
            request,
            "推薦を記録し、求職者に通知しました。この企業にはBOナビの採用担当アカウントがないため、"
            "企業には通知されていません。企業の担当者に直接ご連絡ください。",
        )
    return redirect("agents:candidate", pk=proposal.candidate_id)


@login_required
def book_csv(request: HttpRequest, office_id: int, kind: str) -> HttpResponse:
    staff = _responsible(request, "帳簿の出力は職業紹介責任者が行います。")
    office = Office.objects.filter(pk=office_id, agency=staff.agency).first()
    if office is None or kind not in books.BOOKS:
        raise Http404("帳簿が見つかりません")
    name, text = books.book_csv(user=request.user, office=office, kind=kind)
    return attachment(text, filename=name, content_type="text/csv; charset=utf-8")


# Candidate ------------------------------------------------------------------------------------------------------


@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    # Each 推薦's interviews (three at most) in one more query: the card gives the current stage's date under it,
    # as her 応募の一覧 does (interviews.row_line).
    proposals = list(selectors.proposals_for_candidate(request.user).prefetch_related("referral__interviews"))
    # 「推薦で応募」 (the agency holds the job's order: she answers here) or 「ご案内（直接応募）」 (information: she
    # applies on the job's page herself); both read 「回答待ち」 alike before (ADR 0141). The words are
    # selectors.proposal_kinds', which the API gives too (ADR 0148).
    kinds = selectors.proposal_kinds(proposals)
    return render(
        request,
        "agents/my_proposals.html",
        {
            "cards": [(p, row_line(getattr(p, "referral", None)), kinds[p.pk]) for p in proposals],
            # Her own direct applications among them (hers to see; her advisers only with her consent).
            "applied_ids": applied_posting_ids(
                applicant_id=request.user.pk or 0, posting_ids={p.posting_id for p in proposals}
            )
            if proposals
            else set(),
            # A card whose conditions changed says so (it said only 「回答待ち」): the selector joined each posting,
            # so this reads no posting again.
            "changed_ids": {
                p.pk for p in proposals if services.proposal_awaits_acknowledgement(p, fresh=True)
            },
            "registrations": selectors.registrations_of(request.user),
        },
    )


NOT_REFERRED_YET = "この提案はまだ推薦されていないため、選考の辞退はできません。応募しない場合は、下の「辞退する」を押してください。"
NOT_REFERRED_ANSWERED = "この提案はまだ推薦されていないため、選考の辞退はできません。応募をやめたいときは、担当者にご連絡ください。"


@login_required
def my_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_for_candidate(request.user, pk)
    if proposal is None:
        raise Http404("提案が見つかりません")
    choices = selectors.document_choices(request.user)
    action = request.POST.get("action")
    if request.method == "POST" and action == "ack":
        try:
            services.proposal_acknowledge(user=request.user, proposal=proposal)
        except services.AgentError as exc:
            errors_to_messages(request, exc.errors)
        else:
            messages.success(request, "変更点を確認しました。")
        return redirect("agents:my_proposal", pk=pk)
    if request.method == "POST" and action == "decline_selection":
        referral = getattr(proposal, "referral", None)
        decline = DeclineSelectionForm(request.POST, auto_id="decline_%s")
        if referral is None:
            # A stale page or a hand-made post: there is no selection yet, and no decline form on the page to show
            # a field's reason beside, so only this reason is kept, said (and focused) above the answer form.
            decline.errors.clear()
            # Once she has answered, the page has no 「辞退する」 button left to point to.
            decline.add_error(
                None,
                NOT_REFERRED_YET if proposal.status == ProposalStatus.PROPOSED else NOT_REFERRED_ANSWERED,
            )
        elif decline.is_valid() and _referral_moved(
            request,
            decline,
            referral,
            done="選考を辞退しました。企業と担当者に伝えました。",
            to_stage=Stage.DECLINED,
            note=decline.cleaned_data["note"],
        ):
            return redirect("agents:my_proposal", pk=pk)
        # Refused: answered at once beside the (open) form with the 一言 as typed, the box or the field the
        # reason names focused (a redirect lost the 一言 and said why at the top).
        return _my_proposal_page(request, proposal, choices, decline_form=decline)
    if request.method == "POST":
        form = AnswerForm(request.POST, documents=choices, auto_id="answer_%s")
        refusal = services.proposal_answer_refusal(proposal)
        if refusal:
            # Answered already (a second tab, the back button): only that is said, where her answer is shown —
            # the page has no answer form left to put a field's reason beside.
            form.errors.clear()
            form.add_error(None, refusal)
        elif form.is_valid():
            accept = form.cleaned_data["answer"] == "accept"
            key = form.cleaned_data["document_choice"]
            label, text = selectors.document_for_proposal(request.user, proposal, key) if accept else ("", "")
            try:
                if accept and not label:
                    raise services.AgentError({"document_choice": ["送付する書類を選んでください。"]})
                services.proposal_answer(
                    user=request.user,
                    proposal=proposal,
                    accept=accept,
                    document_choice=label,
                    document_text=text,
                )
            except services.AgentError as exc:
                add_errors(form, exc.errors)
            else:
                messages.success(
                    request, "応募に同意しました。担当者が推薦します。" if accept else "辞退しました。"
                )
                return redirect("agents:my_proposal", pk=pk)
        # Refused (conditions changed meanwhile, no document, already referred …): answered at once beside the
        # answer form with the document as chosen (a redirect reset it and said why at the top of the page).
        return _my_proposal_page(request, proposal, choices, answer_form=form)
    return _my_proposal_page(request, proposal, choices)


def _my_proposal_page(
    request: HttpRequest,
    proposal: Any,
    choices: Any,
    *,
    answer_form: AnswerForm | None = None,
    decline_form: DeclineSelectionForm | None = None,
    interview_answer_form: ReferralInterviewAnswerForm | None = None,
) -> HttpResponse:
    """The candidate's proposal; `answer_form`, `decline_form` or `interview_answer_form` is a refused form shown
    again as filled in."""
    referral = getattr(proposal, "referral", None)
    interview = current_interview(referral) if referral else None
    answering = proposal.status == ProposalStatus.PROPOSED  # a 推薦 is made only of an accepted proposal
    conditions, changes = services.proposal_conditions_now(proposal)
    readers = answer_readers(proposal.candidate) if referral else None
    box = (
        None
        if referral is None or answer_refusal(referral, interview)
        # A request already sent starts the box from its words, to send again amended.
        else interview_answer_form
        or ReferralInterviewAnswerForm(initial={"text": getattr(interview, "answer_text", "")})
    )
    if box is not None and readers is not None and not readers.assigned:
        box.name_readers(readers.who, readers.short)
    return render(
        request,
        "agents/my_proposal.html",
        {
            "proposal": proposal,
            "answering": answering,
            "recommendable": selectors.orders_in_force(proposal.candidate.agency)
            .filter(posting_id=proposal.posting_id)
            .exists(),
            # What the company would receive if she chose the hearing summary: shown before she consents.
            "hearing_summary": selectors.document_for_proposal(
                request.user, proposal, selectors.HEARING_DOCUMENT
            )[1]
            if answering
            else "",
            # The conditions now (what she would apply on); what changed since the proposal is said beside them.
            "rows": snapshot_rows(conditions),
            "changes": changes,
            "choices": choices,
            "answer_form": answer_form or AnswerForm(documents=choices, auto_id="answer_%s"),
            "decline_form": decline_form or DeclineSelectionForm(auto_id="decline_%s"),
            "referral": referral,
            "interview": interview,
            # Her two answers to the date (ADR 0154), under its card, only while the service would take one.
            "interview_answer_form": box,
            # Whom her answer goes to, as the box says it: her adviser, or the 責任者 while none is assigned.
            "answer_readers": readers,
            "held_before": card_line(referral) if referral else "",
            "events": referral.events.all() if referral else [],
            # What the company received in her name, shown to her as the employer reads it.
            "document_sections": selectors.sent_document_sections(referral.document_text) if referral else [],
            "referral_open": referral is not None and referral.stage in OPEN_STAGES,
        },
        status=422 if answer_form or decline_form or interview_answer_form else 200,
    )


@login_required
def my_agency(request: HttpRequest, pk: int) -> HttpResponse:
    """The seeker's own registration with one agency: consent, documents shared for 添削, a complaint to the
    職業紹介責任者, and the way out (withdrawal)."""
    registration = selectors.registration_of(request.user, pk)
    if registration is None:
        raise Http404("登録が見つかりません")
    if request.method == "POST" and request.POST.get("action") == "job_request":
        try:
            services.job_request_record(user=request.user, candidate=registration)
        except services.AgentError as exc:
            errors_to_messages(request, exc.errors)
        else:
            messages.success(
                request,
                "求人の紹介の希望を担当者に伝えました。申し出た日時は、下のアクセス記録にも残ります。",
            )
        return redirect("agents:my_agency", pk=pk)
    if request.method == "POST" and request.POST.get("action") == "contact":
        wishes = ContactWishesForm(request.POST)
        if wishes.is_valid():
            try:
                services.contact_wishes_save(
                    user=request.user,
                    candidate=registration,
                    channel=wishes.cleaned_data["contact_channel"],
                    cadence=wishes.cleaned_data["contact_cadence"],
                    quiet_from=wishes.cleaned_data.get("quiet_from"),
                    quiet_until=wishes.cleaned_data.get("quiet_until"),
                )
            except services.AgentError as exc:
                add_errors(wishes, exc.errors)
            else:
                messages.success(request, "連絡の希望を保存しました。担当者に表示されます。")
                return redirect("agents:my_agency", pk=pk)
        # Refused: answered at once with the choices as made and each reason beside its field, the first one
        # focused (a redirect put the saved choices back and said why at the top of the page).
        return _my_agency_page(request, registration, contact_form=wishes, status=422)
    if request.method == "POST":
        share_form = ShareForm(request.POST)
        share_form.is_valid()  # two optional fields: always valid; a bad id matches no document
        share = share_form.cleaned_data.get("share") == "1"
        try:
            services.document_share(
                user=request.user,
                candidate=registration,
                version_id=share_form.cleaned_data.get("version") or 0,
                share=share,
            )
        except services.AgentError as exc:
            # Refused (the document was deleted in another tab, or consent withdrawn meanwhile): said in this
            # response above the list of documents, which takes the focus, not at the top after a redirect.
            add_errors(share_form, exc.errors)
            return _my_agency_page(request, registration, share_form=share_form, status=422)
        messages.success(request, "書類の添削を依頼しました。" if share else "書類の共有を停止しました。")
        return redirect("agents:my_agency", pk=pk)
    return _my_agency_page(request, registration)


def _my_agency_page(
    request: HttpRequest,
    registration: Candidate,
    *,
    complaint_form: ComplaintForm | None = None,
    contact_form: ContactWishesForm | None = None,
    share_form: ShareForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The seeker's page with one agency; `complaint_form` and `contact_form` are refused forms shown with what
    was typed, `share_form` a refused 添削依頼 (or its stop), said above the documents."""
    shared_ids = set(registration.document_shares.values_list("version_id", flat=True))
    return render(
        request,
        "agents/my_agency.html",
        {
            "r": registration,
            "kept_until": books.kept_until(registration),
            # The 2-year lock after her open-ended placement: the agency may propose only on her 申出 (ADR 0113).
            "lock": services.placement_lock_until(registration)
            if registration.status == CandidateStatus.ACTIVE
            else None,
            "versions": versions_of(request.user),
            "shared_ids": shared_ids,
            "share_form": share_form,
            "my_complaints": selectors.complaints_of_complainant(
                request.user, agency_id=registration.agency_id
            ),
            "complaint_form": complaint_form
            or ComplaintForm(
                offices=registration.agency.offices.all(),
                initial={
                    "office": registration.office_id,
                    "from_name": registration.display_name,
                    "contact": getattr(request.user, "email", ""),
                },
            ),
            "events": selectors.audit_lines(request.user, candidate=registration, limit=20),
            "contact_form": contact_form
            or ContactWishesForm(
                initial={
                    "contact_channel": registration.contact_channel,
                    "contact_cadence": registration.contact_cadence,
                    "quiet_from": registration.quiet_from,
                    "quiet_until": registration.quiet_until,
                }
            ),
        },
        status=status,
    )


@login_required
def my_agency_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdrawing consent: a page that says exactly what happens, then a confirmed POST."""
    registration = selectors.registration_of(request.user, pk)
    if registration is None:
        raise Http404("登録が見つかりません")
    # Bound on every POST: an unticked box sends no field, so a POST without the CSRF field (a script, a test
    # client) was empty and `request.POST or None` left the form unbound, with no error beside the box.
    form = withdraw_form(request.POST if request.method == "POST" else None)
    # Refused, the box says why and takes the focus (includes/confirm_box.html).
    if request.method == "POST" and form.is_valid():
        services.candidate_withdraw(user=request.user, candidate=registration)
        messages.success(
            request,
            f"{registration.agency.name}への同意を撤回しました。担当者はあなたの情報を見られなくなりました。",
        )
        return redirect("agents:my_agency", pk=pk)
    proposals = registration.proposals.all()
    return render(
        request,
        "agents/my_agency_withdraw.html",
        {
            "r": registration,
            "form": form,
            "open_proposals": proposals.filter(
                status__in=["proposed", "accepted"], referral__isnull=True
            ).count(),
            "open_referrals": Referral.objects.filter(
                proposal__candidate=registration, stage__in=OPEN_STAGES
            ).select_related("proposal__posting"),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def my_offer_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's own answer to an offer (承諾 or 辞退): a page saying what the answer does, then a
    confirmed POST. `?answer=accept|decline` picks the answer shown."""
    proposal = selectors.proposal_for_candidate(request.user, pk, include_withdrawn=True)
    referral = getattr(proposal, "referral", None) if proposal else None
    if proposal is None or referral is None:
        raise Http404("選考中の推薦が見つかりません")
    answer = request.POST.get("answer") or request.GET.get("answer") or "accept"
    if answer not in ("accept", "decline"):
        answer = "accept"
    offer_changes = (referral.offer_terms or {}).get("changes") or []
    form = OfferAnswerForm(
        request.POST if request.method == "POST" else None,
        accept=answer == "accept",
        changed=bool(offer_changes),
        auto_id="offer_%s",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_answer(
                user=request.user,
                referral=referral,
                accept=answer == "accept",
                note=form.cleaned_data["note"],
                changes_read=form.cleaned_data.get("changes_read", False),
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(
                request,
                "内定を承諾しました。企業と担当者に伝えました。入社日などは企業・担当者から連絡があります。"
                if answer == "accept"
                else "内定を辞退しました。企業と担当者に伝えました。",
            )
            return redirect("agents:my_proposal", pk=pk)
    # Shown, or refused: the reasons beside the form, the 一言 as typed (it came back empty, the reason at the top).
    withdrawn = proposal.candidate.status == CandidateStatus.WITHDRAWN
    return render(
        request,
        "agents/my_offer_answer.html",
        {
            "proposal": proposal,
            "referral": referral,
            "answer": answer,
            "can_answer": referral.stage == Stage.OFFER and not withdrawn,
            "withdrawn": withdrawn,
            "form": form,
            "offer": referral.offer_terms,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def my_audit(request: HttpRequest) -> HttpResponse:
    # ?show=important: without the views (each still recorded, and in her data export), to find the offer fast.
    important = request.GET.get("show") == "important"
    return render(
        request,
        "agents/my_audit.html",
        {"lines": selectors.audit_lines(request.user, important_only=important), "important": important},
    )


# Employer -------------------------------------------------------------------------------------------------------


@login_required
def employer_referrals(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "is_employer", False):
        raise PermissionDenied("採用担当のアカウントでログインしてください。")
    return render(
        request,
        "agents/employer_referrals.html",
        {"referrals": selectors.referrals_for_employer(request.user)},
    )


def _referral_moved(
    request: HttpRequest, form: BaseForm, referral: Referral, *, done: str, **move: Any
) -> bool:
    """Move a referral to the stage `move` names (the candidate's 辞退 or the employer's step): True with `done`
    said on success; False with the refusal's reasons on `form`, for the caller to answer beside it."""
    try:
        services.referral_move(user=request.user, referral=referral, **move)
    except services.AgentError as exc:
        add_errors(form, exc.errors)
        return False
    messages.success(request, done)
    return True


@login_required
def employer_referral(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referrals_for_employer(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404("推薦が見つかりません")
    if request.method == "POST":
        form = EmployerMoveForm(
            request.POST, auto_id="move_%s", moves=services.employer_next_stages(referral.stage)
        )
        if form.is_valid() and _referral_moved(
            request,
            form,
            referral,
            done="選考状況を更新しました。求職者と紹介会社に通知しました。",
            **form.move(),
        ):
            # A move away from an interview stage calls its interview still to come off (referral_move): said,
            # so the company does not expect the candidate on that day.
            if (off := referral.called_off) is not None:
                messages.info(
                    request,
                    f"予定していた{off.get_stage_display()}（{off.when_display}）は取り消しました。"
                    "求職者と紹介会社にもお知らせしました。",
                )
            return redirect("agents:employer_referral", pk=pk)
        # Refused: answered at once beside the form, with the stage, the 連絡事項 and the date as typed and each
        # reason beside its field, the first one focused (a redirect lost them all and said why at the top).
        return _employer_referral_page(request, referral, form=form, status=422)
    services.referral_viewed_by_employer(user=request.user, referral=referral)
    return _employer_referral_page(request, referral)


def _employer_referral_page(
    request: HttpRequest,
    referral: Referral,
    *,
    form: EmployerMoveForm | None = None,
    schedule: InterviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    interview = current_interview(referral)  # 面接の日程 (ADR 0102), at 1次・2次・最終面接
    return render(
        request,
        "agents/employer_referral.html",
        {
            "referral": referral,
            # Whom the company deals with at the agency: her assigned advisers (still working there).
            "advisers": referral.proposal.candidate.advisers.filter(user__is_active=True).select_related(
                "user"
            ),
            "interview": interview,
            "held_before": card_line(referral, interview),
            "at_interview": referral.stage in INTERVIEW_STAGES,
            "schedule": schedule or InterviewForm(prefix="sched", interview=interview, seen_by=URL_SEEN_BY),
            # Said in place of the date form once the stage's interview is held (ADR 0123, s15).
            "after_held": after_held(referral.stage) if referral.stage in INTERVIEW_STAGES else "",
            # The 内定 boxes start from the posting's own terms: an offer on them needs only the 入社予定日.
            "form": form
            or EmployerMoveForm(
                auto_id="move_%s",
                moves=services.employer_next_stages(referral.stage),
                initial={
                    **offer_defaults(referral.proposal.posting),
                    "joined_on": _joined_on_start(referral),
                },
            ),
            "no_move_reason": services.employer_no_move_reason(referral.stage),
            "document_sections": selectors.sent_document_sections(referral.document_text),
            "events": referral.events.select_related("actor"),
        },
        status=status,
    )


@login_required
def job_intake(request: HttpRequest) -> HttpResponse:
    """求人受理: the employer's order as a 非公開求人, through the compliance gate; refusals are recorded."""
    from bonavi.accounts.models import Organization
    from bonavi.jobs.forms import PostingForm

    staff = _staff(request)
    employers = Organization.objects.filter(kind=Organization.Kind.EMPLOYER).order_by("name", "pk")
    order_form = IntakeForm(request.POST or None, employers=employers)
    form = PostingForm(request.POST or None)
    form.fields.pop("visibility", None)
    refused: list[str] = []
    if request.method == "POST" and all(
        [order_form.is_valid(), form.is_valid()]
    ):  # both forms say what is wrong
        d = order_form.cleaned_data
        try:
            order = services.job_order_intake(
                user=request.user,
                employer=d["employer"],
                data=dict(form.cleaned_data),
                self_declaration=d["self_declaration"],
                contact_person=d["contact_person"],
                openings=d["openings"],
                overseas=d["overseas"],
                planned_dispatch=d["planned_dispatch"],
            )
        except services.AgentError as exc:
            # The reasons name fields of both forms (title is the posting's, contact_person the order's): each is
            # said beside its field; one naming neither goes above the posting form.
            add_errors(order_form, {k: v for k, v in exc.errors.items() if k in order_form.fields})
            add_errors(form, {k: v for k, v in exc.errors.items() if k not in order_form.fields})
        else:
            if order.status == "accepted":
                messages.success(request, f"求人「{order.title}」を非公開求人として受理しました。")
                return redirect("agents:dashboard")
            refused = list(order.refusal_reasons)
    one_focus(order_form, form)
    return render(
        request,
        "agents/intake.html",
        {"form": form, "order_form": order_form, "refused": refused, "staff": staff},
        # A POST that reaches here was not accepted (bad input, or an order refused and recorded): 422.
        status=422 if request.method == "POST" else 200,
    )


def _responsible(request: HttpRequest, refusal: str = selectors.RESPONSIBLE_ONLY) -> Any:
    """The 職業紹介責任者 (selectors.responsible_of) reading their agency's records, or doing what `refusal` says
    only they do; anyone else is refused in its words."""
    staff = selectors.responsible_of(request.user)
    if staff is None:
        _staff(request)  # not staff at all: said so
        raise PermissionDenied(refusal)
    return staff


@login_required
def records(request: HttpRequest) -> HttpResponse:
    """For the 職業紹介責任者: placements with follow-ups, complaints routed to them, the figures, and the yearly
    report (様式第8号) of the year chosen with ?year= (the last finished year by default)."""
    return _records_page(request, _responsible(request))


@login_required
def report_csv(request: HttpRequest) -> HttpResponse:
    """The yearly report of ?year= as CSV (UTF-8 with BOM, 項目,値), for the records page's readers only; logged."""
    staff = _responsible(request)
    year_form = ReportYearForm(request.GET, today=today_jst())
    if not year_form.is_valid():  # a hand-made or stale link: the page says why, beside the year switch
        return _records_page(request, staff, year_form=year_form)
    name, text = books.report_csv(
        user=request.user, agency=staff.agency, fiscal_year=year_form.cleaned_data["year"]
    )
    return attachment(text, filename=name, content_type="text/csv; charset=utf-8")


def _records_page(
    request: HttpRequest,
    staff: Any,
    *,
    refused: tuple[int, ResolveForm] | None = None,
    refused_fee: tuple[int, FeeForm] | None = None,
    refused_progress: tuple[int, ComplaintProgressForm] | None = None,
    refused_correction: tuple[int, ReplyCorrectionForm] | None = None,
    refused_late: tuple[int, LateReplyForm] | None = None,
    year_form: ReportYearForm | None = None,
) -> HttpResponse:
    """The records page; `refused` is a complaint's 対応結果 that was refused (its pk and the bound form), shown
    again in that complaint's form; `refused_fee` likewise a placement's 手数料の徴収, `refused_progress` a
    complaint's 面談日, `refused_correction` the 訂正 of a closed complaint's reply, `refused_late` the reply sent
    after closing. The report's year is read from
    ?year= (`year_form`, when the caller read it already)."""
    from .models import Placement

    placements = list(
        Placement.objects.filter(office__agency=staff.agency)
        .select_related(
            "referral__proposal__candidate__user__seeker_profile",
            "referral__proposal__posting",
            "follow_up",
        )
        .order_by("-joined_on")
    )
    # Each placed person links to her card (where a 離職 or a 定着確認 is recorded) while this 責任者 may see her —
    # not once she withdrew: one read for the whole table. It was a dead end for a hire whose check is not yet due.
    cards = set(
        selectors.candidates_of(staff)
        .filter(pk__in={p.referral.proposal.candidate_id for p in placements})
        .values_list("pk", flat=True)
    )
    for p in placements:
        setattr(p, "card_visible", p.referral.proposal.candidate_id in cards)  # noqa: B010 (for the template)
    # 未収 fees are recorded here too: the candidate page is gone once she withdrew her consent, and the
    # 手数料管理簿's keeping clock starts only when her fee is settled (ADR 0108).
    unpaid = [p for p in placements if p.fee and not p.fee_collected_on and not p.fee_written_off_on]
    for p in unpaid:
        bound = refused_fee[1] if refused_fee is not None and refused_fee[0] == p.pk else None
        setattr(p, "fee_form", bound or FeeForm(auto_id=f"pl{p.pk}_%s"))  # noqa: B010 (for the template)
        setattr(p, "card_id", f"pl{p.pk}")  # noqa: B010
    today = today_jst()
    published = books.published_fiscal_year(today)
    year_form = year_form or ReportYearForm(request.GET, today=today)
    # A year that is not one is refused beside the switch, and no figures are shown as if they were its.
    report_year = year_form.cleaned_data["year"] if year_form.is_valid() else None
    # The registration a complaint concerns is shown to its 責任者 only (this page), linked to her page while
    # this 責任者 may see it (not once she withdrew, nor a registration at another office: her name only).
    complaints = list(selectors.complaints_for_responsible(staff))
    linked = {c.candidate_id for c in complaints if c.candidate_id}
    visible = set(selectors.candidates_of(staff).filter(pk__in=linked).values_list("pk", flat=True))
    for c in complaints:  # each open complaint its own form and ids
        form = (
            refused[1] if refused is not None and refused[0] == c.pk else ResolveForm(auto_id=f"c{c.pk}_%s")
        )
        setattr(c, "resolve_form", form)  # noqa: B010 (for the template; not a model field)
        progress = (
            refused_progress[1]
            if refused_progress is not None and refused_progress[0] == c.pk
            else ComplaintProgressForm(auto_id=f"c{c.pk}_%s", initial={"interview_on": c.interview_on})
        )
        setattr(c, "progress_form", progress)  # noqa: B010
        # A closed complaint's reply is corrected from its own form, the reply in force to edit; a refused 訂正
        # comes back as typed, its form left open so the reason beside it is seen.
        refused_here = refused_correction is not None and refused_correction[0] == c.pk
        setattr(  # noqa: B010
            c,
            "correct_form",
            refused_correction[1]
            if refused_correction is not None and refused_here
            else ReplyCorrectionForm(
                auto_id=f"c{c.pk}_fix_%s",
                initial={"reply": c.reply, "shown": services.reply_version(c.reply)},
            ),
        )
        setattr(c, "correct_open", refused_here)  # noqa: B010
        # Closed without a reply: it can be sent afterwards, where a replied complaint offers its 訂正.
        late_here = refused_late is not None and refused_late[0] == c.pk
        setattr(  # noqa: B010
            c,
            "late_form",
            refused_late[1]
            if refused_late is not None and late_here
            else LateReplyForm(auto_id=f"c{c.pk}_late_%s", initial={"shown": services.reply_version("")}),
        )
        setattr(c, "late_open", late_here)  # noqa: B010
        setattr(c, "card_id", f"c{c.pk}")  # noqa: B010
        setattr(c, "candidate_visible", c.candidate_id in visible)  # noqa: B010
    # The public page's year (what is published) and the current year counted so far; the report of either year
    # shows the same 実績, counted once.
    figures = books.disclosure_figures(agency=staff.agency, fiscal_year=published, as_of=today)
    current = books.disclosure_figures(agency=staff.agency, fiscal_year=published + 1, as_of=today)
    shown = {figures.fiscal_year: figures, current.fiscal_year: current}
    return render(
        request,
        "agents/records.html",
        {
            "placements": placements,
            "unpaid": unpaid,
            "complaints": complaints,
            "figures": figures,
            "current": current,
            "agency": staff.agency,
            "fee_rule": fee_rule(staff.agency),
            "year_form": year_form,
            "report_year": report_year,
            "report": books.yearly_report_lines(
                agency=staff.agency, fiscal_year=report_year, disclosure=shown.get(report_year)
            )
            if report_year is not None
            else [],
            "report_counting": report_year is not None and report_year > published,
        },
        status=422
        if refused or refused_fee or refused_progress or refused_correction or refused_late
        else 400
        if report_year is None
        else 200,
    )


def _records_placement(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    """The 職業紹介責任者 and a placement of their agency that the records page's 手数料 form acts on."""
    from .models import Placement

    staff = selectors.responsible_of(request.user)
    if staff is None:
        raise PermissionDenied("職業紹介責任者のみ記録できます。")
    placement = (
        Placement.objects.filter(pk=pk, office__agency=staff.agency)
        .select_related("referral__proposal__candidate")
        .first()
    )
    if placement is None:
        raise Http404("成約が見つかりません")
    return staff, placement


def _placement_fee_back(request: HttpRequest, pk: int) -> str:
    _records_placement(request, pk)
    return reverse("agents:records") + f"#pl{pk}"


@login_required
@post_or_back(_placement_fee_back)
def placement_fee(request: HttpRequest, pk: int) -> HttpResponse:
    """手数料の徴収 from the records page (the 職業紹介責任者's): the same service and rules as the candidate card."""
    staff, placement = _records_placement(request, pk)
    form = FeeForm(request.POST, auto_id=f"pl{placement.pk}_%s")
    if form.is_valid():
        try:
            services.placement_fee_settle(
                user=request.user,
                placement=placement,
                collected_on=form.cleaned_data["collected_on"],
                written_off=form.cleaned_data["written_off"],
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
    if not form.is_valid():
        return _records_page(request, staff, refused_fee=(placement.pk, form))
    messages.success(request, "手数料の徴収を記録しました。")
    return redirect("agents:records")


@login_required
@post_or_back_to_candidate("referral")
def referral_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The adviser relays a stage (内定承諾・辞退…), records the placement, an exit or the 6-month check."""
    referral = selectors.referrals_for_staff(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404("推薦が見つかりません")
    action = request.POST.get("action", "")
    if action not in CARD_FORMS:
        messages.error(request, "操作が正しくありません。")
        return redirect("agents:candidate", pk=referral.proposal.candidate_id)
    staff = _staff(request)
    placement: Any = getattr(referral, "placement", None)
    follow_up: Any = getattr(placement, "follow_up", None)
    early = ""
    if action in ("exit", "followup", "fee") and placement is None:
        early = "入社を記録してから、離職や6か月後の確認、手数料の徴収を記録してください。"
    elif action == "followup" and follow_up is None:
        early = "6か月後の確認は、期間の定めのない雇用での入社にだけあります。"
    form: BaseForm
    if early:
        # A step that does not come yet (a stale page, a hand-made post): its form is not on the page to show
        # its fields' reasons, so what comes first is said at the top of the card, whatever was typed.
        form = SelectionForm(request.POST)
        form.add_error(None, early)
    else:
        form = _card_form(action, referral, request.POST, fee_limit=fee_rule(staff.agency).summary)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if isinstance(form, StageMoveForm):
                services.referral_move(user=request.user, referral=referral, **form.move())
            elif action == "place":
                assert isinstance(form, PlacementForm)  # for mypy: the card form of "place"
                services.placement_record(user=request.user, referral=referral, **form.placement())
            elif action == "exit":
                services.placement_exit(user=request.user, placement=placement, **d)
            elif action == "fee":
                services.placement_fee_settle(
                    user=request.user,
                    placement=placement,
                    collected_on=d["collected_on"],
                    written_off=d["written_off"],
                )
            elif action == "prep":
                services.referral_interview_prep(
                    user=request.user, referral=referral, text=d["interview_prep"]
                )
            else:
                services.follow_up_complete(user=request.user, follow_up=follow_up, **d)
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(request, "記録しました。")
            return redirect("agents:candidate", pk=referral.proposal.candidate_id)
    # Refused: the candidate page is answered at once, what was typed back in this referral's card and each
    # reason beside its field (a bad fee beside the fee), the first one focused, to be fixed rather than retyped.
    return _candidate_page(
        request,
        staff,
        referral.proposal.candidate,
        visible=True,  # referrals_for_staff: a candidate this staff member may see
        refused=(action, referral.pk, form),
    )


def _open_complaint(request: HttpRequest, pk: int) -> tuple[Any, Complaint] | HttpResponse:
    """The complaint a records-page form acts on, with its 責任者; or, from a stale tab on one resolved meanwhile,
    a redirect with the reason at the top of the records page, which no longer draws that complaint's forms."""
    staff = _responsible(request, services.COMPLAINT_HANDLER_ONLY)
    # Only the complaints her records page lists (routed to her): the page and the API act on the same ones.
    complaint = selectors.complaints_for_responsible(staff).filter(pk=pk).first()
    if complaint is None:
        raise Http404("苦情が見つかりません")
    try:
        services.complaint_open_check(user=request.user, complaint=complaint)
    except services.AgentError as exc:
        errors_to_messages(request, exc.errors)
        return redirect("agents:records")
    return staff, complaint


def _complaint_back(request: HttpRequest, pk: int) -> str:
    """The records page at a complaint routed to this 責任者 (its forms' page)."""
    staff = _responsible(request, services.COMPLAINT_HANDLER_ONLY)
    if not selectors.complaints_for_responsible(staff).filter(pk=pk).exists():
        raise Http404("苦情が見つかりません")
    return reverse("agents:records") + f"#c{pk}"


@login_required
@post_or_back(_complaint_back)
def complaint_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    found = _open_complaint(request, pk)
    if isinstance(found, HttpResponse):
        return found
    staff, complaint = found
    form = ResolveForm(request.POST, auto_id=f"c{complaint.pk}_%s")
    if form.is_valid():
        try:
            services.complaint_resolve(
                user=request.user,
                complaint=complaint,
                resolution=form.cleaned_data["resolution"],
                reply=form.cleaned_data["reply"],
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
    if not form.is_valid():
        # Refused: the records page is answered at once with the 対応結果 as typed in that complaint's form and
        # the reason beside it (a redirect lost the text and said why at the top of the page).
        return _records_page(request, staff, refused=(complaint.pk, form))
    messages.success(request, _resolved_message(complaint))
    return redirect("agents:records")


def _resolved_message(complaint: Complaint) -> str:
    """What the 責任者 is told on closing: whether the person who complained was sent anything, so nobody assumes
    a reply reached someone it did not."""
    if not complaint.reply:
        return "対応結果を記録しました。申出者への回答は空欄のため、申出者には何も送っていません。"
    if complaint.reply_mailed:
        return f"対応結果を記録し、申出者への回答を{complaint.contact}へメールでお送りします。"
    if "@" in complaint.contact:
        return (
            "対応結果と申出者への回答を記録しました。このアドレスへのメールが上限に達したため、回答はメールで"
            "お送りしていません。連絡先へ直接お伝えください。"
        )
    return (
        f"対応結果と申出者への回答を記録しました。連絡先が電話番号のため、回答はメールでお送りしていません。"
        f"{complaint.contact}へお電話でお伝えください。"
    )


@login_required
@post_or_back(_complaint_back)
def complaint_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """受付 → 対応中, with the 面談日 when one was held (ADR 0113)."""
    found = _open_complaint(request, pk)
    if isinstance(found, HttpResponse):
        return found
    staff, complaint = found
    form = ComplaintProgressForm(request.POST, auto_id=f"c{complaint.pk}_%s")
    if form.is_valid():
        try:
            services.complaint_progress(
                user=request.user, complaint=complaint, interview_on=form.cleaned_data["interview_on"]
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
    if not form.is_valid():
        return _records_page(request, staff, refused_progress=(complaint.pk, form))
    messages.success(
        request,
        f"面談日（{day_ja(complaint.interview_on)}）を記録しました。対応結果を記録するまで「対応中」です。"
        if complaint.interview_on
        else "「対応中」にしました。",
    )
    return redirect("agents:records")


@login_required
@post_or_back(_complaint_back)
def complaint_reply_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """The 訂正 of a closed complaint's 申出者への回答, by the 職業紹介責任者 it is routed to (ADR 0113, s22)."""
    return _reply_posted(
        request,
        pk,
        form_class=ReplyCorrectionForm,
        prefix="fix",
        send=services.complaint_reply_correct,
        said=lambda complaint, correction: _corrected_message(complaint, mailed=correction.mailed),
    )


@login_required
@post_or_back(_complaint_back)
def complaint_reply_late(request: HttpRequest, pk: int) -> HttpResponse:
    """The 申出者への回答 of a complaint closed without one, by the 職業紹介責任者 it is routed to (ADR 0113, s22)."""
    return _reply_posted(
        request,
        pk,
        form_class=LateReplyForm,
        prefix="late",
        send=services.complaint_reply_late,
        said=lambda complaint, _: _late_message(complaint),
    )


def _reply_posted(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[ReplyCorrectionForm] | type[LateReplyForm],
    prefix: str,
    send: Callable[..., Any],
    said: Callable[[Complaint, Any], str],
) -> HttpResponse:
    """A reply sent after closing — its 訂正 or a late first one: the same checks, refusals and way back."""
    staff = _responsible(request, services.COMPLAINT_HANDLER_ONLY)
    complaint = selectors.complaints_for_responsible(staff).filter(pk=pk).first()
    if complaint is None:
        raise Http404("苦情が見つかりません")
    form = form_class(request.POST, auto_id=f"c{complaint.pk}_{prefix}_%s")
    if form.is_valid():
        try:
            result = send(
                user=request.user,
                complaint=complaint,
                reply=form.cleaned_data["reply"],
                shown=form.cleaned_data["shown"] or None,
            )
        except services.AgentError as exc:
            form = _shown_again(form, complaint)
            if "reply" not in exc.errors:
                # Nothing this form can do (still open; no reply to correct, or one given by now: a stale tab, a
                # hand-made post): the page draws no such form for it, so the reason goes to the top of the page.
                errors_to_messages(request, exc.errors)
                return redirect(reverse("agents:records") + f"#c{complaint.pk}")
            add_errors(form, exc.errors)
        else:
            messages.success(request, said(complaint, result))
            return redirect(reverse("agents:records") + f"#c{complaint.pk}")
    if isinstance(form, ReplyCorrectionForm):
        return _records_page(request, staff, refused_correction=(complaint.pk, form))
    return _records_page(request, staff, refused_late=(complaint.pk, form))


def _shown_again(form: Any, complaint: Complaint) -> Any:
    """The refused form again, as typed, but marked as showing the reply now in force: the page draws that reply,
    so sending again after reading it (a stale tab's refusal) is not refused as stale once more."""
    complaint.refresh_from_db(fields=["reply"])
    data = form.data.copy()
    data["shown"] = services.reply_version(complaint.reply)
    again = type(form)(data, auto_id=form.auto_id)
    again.is_valid()
    return again


def _late_message(complaint: Complaint) -> str:
    """As on closing: whether the reply reached her, so nobody assumes it did when it did not."""
    said = "申出者への回答を送りました（申出者のページに表示されます）。"
    if complaint.reply_mailed:
        return f"{said}{complaint.contact}へメールでもお送りします。"
    if "@" in complaint.contact:
        return (
            f"{said}このアドレスへのメールが上限に達したため、メールではお送りしていません。"
            "連絡先へ直接お伝えください。"
        )
    return f"{said}連絡先が電話番号のため、メールでお送りしていません。{complaint.contact}へお電話でお伝えください。"


def _corrected_message(complaint: Complaint, *, mailed: bool) -> str:
    """As on closing: whether the corrected reply reached her, so nobody assumes it did when it did not."""
    said = "申出者への回答を訂正しました（訂正前の回答は履歴に残ります）。"
    if mailed:
        return f"{said}訂正後の回答を{complaint.contact}へメールでお送りします。"
    if "@" in complaint.contact:
        return (
            f"{said}このアドレスへのメールが上限に達したため、訂正後の回答はメールでお送りしていません。"
            "連絡先へ直接お伝えください。"
        )
    return f"{said}連絡先が電話番号のため、メールでお送りしていません。{complaint.contact}へお電話でお伝えください。"
