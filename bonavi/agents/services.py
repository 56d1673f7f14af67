"""Writes of the agent workbench. Each checks permission, changes, logs to the candidate's audit trail and queues
its e-mail inside one transaction (so the mail exists exactly when the change does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts.models import Organization
from bonavi.core.clock import today_jst
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.validators import reject_markup
from bonavi.jobs.models import EmploymentType, JobPosting, PostingStatus, Visibility
from bonavi.jobs.services import posting_findings
from bonavi.jobs.validation import posting_problems
from bonavi.notifications.models import MessageKind
from bonavi.notifications.services import message_queue

from . import selectors
from .models import (
    OPEN_STAGES,
    AuditAction,
    AuditEvent,
    Candidate,
    CandidateStatus,
    Complaint,
    ExitReason,
    FollowUp,
    HearingSheet,
    JobOrder,
    JobOrderStatus,
    Office,
    Placement,
    Proposal,
    ProposalStatus,
    Referral,
    Staff,
    Stage,
    StageEvent,
    audit_actor_label,
)
from .rules import hearing_forbidden_keys, incentive_problems, note_problems
from .snapshot import conditions_diff, conditions_snapshot

REGISTRATION_MONTHS = 6  # 求職申込みの有効期間 (agency policy; shown in 求職管理簿)
JOB_ORDER_DAYS = 90
LOCK_YEARS = 2  # 指針: no 転職勧奨 for 2 years after an open-ended placement
CONSENT_VERSION = "2026-11"
CONSENT_PURPOSES = (
    "1. あなたに合う求人を探し、提案するため（ヒアリング内容・経験・希望条件を使います）\n"
    "2. あなたが応募に同意した求人に限り、あなたが選んだ書類を求人企業へ送付（推薦）するため\n"
    "3. 選考の日程調整・結果の連絡、入社後の定着確認（6か月）のため\n"
    "4. 法令で定められた帳簿（求職管理簿）の作成・保存のため（保存期間後は匿名化します）\n"
    "年齢・性別・国籍・本籍・家族などの情報は、求人の提案・推薦の判断に使いません。"
    "同意はいつでも撤回でき、撤回しても不利益はありません。"
)


class AgentError(Exception):
    """A refused action; `errors` maps field names ("__all__" for general) to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]] | str) -> None:
        if isinstance(errors, str):
            errors = {"__all__": [errors]}
        super().__init__("; ".join(m for msgs in errors.values() for m in msgs))
        self.errors = errors


def _require_staff(user: Any) -> Staff:
    staff = selectors.staff_of(user)
    if staff is None:
        raise PermissionDenied("職業紹介事業者のスタッフとしてログインしてください。")
    return staff


def _log(candidate: Candidate, actor: Any, action: str, detail: str = "") -> None:
    AuditEvent.objects.create(
        candidate=candidate,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=audit_actor_label(actor),
        action=action,
        detail=detail[:500],
    )


def _mail(to_user: Any, subject: str, lines: list[str]) -> None:
    body = "\n".join(
        [
            *lines,
            "",
            "--",
            "BOナビ（BackOffice Navi）",
            "求職者の方から料金をいただくことはありません。",
        ]
    )
    message_queue(
        kind=MessageKind.APPLICATION, to_email=to_user.email, subject=subject, body=body, user=to_user
    )


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


# Registration and hearing ------------------------------------------------------------------------------------


def candidate_apply(*, user: Any, agency_slug: str, office_id: int | None = None, consent: bool) -> Candidate:
    """A seeker's 求職申込み to an agency, with consent to the purposes shown (never a service condition)."""
    if user is None or not getattr(user, "is_seeker", False):
        raise PermissionDenied("求職者のアカウントでログインしてください。")
    agency = selectors.agency_by_slug(agency_slug)
    if agency is None:
        raise AgentError("職業紹介事業者が見つかりません。")
    if not consent:
        raise AgentError(
            {
                "consent": [
                    "個人情報の取扱い（利用目的）への同意が必要です。内容を確認してチェックしてください。"
                ]
            }
        )
    office = (
        agency.offices.filter(pk=office_id).first() if office_id else agency.offices.order_by("pk").first()
    )
    if office is None:
        raise AgentError("受付できる事業所がありません。")
    today = today_jst()
    existing = Candidate.objects.filter(agency=agency, user=user).first()
    with transaction.atomic():
        if existing is not None:
            if existing.status != CandidateStatus.WITHDRAWN:
                return existing
            existing.status = CandidateStatus.APPLIED
            existing.consented_at = timezone.now()
            existing.consent_withdrawn_at = None
            existing.consent_purposes = CONSENT_PURPOSES
            existing.consent_version = CONSENT_VERSION
            existing.applied_on = today
            existing.valid_until = today + dt.timedelta(days=30 * REGISTRATION_MONTHS)
            existing.save()
            candidate = existing
        else:
            candidate = Candidate.objects.create(
                agency=agency,
                office=office,
                user=user,
                display_name=(user.display_name or user.email.split("@")[0])[:100],
                consent_purposes=CONSENT_PURPOSES,
                consent_version=CONSENT_VERSION,
                consented_at=timezone.now(),
                applied_on=today,
                valid_until=today + dt.timedelta(days=30 * REGISTRATION_MONTHS),
            )
        _log(
            candidate,
            user,
            AuditAction.REGISTERED,
            f"{agency.name}へ求職申込み（利用目的に同意：版 {CONSENT_VERSION}）",
        )
    return candidate


def candidate_withdraw(*, user: Any, candidate: Candidate) -> Candidate:
    if candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ撤回できます。")
    with transaction.atomic():
        candidate.status = CandidateStatus.WITHDRAWN
        candidate.consent_withdrawn_at = timezone.now()
        candidate.save(update_fields=["status", "consent_withdrawn_at"])
        Proposal.objects.filter(candidate=candidate, status=ProposalStatus.PROPOSED).update(
            status=ProposalStatus.WITHDRAWN
        )
        _log(candidate, user, AuditAction.REGISTERED, "同意を撤回し、登録を解除")
    return candidate


HEARING_FIELDS = (
    "reasons",
    "desired_occupations",
    "desired_prefectures",
    "pay_floor",
    "pay_unit",
    "employment_types",
    "telework",
    "available_from",
    "experience",
    "years_experience",
    "skills",
    "qualifications",
    "notes",
)
_TEXT_HEARING = ("reasons", "desired_occupations", "experience", "skills", "qualifications", "notes")


def hearing_problems(data: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every problem with a hearing payload, in Japanese, keyed by field. Empty = may be stored."""
    errors: dict[str, list[str]] = {}
    forbidden = hearing_forbidden_keys(list(data.keys()))
    if forbidden:
        errors["__all__"] = forbidden
    unknown = [k for k in data if k not in HEARING_FIELDS and k.lower() not in {"candidate", "advisers"}]
    unknown = [k for k in unknown if not hearing_forbidden_keys([k])]
    if unknown:
        errors.setdefault("__all__", []).append(f"ヒアリングシートにない項目です：{'、'.join(unknown)}")
    for key in _TEXT_HEARING:
        value = data.get(key) or ""
        if not isinstance(value, str):
            errors.setdefault(key, []).append("文字列で入力してください。")
            continue
        try:
            reject_markup(value)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
        if len(value) > 4000:
            errors.setdefault(key, []).append("4000文字以内で入力してください。")
        for msg in note_problems(value) if key in ("notes", "reasons", "experience") else []:
            errors.setdefault(key, []).append(msg)
    prefs = data.get("desired_prefectures") or []
    if not isinstance(prefs, list) or any(str(p) not in PREFECTURES for p in prefs):
        errors.setdefault("desired_prefectures", []).append(
            "都道府県コード（01〜47）のリストで指定してください。"
        )
    kinds = data.get("employment_types") or []
    if not isinstance(kinds, list) or any(k not in EmploymentType.values for k in kinds):
        errors.setdefault("employment_types", []).append(
            f"雇用形態は {', '.join(EmploymentType.values)} から選んでください。"
        )
    if data.get("pay_unit") not in (None, "", "month", "year", "hour"):
        errors.setdefault("pay_unit", []).append("給与の単位は month・year・hour のいずれかです。")
    if data.get("telework") not in (None, "", "any", "partial", "full"):
        errors.setdefault("telework", []).append("テレワークは any・partial・full のいずれかです。")
    return errors


def hearing_save(*, user: Any, candidate: Candidate, data: Mapping[str, Any]) -> HearingSheet:
    """Record (or update) the hearing; the first one registers the candidate and assigns the adviser."""
    staff = _require_staff(user)
    if candidate.agency_id != staff.agency_id:
        raise PermissionDenied("この求職者を担当できません。")
    if candidate.status == CandidateStatus.WITHDRAWN:
        raise AgentError("求職者が同意を撤回しているため、記録できません。")
    visible = selectors.candidates_visible_to(user).filter(pk=candidate.pk).exists()
    if not visible and candidate.status != CandidateStatus.APPLIED:
        raise PermissionDenied("担当の求職者ではありません。")
    errors = hearing_problems(data)
    if errors:
        raise AgentError(errors)
    clean = {k: data[k] for k in HEARING_FIELDS if k in data}
    for key in ("pay_floor", "years_experience", "available_from"):
        if clean.get(key) in ("",):
            clean[key] = None
    with transaction.atomic():
        sheet, _created = HearingSheet.objects.get_or_create(candidate=candidate)
        for key, value in clean.items():
            setattr(
                sheet,
                key,
                value
                if value is not None or key in ("pay_floor", "years_experience", "available_from")
                else "",
            )
        sheet.updated_by = user
        try:
            sheet.full_clean(exclude=["candidate"])
        except ValidationError as exc:
            raise AgentError({k: list(v) for k, v in exc.message_dict.items()}) from exc
        sheet.save()
        if candidate.status == CandidateStatus.APPLIED:
            candidate.status = CandidateStatus.ACTIVE
            candidate.registered_at = timezone.now()
            candidate.save(update_fields=["status", "registered_at"])
            candidate.advisers.add(staff)
            _log(
                candidate,
                user,
                AuditAction.REGISTERED,
                "ヒアリングを行い登録（担当：" + audit_actor_label(user) + "）",
            )
        _log(candidate, user, AuditAction.HEARING_EDIT, "ヒアリングシートを記録")
    return sheet


def candidate_viewed(
    *, user: Any, candidate: Candidate, what: str = "プロフィール・ヒアリングシート"
) -> None:
    _log(candidate, user, AuditAction.PROFILE_VIEW, f"{what}を閲覧")


# 求人受理 ----------------------------------------------------------------------------------------------------------


def job_order_intake(
    *,
    user: Any,
    employer: Organization,
    data: Mapping[str, Any],
    self_declaration: bool,
    openings: int = 1,
    start_by: dt.date | None = None,
    contact_person: str = "",
) -> JobOrder:
    """Take in an employer's order as a 非公開求人 through the compliance gate. A refusal is recorded, with the
    reasons, and nothing is published (職業安定法5条の6)."""
    staff = _require_staff(user)
    if not staff.is_recruiting_adviser and not staff.is_responsible:
        raise PermissionDenied("求人受理はリクルーティングアドバイザーまたは職業紹介責任者が行います。")
    if employer.kind != Organization.Kind.EMPLOYER:
        raise AgentError("求人者には採用企業を指定してください。")
    posting = JobPosting(organization=employer, created_by=user, status=PostingStatus.DRAFT)
    skip = {"id", "pk", "organization", "organization_id", "status", "created_by", "family", "visibility"}
    for key, value in data.items():
        if key not in skip:
            setattr(posting, key, value)
    posting.visibility = Visibility.PRIVATE
    posting.employer_name = posting.employer_name or employer.name
    posting.employer_address = posting.employer_address or employer.address
    posting.employer_contact = posting.employer_contact or employer.phone or employer.email
    reasons: list[str] = []
    if not self_declaration:
        reasons.append(
            "求人者の自己申告（労働関係法令違反による処分・公表等がないこと）がありません（職業安定法5条の6）。"
        )
    try:
        posting.full_clean(exclude=["organization"])
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            label = (
                str(getattr(posting._meta.get_field(field), "verbose_name", field))
                if field != "__all__"
                else ""
            )
            reasons += [f"{label}：{m}" if label else m for m in msgs]
    for msgs in posting_problems(posting, for_publish=True).values():
        reasons += msgs
    findings = [f for f in posting_findings(posting) if f.is_error] if not reasons else []
    reasons += [f"{f.message} {f.suggestion}".strip() for f in findings]
    today = today_jst()
    submitted = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    with transaction.atomic():
        order = JobOrder(
            agency=staff.agency,
            office=staff.office,
            employer=employer,
            title=str(data.get("title") or "")[:120] or "（タイトルなし）",
            submitted=submitted,
            self_declaration=self_declaration,
            openings=max(1, int(openings or 1)),
            start_by=start_by,
            received_on=today,
            valid_until=today + dt.timedelta(days=JOB_ORDER_DAYS),
            contact_person=contact_person[:100],
            created_by=user,
        )
        if reasons:
            order.status = JobOrderStatus.REFUSED
            order.refusal_reasons = reasons
            order.save()
            return order
        posting.status = PostingStatus.PUBLISHED
        posting.date_posted = timezone.now()
        posting.valid_through = order.valid_until
        posting.save()
        order.status = JobOrderStatus.ACCEPTED
        order.posting = posting
        order.save()
    return order


# Proposals ---------------------------------------------------------------------------------------------------------


def placement_lock_until(candidate: Candidate) -> dt.date | None:
    """The end of the 2-year lock if this agency placed the candidate open-ended within two years."""
    last = (
        Placement.objects.filter(
            referral__proposal__candidate__user_id=candidate.user_id,
            referral__proposal__candidate__agency_id=candidate.agency_id,
            open_ended=True,
        )
        .order_by("-joined_on")
        .first()
    )
    if last is None:
        return None
    until = last.joined_on.replace(year=last.joined_on.year + LOCK_YEARS)
    return until if today_jst() < until else None


def proposal_create(
    *,
    user: Any,
    candidate: Candidate,
    posting_id: int,
    comment: str = "",
    match: Mapping[str, Any] | None = None,
    initiated_by: str = "agency",
) -> Proposal:
    staff = _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=candidate.pk).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    if candidate.status != CandidateStatus.ACTIVE:
        raise AgentError("登録済み（ヒアリング済み・同意あり）の求職者にだけ提案できます。")
    posting = selectors.postings_for_staff(staff).filter(pk=posting_id).first()
    if posting is None:
        raise AgentError("提案できる求人が見つかりません（公開中の求人か、自社で受理した非公開求人のみ）。")
    lock = placement_lock_until(candidate)
    if lock is not None and initiated_by == "agency":
        raise AgentError(
            f"この方は当社の紹介で無期雇用として就職してから2年を経過していないため、{lock:%Y年%m月%d日}まで"
            "当社から転職を勧める提案はできません（職業安定法の指針）。ご本人から求職の申出があった場合のみ対応できます。"
        )
    problems = incentive_problems(comment)
    try:
        reject_markup(comment)
    except ValidationError as exc:
        problems += exc.messages
    if problems:
        raise AgentError({"comment": problems})
    now = timezone.now()
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                candidate=candidate,
                posting=posting,
                adviser=staff,
                comment=comment[:4000],
                initiated_by=initiated_by,
                snapshot=conditions_snapshot(posting),
                snapshot_at=now,
                match=dict(match or {}),
                created_at=now,
            )
            _log(candidate, user, AuditAction.PROPOSAL_CREATED, f"求人「{posting.title}」を提案")
            _mail(
                candidate.user,
                f"【BOナビ】{candidate.agency.name}から求人の提案があります",
                [
                    f"{candidate.display_name} 様",
                    "",
                    f"{candidate.agency.name}の担当者から求人の提案が届きました。",
                    "応募するかどうかは、求人ごとにあなたが決めます。同意のない応募（推薦）は行いません。",
                    "",
                    _url("agents:my_proposals"),
                ],
            )
    except IntegrityError as exc:
        raise AgentError("この求人はすでにこの方に提案しています。") from exc
    return proposal


def proposal_changes(proposal: Proposal) -> list[dict[str, str]]:
    """The conditions that differ between the stored snapshot and the posting now."""
    # Read the posting afresh: the conditions now, not those of an instance loaded earlier.
    current = JobPosting.objects.select_related("organization").get(pk=proposal.posting_id)
    return conditions_diff(proposal.snapshot, conditions_snapshot(current))


def proposal_viewed(*, user: Any, proposal: Proposal) -> None:
    if proposal.candidate.user_id == getattr(user, "pk", None):
        return  # the candidate reading their own proposal is not an access by someone else
    _log(proposal.candidate, user, AuditAction.PROPOSAL_VIEW, f"提案「{proposal.posting.title}」を閲覧")


def proposal_answer(
    *,
    user: Any,
    proposal: Proposal,
    accept: bool,
    document_choice: str = "",
    document_text: str = "",
    channel: str = "web",
) -> Proposal:
    """The candidate accepts (choosing the document to send) or declines one job."""
    if proposal.candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ回答できます。")
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        raise AgentError("この提案には回答できません（取り下げ済み）。")
    if hasattr(proposal, "referral"):
        raise AgentError("すでに推薦済みのため、回答は変更できません。選考の辞退は担当者にご連絡ください。")
    if accept and proposal_changes(proposal):
        raise AgentError("提案後に労働条件が変わっています。変更点を確認してから回答してください。")
    if accept and not (document_choice or "").strip():
        raise AgentError({"document_choice": ["送付する書類を選んでください。"]})
    with transaction.atomic():
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        proposal.responded_at = timezone.now()
        proposal.response_channel = channel
        proposal.document_choice = (document_choice or "")[:200] if accept else ""
        proposal.document_text = document_text if accept else ""
        proposal.save()
        verb = "応募に同意" if accept else "辞退"
        _log(proposal.candidate, user, AuditAction.PROPOSAL_ANSWER, f"「{proposal.posting.title}」に{verb}")
        _mail(
            proposal.adviser.user,
            f"【BOナビ】提案への回答：{verb}（{proposal.posting.title[:40]}）",
            [
                f"{proposal.candidate.display_name} さんが「{proposal.posting.title}」に{verb}しました。",
                "",
                _url("agents:candidate", proposal.candidate_id),
            ],
        )
    return proposal


def proposal_acknowledge(*, user: Any, proposal: Proposal) -> Proposal:
    """The candidate has read the changed conditions; they become the conditions as proposed."""
    if proposal.candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ確認できます。")
    changes = proposal_changes(proposal)
    if not changes:
        return proposal
    with transaction.atomic():
        proposal.snapshot = conditions_snapshot(
            JobPosting.objects.select_related("organization").get(pk=proposal.posting_id)
        )
        proposal.snapshot_at = timezone.now()
        proposal.save(update_fields=["snapshot", "snapshot_at"])
        names = "、".join(c["label"] for c in changes)
        _log(
            proposal.candidate,
            user,
            AuditAction.CONDITIONS_ACK,
            f"「{proposal.posting.title}」の変更（{names}）を確認",
        )
    return proposal


def referral_send(
    *, user: Any, proposal: Proposal, recommendation: str = "", interview_prep: str = ""
) -> Referral:
    """推薦: only for a proposal the candidate accepted, with the document they chose, on current conditions."""
    staff = _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=proposal.candidate_id).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    if proposal.status != ProposalStatus.ACCEPTED:
        state = proposal.get_status_display()
        raise AgentError(f"求職者が応募に同意していない提案は推薦できません（現在：{state}）。")
    if hasattr(proposal, "referral"):
        raise AgentError("この提案はすでに推薦済みです。")
    if proposal.candidate.status != CandidateStatus.ACTIVE:
        raise AgentError("求職者が同意を撤回しています。推薦できません。")
    if proposal_changes(proposal):
        raise AgentError("提案後に労働条件が変わっています。求職者が変更点を確認するまで推薦できません。")
    if proposal.posting.status != PostingStatus.PUBLISHED:
        raise AgentError("この求人は募集を終了しています。")
    for text in (recommendation, interview_prep):
        try:
            reject_markup(text)
        except ValidationError as exc:
            raise AgentError({"recommendation": exc.messages}) from exc
    now = timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            proposal=proposal,
            sent_at=now,
            sent_by=staff,
            document_choice=proposal.document_choice,
            document_text=proposal.document_text,
            recommendation=recommendation[:4000],
            interview_prep=interview_prep[:4000],
        )
        StageEvent.objects.create(
            referral=referral, from_stage="", to_stage=Stage.RECOMMENDED, actor=user, at=now
        )
        posting = proposal.posting
        _log(
            proposal.candidate,
            user,
            AuditAction.DOCUMENT_SENT,
            f"「{proposal.document_choice}」を{posting.employer_name or posting.organization.name}へ送付（推薦）",
        )
        _mail(
            proposal.candidate.user,
            f"【BOナビ】推薦しました（{posting.title[:40]}）",
            [
                f"{proposal.candidate.display_name} 様",
                "",
                f"ご同意いただいた「{posting.title}」に、選んでいただいた書類「{proposal.document_choice}」で推薦しました。",
                "選考の状況は次のページで確認できます。",
                _url("agents:my_proposal", proposal.pk),
            ],
        )
        for member in posting.organization.members.filter(is_active=True):
            _mail(
                member,
                f"【BOナビ】{proposal.candidate.agency.name}から推薦が届きました（{posting.title[:40]}）",
                [
                    f"「{posting.title}」に候補者の推薦が届きました。",
                    "",
                    _url("agents:employer_referral", referral.pk),
                ],
            )
    return referral


_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.RECOMMENDED: (Stage.DOCUMENT, Stage.INTERVIEW1, Stage.REJECTED, Stage.DECLINED),
    Stage.DOCUMENT: (Stage.INTERVIEW1, Stage.REJECTED, Stage.DECLINED),
    Stage.INTERVIEW1: (Stage.INTERVIEW2, Stage.FINAL, Stage.OFFER, Stage.REJECTED, Stage.DECLINED),
    Stage.INTERVIEW2: (Stage.FINAL, Stage.OFFER, Stage.REJECTED, Stage.DECLINED),
    Stage.FINAL: (Stage.OFFER, Stage.REJECTED, Stage.DECLINED),
    Stage.OFFER: (Stage.OFFER_ACCEPTED, Stage.DECLINED),
    Stage.OFFER_ACCEPTED: (Stage.JOINED, Stage.DECLINED),
}
# The employer moves its own stages; 承諾・辞退 are the candidate's answers, relayed by the agency.
_EMPLOYER_STAGES = {
    Stage.DOCUMENT,
    Stage.INTERVIEW1,
    Stage.INTERVIEW2,
    Stage.FINAL,
    Stage.OFFER,
    Stage.REJECTED,
    Stage.JOINED,
}


def referral_move(*, user: Any, referral: Referral, to_stage: str, note: str = "") -> Referral:
    posting = referral.proposal.posting
    is_employer = getattr(user, "is_employer", False) and posting.organization_id == user.organization_id
    is_staff = selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists()
    if not (is_employer or is_staff):
        raise PermissionDenied("この選考を更新する権限がありません。")
    if to_stage not in Stage.values:
        raise AgentError({"to_stage": ["選考状況の値が正しくありません。"]})
    allowed = _TRANSITIONS.get(referral.stage, ())
    if to_stage not in allowed:
        raise AgentError(
            {
                "to_stage": [
                    f"「{referral.get_stage_display()}」から「{Stage(to_stage).label}」には進められません。"
                ]
            }
        )
    if is_employer and not is_staff and to_stage not in _EMPLOYER_STAGES:
        raise AgentError({"to_stage": ["内定承諾・辞退は求職者の回答として紹介会社が記録します。"]})
    try:
        reject_markup(note)
    except ValidationError as exc:
        raise AgentError({"note": exc.messages}) from exc
    with transaction.atomic():
        before = referral.stage
        referral.stage = to_stage
        referral.save(update_fields=["stage", "updated_at"])
        StageEvent.objects.create(
            referral=referral, from_stage=before, to_stage=to_stage, actor=user, note=note[:500]
        )
        label = Stage(to_stage).label
        _log(
            referral.proposal.candidate,
            user,
            AuditAction.STAGE_CHANGE,
            f"「{posting.title}」の選考：{Stage(before).label} → {label}",
        )
        lines = [
            f"{referral.proposal.candidate.display_name} 様",
            "",
            f"「{posting.title}」の選考状況が「{label}」になりました。",
        ]
        if note:
            lines += ["", "連絡事項：", note]
        lines += ["", _url("agents:my_proposal", referral.proposal_id)]
        _mail(
            referral.proposal.candidate.user,
            f"【BOナビ】選考状況のお知らせ：{label}（{posting.title[:40]}）",
            lines,
        )
        for adviser in referral.proposal.candidate.advisers.select_related("user"):
            if adviser.user_id != getattr(user, "pk", None):
                _mail(
                    adviser.user,
                    f"【BOナビ】選考状況：{label}（{referral.proposal.candidate.display_name}）",
                    [f"「{posting.title}」：{Stage(before).label} → {label}", note],
                )
    return referral


def referral_viewed_by_employer(*, user: Any, referral: Referral) -> None:
    _log(
        referral.proposal.candidate, user, AuditAction.DOCUMENT_VIEW, f"「{referral.document_choice}」を閲覧"
    )


# Placements, follow-up, complaints ---------------------------------------------------------------------------------


def placement_record(
    *,
    user: Any,
    referral: Referral,
    joined_on: dt.date,
    expected_annual_pay: int,
    fee: int,
    occupation_code: str = "",
    fee_collected_on: dt.date | None = None,
) -> Placement:
    staff = _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    if referral.stage not in (Stage.OFFER_ACCEPTED, Stage.JOINED):
        raise AgentError("内定承諾または入社の後に記録してください。")
    if expected_annual_pay <= 0 or fee < 0:
        raise AgentError("予定年収と手数料を正しく入力してください。")
    posting = referral.proposal.posting
    open_ended = not posting.fixed_term
    with transaction.atomic():
        placement = Placement.objects.create(
            referral=referral,
            office=staff.office,
            occupation_code=occupation_code or posting.mhlw_code,
            open_ended=open_ended,
            contract_months=posting.contract_months,
            expected_annual_pay=expected_annual_pay,
            fee=fee,
            fee_collected_on=fee_collected_on,
            joined_on=joined_on,
        )
        if referral.stage != Stage.JOINED:
            before = referral.stage
            referral.stage = Stage.JOINED
            referral.save(update_fields=["stage", "updated_at"])
            StageEvent.objects.create(referral=referral, from_stage=before, to_stage=Stage.JOINED, actor=user)
        if open_ended:
            FollowUp.objects.create(placement=placement, due_on=_add_months(joined_on, 6))
        _log(
            referral.proposal.candidate,
            user,
            AuditAction.PLACEMENT,
            f"「{posting.title}」への入社（{joined_on:%Y年%m月%d日}）を記録",
        )
    return placement


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def placement_exit(
    *, user: Any, placement: Placement, exit_on: dt.date, reason: str, refund: int = 0
) -> Placement:
    staff = _require_staff(user)
    if placement.office.agency_id != staff.agency_id:
        raise PermissionDenied("この記録を更新する権限がありません。")
    if reason not in ExitReason.values:
        raise AgentError({"reason": ["離職理由を選んでください。"]})
    if exit_on < placement.joined_on:
        raise AgentError({"exit_on": ["離職日が入社日より前です。"]})
    with transaction.atomic():
        placement.exit_on = exit_on
        placement.exit_reason = reason
        placement.refund = max(0, refund)
        placement.save(update_fields=["exit_on", "exit_reason", "refund"])
        follow = getattr(placement, "follow_up", None)
        if follow is not None and follow.outcome == FollowUp.Outcome.PENDING and exit_on < follow.due_on:
            follow.outcome = FollowUp.Outcome.LEFT
            follow.done_at = timezone.now()
            follow.done_by = staff
            follow.save()
    return placement


def follow_up_complete(*, user: Any, follow_up: FollowUp, outcome: str) -> FollowUp:
    staff = _require_staff(user)
    if follow_up.placement.office.agency_id != staff.agency_id:
        raise PermissionDenied("この記録を更新する権限がありません。")
    if outcome not in FollowUp.Outcome.values or outcome == FollowUp.Outcome.PENDING:
        raise AgentError({"outcome": ["確認結果を選んでください。"]})
    follow_up.outcome = outcome
    follow_up.done_at = timezone.now()
    follow_up.done_by = staff
    follow_up.save()
    return follow_up


def follow_ups_expire(*, today: dt.date | None = None) -> int:
    """No answer by the deadline (plus a month's grace) is recorded as 不明, as the disclosure rules count it."""
    day = today or today_jst()
    return FollowUp.objects.filter(
        outcome=FollowUp.Outcome.PENDING, due_on__lt=day - dt.timedelta(days=31)
    ).update(outcome=FollowUp.Outcome.UNKNOWN, done_at=timezone.now())


def complaint_file(
    *, user: Any, agency_slug: str, from_name: str, contact: str, body: str, wants_in_person: bool
) -> Complaint:
    agency = selectors.agency_by_slug(agency_slug)
    if agency is None:
        raise AgentError("職業紹介事業者が見つかりません。")
    errors: dict[str, list[str]] = {}
    if not from_name.strip():
        errors["from_name"] = ["お名前を入力してください。"]
    if not contact.strip():
        errors["contact"] = ["連絡先を入力してください。"]
    if not body.strip():
        errors["body"] = ["苦情の内容を入力してください。"]
    for key, value in (("from_name", from_name), ("contact", contact), ("body", body)):
        try:
            reject_markup(value)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
    if errors:
        raise AgentError(errors)
    office: Office | None = agency.offices.order_by("pk").first()
    responsible = Staff.objects.filter(agency=agency, is_responsible=True).order_by("office_id", "pk")
    if office is not None:
        responsible = responsible.order_by(
            # the responsible person of the first office takes it
            "pk"
        )
    target = responsible.first()
    if office is None or target is None:
        raise AgentError("苦情の受付先（職業紹介責任者）が設定されていません。")
    with transaction.atomic():
        complaint = Complaint.objects.create(
            agency=agency,
            office=target.office,
            routed_to=target,
            from_user=user if getattr(user, "is_authenticated", False) else None,
            from_name=from_name[:100],
            contact=contact[:200],
            body=body[:4000],
            wants_in_person=wants_in_person,
        )
        _mail(
            target.user,
            "【BOナビ】苦情の申出がありました",
            [
                f"{from_name} 様から苦情の申出がありました。"
                + ("（面談での対応を希望）" if wants_in_person else ""),
                "",
                body[:1000],
            ],
        )
    return complaint


def referral_open(referral: Referral) -> bool:
    return referral.stage in OPEN_STAGES


def complaint_resolve(*, user: Any, complaint: Complaint, resolution: str) -> Complaint:
    """The 職業紹介責任者 records how a complaint was handled (32条の14: 苦情処理)."""
    staff = _require_staff(user)
    if not staff.is_responsible or complaint.agency_id != staff.agency_id:
        raise PermissionDenied("苦情の処理は職業紹介責任者が行います。")
    if not resolution.strip():
        raise AgentError({"resolution": ["対応の内容を入力してください。"]})
    try:
        reject_markup(resolution)
    except ValidationError as exc:
        raise AgentError({"resolution": exc.messages}) from exc
    complaint.resolution = resolution[:4000]
    complaint.resolved_at = timezone.now()
    complaint.save(update_fields=["resolution", "resolved_at"])
    return complaint
