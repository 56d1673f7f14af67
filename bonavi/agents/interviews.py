"""面接の日程 of a 推薦 (ADR 0102, 0105): the posting company — or the agency staff who see the candidate (日程調整)
— sets, changes or cancels the interview of the stage the referral is at (1次・2次・最終面接); the other parties
(the candidate, her advisers, and the company when the agency made the change) are mailed once per change in the
transaction that makes it (as referral_move's notices go), the change is a StageEvent of the referral's 経過 saying
who made it, and the day-before reminder (the candidate and her advisers) is claimed once per interview. The shape, the rules and the .ics are core.interviews'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from bonavi.core import clock, interviews
from bonavi.core.interviews import InterviewInvalid, answer_timing_refusal, interview_clean
from bonavi.core.mail import subject_title
from bonavi.core.text import one_line

from . import due, selectors, services
from .limits import NOTE_MAX
from .models import INTERVIEW_STAGES, AuditAction, Candidate, Referral, ReferralInterview, Stage, StageEvent
from .services import (
    AgentError,
    _log,
    _mail,
    _mail_candidate,
    _mail_employer,
    _url,
    interview_calendar_lines,
    interview_called_off_lines,
)

# Who sees the URL of a 推薦's interview (the form's help): the company, the candidate and her advisers.
URL_SEEN_BY = "候補者ご本人、担当の紹介会社と貴社の採用担当"
# The same people, as the agency's form says it.
URL_SEEN_BY_STAFF = "候補者ご本人、求人企業の採用担当と当社の担当者"


def current_interview(referral: Referral) -> ReferralInterview | None:
    """The interview of the stage the referral is at now (none before 1次面接 or after the last one), picked
    from `referral.interviews` (prefetched by the lists, one small query otherwise: a referral has a few at most).
    After a 再面接 the stage has more than one: its latest attempt is the one to come (ADR 0131)."""
    if referral.stage not in INTERVIEW_STAGES:
        return None
    return max(
        (i for i in referral.interviews.all() if i.stage == referral.stage),
        key=lambda i: i.attempt,
        default=None,
    )


@dataclass(frozen=True)
class AnswerReaders:
    """Who her answer to a 推薦's interview date is mailed to, and how her page names them."""

    users: list[Any]
    who: str  # 「担当のキャリアアドバイザー」 or 「株式会社○○の職業紹介責任者」
    short: str  # 「担当者」 or 「職業紹介責任者」
    assigned: bool  # False: no adviser; the 責任者 hears it in their place


def answer_readers(candidate: Candidate) -> AnswerReaders:
    """Her advisers with a login in use; with none (not assigned yet, or all left), the 職業紹介責任者 of her
    office, who answers for the office's candidates (docs/AGENTS.md §1.7) and is the one who can open her page
    there (selectors.candidates_of) — else her answer reached nobody and she waited for a call that never came. Not
    another office's 責任者: they cannot open her page. Each once, in pk order."""
    users = list(
        get_user_model()
        .objects.filter(agency_staff__in=candidate.advisers.all(), is_active=True)
        .distinct()
        .order_by("pk")
    )
    if users:
        return AnswerReaders(users, "担当のキャリアアドバイザー", "担当者", assigned=True)
    heads = list(
        get_user_model()
        .objects.filter(
            agency_staff__office_id=candidate.office_id, agency_staff__is_responsible=True, is_active=True
        )
        .order_by("pk")
    )
    return AnswerReaders(heads, f"{candidate.agency.name}の職業紹介責任者", "職業紹介責任者", assigned=False)


def _stage_interview(referral: Referral, *, lock: bool = False) -> ReferralInterview | None:
    """The current stage's interview as current_interview picks it (its latest attempt), read afresh, locked for a
    cancel."""
    rows = ReferralInterview.objects.filter(referral=referral, stage=referral.stage).order_by("-attempt")
    return (rows.select_for_update() if lock else rows).first()


# What every list, card and the API add to the held interview's words when the 再面接 after it was called off
# (ADR 0136): the stage was interviewed, and the second try will not take place — neither alone is the truth.
AGAIN_CALLED_OFF = "再面接は取消"


def held_before_called_off(
    referral: Referral, interview: ReferralInterview | None = None, now: dt.datetime | None = None
) -> ReferralInterview | None:
    """The held interview of the stage when its current one (`interview`, current_interview's by default) is a
    再面接 that was called off (ADR 0136); None otherwise. Without it the lists that skip a called-off row showed the
    held one as if no 再面接 had been booked, and those that read the called-off row said nothing of the held one.
    Read from `referral.interviews`, as current_interview reads them."""
    interview = current_interview(referral) if interview is None else interview
    if interview is None or not interview.is_cancelled or interview.attempt < 2:
        return None
    return max(
        (
            i
            for i in referral.interviews.all()
            if i.stage == interview.stage and i.attempt < interview.attempt and i.is_held(now)
        ),
        key=lambda i: i.attempt,
        default=None,
    )


def again_called_off_line(held: ReferralInterview, now: dt.datetime | None = None) -> str:
    """「面接済み（12月3日（木））・再面接は取消」: the held one's words and that its 再面接 was called off."""
    return f"{held.row_line(now)}・{AGAIN_CALLED_OFF}"


def card_line(referral: Referral, interview: ReferralInterview | None = None) -> str:
    """What the interview card of the stage (the company's page, the adviser's card, her proposal page) says under a
    called-off 再面接: 「1次面接：面接済み（12月3日（木））・再面接は取消」, the lists' words with the stage named
    (ADR 0136); "" otherwise."""
    held = held_before_called_off(referral, interview)
    return f"{held.get_stage_display()}：{again_called_off_line(held)}" if held is not None else ""


def row_line(referral: Referral | None, now: dt.datetime | None = None) -> str:
    """Her lists' line under a 推薦's stage (応募の一覧, マイページ, 提案), as a direct application's reads: the current
    stage's interview in InterviewBase.row_line's words (「面接日時：12月3日（木）18:00」, 「面接済み（12月3日（木））」);
    a 再面接 called off after a held one, 「面接済み（12月3日（木））・再面接は取消」 (ADR 0136); "" before 1次面接,
    after the last interview stage, without a date or once called off. The lists prefetch `referral__interviews`
    (a few rows a referral), so this reads none."""
    if referral is None:
        return ""
    interview = current_interview(referral)
    if interview is None:
        return ""
    if (held := held_before_called_off(referral, interview, now)) is not None:
        return again_called_off_line(held, now)
    return interview.row_line(now)


def ics_interview(referral: Referral) -> ReferralInterview | None:
    """The interview its .ics URL serves: the current stage's; after a move away from a stage, the one last
    changed — a move that called it off (services.referral_move) leaves its CANCELLED file reachable."""
    return current_interview(referral) or max(
        referral.interviews.all(), key=lambda i: i.updated_at, default=None
    )


def referral_for_ics(*, user: Any, referral_id: int) -> tuple[Referral, str] | None:
    """The referral and the reader's side ("candidate", "employer" or "staff") for its interview's .ics, through
    the selectors of each side: the candidate herself (proposals_for_candidate), the posting company's 採用担当
    (referrals_for_employer) and the agency staff who see her (referrals_for_staff: her advisers, the office's
    職業紹介責任者); None for anyone else. The posting's company and the interviews are loaded with it."""
    sides = (
        ("employer", selectors.referrals_for_employer(user)),
        ("staff", selectors.referrals_for_staff(user)),
        ("candidate", Referral.objects.filter(proposal__in=selectors.proposals_for_candidate(user))),
    )
    for side, referrals in sides:
        referral = (
            referrals.filter(pk=referral_id)
            .select_related("proposal__posting__organization", "proposal__candidate__user__seeker_profile")
            .prefetch_related("interviews")
            .first()
        )
        if referral is not None:
            return referral, side
    return None


def schedule_refusal(referral: Referral, stage: str | None = None) -> str:
    """Why the interview of `referral` cannot be set or cancelled now ("" when it can): it is not at an interview
    stage, or — `stage` being the one the form was opened at — it has moved since, and the date typed for that
    stage's interview would be stored (and mailed) as the next one's, which nobody agreed."""
    if stage is not None and referral.stage != stage:
        return (
            f"選考状況がすでに変わっています（いまは「{referral.get_stage_display()}」）。"
            "ページを読み込み直してください。"
        )
    if referral.stage not in INTERVIEW_STAGES:
        return (
            f"この選考は「{referral.get_stage_display()}」のため、面接の日程は変更できません"
            "（1次・2次・最終面接のときに設定できます）。"
        )
    return ""


def after_held(stage: str) -> str:
    """What comes after the held interview of `stage` (ADR 0123, s15): a 2次・最終面接 is a stage of its own, with its
    own interview, so the next date is set after the move to it — typed into the held stage's form, it would be
    stored and mailed as that stage's, which is what schedule_refusal guards against for a moved stage."""
    nexts = [Stage(s).label for s in services.staff_next_stages(stage) if s in INTERVIEW_STAGES]
    if nexts:
        return f"次の面接は、選考状況を{'か'.join(f'「{n}」' for n in nexts)}に進めてから、その日程を設定してください。"
    return "このあとは、選考状況を進めてください（内定・不採用など）。"


def again_help(stage: str) -> str:
    """How the same stage is interviewed again once its interview is held (ADR 0131): the held fold's line, and the
    tail of held_refusal."""
    label = Stage(stage).label
    return (
        f"ご本人が来られなかった・もう一度話したいなどで{label}をもう一度行う場合は、"
        f"「{label}をもう一度行う（再面接）」から新しい日程を設定してください。"
    )


def held_refusal(interview: ReferralInterview) -> str:
    """Why a held interview cannot be changed or called off, and what to do instead: it took place, and a cancel
    would mail 「新しい日程が決まると…」 of a meeting that is over."""
    return (
        f"{interview.get_stage_display()}（{interview.day_display}）は済んでいるため、日程の変更や取り消しはできません。"
        + after_held(interview.stage)
        + again_help(interview.stage)
    )


def again_refusal(referral: Referral, interview: ReferralInterview | None) -> str:
    """Why the stage cannot be interviewed again now: a 再面接 follows a held interview only. Before that the date is
    set or changed as usual — a second row beside one still to come would be two bookings of one stage."""
    label = referral.get_stage_display()
    if interview is None or interview.is_cancelled:
        return f"{label}の日程がまだありません。再面接ではなく、{label}の日程として設定してください。"
    return (
        f"{label}（{interview.soon_display}）はまだ済んでいないため、再面接は設定できません。"
        "日程を変える場合は、その日程を変更してください。"
    )


def _for_scheduler(user: Any, referral: Referral, stage: str | None) -> tuple[Referral, str]:
    """The referral locked, and who schedules it: the posting company's 採用担当 ("company") or the agency staff
    who may see the candidate ("agency": her assigned advisers and the office's 職業紹介責任者, through the same
    selector as every staff page — 日程調整 is theirs in agency practice, ADR 0105). Refused for anyone else,
    unless the referral is at an interview stage, and when it is no longer at `stage` (schedule_refusal)."""
    posting = referral.proposal.posting
    if getattr(user, "is_employer", False) and posting.organization_id == user.organization_id:
        side = "company"
    elif selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists():
        side = "agency"
    else:
        raise PermissionDenied("この選考を更新する権限がありません。")
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("proposal__posting", "proposal__candidate__user", "proposal__candidate__agency")
        .get(pk=referral.pk)
    )
    if refusal := schedule_refusal(locked, stage):
        raise AgentError(refusal)
    return locked, side


def _who(referral: Referral, user: Any, side: str) -> str:
    """Who made the change, as the 経過, the audit trail and the mails say it: 「企業」 or the agency's adviser by
    name (the candidate knows her adviser; the company knows the agency)."""
    if side == "company":
        return "企業"
    name = getattr(user, "display_name", "")
    return f"{referral.proposal.candidate.agency.name}の担当者" + (f"（{name}）" if name else "")


def _event(referral: Referral, *, actor: Any, kind: str, who: str, verb: str, detail: str) -> None:
    """The 経過 entry «{who}が{verb}{detail}» and the audit trail's «{who}が「{title}（{company}）」の{verb}{detail}»:
    who first, so the title is not read as the agency's, and the job with its company, as every line of her trail
    names it (services.job_named). Within the stage, not a move: from and to are the same stage, so the 経過 lists
    it where it happened, its `kind` naming what was done."""
    StageEvent.objects.create(
        referral=referral,
        from_stage=referral.stage,
        to_stage=referral.stage,
        kind=kind,
        actor=actor,
        note=one_line(f"{who}が{verb}{detail}")[:NOTE_MAX],
    )
    _log(
        referral.proposal.candidate,
        actor,
        AuditAction.STAGE_CHANGE,
        f"{who}が{services.referral_job_named(referral)}の{verb}{detail}",
    )


def _tell(
    referral: Referral,
    interview: ReferralInterview,
    *,
    actor: Any,
    side: str,
    headline: str,
    opening: str,
) -> int:
    """The other parties, each once: the candidate (held back for her quiet hours, as every pipeline mail), her
    advisers but the one who made the change, and — when the agency made it — the company's 採用担当. Returns how
    many 採用担当 were mailed: none when the company made it or has no account (then nobody may say it was told)."""
    posting = referral.proposal.posting
    candidate = referral.proposal.candidate
    stage = interview.get_stage_display()
    facts = (
        interview_called_off_lines(referral, interview)
        if interview.is_cancelled
        else [*interviews.facts(interview), "", *interview_calendar_lines(referral)]
    )
    _mail_candidate(
        candidate,
        f"【BOナビ】{stage}：{headline}（{subject_title(posting.title)}）",
        [
            f"{candidate.name} 様",
            "",
            f"「{posting.title}」の{stage}について、{opening}",
            "",
            *facts,
            "",
            _url("agents:my_proposal", referral.proposal_id),
        ],
    )
    for adviser in candidate.advisers.select_related("user"):
        if adviser.user_id != getattr(actor, "pk", None):
            _mail(
                adviser.user,
                f"【BOナビ】{stage}：{headline}（{candidate.name}）",
                [
                    f"「{posting.title}」の{stage}について、{opening}",
                    "",
                    *facts,
                    "",
                    _url("agents:candidate", candidate.pk),
                ],
            )
    if side != "agency":
        return 0
    return _mail_employer(
        posting,
        f"【BOナビ】{candidate.agency.name}より：{stage}：{headline}（{subject_title(posting.title)}）",
        [
            f"「{posting.title}」に推薦した{candidate.name}さんの{stage}について、{opening}",
            "",
            *facts,
            "",
            _url("agents:employer_referral", referral.pk),
        ],
    )


def referral_interview_set(
    *,
    user: Any,
    referral: Referral,
    values: Mapping[str, Any],
    stage: str | None = None,
    again: bool = False,
) -> ReferralInterview:
    """Set or change the interview of the stage the referral is at — refused when `stage` (the one the form was
    opened at) is given and it has moved since: the posting company, or the agency staff who see the candidate
    (_for_scheduler). A save that changes nothing tells nobody; a new time makes the day-before reminder due again.
    The interview returned carries `news` ("" when nothing changed, "again" for a 再面接) and `employer_mailed`
    (ADR 0111).

    `again` books the same stage once more after its interview is held (再面接, ADR 0131): a new row with the next
    attempt, so the held one stays as it was (面接済み, its .ics entry kept) and the new one has its own .ics UID.
    Asked for explicitly, never inferred from a held interview: a date typed into the held stage's form may be
    meant for the next stage (after_held), and stored as this stage's it would be mailed as the wrong interview.
    Refused (again_refusal) unless the stage's latest interview is held."""
    try:
        cleaned = interview_clean(values)
    except InterviewInvalid as exc:
        raise AgentError(exc.errors) from exc
    with transaction.atomic():
        referral, side = _for_scheduler(user, referral, stage)
        latest = _stage_interview(referral)
        now = clock.now()
        held: ReferralInterview | None = None
        if latest is not None and latest.is_held(now):
            if not again:
                raise AgentError(held_refusal(latest))
            held = latest
            interview = ReferralInterview(referral=referral, stage=referral.stage, attempt=latest.attempt + 1)
        elif again:
            raise AgentError(again_refusal(referral, latest))
        else:
            interview = latest or ReferralInterview(referral=referral, stage=referral.stage)
        news = interview.apply(cleaned, now=now)
        if not news:
            return interview
        # A 再面接 row dated again after it was called off (ADR 0102 reuses a called-off row) is still the 再面接:
        # its mail and 経過 said 「面接の日程のお知らせ」 as if it were the stage's first interview (ADR 0148).
        again_anew = held is None and interview.attempt > 1 and news == "set"
        if again_anew:
            held = _held_before(referral, interview, now)
        news = "again" if held is not None or again_anew else news
        interview.news = news
        who = _who(referral, user, side)
        label = referral.get_stage_display()
        if news == "again":
            before = f"（{held.day_display}の{label}は面接済み）" if held is not None else ""
            _event(
                referral,
                actor=user,
                kind=StageEvent.Kind.INTERVIEW_AGAIN,
                who=who,
                verb=f"{label}の再面接の日程を設定しました",
                detail=f"{before}：{interview.when_display}（{interview.where_display}）",
            )
            headline = "再面接の日程のお知らせ"
            if side == "company":
                opening = f"企業から、{label}をもう一度行う日程（再面接）が届きました。"
            else:
                opening = f"{who}が企業と調整した、{label}をもう一度行う日程（再面接）をお知らせします。"
            if held is not None:
                opening += f"{held.day_display}の{label}の記録は変わりません。"
        elif interview.attempt > 1:
            # A 再面接's date changed: named by its attempt label, 「1次面接（再面接）」.
            _event(
                referral,
                actor=user,
                kind=StageEvent.Kind.INTERVIEW_CHANGED,
                who=who,
                verb=f"{interview.label}の日程を変更しました",
                detail=f"：{interview.when_display}（{interview.where_display}）",
            )
            headline = "再面接の日程が変更されました"
            opening = f"{who}が{interview.label}の日程を変更しました。変更後の日程は次のとおりです。"
        else:
            changed = news == "changed"
            _event(
                referral,
                actor=user,
                kind=StageEvent.Kind.INTERVIEW_CHANGED if changed else StageEvent.Kind.INTERVIEW_SET,
                who=who,
                verb="面接の日程を変更しました" if changed else "面接の日程を設定しました",
                detail=f"：{interview.when_display}（{interview.where_display}）",
            )
            headline = "面接の日程が変更されました" if changed else "面接の日程のお知らせ"
            if changed:
                opening = f"{who}が面接の日程を変更しました。変更後の日程は次のとおりです。"
            elif side == "company":
                opening = "企業から面接の日程が届きました。"
            else:
                opening = f"{who}が企業と調整した面接の日程をお知らせします。"
        interview.employer_mailed = _tell(
            referral, interview, actor=user, side=side, headline=headline, opening=opening
        )
    return interview


def _held_before(
    referral: Referral, interview: ReferralInterview, now: dt.datetime
) -> ReferralInterview | None:
    """The held interview of `interview`'s stage before its attempt (the one a 再面接 follows), read afresh."""
    earlier = ReferralInterview.objects.filter(
        referral=referral, stage=interview.stage, attempt__lt=interview.attempt
    ).order_by("-attempt")
    return next((i for i in earlier if i.is_held(now)), None)


def referral_interview_cancel(
    *, user: Any, referral: Referral, stage: str | None = None
) -> ReferralInterview:
    """Call off the interview of the stage the referral is at (refused as referral_interview_set refuses); the
    interview returned carries `employer_mailed`."""
    with transaction.atomic():
        referral, side = _for_scheduler(user, referral, stage)
        interview = _stage_interview(referral, lock=True)
        if interview is None or interview.is_cancelled:
            raise AgentError("取り消す面接の日程がありません。")
        now = clock.now()
        if interview.is_held(now):
            raise AgentError(held_refusal(interview))
        interview.cancel(now=now)
        interview.news = "cancelled"
        who = _who(referral, user, side)
        _event(
            referral,
            actor=user,
            kind=StageEvent.Kind.INTERVIEW_CANCELLED,
            who=who,
            verb="面接の日程を取り消しました",
            detail=f"（予定していた日時：{interview.when_display}）",
        )
        interview.employer_mailed = _tell(
            referral,
            interview,
            actor=user,
            side=side,
            headline="面接の日程が取り消されました",
            opening=f"{who}が面接の日程を取り消しました。新しい日程が決まると、改めてお知らせします。",
        )
    return interview


# Her answer to the date (ADR 0154, as on a direct application, ADR 0140) ------------------------------------------

# The date was changed (by the company or the agency) after her page was shown: her answer was to another question.
STALE_ANSWER = (
    "面接の日程が変更されました。ページに表示されている新しい日程を確かめてから、もう一度回答してください。"
)


def answer_refusal(
    referral: Referral, interview: ReferralInterview | None, *, now: dt.datetime | None = None
) -> str:
    """Why she cannot answer the interview of her 推薦 now, or "" when she can: the one rule of her page (whether the
    two buttons are shown) and the service. Only a date still to come is asked about: once it has begun, a late
    arrival is a call to her adviser, not a request for another date."""
    now = clock.now() if now is None else now
    if referral.stage not in INTERVIEW_STAGES:
        return (
            f"この選考は「{referral.get_stage_display()}」のため、面接の日程には回答できません"
            "（1次・2次・最終面接のときに回答できます）。"
        )
    if interview is None:
        return "回答する面接の日程がありません。日程が決まると、メールでお知らせします。"
    return answer_timing_refusal(
        interview, now, held_name=interview.label, contact="担当のキャリアアドバイザーにすぐ"
    )


def referral_interview_answer(
    *,
    user: Any,
    referral: Referral,
    answer: str,
    text: str = "",
    sequence: int | None,
    starts_at: dt.datetime | None,
) -> ReferralInterview:
    """Her answer to the date of her 推薦's current interview: 「この日程で参加します」 or 「日程の変更をお願いする」 with
    her reason and the dates that suit her (core.interviews.answer_text_clean, the direct application's rule). Her
    own 推薦 only (PermissionDenied). `sequence` and `starts_at`: the interview as her page (or the API's answer)
    showed it; a change since is refused (STALE_ANSWER), as is a date called off, held, begun or of a 推薦 no longer
    at an interview stage (answer_refusal) — nothing stored, nobody mailed. Otherwise stored on the interview (the
    next change clears it), one 経過 entry and audit line by her, and one mail to each of her advisers, in one
    transaction (to her office's 職業紹介責任者 when no adviser is assigned: answer_readers): in a 推薦 the agency
    relays to the company (ADR 0105), so the company is not mailed and the 経過 it reads does not carry her words. The same answer again (a double press) changes nothing and mails nobody."""
    candidate = referral.proposal.candidate
    if user is None or candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("この選考を操作する権限がありません。")
    cleaned_text, errors = interviews.answer_text_clean(answer, text)
    if errors:
        raise AgentError(errors)
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("proposal__posting__organization", "proposal__candidate__user")
            .get(pk=referral.pk)
        )
        interview = _stage_interview(referral, lock=True)
        now = clock.now()
        if refusal := answer_refusal(referral, interview, now=now):
            raise AgentError(refusal)
        assert interview is not None
        if not interviews.answer_seen(interview, sequence, starts_at):
            raise AgentError(STALE_ANSWER)
        if not interview.answer_store(answer, cleaned_text, now=now):
            return interview
        attend = answer == interviews.InterviewAnswer.ATTEND
        label, when = interview.label, interview.when_display
        _event(
            referral,
            actor=user,
            kind=StageEvent.Kind.INTERVIEW_ANSWER,
            who="ご本人",
            # Her reason stays on the interview, for her and her advisers: the 経過 is the company's to read too.
            verb=(
                f"{label}（{when}）に「この日程で参加します」と回答しました"
                if attend
                else f"{label}（{when}）の日程の変更をお願いしました（理由と希望日時は担当者へ）"
            ),
            detail="",
        )
        posting = referral.proposal.posting
        what = (
            "「この日程で参加します」と回答しました。必要に応じて、企業の採用担当にお伝えください。"
            if attend
            else "日程の変更を希望しています。理由とご都合のよい日時は候補者のページに表示しています。"
            "企業と調整して新しい日程を保存すると、ご本人と企業にメールでお知らせします。"
        )
        readers = answer_readers(candidate)
        whose = (
            f"担当の{candidate.name}さん"
            if readers.assigned
            else f"{candidate.name}さん（担当のキャリアアドバイザーが未設定のため、職業紹介責任者の方にお送りしています）"
        )
        for person in readers.users:
            # Her words stay behind the login (ADR 0044): the mail names the job and the date, the page says the rest.
            _mail(
                person,
                f"【BOナビ】{label}：{'参加の回答' if attend else '日程の変更の依頼'}（{candidate.name}）",
                [
                    f"{whose}が、「{posting.title}」の{label}（{when}）について、{what}",
                    "",
                    _url("agents:candidate", candidate.pk) + f"#r{referral.pk}-interview",
                ],
            )
    return interview


def _due(start: dt.datetime, end: dt.datetime) -> QuerySet[ReferralInterview]:
    """Not cancelled, not reminded, starting in [start, end), of a referral still at that interview's stage and
    of a candidate whose consent stands."""
    return due.interviews_between(start, end).filter(reminder_sent_at__isnull=True)


def referral_interview_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminder (Japan time, from 08:00: clock.tomorrow_window_jst) to the candidate of every
    interview due tomorrow and to each of her assigned advisers; each interview claimed with a conditional UPDATE in the transaction that queues its mail, so two
    runs send it once."""
    now = now or clock.now()
    window = clock.tomorrow_window_jst(now)
    if window is None:
        return 0
    sent = 0
    for pk in list(_due(*window).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            if not _due(*window).filter(pk=pk).update(reminder_sent_at=now):
                continue  # another run got it first, or it was changed or cancelled meanwhile
            interview = ReferralInterview.objects.select_related(
                "referral__proposal__posting__organization",
                "referral__proposal__candidate__user__seeker_profile",
            ).get(pk=pk)
            referral = interview.referral
            posting = referral.proposal.posting
            candidate = referral.proposal.candidate
            _mail_candidate(
                candidate,
                f"【BOナビ】明日は{interview.get_stage_display()}です（{subject_title(posting.title)}）",
                [
                    f"{candidate.name} 様",
                    "",
                    f"「{posting.title}」の{interview.get_stage_display()}は明日です。日時と場所をご確認ください。",
                    "",
                    *interviews.facts(interview),
                    "",
                    *interview_calendar_lines(referral),
                    "",
                    _url("agents:my_proposal", referral.proposal_id),
                ],
            )
            # Her advisers too (ADR 0105): they coordinated the date and are the ones she calls the morning of.
            # Under the same claim, in the same transaction: no second claim that could race this one.
            for adviser in candidate.advisers.select_related("user"):
                _mail(
                    adviser.user,
                    f"【BOナビ】明日は{candidate.name}さんの{interview.get_stage_display()}です"
                    f"（{posting.employer_display}）",
                    [
                        f"担当の{candidate.name}さんの{interview.get_stage_display()}は明日です。",
                        "",
                        f"候補者：{candidate.name}",
                        f"企業：{posting.employer_display}",
                        f"求人：{posting.title}",
                        *interviews.facts(interview),
                        "",
                        *interview_calendar_lines(referral),
                        "",
                        _url("agents:candidate", candidate.pk) + f"#r{referral.pk}-interview",
                    ],
                )
            sent += 1
    return sent


__all__ = [
    "AGAIN_CALLED_OFF",
    "STALE_ANSWER",
    "URL_SEEN_BY",
    "URL_SEEN_BY_STAFF",
    "AnswerReaders",
    "after_held",
    "again_called_off_line",
    "again_help",
    "again_refusal",
    "answer_readers",
    "answer_refusal",
    "card_line",
    "current_interview",
    "held_before_called_off",
    "held_refusal",
    "ics_interview",
    "referral_for_ics",
    "referral_interview_answer",
    "referral_interview_cancel",
    "referral_interview_reminders_send",
    "referral_interview_set",
    "schedule_refusal",
]
