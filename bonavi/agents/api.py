"""JSON API under /api/v1/agent/ (token or session). Same services and permission rules as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from ninja import Body, Field, Query, Router, Schema, Status

from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn
from bonavi.core.clock import today_jst
from bonavi.core.interview_api import (
    InterviewAnswerIn,
    InterviewAnswerOut,
    InterviewIn,
    InterviewOut,
    interview_out,
)
from bonavi.core.pagination import PAGE_PARAM, PAGE_SIZE_PARAM, PageOut, paginate
from bonavi.jobs.models import WageUnit
from bonavi.matching.profiles import JOBTAG_ATTRIBUTION

from . import books, interviews, invitations, selectors, services
from .forms import hearing_form_for, hearing_values
from .limits import NOTE_MAX, TEXT_MAX
from .matching import jobs_for_candidate
from .models import (
    REQUEST_CHANNELS,
    REQUEST_NOTE_MAX,
    CandidateStatus,
    ComplaintStatus,
    HearingSheet,
    Invitation,
    InvitationStatus,
)
from .selectors import RESPONSIBLE_ONLY

agent_router = Router(tags=["職業紹介"])


# The services keep at most these lengths; a longer text is refused here, not cut short without a word.
class ReferralIn(StrictIn):
    recommendation: str = Field("", max_length=TEXT_MAX)
    interview_prep: str = Field("", max_length=TEXT_MAX)


class OfferIn(StrictIn):
    """内定時の労働条件 (ADR 0112). Every item is checked by the service, which names what is missing in Japanese."""

    wage_unit: str = Field(
        "", description="賃金の単位：" + "・".join(f"{u.value}（{u.label}）" for u in WageUnit)
    )
    wage_min: int | str | None = Field(None, description="賃金（下限・円）。「250000」「25万」も可")
    wage_max: int | str | None = Field(None, description="賃金（上限・円）。幅がなければ省略")
    start_on: str | None = Field(None, description="入社予定日（YYYY-MM-DD）")
    employment_type: str = Field("", description="雇用形態（求人と同じ値）")
    place: str = Field("", description="就業場所")
    probation_months: int | None = Field(None, description="試用期間（か月）。なければ省略")
    probation_conditions: str = Field("", description="試用期間中の条件")
    other_changes: str = Field("", description="その他の変更点（労働時間・休日など）")


class StageIn(StrictIn):
    to_stage: str
    note: str = Field("", max_length=NOTE_MAX)
    joined_on: dt.date | None = Field(
        None, description="入社日（YYYY-MM-DD）。選考状況を入社（joined）にするときは必須"
    )
    offer: OfferIn | None = Field(
        None,
        description="内定時の労働条件（「内定」にするときは、求人企業・担当者のどちらが記録する場合も必須）",
    )
    answer_by: dt.date | None = Field(
        None,
        description="内定の回答期限（YYYY-MM-DD・任意）。「内定」にするときだけ、今日以降の日付で指定できます"
        "（求人企業・担当者のどちらが記録する場合も同じ）。求職者に示されます",
    )
    changes_told: bool = Field(
        False,
        description="担当者が内定承諾を記録するとき、ご本人が未確認の内定時の変更点（offer.changes）を本人に伝えた",
    )


STAGE_SEEN_HELP = (
    "この日程を決めたときの選考状況（interview1・interview2・final）。指定すると、その後に選考状況が"
    "変わっていれば変更せずに 422 を返します（1次面接の日程が2次面接の日程として保存されないように）。"
    "省略時は確認しません（以前のクライアントとの互換のため）"
)


class ReferralInterviewIn(InterviewIn):
    stage: str | None = Field(None, description=STAGE_SEEN_HELP)
    again: bool = Field(
        False,
        description="true で、いまの段階の面接が済んだあと、同じ段階の面接をもう一度行う（再面接）日程を新しく"
        "設定します（済んだ面接は変わりません）。いまの段階の面接がまだ済んでいない・日程がないときは 422。"
        "false（省略時）で済んだ面接の日程を送ると、これまでどおり 422（変更も取り消しもできません）",
    )


# The cancel is a POST without a body (as before the stage was asked): the stage goes in the query, optional too.
STAGE_SEEN_QUERY = Query(None, description=STAGE_SEEN_HELP)


# 年度 as a number a date can hold; outside it is refused with the API's Japanese 422, not a traceback.
FISCAL_YEAR = Query(..., ge=2000, le=2100, description="年度（4月始まり、例：2025）")


# Answers. They describe exactly what the endpoints returned when they were documented as a bare object, so that a
# client generated from the OpenAPI document reads them (test_openapi_answers checks real answers against it).
class HearingSavedOut(Schema):
    candidate: int
    status: str
    updated_at: str = Field(description="ヒアリングシートを保存した日時（ISO 8601）")


class MatchReasonOut(Schema):
    topic: str
    detail: str


class _MatchOut(Schema):
    posting_id: int
    score: int = Field(description="0〜100")
    met: list[MatchReasonOut]
    missed: list[MatchReasonOut]
    stretch: list[MatchReasonOut]
    attribution: str = Field(description="jobtag（職業情報提供サイト）の出典表示")


class CandidateMatchOut(_MatchOut):
    title: str
    private: bool = Field(description="自社の非公開求人")
    recommendable: bool = Field(
        description="自社が受理した有効な求人（推薦できる）。false の公開求人は情報提供のみ（求職者本人の直接応募）"
    )


class PostingCandidateOut(_MatchOut):
    candidate_id: int
    name: str


class ReferralStageOut(Schema):
    """A referral and the stage it is now at: the answer of making one (推薦) and of moving it."""

    referral: int
    stage: str
    employer_notified: bool | None = Field(
        default=None,
        description="推薦のとき：企業の採用担当に通知メールを送ったか（false なら企業の担当者へ直接連絡を）",
    )


class FeeRateOut(Schema):
    occupation_code: str
    average_fee_rate_percent: float
    placements: int


class DisclosureOut(Schema):
    fiscal_year: int
    placements: int = Field(description="就職者数")
    open_ended: int = Field(description="うち無期雇用")
    left_within_6_months_excluding_dismissal: int = Field(description="うち6か月以内に離職（解雇を除く）")
    unknown: int = Field(description="うち離職したかどうか不明")
    average_fee_rate_top5: list[FeeRateOut]
    fee_rates_exempt: bool = Field(description="常用就職が10件以下で手数料率の公表が不要")
    as_of: dt.date = Field(description="集計時点（日本時間の日付）")
    within_6_months_pending: int = Field(
        description="無期雇用のうち、集計時点で入社から6か月を経過していない人数（6か月以内離職の数はまだ増えうる）"
    )


_TERMS_HELP = "常用＝期間の定めなし・4か月以上、臨時＝1か月以上4か月未満、日雇＝1か月未満"
# The totals before the report was split by 区分 and 国内・国外 (ADR 0115), kept for the clients that read them.
# Written out, not built from books.TERMS: these keys are a frozen, deprecated API, which a change to the report's
# 区分 must not rename (the schema documents exactly these; test_report_year_and_csv checks them).
_LEGACY_TOTALS = {
    "求人延数（常用）": ("求人延数", ("常用",)),
    "求人延数（臨時・日雇）": ("求人延数", ("臨時", "日雇")),
    "就職件数（常用）": ("就職件数", ("常用",)),
    "就職件数（臨時・日雇）": ("就職件数", ("臨時", "日雇")),
}


def _report_field(alias: str, description: str = "", **extra: Any) -> Any:
    return Field(alias=alias, description=description or None, **extra)


class YearlyReportOut(Schema):
    """様式第8号の欄の名前をそのままキーにした数値（年度）。求人延数・就職件数は区分（常用・臨時・日雇）と国内・国外の別。"""

    fiscal_year: int
    open_orders: int = _report_field("有効求人数（3月31日）", "3月31日に有効な求人の求人数（人数）")
    regular_orders_domestic: int = _report_field("求人延数（常用・国内）", _TERMS_HELP)
    temporary_orders_domestic: int = _report_field("求人延数（臨時・国内）")
    daily_orders_domestic: int = _report_field("求人延数（日雇・国内）")
    regular_orders_overseas: int = _report_field("求人延数（常用・国外）")
    temporary_orders_overseas: int = _report_field("求人延数（臨時・国外）")
    daily_orders_overseas: int = _report_field("求人延数（日雇・国外）")
    open_candidates: int = _report_field("有効求職者数（3月31日）")
    new_applications: int = _report_field("新規求職申込件数")
    regular_placements_domestic: int = _report_field("就職件数（常用・国内）", _TERMS_HELP)
    temporary_placements_domestic: int = _report_field("就職件数（臨時・国内）")
    daily_placements_domestic: int = _report_field("就職件数（日雇・国内）")
    regular_placements_overseas: int = _report_field("就職件数（常用・国外）")
    temporary_placements_overseas: int = _report_field("就職件数（臨時・国外）")
    daily_placements_overseas: int = _report_field("就職件数（日雇・国外）")
    open_ended_placements: int = _report_field("無期雇用就職件数")
    left_within_6_months: int = _report_field("6か月以内離職者数（解雇を除く）")
    fee_system: str = _report_field("手数料の種類", "上限制手数料・届出制手数料")
    fees: int = _report_field("手数料（紹介手数料）")
    refunds: int = _report_field("返戻金")
    refund_policy: str = _report_field("返戻金制度", "あり・なし")
    trainings: int = _report_field("従業員教育（実施回数）")
    training_attendees: int = _report_field("従業員教育（延べ受講者数）")
    planned_dispatch_orders: int = _report_field("紹介予定派遣（求人数）")
    planned_dispatch_placements: int = _report_field("紹介予定派遣（就職件数）")
    regular_orders: int = _report_field(
        "求人延数（常用）", "非推奨：国内と国外の合計。区分・国内国外別の欄を使ってください", deprecated=True
    )
    temporary_orders: int = _report_field(
        "求人延数（臨時・日雇）", "非推奨：臨時と日雇、国内と国外の合計", deprecated=True
    )
    regular_placements: int = _report_field("就職件数（常用）", "非推奨：国内と国外の合計", deprecated=True)
    temporary_placements: int = _report_field(
        "就職件数（臨時・日雇）", "非推奨：臨時と日雇、国内と国外の合計", deprecated=True
    )


class WithdrawnOut(Schema):
    registration: int
    status: str
    withdrawn_at: str | None = Field(description="撤回した日時（ISO 8601）")


class CommentCreatedOut(Schema):
    comment: int
    path: str
    field: str = Field(description="項目の名前")


class OfficeOut(Schema):
    office: str
    staff: int
    responsible: int
    required: int
    ok: bool
    warning: str
    training: list[str]


class ProposalCreatedOut(Schema):
    proposal: int
    status: str


class ConditionChangeOut(Schema):
    key: str
    label: str
    before: str
    after: str


class ReferralInterviewOut(InterviewOut):
    """A 推薦's interview: the shared shape, and which try of its stage it is (再面接, ADR 0131/0136)."""

    attempt: int = Field(
        description="同じ選考段階の何回目の面接か（最初は 1、再面接は 2 から）。取り消した再面接も同じ番号のままです"
    )
    attempt_label: str = Field(
        description="再面接なら画面の見出しと同じ「1次面接（再面接）」、最初の面接は空文字"
    )
    answer: InterviewAnswerOut | None = Field(
        None,
        description="候補者ご本人の回答（ADR 0154。直接応募と同じ形）。まだ回答がない・日程が変わった・取り消したときは "
        "null。求人企業が受け取るときは text が空です（理由と希望日時は担当の紹介会社が伝えます）",
    )
    list_label: str = Field(
        description="画面の一覧と同じ一行：「面接日時：12月3日（木）14:00」「面接済み（12月3日（木））」、"
        "済んだ面接のあとの再面接を取り消したときは「面接済み（12月3日（木））・再面接は取消」、"
        "取り消した面接（再面接でないもの）は空文字"
    )


def _referral_interview_out(
    referral: Any, interview: Any, *, for_company: bool = False
) -> dict[str, Any] | None:
    """interview_out of a 推薦's interview, with its attempt and the lists' line (ADR 0136): a called-off 再面接 says
    the held one before it, as every list and card says it. `for_company`: the posting company reads her answer
    without her words (ADR 0154: they are for her adviser, who relays; its page's 経過 says as much)."""
    out = interview_out(interview, ics=reverse("agents:interview_ics", args=[referral.pk]))
    if out is None:
        return None
    if for_company and out["answer"] is not None:
        out["answer"] = {**out["answer"], "text": ""}
    held = interviews.held_before_called_off(referral, interview)
    return {
        **out,
        "attempt": interview.attempt,
        "attempt_label": interview.label if interview.attempt > 1 else "",
        "list_label": interviews.again_called_off_line(held) if held is not None else interview.row_line(),
    }


class ProposalOut(Schema):
    id: int
    agency: str
    title: str
    status: str
    comment: str
    conditions_as_proposed: dict[str, str] = Field(description="提案した時点の労働条件（項目ごとの文）")
    conditions_at: str = Field(description="conditions_as_proposed の時点（ISO 8601）")
    changes: list[ConditionChangeOut] = Field(description="提案した時点から変わった労働条件")
    stage: str | None = Field(description="推薦後の選考状況（推薦前は null）")
    interview_prep: str
    interview: ReferralInterviewOut | None = Field(
        None, description="いまの面接段階の日程（設定されていなければ null。再面接があれば新しいほう）"
    )
    offer: dict[str, Any] | None = Field(
        None, description="内定時の労働条件（shown）と提案時からの変更点（changes）。内定前は null"
    )
    job_request: str | None = Field(
        None,
        description="この提案のもとになった、あなたからの求職の申出（日付・方法。就職後2年以内の提案のみ）",
    )
    offer_answer_by: dt.date | None = Field(
        None,
        description="企業が設定した内定の回答期限（この日までに回答すれば足ります）。設定がなければ null",
    )
    kind: str = Field(
        description="提案の種類：referral＝推薦で応募（この提案に「応募する」と回答すると担当者が推薦します）、"
        "information＝ご案内（紹介会社が求人の申込みを受けていない求人。応募は求人ページからご自身で）",
    )
    kind_label: str = Field(
        description="画面（/me/proposals/）と同じ種類の表示：「推薦で応募」または「ご案内（直接応募）」"
    )
    status_label: str = Field(
        description="画面と同じ回答の表示（「回答待ち」「応募に同意」など。回答前のご案内は「ご案内」）",
    )


def _err(exc: services.AgentError, code: int = 422) -> Status[dict[str, Any]]:
    first = next((m for msgs in exc.errors.values() for m in msgs), "入力内容に問題があります。")
    return Status(code, {"detail": first, "errors": exc.errors})


def _forbidden(exc: PermissionDenied) -> Status[dict[str, Any]]:
    return Status(403, {"detail": str(exc) or "権限がありません。"})


@agent_router.put(
    "/candidates/{pk}/hearing",
    response={200: HearingSavedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="ヒアリングシートの記録（禁止項目は受け付けません）",
)
def hearing_put(request: HttpRequest, pk: int, payload: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    user = request.auth  # type: ignore[attr-defined]
    candidate = (
        selectors.candidate_for_staff(user, pk) or selectors.applications_waiting(user).filter(pk=pk).first()
    )
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    try:
        sheet = services.hearing_save(user=user, candidate=candidate, data=payload)
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return {"candidate": candidate.pk, "status": candidate.status, "updated_at": sheet.updated_at.isoformat()}


class HearingOut(Schema):
    candidate: int
    saved: bool = Field(
        description="true：保存済みのヒアリングシート。false：まだ保存されていない（values は画面が最初に表示する下書き）"
    )
    updated_at: str | None = Field(description="保存した日時（ISO 8601）。未保存なら null")
    values: dict[str, Any] = Field(
        description="画面のヒアリングシートが表示する各項目の値（PUT と同じ項目名）。未保存のときは、ご本人の同意"
        "（利用目的 6）があればプロフィールの希望条件・経験から下書きした値"
    )
    from_profile: list[str] = Field(
        description="values のうちプロフィールから下書きした項目名（画面の「プロフィールから」）。ご本人に確認してから"
        "保存してください"
    )
    note: str = Field(description="from_profile があるときに画面が表示する注意書き。なければ空文字")


@agent_router.get(
    "/candidates/{pk}/hearing",
    response={200: HearingOut, 403: ErrorOut, 404: ErrorOut},
    summary="ヒアリングシート（未保存なら、プロフィールからの下書き）",
)
def hearing_get(request: HttpRequest, pk: int) -> Any:
    """What the candidate page's hearing form shows (ADR 0148): the saved sheet, or the draft from her profile under
    purpose 6 of her consent — read by those who may open that form (her advisers and the 責任者, or any staff of the
    office for an application not heard yet, as hearing_put) and logged as the page's view is."""
    user = request.auth  # type: ignore[attr-defined]
    if selectors.staff_of(user) is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    candidate = (
        selectors.candidate_for_staff(user, pk) or selectors.applications_waiting(user).filter(pk=pk).first()
    )
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    sheet = HearingSheet.objects.filter(candidate=candidate).first()
    form = hearing_form_for(candidate, sheet)
    services.candidate_viewed(user=user, candidate=candidate, what="ヒアリングシート")
    return {
        "candidate": candidate.pk,
        "saved": sheet is not None,
        "updated_at": sheet.updated_at.isoformat() if sheet is not None else None,
        "values": hearing_values(form),
        "from_profile": sorted(form.from_profile),
        "note": form.from_profile_note if form.from_profile else "",
    }


@agent_router.get(
    "/candidates/{pk}/matches",
    response={200: list[CandidateMatchOut], 403: ErrorOut, 404: ErrorOut},
    summary="求職者に合う求人（説明つき、自社の非公開求人を含む）",
)
def candidate_matches(request: HttpRequest, pk: int, limit: int = 20) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    staff = selectors.staff_of(user)
    candidate = selectors.candidate_for_staff(user, pk)
    if staff is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    services.candidate_viewed(user=user, candidate=candidate, what="マッチング結果")
    ordered = selectors.ordered_posting_ids(staff.agency)
    return [
        # The ranking and its reasons come from jobtag's occupation data: its credit travels with each answer.
        {
            **r.as_dict(),
            "title": p.title,
            "private": p.visibility == "private",
            "recommendable": p.pk in ordered,
            "attribution": JOBTAG_ATTRIBUTION,
        }
        for p, r in jobs_for_candidate(staff, candidate, limit=min(max(limit, 1), 50))
    ]


@agent_router.post(
    "/proposals/{pk}/referral",
    response={201: ReferralStageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="推薦（応募に同意した提案のみ）",
)
def proposal_referral(request: HttpRequest, pk: int, payload: ReferralIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    proposal = selectors.proposals_for_staff(user).filter(pk=pk).first()
    if proposal is None:
        return Status(404, {"detail": "提案が見つかりません。"})
    try:
        referral = services.referral_send(
            user=user,
            proposal=proposal,
            recommendation=payload.recommendation,
            interview_prep=payload.interview_prep,
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return Status(
        201,
        {"referral": referral.pk, "stage": referral.stage, "employer_notified": referral.employer_mailed > 0},
    )


@agent_router.post(
    "/referrals/{pk}/stage",
    response={200: ReferralStageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="選考状況の更新（求人企業・担当者）",
)
def referral_stage(request: HttpRequest, pk: int, payload: StageIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    referral = (
        (selectors.referrals_for_employer(user) | selectors.referrals_for_staff(user)).filter(pk=pk).first()
    )
    if referral is None:
        return Status(404, {"detail": "推薦が見つかりません。"})
    try:
        services.referral_move(
            user=user,
            referral=referral,
            to_stage=payload.to_stage,
            note=payload.note,
            joined_on=payload.joined_on,
            offer=payload.offer.model_dump() if payload.offer else None,
            answer_by=payload.answer_by,
            changes_told=payload.changes_told,
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return {"referral": referral.pk, "stage": referral.stage}


def _schedulable(user: Any, pk: int) -> Any:
    """A 推薦 whose interview the user may set (ADR 0105): the posting company's, or one of a candidate the agency
    staff member sees (her advisers, the office's 職業紹介責任者) — as the stage endpoint reads it; else None."""
    return (
        (selectors.referrals_for_employer(user) | selectors.referrals_for_staff(user)).filter(pk=pk).first()
    )


@agent_router.put(
    "/referrals/{pk}/interview",
    response={200: ReferralInterviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="面接の日程を設定・変更する、済んだ段階の再面接を設定する（求人企業・担当者。変更があればほかの関係者に通知）",
)
def referral_interview(request: HttpRequest, pk: int, payload: ReferralInterviewIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    referral = _schedulable(user, pk)
    if referral is None:
        return Status(404, {"detail": "推薦が見つかりません。"})
    try:
        interview = interviews.referral_interview_set(
            user=user,
            referral=referral,
            values=payload.model_dump(exclude={"stage", "again"}),
            stage=payload.stage,
            again=payload.again,
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return _referral_interview_out(referral, interview, for_company=getattr(user, "is_employer", False))


@agent_router.post(
    "/referrals/{pk}/interview/cancel",
    response={200: ReferralInterviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="面接の日程を取り消す（求人企業・担当者。ほかの関係者に通知）",
)
def referral_interview_cancel(
    request: HttpRequest,
    pk: int,
    stage: str | None = STAGE_SEEN_QUERY,
) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    referral = _schedulable(user, pk)
    if referral is None:
        return Status(404, {"detail": "推薦が見つかりません。"})
    try:
        interview = interviews.referral_interview_cancel(user=user, referral=referral, stage=stage)
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return _referral_interview_out(referral, interview, for_company=getattr(user, "is_employer", False))


@agent_router.get(
    "/disclosure", response={200: DisclosureOut, 403: ErrorOut}, summary="公開すべき実績（年度）"
)
def disclosure(request: HttpRequest, fiscal_year: int = FISCAL_YEAR) -> Any:
    staff = selectors.staff_of(request.auth)  # type: ignore[attr-defined]
    if staff is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    return books.disclosure_figures(agency=staff.agency, fiscal_year=fiscal_year).as_dict()


@agent_router.get(
    "/yearly-report",
    response={200: YearlyReportOut, 403: ErrorOut, 422: ErrorOut},
    by_alias=True,
    summary="職業紹介事業報告（様式第8号）の主な数値（年度・職業紹介責任者のみ）",
)
def yearly_report(
    request: HttpRequest,
    fiscal_year: int | None = Query(
        None,
        description="年度（4月始まり、例：2025）。2018年度から今年度（集計中）まで。省略すると前年度（提出する年度）",
    ),
) -> Any:
    staff = selectors.responsible_of(request.auth)  # type: ignore[attr-defined]
    if staff is None:
        return Status(403, {"detail": RESPONSIBLE_ONLY})
    today = today_jst()
    year = books.published_fiscal_year(today) if fiscal_year is None else fiscal_year
    if year not in books.report_years(today):
        refusal = books.report_year_refusal(fiscal_year, today)
        return Status(422, {"detail": refusal, "errors": {"fiscal_year": [refusal]}})
    report = books.yearly_report(agency=staff.agency, fiscal_year=year)
    for key, (what, terms) in _LEGACY_TOTALS.items():
        report[key] = sum(
            report[f"{what}（{t}・{place}）"] for t in terms for place in (books.DOMESTIC, books.OVERSEAS)
        )
    return report


@agent_router.get(
    "/postings/{pk}/candidates",
    response={200: list[PostingCandidateOut], 403: ErrorOut, 404: ErrorOut},
    summary="求人に合う担当求職者（説明つき）",
)
def posting_candidates(request: HttpRequest, pk: int, limit: int = 20) -> Any:
    from .matching import candidates_for_job

    user = request.auth  # type: ignore[attr-defined]
    staff = selectors.staff_of(user)
    if staff is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    posting = selectors.postings_for_staff(staff).filter(pk=pk).first()
    if posting is None:
        return Status(404, {"detail": "求人が見つかりません。"})
    found = candidates_for_job(user, posting, limit=min(max(limit, 1), 50))
    services.candidates_viewed(
        user=user, candidates=[c for c, _ in found], what=f"求人「{posting.title}」とのマッチング"
    )
    return [
        {**result.as_dict(), "candidate_id": c.pk, "name": c.name, "attribution": JOBTAG_ATTRIBUTION}
        for c, result in found
    ]


class WithdrawIn(StrictIn):
    confirm: bool = False


@agent_router.post(
    "/registrations/{pk}/withdraw",
    response={200: WithdrawnOut, 404: ErrorOut, 422: ErrorOut},
    summary="求職者本人による同意の撤回（提案の終了・担当者のアクセス停止）",
)
def registration_withdraw(request: HttpRequest, pk: int, payload: WithdrawIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    registration = selectors.registration_of(user, pk)
    if registration is None:
        return Status(404, {"detail": "登録が見つかりません。"})
    if not payload.confirm:
        return Status(
            422,
            {
                "detail": "撤回すると提案は終了し、選考中の求人は辞退になり、担当者はあなたの情報を見られなくなります。"
                "よろしければ confirm に true を指定してください。"
            },
        )
    registration = services.candidate_withdraw(user=user, candidate=registration)
    return {
        "registration": registration.pk,
        "status": registration.status,
        "withdrawn_at": registration.consent_withdrawn_at.isoformat()
        if registration.consent_withdrawn_at
        else None,
    }


class CommentIn(StrictIn):
    path: str
    body: str


@agent_router.post(
    "/candidates/{pk}/documents/{version_id}/comments",
    response={201: CommentCreatedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="添削コメント（求職者が依頼した書類の項目ごと）",
)
def document_comment(request: HttpRequest, pk: int, version_id: int, payload: CommentIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    candidate = selectors.candidate_for_staff(user, pk)
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    try:
        comment = services.document_comment(
            user=user, candidate=candidate, version_id=version_id, path=payload.path, body=payload.body
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return Status(201, {"comment": comment.pk, "path": comment.path, "field": comment.field_label})


@agent_router.get(
    "/offices",
    response={200: list[OfficeOut], 403: ErrorOut},
    summary="事業所ごとの職業紹介責任者（50:1）",
)
def offices(request: HttpRequest) -> Any:
    rows = selectors.offices_staffing(request.auth)  # type: ignore[attr-defined]
    if not rows:
        return Status(403, {"detail": "職業紹介責任者のみ閲覧できます。"})
    return [
        {
            "office": o.office.name,
            "staff": o.count,
            "responsible": o.responsible,
            "required": o.required,
            "ok": not o.shortfall,
            "warning": o.shortfall,
            "training": [f"{s}：{msg}" for s, msg in o.training],
        }
        for o in rows
    ]


class ProposalIn(StrictIn):
    posting_id: int
    comment: str = Field("", max_length=TEXT_MAX)
    initiated_by: str = "agency"
    # ご本人からの求職の申出 (ADR 0113): required with initiated_by "candidate" during the 2-year lock; "bonavi"
    # takes the day of her own 「求人の紹介を希望する」 on BOナビ (no date or note needed).
    request_on: dt.date | None = Field(None, description="求職の申出の日付（今日以前、入社日以後）")
    request_channel: str = Field(
        "", description="申出の方法：" + "・".join(f"{code}（{label}）" for code, label in REQUEST_CHANNELS)
    )
    request_note: str = Field("", max_length=REQUEST_NOTE_MAX, description="申出の内容（短く）")


@agent_router.post(
    "/candidates/{pk}/proposals",
    response={201: ProposalCreatedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="求人の提案（求職者が求人ごとに応募するか決めます）",
)
def proposal_create(request: HttpRequest, pk: int, payload: ProposalIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    staff = selectors.staff_of(user)
    candidate = selectors.candidate_for_staff(user, pk)
    if staff is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    if payload.initiated_by not in ("agency", "candidate"):
        msg = services.INITIATED_BY_MESSAGE
        return Status(422, {"detail": msg, "errors": {"initiated_by": [msg]}})
    match = next(
        (
            r.as_dict()
            for p, r in jobs_for_candidate(staff, candidate, limit=50)
            if p.pk == payload.posting_id
        ),
        None,
    )
    try:
        proposal = services.proposal_create(
            user=user,
            candidate=candidate,
            posting_id=payload.posting_id,
            comment=payload.comment,
            match=match,
            initiated_by=payload.initiated_by,
            request=services.JobRequest(
                on=payload.request_on, channel=payload.request_channel, note=payload.request_note
            ),
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return Status(201, {"proposal": proposal.pk, "status": proposal.status})


def _proposal_out(
    p: Any, *, fresh: bool = False, kind: selectors.ProposalKind | None = None
) -> dict[str, Any]:
    """`kind`: the proposal's kind when the caller read it with others' (the list: one query for all); read here
    otherwise."""
    referral = getattr(p, "referral", None)
    kind = kind or selectors.proposal_kinds([p])[p.pk]
    return {
        "id": p.pk,
        "agency": p.candidate.agency.name,
        "title": p.posting.title,
        "status": p.status,
        "comment": p.comment,
        "conditions_as_proposed": p.snapshot,
        "conditions_at": p.snapshot_at.isoformat(),
        "changes": services.proposal_changes(p, fresh=fresh),
        "stage": referral.stage if referral else None,
        "interview_prep": referral.interview_prep if referral else "",
        "interview": _interview_out(referral),
        "offer": (referral.offer_terms or None) if referral else None,
        "job_request": services.JobRequest(on=p.request_on, channel=p.request_channel).label or None,
        "offer_answer_by": referral.offer_answer_by if referral else None,
        # The page's words for its kind and answer, from the function the page uses (ADR 0148).
        "kind": kind.key,
        "kind_label": kind.label,
        "status_label": kind.status_label,
    }


def _interview_out(referral: Any) -> dict[str, Any] | None:
    if referral is None:
        return None
    return _referral_interview_out(referral, interviews.current_interview(referral))


@agent_router.get("/me/proposals", response={200: list[ProposalOut]}, summary="自分への提案（求職者本人）")
def my_proposals(request: HttpRequest) -> Any:
    # Each 推薦's interviews (three at most) in one query, from which current_interview picks its stage's: here,
    # not in the selector, whose other readers (マイページ, 応募の一覧) show no interview.
    proposals = list(
        selectors.proposals_for_candidate(request.auth).prefetch_related("referral__interviews")  # type: ignore[attr-defined]
    )
    kinds = selectors.proposal_kinds(proposals)
    return [_proposal_out(p, fresh=True, kind=kinds[p.pk]) for p in proposals]


class ProposalAnswerIn(StrictIn):
    accept: bool
    document: str = ""  # "hearing" or "v<document version id>" (see document_choices)


@agent_router.post(
    "/me/proposals/{pk}/answer",
    response={200: ProposalOut, 404: ErrorOut, 422: ErrorOut},
    summary="提案への回答（応募する・辞退する）",
)
def my_proposal_answer(request: HttpRequest, pk: int, payload: ProposalAnswerIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    proposal = selectors.proposal_for_candidate(user, pk)
    if proposal is None:
        return Status(404, {"detail": "提案が見つかりません。"})
    label, text = (
        selectors.document_for_proposal(user, proposal, payload.document) if payload.accept else ("", "")
    )
    if payload.accept and not label:
        choices = "、".join(k for k, _ in selectors.document_choices(user))
        return Status(422, {"detail": f"送付する書類を document で指定してください（{choices}）。"})
    try:
        services.proposal_answer(
            user=user,
            proposal=proposal,
            accept=payload.accept,
            document_choice=label,
            document_text=text,
            channel="api",
        )
    except services.AgentError as exc:
        return _err(exc)
    return _proposal_out(proposal)


class DeclineIn(StrictIn):
    note: str = ""


@agent_router.post(
    "/me/proposals/{pk}/decline-selection",
    response={200: ProposalOut, 404: ErrorOut, 422: ErrorOut},
    summary="推薦後の選考を本人が辞退する",
)
def my_selection_decline(request: HttpRequest, pk: int, payload: DeclineIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    proposal = selectors.proposal_for_candidate(user, pk)
    if proposal is None:
        return Status(404, {"detail": "提案が見つかりません。"})
    referral = getattr(proposal, "referral", None)
    if referral is None:  # her own proposal, not referred yet: say why, and what to send instead
        return Status(
            422,
            {
                "detail": "この提案はまだ推薦されていないため、選考の辞退はできません。応募しない場合は"
                f' /api/v1/agent/me/proposals/{pk}/answer に "accept": false を送ってください。'
            },
        )
    try:
        services.referral_move(user=user, referral=referral, to_stage="declined", note=payload.note)
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return Status(422, {"detail": str(exc)})
    return _proposal_out(proposal)


class OfferAnswerIn(StrictIn):
    accept: bool
    confirm: bool = False
    # 承諾 of an offer whose terms differ from the proposal's is refused until she says she read the changes.
    changes_read: bool = Field(False, description="内定時の労働条件の変更点（offer.changes）を読んだ")
    note: str = ""


@agent_router.post(
    "/me/proposals/{pk}/offer-answer",
    response={200: ProposalOut, 404: ErrorOut, 422: ErrorOut},
    summary="内定への回答（承諾・辞退）を本人が行う",
)
def my_offer_answer(request: HttpRequest, pk: int, payload: OfferAnswerIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    proposal = selectors.proposal_for_candidate(user, pk, include_withdrawn=True)
    referral = getattr(proposal, "referral", None) if proposal else None
    if proposal is None or referral is None:
        return Status(404, {"detail": "選考中の推薦が見つかりません。"})
    if not payload.confirm:
        verb = "承諾" if payload.accept else "辞退"
        return Status(
            422,
            {
                "detail": f"内定の{verb}は企業と担当者にメールで伝わり、取り消せません。"
                'よろしければ "confirm": true を付けて送ってください。'
            },
        )
    try:
        services.offer_answer(
            user=user,
            referral=referral,
            accept=payload.accept,
            note=payload.note,
            changes_read=payload.changes_read,
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return Status(422, {"detail": str(exc)})
    return _proposal_out(proposal)


@agent_router.post(
    "/me/proposals/{pk}/interview/answer",
    response={200: ProposalOut, 404: ErrorOut, 422: ErrorOut},
    summary="推薦の面接の日程に回答する：この日程で参加します／日程の変更をお願いする（担当者にメールで通知）",
)
def my_interview_answer(request: HttpRequest, pk: int, payload: InterviewAnswerIn) -> Any:
    """ADR 0154: her page's two buttons, with the same rules and words (422 with errors.__all__ or errors.text);
    `sequence` and `starts_at` are those of the answer's interview."""
    user = request.auth  # type: ignore[attr-defined]
    proposal = selectors.proposal_for_candidate(user, pk)
    referral = getattr(proposal, "referral", None) if proposal else None
    if proposal is None or referral is None:
        return Status(404, {"detail": "選考中の推薦が見つかりません。"})
    try:
        interviews.referral_interview_answer(
            user=user,
            referral=referral,
            answer=payload.answer,
            text=payload.text,
            sequence=payload.sequence,
            starts_at=payload.starts_at,
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return Status(404, {"detail": str(exc)})
    return _proposal_out(proposal)


# 求職者の招待 (ADR 0104): the same service and rules as the workbench's page.
class InvitationIn(StrictIn):
    name: str = Field(..., description="お名前（ご本人から伺ったとおり）")
    email: str = Field(..., description="メールアドレス")
    note: str = Field("", description="メモ（任意・200文字まで。登録後はご本人のアクセス記録にも載ります）")


class InvitationOut(Schema):
    id: int
    name: str = Field(description="お名前（登録されると空になり、candidate の氏名で表示します）")
    email: str = Field(description="メールアドレス（登録されると空）")
    status: str = Field(
        description="sent（送信済み）・registered（登録済み）・expired（期限切れ）・cancelled（取り消し）"
    )
    status_label: str
    invited_by: str | None
    created_at: str
    expires_at: str
    used_at: str | None
    candidate: int | None = Field(description="登録した求職者（登録済みのとき）")


def _invitation_out(inv: Any) -> dict[str, Any]:
    status = InvitationStatus(inv.status)  # read once: status_label would read the clock again
    return {
        "id": inv.pk,
        "name": inv.name,
        "email": inv.email,
        "status": status.value,
        "status_label": status.label,
        "invited_by": str(inv.invited_by) if inv.invited_by else None,
        "created_at": inv.created_at.isoformat(),
        "expires_at": inv.expires_at.isoformat(),
        "used_at": inv.used_at.isoformat() if inv.used_at else None,
        "candidate": inv.candidate_id,
    }


class InvitationPage(PageOut):
    results: list[InvitationOut]


@agent_router.get(
    "/invitations",
    response={200: InvitationPage, 403: ErrorOut},
    summary="事業所の求職者の招待（新しい順）",
)
def invitations_list(request: HttpRequest, page: int = PAGE_PARAM, page_size: int = PAGE_SIZE_PARAM) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    try:
        invitations.require_inviter(user)
    except PermissionDenied as exc:
        return _forbidden(exc)
    paged = paginate(selectors.invitations_for_staff(user), page, page_size)
    return {**paged, "results": [_invitation_out(inv) for inv in paged["results"]]}


@agent_router.post(
    "/invitations",
    response={201: InvitationOut, 403: ErrorOut, 422: ErrorOut},
    summary="求職者を招待（登録ページへの1回限りのリンクをメールで送ります）",
)
def invitation_create(request: HttpRequest, payload: InvitationIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    try:
        invitation = invitations.invitation_send(
            user=user, name=payload.name, email=payload.email, note=payload.note
        )
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return Status(201, _invitation_out(invitation))


@agent_router.post(
    "/invitations/{pk}/cancel",
    response={200: InvitationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="求職者の招待を取り消す（リンクは使えなくなります）",
)
def invitation_cancel(request: HttpRequest, pk: int) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    try:
        invitation = invitations.invitation_cancel(user=user, invitation_id=pk)
    except Invitation.DoesNotExist:
        return Status(404, {"detail": "招待が見つかりません。"})
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return _invitation_out(invitation)


# 求職の申出 during the 2-year lock (ADR 0113): her own 「求人の紹介を希望する」, and what her advisers read of the
# 申出s recorded on her proposals. The same service and rules as her agency page and the workbench (ADR 0117).
class RegistrationOut(Schema):
    id: int
    agency: str
    office: str
    status: str = Field(
        description="applied（求職申込み・ヒアリング前）・active（登録済み）・withdrawn（同意撤回）"
    )
    status_label: str
    lock_until: dt.date | None = Field(
        description="この紹介会社の紹介で期間の定めのない雇用に就職してから2年の終わり（登録中のみ）。それまでは、"
        "あなたからの求職の申出がなければ求人の提案を受けません（申出は job-request）。なければ null"
    )
    job_request_at: str | None = Field(
        description="「求人の紹介を希望する」で申し出た日時（ISO 8601）。担当者が提案に使うと null に戻ります"
    )


def _registration_out(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "agency": c.agency.name,
        "office": c.office.name,
        "status": c.status,
        "status_label": c.get_status_display(),
        # As her agency page shows it: the lock matters only while she is registered.
        "lock_until": services.placement_lock_until(c) if c.status == CandidateStatus.ACTIVE else None,
        "job_request_at": c.job_request_at.isoformat() if c.job_request_at else None,
    }


@agent_router.get(
    "/me/registrations",
    response={200: list[RegistrationOut]},
    summary="自分の紹介会社への登録（求職者本人）",
)
def my_registrations(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return [_registration_out(c) for c in selectors.registrations_of(user).order_by("pk")]


@agent_router.post(
    "/me/registrations/{pk}/job-request",
    response={200: RegistrationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="「求人の紹介を希望する」（就職後2年以内、登録中の紹介会社へ。担当者に伝わり、日時が記録されます）",
)
def my_job_request(request: HttpRequest, pk: int) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    registration = selectors.registration_of(user, pk)
    if registration is None:
        return Status(404, {"detail": "登録が見つかりません。"})
    try:
        services.job_request_record(user=user, candidate=registration)
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    return _registration_out(registration)


class RecordedRequestOut(Schema):
    proposal: int
    posting_id: int
    title: str
    proposed_at: str = Field(description="提案した日時（ISO 8601）")
    proposed_by: str = Field(description="提案した担当者")
    request_on: dt.date | None = Field(description="申出の日付")
    request_channel: str = Field(
        description="申出の方法：" + "・".join(f"{code}（{label}）" for code, label in REQUEST_CHANNELS)
    )
    request_channel_label: str
    request_note: str = Field(description="申出の内容（担当者の記録）")
    label: str = Field(description="ご本人の提案のページとアクセス記録での表示（「11月26日・電話」）")


class JobRequestsOut(Schema):
    candidate: int
    lock_until: dt.date | None = Field(
        description="2年間の転職勧奨禁止の終わり（この日まで、提案にはご本人の求職の申出が必要）。なければ null"
    )
    bonavi_request_at: str | None = Field(
        description="ご本人がBOナビの「求人の紹介を希望する」で申し出た日時（ISO 8601。まだ提案に使っていないもの）。"
        "提案で request_channel に bonavi を指定すると、この日が申出の日になります"
    )
    requests: list[RecordedRequestOut] = Field(description="提案に記録した求職の申出（新しい順）")


@agent_router.get(
    "/candidates/{pk}/job-requests",
    response={200: JobRequestsOut, 403: ErrorOut, 404: ErrorOut},
    summary="求職者の求職の申出（BOナビでの申出と、提案に記録した申出。担当者・職業紹介責任者）",
)
def candidate_job_requests(request: HttpRequest, pk: int) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if selectors.staff_of(user) is None:
        return Status(403, {"detail": "職業紹介事業者のスタッフとしてログインしてください。"})
    candidate = selectors.candidate_for_staff(user, pk)
    if candidate is None:
        return Status(404, {"detail": "求職者が見つかりません。"})
    services.candidate_viewed(user=user, candidate=candidate, what="求職の申出の記録")
    return {
        "candidate": candidate.pk,
        "lock_until": services.placement_lock_until(candidate),
        "bonavi_request_at": candidate.job_request_at.isoformat() if candidate.job_request_at else None,
        "requests": [
            {
                "proposal": p.pk,
                "posting_id": p.posting_id,
                "title": p.posting.title,
                "proposed_at": p.created_at.isoformat(),
                "proposed_by": str(p.adviser),
                "request_on": p.request_on,
                "request_channel": p.request_channel,
                "request_channel_label": p.get_request_channel_display(),
                "request_note": p.request_note,
                "label": services.JobRequest(on=p.request_on, channel=p.request_channel).label,
            }
            for p in selectors.job_requests_of(candidate)
        ],
    }


# 苦情処理簿 (32条の14, ADR 0113): the 職業紹介責任者 the complaint is routed to reads it and moves its status, with
# the records page's rules (services.complaint_progress / complaint_resolve; ADR 0117).
COMPLAINT_STATUSES = "・".join(f"{s.value}（{s.label}）" for s in ComplaintStatus)


class ReplyCorrectionOut(Schema):
    corrected_at: str = Field(description="訂正日時（ISO 8601）")
    corrected_by: str = Field(description="訂正した職業紹介責任者")
    previous: str = Field(description="訂正前の回答")
    mailed: bool = Field(description="訂正後の回答をメールで送ったか")


class ComplaintOut(Schema):
    id: int
    received_at: str = Field(description="受付日時（ISO 8601）")
    office: str
    from_name: str = Field(description="申出者")
    contact: str = Field(description="連絡先（メール・電話）")
    body: str = Field(description="苦情の内容")
    wants_in_person: bool = Field(description="面談での対応を希望（対応結果の前に、今日以前の面談日が必要）")
    status: str = Field(description="状態：" + COMPLAINT_STATUSES)
    status_label: str
    interview_on: dt.date | None = Field(description="面談日")
    resolution: str = Field(description="対応結果（事業所の記録。申出者には表示されません）")
    reply: str = Field(description="申出者への回答（申出者のページに表示）")
    reply_mailed: bool = Field(
        description="申出者への回答をメールで送ったか（連絡先がメールアドレスのときだけ）"
    )
    resolved_at: str | None = Field(description="対応結果を記録した日時（ISO 8601）")
    replied_at: str | None = Field(
        description="申出者への回答を送った日時（ISO 8601。対応済みにしたとき、または後から送ったとき。回答がなければ null）"
    )
    reply_version: str = Field(
        description="いまの申出者への回答の版（回答の内容から作る短い文字列）。訂正や後からの回答に "
        "`shown_reply_version` として添えると、その間に別の画面で回答が変わっていたとき受け付けられません"
    )
    reply_corrections: list[ReplyCorrectionOut] = Field(
        description="申出者への回答の訂正履歴（古い順。`reply` が訂正後の、いま申出者に表示されている回答）"
    )
    candidate: int | None = Field(
        description="申し出た登録求職者（ログインして申し出た登録者で、あなたが見られる登録のときだけ。ほかは null）"
    )


class ComplaintPage(PageOut):
    results: list[ComplaintOut]


def _complaints_out(responsible: Any, complaints: list[Any]) -> list[dict[str, Any]]:
    """The complaints as `responsible` (selectors.responsible_of, read by the caller) reads them."""
    linked = {c.candidate_id for c in complaints if c.candidate_id}
    # As on the records page: her registration only while this 責任者 may see it (not once she withdrew).
    visible = (
        set(selectors.candidates_of(responsible).filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    return [
        {
            "id": c.pk,
            "received_at": c.received_at.isoformat(),
            "office": c.office.name,
            "from_name": c.from_name,
            "contact": c.contact,
            "body": c.body,
            "wants_in_person": c.wants_in_person,
            "status": c.status,
            "status_label": c.get_status_display(),
            "interview_on": c.interview_on,
            "resolution": c.resolution,
            "reply": c.reply,
            "reply_mailed": c.reply_mailed,
            "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
            "replied_at": c.replied_at.isoformat() if c.replied_at else None,
            "reply_version": services.reply_version(c.reply),
            "reply_corrections": [
                {
                    "corrected_at": f.corrected_at.isoformat(),
                    "corrected_by": str(f.corrected_by),
                    "previous": f.previous,
                    "mailed": f.mailed,
                }
                for f in c.reply_corrections.all()
            ],
            "candidate": c.candidate_id if c.candidate_id in visible else None,
        }
        for c in complaints
    ]


@agent_router.get(
    "/complaints",
    response={200: ComplaintPage, 403: ErrorOut, 422: ErrorOut},
    summary="苦情処理簿（あなたに割り当てられた苦情、新しい順。職業紹介責任者のみ）",
)
def complaints_list(
    request: HttpRequest,
    status: str = Query("", description="状態で絞り込み：" + COMPLAINT_STATUSES),
    page: int = PAGE_PARAM,
    page_size: int = PAGE_SIZE_PARAM,
) -> Any:
    responsible = selectors.responsible_of(request.auth)  # type: ignore[attr-defined]
    if responsible is None:
        return Status(403, {"detail": RESPONSIBLE_ONLY})
    qs = selectors.complaints_for_responsible(responsible)
    if status:
        if status not in ComplaintStatus.values:
            msg = f"状態（status）は次のどれかを指定してください：{COMPLAINT_STATUSES}。"
            return Status(422, {"detail": msg, "errors": {"status": [msg]}})
        qs = qs.filter(status=status)
    paged = paginate(qs, page, page_size)
    return {**paged, "results": _complaints_out(responsible, paged["results"])}


def _complaint_moved(user: Any, pk: int, move: Callable[[Any], Any]) -> Any:
    """Run `move` (a records-page service) on the complaint routed to this 責任者 — one her records page shows — and
    answer it as it now is; a 403 (not a 責任者) or 404 (not hers) answer before, the service's refusal as 422 or
    403. The 責任者 is read once here for the refusal, the complaint and the answer; the service checks its own."""
    responsible = selectors.responsible_of(user)
    if responsible is None:
        return Status(403, {"detail": services.COMPLAINT_HANDLER_ONLY})
    complaint = selectors.complaints_for_responsible(responsible).filter(pk=pk).first()
    if complaint is None:
        return Status(404, {"detail": "苦情が見つかりません。"})
    try:
        move(complaint)
    except services.AgentError as exc:
        return _err(exc)
    except PermissionDenied as exc:
        return _forbidden(exc)
    # Read again: what `move` did to it (a 訂正's history row) is not in the instance read before.
    complaint = selectors.complaints_for_responsible(responsible).get(pk=pk)
    return _complaints_out(responsible, [complaint])[0]


class ComplaintProgressIn(StrictIn):
    interview_on: dt.date | None = Field(
        None,
        description="面談日（YYYY-MM-DD。受付日以後、3か月以内）。省略または null で面談日なし"
        "（記録済みの面談日は消えます：取りやめた面談を行ったことにしないため）",
    )


@agent_router.post(
    "/complaints/{pk}/progress",
    response={200: ComplaintOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="苦情を「対応中」にする・面談日を記録する（職業紹介責任者）",
)
def complaint_progress(request: HttpRequest, pk: int, payload: ComplaintProgressIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return _complaint_moved(
        user,
        pk,
        lambda complaint: services.complaint_progress(
            user=user, complaint=complaint, interview_on=payload.interview_on
        ),
    )


class ComplaintResolveIn(StrictIn):
    resolution: str = Field(description="対応結果（面談を希望された苦情は、今日以前の面談日を記録してから）")
    reply: str = Field(
        "",
        description="申出者への回答（任意）。申出者のページに表示され、連絡先がメールアドレスのときは1度だけ"
        "メールで届きます。空なら申出者には何も送られません",
    )


@agent_router.post(
    "/complaints/{pk}/resolve",
    response={200: ComplaintOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="苦情の対応結果を記録して「対応済み」にする（職業紹介責任者）",
)
def complaint_resolve(request: HttpRequest, pk: int, payload: ComplaintResolveIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return _complaint_moved(
        user,
        pk,
        lambda complaint: services.complaint_resolve(
            user=user, complaint=complaint, resolution=payload.resolution, reply=payload.reply
        ),
    )


class ReplyCorrectionIn(StrictIn):
    reply: str = Field(
        description="訂正後の回答（4,000文字以内。空・訂正前と同じ内容は受け付けません）。申出者のページの回答が"
        "差し替わって訂正されたことが表示され、連絡先がメールアドレスのときは1通メールで届きます。"
        "訂正前の回答は `reply_corrections` に残ります"
    )
    shown_reply_version: str | None = Field(
        None,
        description="訂正の前に読んだ回答の `reply_version`（省略可）。いまの回答と違えば（別の画面で変更された）"
        "422 で断られ、何も変わりません",
    )


@agent_router.post(
    "/complaints/{pk}/reply-correction",
    response={200: ComplaintOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="対応済みの苦情の申出者への回答を訂正する（職業紹介責任者）",
)
def complaint_reply_correct(request: HttpRequest, pk: int, payload: ReplyCorrectionIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return _complaint_moved(
        user,
        pk,
        lambda complaint: services.complaint_reply_correct(
            user=user, complaint=complaint, reply=payload.reply, shown=payload.shown_reply_version
        ),
    )


class LateReplyIn(StrictIn):
    reply: str = Field(
        description="申出者への回答（4,000文字以内）。回答なしで対応済みにした苦情にだけ送れます。申出者のページに"
        "送った日時とともに表示され、連絡先がメールアドレスのときは1通メールで届きます"
    )
    shown_reply_version: str | None = Field(
        None,
        description="送る前に読んだ `reply_version`（省略可）。その間に別の画面で回答が送られていれば 422 で"
        "断られ、いまの回答が示されます",
    )


@agent_router.post(
    "/complaints/{pk}/reply",
    response={200: ComplaintOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="回答なしで対応済みにした苦情に、申出者への回答を後から送る（職業紹介責任者）",
)
def complaint_reply_late(request: HttpRequest, pk: int, payload: LateReplyIn) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return _complaint_moved(
        user,
        pk,
        lambda complaint: services.complaint_reply_late(
            user=user, complaint=complaint, reply=payload.reply, shown=payload.shown_reply_version
        ),
    )
