"""Pages of a 推薦's 面接の日程 (ADR 0102, 0105): the set/change/cancel posts of the employer (its referral page) and
of the agency staff who see the candidate (the referral's card on the candidate page), and the .ics of the three
sides."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from bonavi.core.downloads import attachment
from bonavi.core.forms import add_errors, errors_to_messages
from bonavi.core.interview_form import InterviewForm, answer_post
from bonavi.core.interviews import interview_ics as interview_ics_text

from . import interviews, selectors, services
from .forms import ReferralInterviewAnswerForm
from .models import INTERVIEW_STAGES, Referral, ReferralInterview
from .views import (
    _candidate_page,
    _employer_referral_page,
    _my_proposal_page,
    _staff,
    post_or_back,
    post_or_back_to_candidate,
)

# The company is told of the agency's change only through its 採用担当 accounts (ADR 0111).
NOT_TOLD = "この企業にはBOナビの採用担当アカウントがないため、企業には通知されていません。企業の担当者に直接ご連絡ください。"


def _posted_stage(request: HttpRequest) -> str:
    """The stage the form was opened at (its hidden field): a date typed for 1次面接 is not stored as the 2次's.
    Always checked on these pages (their forms send it); "" from a hand-made post is refused as a moved stage."""
    return request.POST.get("stage", "")


def _again(request: HttpRequest) -> bool:
    """The held stage's 「もう一度行う（再面接）」 form (its hidden again=1): a new interview of the same stage, never
    inferred from a held one (interviews.referral_interview_set, ADR 0131)."""
    return request.POST.get("again") == "1"


def _left_interviews(request: HttpRequest, referral: Referral) -> bool:
    """True, with the reason said as a message, when the referral has left the interview stages since the page was
    opened: its card has no interview form any more to show the typed date and the reason beside, so the caller
    redirects to it instead of answering a 422 that says nothing."""
    referral.refresh_from_db(fields=["stage"])
    if referral.stage in INTERVIEW_STAGES:
        return False
    messages.error(request, interviews.schedule_refusal(referral))
    return True


def _staff_told(request: HttpRequest, interview: ReferralInterview, done: str) -> None:
    """What the adviser is told after a change: the company only when a 採用担当 was mailed."""
    if not interview.news:
        messages.success(request, "面接の日程を保存しました（変更がないため、お知らせはしていません）。")
    elif interview.employer_mailed:
        messages.success(request, f"{done}、求職者と企業にお知らせしました。")
    else:
        messages.warning(request, f"{done}、求職者にお知らせしました。{NOT_TOLD}")


def _employer_referral(request: HttpRequest, pk: int) -> Referral:
    referral = selectors.referrals_for_employer(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404("推薦が見つかりません")
    return referral


def _employer_interview_back(request: HttpRequest, pk: int) -> str:
    _employer_referral(request, pk)
    return reverse("agents:employer_referral", args=[pk]) + "#interview-edit"


@login_required
@post_or_back(_employer_interview_back)
def employer_interview(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _employer_referral(request, pk)
    form = InterviewForm(request.POST, prefix="sched", seen_by=interviews.URL_SEEN_BY)
    if form.is_valid():
        try:
            interview = interviews.referral_interview_set(
                user=request.user,
                referral=referral,
                values=form.cleaned_data,
                stage=_posted_stage(request),
                again=_again(request),
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(
                request,
                "再面接の日程を保存し、求職者と紹介会社にお知らせしました。"
                if interview.news == "again"
                else "面接の日程を保存しました。変更があれば求職者と紹介会社にお知らせします。",
            )
            return redirect(reverse("agents:employer_referral", args=[pk]) + "#interview")
    if _left_interviews(request, referral):
        return redirect("agents:employer_referral", pk=pk)
    return _employer_referral_page(request, referral, schedule=form, status=422)


@login_required
@require_POST
def employer_interview_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _employer_referral(request, pk)
    try:
        interviews.referral_interview_cancel(
            user=request.user, referral=referral, stage=_posted_stage(request)
        )
    except services.AgentError as exc:
        errors_to_messages(request, exc.errors)
    else:
        messages.info(request, "面接の日程を取り消し、求職者と紹介会社にお知らせしました。")
    return redirect(reverse("agents:employer_referral", args=[pk]) + "#interview")


def _staff_referral(request: HttpRequest, pk: int) -> Referral:
    # Her advisers and the office's 職業紹介責任者 (selectors.referrals_for_staff); anyone else: the 404 of a
    # referral that does not exist for them.
    referral = selectors.referrals_for_staff(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404("推薦が見つかりません")
    return referral


def _staff_card(referral: Referral) -> str:
    return reverse("agents:candidate", args=[referral.proposal.candidate_id]) + f"#r{referral.pk}-interview"


@login_required
@post_or_back_to_candidate("referral")
def staff_interview(request: HttpRequest, pk: int) -> HttpResponse:
    """日程調整: the adviser enters the date agreed with the company and the candidate, from the referral's card."""
    referral = _staff_referral(request, pk)
    form = InterviewForm(
        request.POST, prefix="sched", auto_id=f"r{pk}_%s", seen_by=interviews.URL_SEEN_BY_STAFF
    )
    if form.is_valid():
        try:
            interview = interviews.referral_interview_set(
                user=request.user,
                referral=referral,
                values=form.cleaned_data,
                stage=_posted_stage(request),
                again=_again(request),
            )
        except services.AgentError as exc:
            add_errors(form, exc.errors)
        else:
            _staff_told(
                request,
                interview,
                "再面接の日程を保存し" if interview.news == "again" else "面接の日程を保存し",
            )
            return redirect(_staff_card(referral))
    if _left_interviews(request, referral):
        return redirect(
            reverse("agents:candidate", args=[referral.proposal.candidate_id]) + f"#p{referral.proposal_id}"
        )
    # Refused: the candidate page at once, the date as typed in this referral's card, each reason beside its field.
    return _candidate_page(
        request,
        _staff(request),
        referral.proposal.candidate,
        visible=True,  # referrals_for_staff: a candidate this staff member may see
        refused=("interview", referral.pk, form),
    )


@login_required
@require_POST
def staff_interview_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _staff_referral(request, pk)
    try:
        interview = interviews.referral_interview_cancel(
            user=request.user, referral=referral, stage=_posted_stage(request)
        )
    except services.AgentError as exc:
        errors_to_messages(request, exc.errors)
    else:
        _staff_told(request, interview, "面接の日程を取り消し")
    return redirect(_staff_card(referral))


@login_required
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The interview of a 推薦 (interviews.ics_interview) as an .ics for the candidate, the company's 採用担当 and
    the agency staff who see the candidate; the 404 of a file that does not exist for anyone else."""
    found = interviews.referral_for_ics(user=request.user, referral_id=pk)
    interview = interviews.ics_interview(found[0]) if found else None
    if found is None or interview is None:
        raise Http404("面接の日程が見つかりません")
    referral, side = found
    posting = referral.proposal.posting
    candidate = referral.proposal.candidate
    if side == "candidate":
        page = reverse("agents:my_proposal", args=[referral.proposal_id])
        summary = f"{interview.get_stage_display()}：{posting.employer_display}（{posting.title}）"
        organizer = posting.employer_display
    elif side == "employer":
        page = reverse("agents:employer_referral", args=[referral.pk])
        summary = f"{interview.get_stage_display()}：{candidate.name}（{posting.title}）"
        organizer = candidate.name
    else:
        page = reverse("agents:candidate", args=[candidate.pk])
        summary = f"{interview.get_stage_display()}：{candidate.name}（{posting.employer_display}）"
        organizer = posting.employer_display
    body = interview_ics_text(
        interview,
        uid_kind="referral-interview",
        summary=summary,
        organizer=organizer,
        page_url=settings.SITE_URL + page,
    )
    response = attachment(
        body, filename=f"interview-r{referral.pk}.ics", content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_interview_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Her 「この日程で参加します」 or 「日程の変更をお願いする」 on her 推薦's page (ADR 0154, as the direct application's,
    ADR 0140). Her own proposal or 404 (selectors.proposal_for_candidate). A refusal of her words, or a date changed
    meanwhile, comes back beside the box with her text kept (the page then shows the new date); when there is nothing
    left to answer (called off, held, moved on) the reason is said at the top of her page. A GET goes to the card."""
    proposal = selectors.proposal_for_candidate(request.user, pk)
    referral = getattr(proposal, "referral", None) if proposal is not None else None
    if proposal is None or referral is None:
        raise Http404("選考中の推薦が見つかりません")

    def closed() -> str:
        referral.refresh_from_db(fields=["stage"])
        return interviews.answer_refusal(referral, interviews.current_interview(referral))

    # Who was told (ADR 0154, addendum s19): with no adviser assigned, the 職業紹介責任者 by name of role.
    readers = interviews.answer_readers(proposal.candidate)
    told = readers.short if readers.assigned else readers.who
    posted = answer_post(
        request,
        ReferralInterviewAnswerForm,
        page=reverse("agents:my_proposal", args=[pk]),
        answer=partial(interviews.referral_interview_answer, user=request.user, referral=referral),
        refused=services.AgentError,
        closed=closed,
        told=(
            f"「この日程で参加します」と{told}にお知らせしました。",
            f"日程の変更のお願いを{told}にお知らせしました。新しい日程が決まると、メールでお知らせします。",
        ),
    )
    if isinstance(posted, HttpResponse):
        return posted
    # A fresh read: the page shows the date as it is now, so a refused form can be sent again for it.
    proposal = selectors.proposal_for_candidate(request.user, pk) or proposal
    return _my_proposal_page(
        request, proposal, selectors.document_choices(request.user), interview_answer_form=posted
    )
