"""Writes of the agent workbench. Each checks permission, changes, logs to the candidate's audit trail and queues
its e-mail inside one transaction (so the mail exists exactly when the change does)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from bonavi.accounts.models import Organization, Role
from bonavi.compliance.checker import personal_info_requests
from bonavi.core import clock
from bonavi.core.clock import JST, add_months, date_ja, date_jst, day_ja, moment_ja, today_jst
from bonavi.core.contact import normalize_phone
from bonavi.core.contract_terms import term_length_problems
from bonavi.core.fields import EmailField
from bonavi.core.mail import subject_title
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.ratelimit import typed_address_mail_allowed
from bonavi.core.text import fold_number, nfkc, one_line
from bonavi.core.validators import reject_markup
from bonavi.documents.comments import comment_add
from bonavi.documents.selectors import versions_of
from bonavi.documents.services import DocumentError
from bonavi.jobs.models import EmploymentType, JobPosting, PostingStatus, Visibility, WageUnit
from bonavi.jobs.selectors import public_postings
from bonavi.jobs.services import posting_findings
from bonavi.jobs.validation import posting_problems
from bonavi.notifications.mail import signature
from bonavi.notifications.models import MessageKind, OutboxMessage
from bonavi.notifications.services import hiring_staff_mail, message_queue
from bonavi.seekers.apply_notes import hold_her_applying
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.names import person_name

from . import due, selectors
from .books import KEEP_YEARS as BOOKS_KEEP_YEARS
from .books import kept_until
from .fees import Term, fee_rule
from .limits import CONTACT_MAX, NAME_MAX, NOTE_MAX, ORDER_TITLE_MAX, TEXT_MAX, length_problems
from .models import (
    CONTACT_CADENCES,
    CONTACT_CHANNELS,
    CONTACT_PURPOSE,
    DIRECT_APPLICATIONS_PURPOSE,
    HEARING_FIELDS,
    OPEN_STAGES,
    PROFILE_PURPOSE,
    REQUEST_CHANNELS,
    REQUEST_NOTE_MAX,
    Agency,
    AuditAction,
    Candidate,
    CandidateStatus,
    Complaint,
    ComplaintReplyCorrection,
    ComplaintStatus,
    DocumentShare,
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
    ReferralInterview,
    Staff,
    StaffTraining,
    Stage,
    StageEvent,
    audit_actor_label,
    audit_record,
)
from .offer import ITEMS, OTHER_LABEL, offer_clean, offer_record
from .rules import (
    JOIN_AHEAD_YEARS,
    add_years,
    adviser_text_problems,
    hearing_forbidden_keys,
    note_problems,
    responsible_required,
    shortfall_message,
    training_problem,
)
from .snapshot import conditions_diff, conditions_snapshot

REGISTRATION_MONTHS = 6  # 求職申込みの有効期間 (agency policy; shown in 求職管理簿)
JOB_ORDER_DAYS = 90
# 予定年収・手数料・返戻金の上限（10億円）: beyond it is a typo, and the column would overflow.
MAX_YEN = 1_000_000_000
LOCK_YEARS = 2  # 指針: no 転職勧奨 for 2 years after an open-ended placement
# A date typed into a record of the books (入社日, 従業者教育の実施日) this far back is a slip of the keyboard
# (<input type="date"> reads a year typed as 「26」 as 0026), not a late entry: it would fall in no fiscal year's
# figures and its 6-month check would be long overdue. A 入社日 this far ahead never reaches the disclosure.
RECORD_PAST_YEARS = 5
# The version of the registration consent names the day (JST) its text took effect — what she is told she agreed to
# (「版 2026-11-26-2」 on her pages), so never a month to come; a second text the same day gets 「-2」 (ADR 0125):
# 2026-11-25: the first text.
# 2026-11-26: purpose 5, the contact details the advisers read (models.CONTACT_PURPOSE). Was labelled 「2026-12」.
# 2026-11-26-2: purpose 4 names what the 求職管理簿 keeps, 住所 and 生年月日 from her profile among them (ADR 0114).
#   Was labelled 「2027-01」. Migration 0021 renamed the stored labels.
# 2026-11-27: purposes 6 (her profile's 希望条件・経験 and saved 棚卸し for the hearing's draft and matching) and 7
#   (her direct applications, seen only as 「応募済み」; ADR 0141).
# A new text: its own day here (CONSENT_EFFECTIVE_ON is read from it, so the two cannot disagree).
CONSENT_VERSION = "2026-11-27"
CONSENT_EFFECTIVE_ON = dt.date.fromisoformat(CONSENT_VERSION[:10])
CONSENT_PURPOSES = (
    "1. あなたに合う求人を探し、提案するため（ヒアリング内容・経験・希望条件を使います）\n"
    "2. あなたが応募に同意した求人に限り、あなたが選んだ書類を求人企業へ送付（推薦）するため\n"
    "3. 選考の日程調整・結果の連絡、入社後の定着確認（6か月）のため\n"
    "4. 法令で定められた帳簿（求職管理簿）の作成・保存のため。帳簿には、氏名・住所・生年月日（プロフィールに"
    "登録したもの）・希望職種・紹介の経過を記載します（保存期間後は匿名化します）\n"
    f"{CONTACT_PURPOSE}\n"
    f"{PROFILE_PURPOSE}\n"
    f"{DIRECT_APPLICATIONS_PURPOSE}\n"
    "年齢・性別・国籍・本籍・家族などの情報は、求人の提案・推薦の判断に使いません。"
    "同意はいつでも撤回でき、撤回しても不利益はありません。"
)


def _date_problem(label: str, day: dt.date, *, ahead_years: int | None = None, after: str = "") -> str:
    """Why a hand-typed `day` cannot be a record's date ("" when it can); the date is named as typed.
    `ahead_years=0` is a day that must have come (in Japan); `after` then says what to do once it has."""
    today = today_jst()
    if day < add_years(today, -RECORD_PAST_YEARS):
        return f"{label}（{day.isoformat()}）が{RECORD_PAST_YEARS}年以上前です。日付を確かめてください。"
    if ahead_years == 0 and day > today:
        return f"{label}（{day.isoformat()}）が未来の日付です。{after}"
    if ahead_years is not None and day > add_years(today, ahead_years):
        return f"{label}（{day.isoformat()}）が{ahead_years}年以上先です。日付を確かめてください。"
    return ""


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
    audit_record([candidate], actor=actor, action=action, detail=detail)


def adviser_text_check(text: str, *, field: str, what: str) -> None:
    """Every text an adviser writes for someone else to read (添削, 提案コメント, 推薦文, 面接対策) passes the same
    screen: plain text, and no 本籍・家族・思想信条 … unless the sentence tells the person to leave it out (ADR 0064)."""
    problems = length_problems(text, label=what, limit=TEXT_MAX) + adviser_text_problems(text, what=what)
    try:
        reject_markup(text)
    except ValidationError as exc:
        problems += exc.messages
    if problems:
        raise AgentError({field: problems})


def _body(lines: list[str], *, to_seeker: bool = False) -> str:
    # The fee note is for the person looking for work (職業安定法 §32の3②: no fee from 求職者); told to an
    # employer or an adviser it reads as if they were the ones not charged.
    return "\n".join(
        [*lines, *signature(), *(["求職者の方から料金をいただくことはありません。"] if to_seeker else [])]
    )


def _mail(
    to_user: Any,
    subject: str,
    lines: list[str],
    *,
    to_seeker: bool = False,
    to_email: str = "",
    kind: str = MessageKind.APPLICATION,
) -> OutboxMessage:
    """Queue a mail to `to_user` at their login address, or at `to_email` when the mail belongs to another address
    (a complaint's receipt goes to where the person asked to hear back; `to_user` is then None when they were not
    signed in). `kind` is the outbox's: complaint mail stays at the address it was queued for (notifications)."""
    return message_queue(
        kind=kind,
        to_email=to_email or to_user.email,
        subject=subject,
        body=_body(lines, to_seeker=to_seeker),
        user=to_user,
    )


def quiet_end(candidate: Candidate, now: dt.datetime) -> dt.datetime | None:
    """When the candidate's quiet hours (JST, whole hours) end, if `now` falls inside them; else None."""
    start, end = candidate.quiet_from, candidate.quiet_until
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(JST)
    h = local.hour
    inside = start <= h < end if start < end else (h >= start or h < end)
    if not inside:
        return None
    until = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if until <= local:
        until += dt.timedelta(days=1)
    return until


def _mail_candidate(candidate: Candidate, subject: str, lines: list[str]) -> None:
    """Mail the candidate, held back until their quiet hours end (the agency's contact is a top complaint)."""
    if candidate.user is None:
        return
    message = _mail(candidate.user, subject, lines, to_seeker=True)
    later = quiet_end(candidate, timezone.now())
    if later is not None:
        # The outbox sends nothing before next_attempt_at; an update keeps notifications' own code untouched.
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=later)


def _mail_employer(posting: JobPosting, subject: str, lines: list[str]) -> int:
    """Mail the active 採用担当 of the company that posted the job: the recipients of a direct application's
    notice too (notifications.hiring_staff_mail), so an agency's candidate is not announced to more people.
    Returns how many were queued: none when the company has no 採用担当 account, and then nobody may be told
    that the company was notified (ADR 0111)."""
    return len(hiring_staff_mail(organization=posting.organization, subject=subject, body=_body(lines)))


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


# Offices and staff (職業紹介責任者 50:1) --------------------------------------------------------------------------


def _require_responsible(user: Any) -> Staff:
    staff = selectors.responsible_of(user)
    if staff is None:
        _require_staff(user)  # not staff at all: said so
        raise PermissionDenied("スタッフの登録・変更は職業紹介責任者が行います。")
    return staff


def _staffing(office: Office) -> tuple[int, int]:
    active = Staff.objects.filter(office=office, user__is_active=True)
    return active.count(), active.filter(is_responsible=True).count()


def _staffing_check(before: dict[int, tuple[int, int]], offices: list[Office]) -> None:
    """Refuse (inside the caller's transaction, so nothing is kept) a change that leaves an office short of
    職業紹介責任者 and either adds people to it or makes the shortfall worse. A change that does neither (someone
    leaving an office already short) is allowed: it cannot be refused in real life, and the warning stays."""
    problems = [p for office in offices if (p := _shortfall(office, before[office.pk], _staffing(office)))]
    if problems:
        raise AgentError(problems[0] if len(problems) == 1 else {"__all__": problems})


def _shortfall(office: Office, before: tuple[int, int], after: tuple[int, int]) -> str:
    """The refusal for one office going from `before` to `after` (head-count, 責任者), or "" when allowed."""
    count, heads = after
    old_count, old_heads = before
    deficit = responsible_required(count) - heads
    old_deficit = responsible_required(old_count) - old_heads
    if deficit > 0 and (deficit > old_deficit or count > old_count):
        return shortfall_message(office.name, count, heads)
    return ""


def staffing_change_problems(*, staff: Staff, removing: bool = False) -> list[str]:
    """The 50:1 check for a Staff row about to be saved (or deleted) by a path that does not go through
    staff_add/staff_update: the Django admin (ADR 0063). `staff` carries the unsaved change (or is new).
    Same rule as the service; the office rows are locked, so when the caller's transaction (the admin wraps
    each change in one) then saves, nobody has changed the counts in between."""
    old = Staff.objects.select_related("user").filter(pk=staff.pk).first() if staff.pk else None
    office_ids = {staff.office_id} | ({old.office_id} if old is not None else set())
    offices = list(Office.objects.select_for_update().filter(pk__in=office_ids).order_by("pk"))
    counts = not removing and staff.user.is_active
    problems = []
    for office in offices:
        others = Staff.objects.filter(office=office, user__is_active=True)
        if staff.pk:
            others = others.exclude(pk=staff.pk)
        count, heads = others.count(), others.filter(is_responsible=True).count()
        if counts and staff.office_id == office.pk:
            count, heads = count + 1, heads + int(staff.is_responsible)
        problem = _shortfall(office, _staffing(office), (count, heads))
        if problem:
            problems.append(problem)
    return problems


def account_status_problems(user: Any, deleting: bool) -> list[str]:
    """The accounts admin's guard (bonavi.accounts.guards): a staff login switched off or deleted stops counting,
    one switched back on counts again — both pass the same 50:1 rule as staff_update. `user` carries the state
    about to be saved."""
    staff = Staff.objects.select_related("office").filter(user_id=user.pk).first()
    if staff is None:
        return []
    staff.user = user
    return staffing_change_problems(staff=staff, removing=deleting or not user.is_active)


def staff_admin_problems(*, staff: Staff) -> dict[str, list[str]]:
    """Everything staff_update would refuse about a Staff row edited in the Django admin: the office belongs to
    another agency, a 責任者 without a current 講習, or an office left short of 責任者 (50:1)."""
    errors = _roles_problems(
        career=staff.is_career_adviser,
        recruiting=staff.is_recruiting_adviser,
        responsible=staff.is_responsible and staff.user.is_active,
        trained_on=staff.responsible_training_on,
    )
    if staff.office.agency_id != staff.agency_id:
        errors.setdefault("office", []).append("事業所は、選んだ職業紹介事業者のものを選んでください。")
    shortfalls = staffing_change_problems(staff=staff)
    if shortfalls:
        errors.setdefault("__all__", []).extend(shortfalls)
    return errors


def _roles_problems(
    *, career: bool, recruiting: bool, responsible: bool, trained_on: dt.date | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not (career or recruiting or responsible):
        errors["roles"] = ["役割を1つ以上選んでください。"]
    if responsible:
        problem = training_problem(trained_on, today=today_jst())
        if problem:
            errors["responsible_training_on"] = [
                problem + "職業紹介責任者には、5年以内に講習を受講した人を選任してください。"
            ]
    return errors


_STAFF_EMAIL = EmailField(error_messages={"required": "メールアドレスを入力してください。"})


def staff_add(
    *,
    user: Any,
    office: Office,
    email: str,
    display_name: str,
    is_career_adviser: bool = True,
    is_recruiting_adviser: bool = False,
    is_responsible: bool = False,
    responsible_training_on: dt.date | None = None,
) -> Staff:
    """Add a person to an office. Refused when the office would have fewer 職業紹介責任者 than 1 per 50 staff."""
    me = _require_responsible(user)
    if office.agency_id != me.agency_id:
        raise PermissionDenied("自社の事業所にだけ登録できます。")
    errors = _roles_problems(
        career=is_career_adviser,
        recruiting=is_recruiting_adviser,
        responsible=is_responsible,
        trained_on=responsible_training_on,
    )
    # The shared field folds full-width letters and ＠ before it validates, as every form does, so that
    # 「Ｔａｒｏ@Example.COM」 here is the account taro@example.com, not a refusal (or, elsewhere, a second account).
    try:
        email = _STAFF_EMAIL.clean(email or "").lower()
    except ValidationError as exc:
        errors["email"] = exc.messages
    name = (display_name or "").strip()
    if not name:
        errors["display_name"] = ["氏名を入力してください。"]
    try:
        reject_markup(name)
    except ValidationError as exc:
        errors.setdefault("display_name", []).extend(exc.messages)
    if errors:
        raise AgentError(errors)
    agency_org = me.agency.organization
    User = get_user_model()
    with transaction.atomic():
        Office.objects.select_for_update().filter(pk=office.pk).first()  # one staffing change at a time
        before = {office.pk: _staffing(office)}
        account = User.objects.filter(email__iexact=email).first()
        invited = account is None
        if account is None:
            account = User.objects.create_user(
                email=email,
                password=secrets.token_urlsafe(24),  # replaced by the person through パスワード再設定
                role=Role.AGENT,
                organization=agency_org,
                display_name=name[:100],
            )
        elif (
            account.role != Role.AGENT
            or account.organization_id not in (None, agency_org.pk)
            or Staff.objects.filter(user=account).exists()
        ):
            raise AgentError(
                {
                    "email": [
                        "このメールアドレスは、他の事業者のスタッフや求職者・採用担当として登録済みです。"
                    ]
                }
            )
        staff = Staff.objects.create(
            user=account,
            agency=me.agency,
            office=office,
            is_career_adviser=is_career_adviser,
            is_recruiting_adviser=is_recruiting_adviser,
            is_responsible=is_responsible,
            responsible_training_on=responsible_training_on if is_responsible else None,
        )
        _staffing_check(before, [office])
        # A new account has no password yet, so its way in is パスワード再設定; an account they already use has
        # one, so the way in is the login page, and the mail is how they learn that it now opens this workbench.
        way_in = (
            [
                "次のページでこのメールアドレスを入力し、パスワードを設定してからログインしてください。",
                _url("accounts:password_reset"),
            ]
            if invited
            else [
                "お使いのアカウント（このメールアドレス）とパスワードで、次のページからログインしてください。",
                _url("accounts:login"),
            ]
        )
        _mail(
            account,
            f"【BOナビ】{me.agency.name}のスタッフとして登録されました",
            [
                f"{one_line(account.display_name or name)} 様",
                "",
                f"{me.agency.name} {office.name}のスタッフ（{'・'.join(staff.roles)}）として登録されました。",
                *way_in,
                "",
                f"お心当たりがない場合は、{me.agency.name}の職業紹介責任者にお問い合わせください。",
            ],
        )
    return staff


def staff_update(
    *,
    user: Any,
    staff: Staff,
    office: Office,
    is_career_adviser: bool,
    is_recruiting_adviser: bool,
    is_responsible: bool,
    responsible_training_on: dt.date | None,
    active: bool = True,
) -> Staff:
    """Change someone's office or roles, or stop their access (退職). Refused when any office involved would be
    left with fewer 職業紹介責任者 than 1 per 50 staff."""
    me = _require_responsible(user)
    if staff.agency_id != me.agency_id or office.agency_id != me.agency_id:
        raise PermissionDenied("自社のスタッフ・事業所だけ変更できます。")
    errors = _roles_problems(
        career=is_career_adviser,
        recruiting=is_recruiting_adviser,
        responsible=is_responsible and active,
        trained_on=responsible_training_on,
    )
    if staff.pk == me.pk and not active:
        errors.setdefault("__all__", []).append("ご自身のログインは停止できません。")
    if errors:
        raise AgentError(errors)
    old_office = staff.office
    with transaction.atomic():
        list(Office.objects.select_for_update().filter(pk__in=[old_office.pk, office.pk]).order_by("pk"))
        before = {o.pk: _staffing(o) for o in (old_office, office)}
        staff.office = office
        staff.is_career_adviser = is_career_adviser
        staff.is_recruiting_adviser = is_recruiting_adviser
        staff.is_responsible = is_responsible
        staff.responsible_training_on = responsible_training_on if is_responsible else None
        staff.save()
        if staff.user.is_active != active:
            staff.user.is_active = active
            staff.user.save(update_fields=["is_active"])
        _staffing_check(before, [old_office] if old_office.pk == office.pk else [old_office, office])
    return staff


def training_record(
    *, user: Any, office: Office, held_on: dt.date, topic: str, attendee_ids: list[int]
) -> StaffTraining:
    """The 職業紹介責任者 records a staff-education session at their agency's office."""
    me = _require_responsible(user)
    if office.agency_id != me.agency_id:
        raise PermissionDenied("自社の事業所だけ記録できます。")
    errors: dict[str, list[str]] = {}
    topic = (topic or "").strip()
    if not topic:
        errors["topic"] = ["教育の内容を入力してください。"]
    try:
        reject_markup(topic)
    except ValidationError as exc:
        errors.setdefault("topic", []).extend(exc.messages)
    if problem := _date_problem("実施日", held_on, ahead_years=0, after="実施した後に記録してください。"):
        errors["held_on"] = [problem]
    attendees = list(Staff.objects.filter(pk__in=attendee_ids, office=office, user__is_active=True))
    if not attendees:
        errors["attendees"] = ["受講者を1人以上選んでください（この事業所の在籍者）。"]
    if errors:
        raise AgentError(errors)
    with transaction.atomic():
        session = StaffTraining.objects.create(office=office, held_on=held_on, topic=topic[:200], given_by=me)
        session.attendees.set(attendees)
    return session


# Registration and hearing ------------------------------------------------------------------------------------


def _book_details(profile: SeekerProfile | None) -> dict[str, Any]:
    """The 求職管理簿's 住所 and 生年月日 as her profile gives them (ADR 0114): 〒 and 住所 on one line; blank when she
    gave none. Never asked in the hearing, which has no such item by design."""
    if profile is None:
        return {"book_address": "", "book_birth_date": None}
    postal = one_line(profile.postal_code)
    address = one_line(profile.address)
    line = " ".join(part for part in (f"〒{postal}" if postal else "", address) if part)
    return {"book_address": line[:220], "book_birth_date": profile.birth_date}


def _profile_of(user_id: int | None) -> SeekerProfile | None:
    # Read afresh, not from a user object that may hold the profile as it was when the request began.
    return SeekerProfile.objects.filter(user_id=user_id).first() if user_id else None


def candidate_book_details_sync(*, profile: SeekerProfile) -> int:
    """Her profile was saved: each registration she holds with an agency takes its 住所 and 生年月日 for the
    求職管理簿 (ADR 0114). A withdrawn or anonymised one keeps what it has: the book records the person the agency
    knew, and her later profile is no longer the agency's business. The number of registrations updated."""
    details: dict[str, Any] = _book_details(profile)
    # The book's 氏名 too (the books and the mails after a withdrawal read it), when the profile has one: the
    # screens read her live name, and the book must not lag a change of name (ADR 0114).
    if name := one_line(profile.full_name):
        details["display_name"] = name[:100]
    return (
        Candidate.objects.filter(user_id=profile.user_id, anonymised_at__isnull=True)
        .exclude(status=CandidateStatus.WITHDRAWN)
        .update(**details)
    )


def candidate_apply(
    *, user: Any, agency_slug: str, office_id: int | None = None, consent: bool, via: str = ""
) -> Candidate:
    """A seeker's 求職申込み to an agency, with consent to the purposes shown (never a service condition)."""
    return candidate_application(
        user=user, agency_slug=agency_slug, office_id=office_id, consent=consent, via=via
    )[0]


def candidate_application(
    *, user: Any, agency_slug: str, office_id: int | None = None, consent: bool, via: str = ""
) -> tuple[Candidate, bool]:
    """`candidate_apply`, and whether it was a 求職申込み now (a new registration, or one after a withdrawal) rather
    than the registration she has already. `via`: how she came, added to the 求職申込み line of her audit trail
    (「。招待メールのリンクから…」), so one line says it."""
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
    # The name the agency and its books know her by: her profile's 姓 名, as Candidate.name shows while she is
    # registered (the books and the mails after a withdrawal read this stored copy).
    name = (person_name(user) or user.email.split("@")[0])[:100]
    existing = Candidate.objects.filter(agency=agency, user=user).first()
    with transaction.atomic():
        if existing is not None:
            if existing.status != CandidateStatus.WITHDRAWN:
                if existing.consent_version != CONSENT_VERSION:
                    # She agreed to the text shown now (ADR 0100: a registration under an earlier one gets purpose
                    # 5 when she applies again); kept at the old text, her advisers could never read her phone.
                    earlier = existing.consent_version
                    existing.consent_purposes = CONSENT_PURPOSES
                    existing.consent_version = CONSENT_VERSION
                    existing.consented_at = timezone.now()
                    existing.save(update_fields=["consent_purposes", "consent_version", "consented_at"])
                    _log(
                        existing,
                        user,
                        AuditAction.REGISTERED,
                        f"利用目的への同意を更新（版 {earlier} → 版 {CONSENT_VERSION}）",
                    )
                return existing, False
            existing.status = CandidateStatus.APPLIED
            existing.display_name = name
            for key, value in _book_details(_profile_of(user.pk)).items():
                setattr(existing, key, value)
            existing.consented_at = timezone.now()
            existing.consent_withdrawn_at = None
            existing.consent_purposes = CONSENT_PURPOSES
            existing.consent_version = CONSENT_VERSION
            existing.job_request_at = None  # a request from an earlier registration backs nothing in this one
            existing.applied_on = today
            existing.valid_until = today + dt.timedelta(days=30 * REGISTRATION_MONTHS)
            existing.save()
            candidate = existing
        else:
            candidate = Candidate.objects.create(
                agency=agency,
                office=office,
                user=user,
                display_name=name,
                **_book_details(_profile_of(user.pk)),
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
            f"{agency.name}へ求職申込み（利用目的に同意：版 {CONSENT_VERSION}）{via}",
        )
    return candidate, True


def candidate_withdraw(*, user: Any, candidate: Candidate) -> Candidate:
    """The seeker withdraws consent to this agency's handling of their data (never with a disadvantage).

    Pending and agreed-but-unsent proposals are withdrawn; selections in progress end as 辞退 and the employer is
    told; documents shared for 添削 stop being shared; the registration's 有効期間 ends today, and of the hearing
    only 希望職種 stays, because the 求職管理簿 must show it for two more years (then `books_anonymise`).
    The advisers and the 責任者 lose access at once (`selectors.candidates_visible_to`).
    """
    if candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ撤回できます。")
    if candidate.status == CandidateStatus.WITHDRAWN:
        return candidate
    today = today_jst()
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status == CandidateStatus.WITHDRAWN:
            return candidate  # withdrawn meanwhile (a second tab, a double click): done and mailed already
        # Keep the name the agency used until now (Candidate.name reads display_name once she has withdrawn):
        # the notices, her receipt and the books then all name the person the advisers knew.
        candidate.display_name = candidate.name[:100]
        # Likewise her 住所 and 生年月日 as the profile has them now (kept current on each save, read once more in
        # case a save bypassed the signal): the book keeps them as they were (ADR 0114).
        for key, value in _book_details(_profile_of(candidate.user_id)).items():
            setattr(candidate, key, value)
        candidate.status = CandidateStatus.WITHDRAWN
        withdrawn_at = candidate.consent_withdrawn_at = timezone.now()
        candidate.valid_until = min(candidate.valid_until, today)
        # A request to be introduced to jobs ends with the registration it was made in (ADR 0113).
        candidate.job_request_at = None
        candidate.save(
            update_fields=[
                "display_name",
                "book_address",
                "book_birth_date",
                "status",
                "consent_withdrawn_at",
                "valid_until",
                "job_request_at",
            ]
        )
        closed = Proposal.objects.filter(
            candidate=candidate,
            status__in=[ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED],
            referral__isnull=True,
        ).update(status=ProposalStatus.WITHDRAWN)
        ended = 0
        for referral in Referral.objects.filter(
            proposal__candidate=candidate, stage__in=OPEN_STAGES
        ).select_related("proposal__posting__organization"):
            _referral_close_on_withdrawal(referral, actor=user)
            ended += 1
        shared, _ = candidate.document_shares.all().delete()
        HearingSheet.objects.filter(candidate=candidate).update(
            reasons="",
            desired_prefectures=[],
            pay_floor=None,
            employment_types=[],
            telework="any",
            available_from=None,
            experience="",
            years_experience=None,
            skills="",
            qualifications="",
            notes="",
        )
        _log(
            candidate,
            user,
            AuditAction.CONSENT_WITHDRAWN,
            f"{candidate.agency.name}への同意を撤回（提案{closed}件を終了、選考{ended}件を辞退）",
        )
        _withdrawal_confirm(candidate, at=withdrawn_at, closed=closed, ended=ended, shared=shared)
        # The people who lose access at once (selectors.candidates_visible_to). One short mail each, so a
        # registration with no adviser yet is not dropped unseen.
        for person in _advisers_and_responsible(candidate, candidate.office):
            _mail(
                person,
                f"【BOナビ】{candidate.name}さんが同意を撤回しました",
                [
                    f"{candidate.name}さんが個人情報の取扱いへの同意を撤回しました"
                    f"（{moment_ja(withdrawn_at)}）。",
                    f"回答待ちの提案{closed}件は終了し、選考中の{ended}件は辞退として企業へ連絡しました。",
                    "以後、この方の情報は閲覧・利用できません（求職管理簿には法定の項目だけが残ります）。",
                    "連絡や求人の提案も行わないでください。",
                ],
            )
    return candidate


def _advisers_and_responsible(candidate: Candidate, office: Office) -> list[Any]:
    """Whom news about a candidate goes to: her assigned advisers and the office's 職業紹介責任者, who answers for
    the candidates' data (docs/AGENTS.md §1.7). Active logins only, each once, in pk order."""
    return list(
        get_user_model()
        .objects.filter(
            Q(agency_staff__in=candidate.advisers.all())
            | Q(agency_staff__office=office, agency_staff__is_responsible=True),
            is_active=True,
        )
        .order_by("pk")
    )


def _withdrawal_confirm(
    candidate: Candidate, *, at: dt.datetime, closed: int, ended: int, shared: int
) -> None:
    """The seeker's receipt for withdrawing consent: what stopped, what the agency must keep and until when, and
    that they may register again. Sent at once, not held for quiet hours: it answers their own action."""
    if candidate.user is None:
        return
    agency = candidate.agency
    placed = Placement.objects.filter(referral__proposal__candidate=candidate).exists()
    _mail(
        candidate.user,
        f"【BOナビ】{agency.name}への同意の撤回を受け付けました",
        [
            f"{candidate.display_name} 様",
            "",
            f"{agency.name}による個人情報の取扱いについて、同意の撤回を受け付けました。",
            f"撤回日時：{moment_ja(at)}",
            "",
            "撤回により、次のとおり取り扱いを終えました。",
            f"・回答待ちの求人提案：{closed}件を終了しました。同意なく応募（推薦）されることはありません。",
            f"・選考中の求人：{ended}件を辞退として企業へ連絡しました。",
            f"・書類の添削依頼：{shared}件の共有を止めました。",
            "・担当のアドバイザーと職業紹介責任者は、あなたの情報を見られなくなりました。",
            "",
            "ヒアリングの内容は消去しました。法律で保存が義務づけられた求職管理簿（職業安定法32条の15）には、"
            "お名前・住所・生年月日・希望職種・受付日・紹介の経過だけが残ります。",
            f"保存期間は{BOOKS_KEEP_YEARS}年で、{date_ja(kept_until(candidate))}を過ぎると匿名化されます。",
            *(["入社された求人の記録（手数料の帳簿など）は、法定の期間保存されます。"] if placed else []),
            "",
            "撤回による不利益はありません。また申し込むこともできます。",
            _url("agents:agency_public", agency.slug),
        ],
        to_seeker=True,
    )


def _referral_close_on_withdrawal(referral: Referral, *, actor: Any) -> None:
    before = referral.stage
    referral.stage = Stage.DECLINED
    referral.save(update_fields=["stage", "updated_at"])
    note = "求職者が紹介会社への同意を撤回したため、選考を辞退します。"
    StageEvent.objects.create(
        referral=referral, from_stage=before, to_stage=Stage.DECLINED, actor=actor, note=note
    )
    posting = referral.proposal.posting
    _mail_employer(
        posting,
        f"【BOナビ】選考辞退のお知らせ（{subject_title(posting.title)}）",
        [
            f"{referral.proposal.candidate.agency.name}から推薦された方が、「{posting.title}」の選考を辞退しました。",
            note,
            "送付済みの応募書類は、貴社の個人情報の取扱いに従って管理・廃棄してください。",
        ],
    )


def registrations_erase(*, user: Any) -> None:
    """Account deletion: every registration is withdrawn and loses its link to the account; the books keep
    the name, 住所, 生年月日 and 希望職種 the law requires until `books_anonymise` (the person can no longer be contacted)."""
    for candidate in Candidate.objects.filter(user=user):
        candidate_withdraw(user=user, candidate=candidate)
    Candidate.objects.filter(user=user).update(user=None)


def contact_wishes_save(
    *,
    user: Any,
    candidate: Candidate,
    channel: str,
    cadence: str,
    quiet_from: int | None,
    quiet_until: int | None,
) -> Candidate:
    """The candidate says how and how often to be contacted, and when not at all (JST hours)."""
    if candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ設定できます。")
    errors: dict[str, list[str]] = {}
    if channel not in dict(CONTACT_CHANNELS):
        errors["contact_channel"] = ["連絡方法を選んでください。"]
    if cadence not in dict(CONTACT_CADENCES):
        errors["contact_cadence"] = ["連絡の頻度を選んでください。"]
    hours = [h for h in (quiet_from, quiet_until) if h is not None]
    if len(hours) == 1 or any(not 0 <= h <= 23 for h in hours) or (hours and quiet_from == quiet_until):
        errors["quiet_from"] = [
            "連絡しない時間帯は、開始と終了を0〜23時の違う時刻で指定してください（例：21時〜8時）。"
        ]
    if errors:
        raise AgentError(errors)
    candidate.contact_channel = channel
    candidate.contact_cadence = cadence
    candidate.quiet_from = quiet_from
    candidate.quiet_until = quiet_until
    candidate.save(update_fields=["contact_channel", "contact_cadence", "quiet_from", "quiet_until"])
    return candidate


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
        label = str(getattr(HearingSheet._meta.get_field(key), "verbose_name", key))
        for msg in length_problems(value, label=label, limit=TEXT_MAX):
            errors.setdefault(key, []).append(msg)
        for msg in note_problems(value):  # every free-text field, not only the notes
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
    # The site's one set of wage units (jobs' WageUnit: 時給・日給・月給・年俸), as the form offers them.
    if data.get("pay_unit") not in (None, "", *WageUnit.values):
        errors.setdefault("pay_unit", []).append(
            f"給与の単位は {'・'.join(WageUnit.values)} のいずれかです（{'・'.join(WageUnit.labels)}）。"
        )
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


def candidates_viewed(*, user: Any, candidates: list[Candidate], what: str) -> None:
    """`candidate_viewed` for a list shown at once (a job's matching candidates): one INSERT for all of them."""
    audit_record(candidates, actor=user, action=AuditAction.PROFILE_VIEW, detail=f"{what}を閲覧")


# 添削: documents the candidate shares, adviser comments beside their fields -----------------------------------


def document_share(*, user: Any, candidate: Candidate, version_id: int, share: bool) -> None:
    """The candidate lets this agency's advisers read one document version for 添削 (or stops sharing it)."""
    if candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ操作できます。")
    if candidate.status == CandidateStatus.WITHDRAWN:
        raise AgentError("同意を撤回した事業者とは書類を共有できません。")
    version = versions_of(user).filter(pk=version_id).first()
    if version is None:
        raise AgentError(
            {
                "version": [
                    "選んだ書類が見つかりません（削除された可能性があります）。一覧から選び直してください。"
                ]
            }
        )
    with transaction.atomic():
        if share:
            _share, created = DocumentShare.objects.get_or_create(candidate=candidate, version=version)
            if created:
                _log(candidate, user, AuditAction.DOCUMENT_SHARED, f"「{version.title}」の添削を依頼")
                for adviser in candidate.advisers.select_related("user"):
                    _mail(
                        adviser.user,
                        f"【BOナビ】{candidate.name}さんから書類の添削依頼",
                        [
                            f"「{version.title}」の添削を依頼されました。",
                            "",
                            _url("agents:candidate", candidate.pk),
                        ],
                    )
        elif DocumentShare.objects.filter(candidate=candidate, version=version).delete()[0]:
            _log(candidate, user, AuditAction.DOCUMENT_SHARED, f"「{version.title}」の共有を停止")


def document_review_viewed(*, user: Any, candidate: Candidate, version: Any) -> None:
    _log(candidate, user, AuditAction.DOCUMENT_REVIEW_VIEW, f"応募書類「{version.title}」を閲覧（添削）")


def document_comment(*, user: Any, candidate: Candidate, version_id: int, path: str, body: str) -> Any:
    """An assigned adviser or the office's 職業紹介責任者 comments on one field of a shared document."""
    _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=candidate.pk).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    version = selectors.shared_version_for_staff(user, candidate, version_id)
    if version is None:
        raise AgentError("添削を依頼された書類ではありません（共有が停止された可能性があります）。")
    adviser_text_check(body, field="body", what="コメント")
    with transaction.atomic():
        try:
            comment = comment_add(
                version=version, author=user, author_label=audit_actor_label(user), path=path, body=body
            )
        except DocumentError as exc:
            raise AgentError({"body": exc.messages}) from exc
        _log(
            candidate,
            user,
            AuditAction.DOCUMENT_COMMENT,
            f"「{version.title}」の「{comment.field_label}」にコメント",
        )
        _mail_candidate(
            candidate,
            f"【BOナビ】応募書類に添削コメントが届きました（{subject_title(version.title)}）",
            [
                f"{candidate.name} 様",
                "",
                f"{candidate.agency.name}の担当者が「{comment.field_label}」にコメントしました。",
                "書類の編集画面で、その項目のすぐ下に表示されます。",
                _url("documents:edit", version.pk),
            ],
        )
    return comment


# 求人受理 ----------------------------------------------------------------------------------------------------------

OPENINGS_MAX = 999  # as the order forms take it (JobOrder.openings is a small integer)
NO_SELF_DECLARATION = (
    "求人者の自己申告（労働関係法令違反による処分・公表等がないこと）がありません（職業安定法5条の6）。"
)


def _intake_staff(user: Any) -> Staff:
    """Who takes an order in, 非公開 or for a public posting: an RA or the 職業紹介責任者."""
    staff = _require_staff(user)
    if not staff.is_recruiting_adviser and not staff.is_responsible:
        raise PermissionDenied("求人受理はリクルーティングアドバイザーまたは職業紹介責任者が行います。")
    return staff


def _order_problems(*, contact_person: str, openings: int) -> dict[str, list[str]]:
    """The order's own fields, by field: a 求人数 of 0 is refused, not read as 1 (the 求人管理簿 and the yearly
    report count it)."""
    errors: dict[str, list[str]] = {}
    if problems := length_problems(contact_person, label="求人者の担当者", limit=NAME_MAX):
        errors["contact_person"] = problems
    try:
        reject_markup(contact_person)
    except ValidationError as exc:
        errors.setdefault("contact_person", []).extend(exc.messages)
    if openings < 1:
        errors["openings"] = ["求人数は1以上で入力してください。"]
    elif openings > OPENINGS_MAX:
        errors["openings"] = [f"求人数は{OPENINGS_MAX}以下で入力してください。"]
    return errors


def _order_refused(order: JobOrder, reasons: list[str]) -> JobOrder:
    """不受理, kept with its reasons (both intakes): the book records refusals too, and nothing is published."""
    order.status = JobOrderStatus.REFUSED
    order.refusal_reasons = reasons
    order.save()
    return order


def _new_order(
    staff: Staff,
    *,
    user: Any,
    employer: Organization,
    title: str,
    submitted: dict[str, Any],
    self_declaration: bool,
    openings: int,
    contact_person: str,
    valid_until: dt.date,
    posting: JobPosting | None = None,
    start_by: dt.date | None = None,
    overseas: bool = False,
    planned_dispatch: bool = False,
) -> JobOrder:
    """The order as received today (not saved: the caller gives it its status)."""
    return JobOrder(
        agency=staff.agency,
        office=staff.office,
        employer=employer,
        posting=posting,
        title=title,
        submitted=submitted,
        self_declaration=self_declaration,
        openings=openings,
        overseas=overseas,
        planned_dispatch=planned_dispatch,
        start_by=start_by,
        received_on=today_jst(),
        valid_until=valid_until,
        contact_person=contact_person,
        created_by=user,
    )


def _order_taken_mail(order: JobOrder, posting: JobPosting, *, subject: str, what: str, then: str) -> None:
    """Tell the company's 採用担当 of an order taken in its name: a job it never placed cannot circulate unseen
    among an agency's candidates."""
    agency = order.agency
    _mail_employer(
        posting,
        f"【BOナビ】{subject}（{subject_title(posting.title)}）",
        [
            f"{agency.name}（有料職業紹介 許可番号 {agency.license_number}）が、{what}"
            f"（受理日 {day_ja(order.received_on)}、有効期限 {date_ja(order.valid_until)}）。",
            then,
            "心当たりのない場合や内容に誤りがある場合は、紹介会社またはBOナビの運営にご連絡ください。",
            "",
            "貴社の求人一覧：",
            _url("jobs:employer_list"),
        ],
    )


def job_order_intake(
    *,
    user: Any,
    employer: Organization,
    data: Mapping[str, Any],
    self_declaration: bool,
    openings: int = 1,
    start_by: dt.date | None = None,
    contact_person: str = "",
    overseas: bool = False,
    planned_dispatch: bool = False,
) -> JobOrder:
    """Take in an employer's order as a 非公開求人 through the compliance gate. A refusal is recorded, with the
    reasons, and nothing is published (職業安定法5条の6). `overseas` and `planned_dispatch`: the order's 国外 and
    紹介予定派遣, which the yearly report counts apart (ADR 0115)."""
    staff = _intake_staff(user)
    if employer.kind != Organization.Kind.EMPLOYER:
        raise AgentError("求人者には採用企業を指定してください。")
    title = str(data.get("title") or "")
    errors: dict[str, list[str]] = {}
    if problems := length_problems(title, label="求人タイトル", limit=ORDER_TITLE_MAX):
        errors["title"] = problems
    errors.update(_order_problems(contact_person=contact_person, openings=openings))
    if errors:
        raise AgentError(errors)
    posting = JobPosting(organization=employer, created_by=user, status=PostingStatus.DRAFT)
    skip = {"id", "pk", "organization", "organization_id", "status", "created_by", "family", "visibility"}
    for key, value in data.items():
        if key not in skip:
            setattr(posting, key, value)
    posting.visibility = Visibility.PRIVATE
    posting.employer_name = posting.employer_name or employer.name
    posting.employer_address = posting.employer_address or employer.address
    posting.employer_contact = posting.employer_contact or employer.phone or employer.email
    reasons = [] if self_declaration else [NO_SELF_DECLARATION]
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
    reasons += [f.advice for f in findings]
    submitted = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    with transaction.atomic():
        order = _new_order(
            staff,
            user=user,
            employer=employer,
            title=title or "（タイトルなし）",
            submitted=submitted,
            self_declaration=self_declaration,
            openings=openings,
            contact_person=contact_person,
            valid_until=today_jst() + dt.timedelta(days=JOB_ORDER_DAYS),
            start_by=start_by,
            overseas=overseas,
            planned_dispatch=planned_dispatch,
        )
        if reasons:
            return _order_refused(order, reasons)
        posting.status = PostingStatus.PUBLISHED
        posting.date_posted = timezone.now()
        posting.valid_through = order.valid_until
        posting.save()
        order.status = JobOrderStatus.ACCEPTED
        order.posting = posting
        order.save()
        # Any registered employer can be named as the 求人者, so its own 採用担当 hear of every order taken in
        # its name.
        _order_taken_mail(
            order,
            posting,
            subject="紹介会社が貴社の求人を受理しました",
            what=f"貴社の求人「{posting.title}」を非公開求人として受理しました",
            then="この求人は紹介会社の担当者と、紹介を受けた求職者だけが見られます。",
        )
    return order


# Said wherever a 推薦 is not possible for want of the agency's order (the adviser's button and API, the matches,
# the candidate's proposal page): a public posting is the company's offer to everyone, not an order to the agency.
NO_ORDER_LABEL = "求人受理なし：推薦できません（求職者ご本人の直接応募をご案内）"
NO_ORDER_MESSAGE = (
    "求人受理なし：推薦できません。この求人の企業から求人の申込みを受理していない（または有効期限が切れた）ため、"
    "当社から推薦はできません。求職者ご本人に、求人ページからの直接応募をご案内ください。"
)


DIRECT_APPLY_MESSAGE = (
    "この求人は紹介会社が企業から求人の申込みを受けていないため、推薦（紹介会社からの応募）はできません。"
    "応募するときは、求人ページから直接応募してください。"
)


# A job she applied to directly (ADR 0141): proposing or recommending it would make a second application to the same
# company through the agency. Refused whatever her consent; the words say she applied only when purpose 7 of her
# consent lets her advisers know it, and otherwise no more than that it cannot be done and whom to ask.
DIRECT_APPLIED_KNOWN = (
    "「{title}」は、ご本人がBOナビから直接応募している求人のため、提案・推薦できません（二重応募の防止）。"
)
DIRECT_APPLIED_UNSAID = (
    "「{title}」は、ご本人の応募の状況により提案・推薦できません（同じ求人への二重応募の防止）。"
    "詳しくはご本人にご確認ください。"
)
DIRECT_APPLIED_HERS = (
    "この求人には、すでにBOナビから直接応募しています。推薦で応募すると同じ求人への二重応募になるため、"
    "「応募する」は選べません。応募の状況は「応募」のページで確認できます。"
)


def direct_application_refusal(candidate: Candidate, posting: JobPosting) -> str:
    """Why `posting` cannot be proposed to or recommended for her ("" when it can): she applied to it directly."""
    if not selectors.applied_directly(candidate, [posting.pk]):
        return ""
    said = DIRECT_APPLIED_KNOWN if candidate.consented_to_direct_applications else DIRECT_APPLIED_UNSAID
    return said.format(title=one_line(posting.title))


def public_order_problems(*, agency: Agency, posting: JobPosting) -> str:
    """Why the agency cannot take an order for this public posting now ("" when it can)."""
    if posting.visibility != Visibility.PUBLIC or not public_postings().filter(pk=posting.pk).exists():
        return "公開中の求人にだけ、求人の申込みを受理できます（非公開求人は「求人受理」から受け付けます）。"
    if not posting.organization.members.filter(is_active=True, role=Role.EMPLOYER).exists():
        return (
            "この求人の企業にはBOナビの採用担当アカウントがないため、求人の申込みを受理できません"
            "（企業からの申込みであることを確かめられず、推薦の通知も届きません）。"
        )
    held = selectors.orders_in_force(agency).filter(posting=posting).first()
    if held is not None:
        return f"この求人の申込みはすでに受理しています（有効期限 {date_ja(held.valid_until)}まで）。"
    return ""


def public_job_order_intake(
    *,
    user: Any,
    posting_id: int,
    self_declaration: bool,
    openings: int = 1,
    contact_person: str = "",
    overseas: bool = False,
    planned_dispatch: bool = False,
) -> JobOrder:
    """The employer's 申込み for one of its PUBLIC postings, taken by the agency (ADR 0111): the same gate as a
    非公開求人's intake (RA or 職業紹介責任者, the employer's self-declaration, the contact person, a validity), so
    that the agency may recommend candidates to it. Refused orders are recorded with their reasons. Each agency
    holds its own order; an expired one is closed when the order is taken again (the books keep both)."""
    staff = _intake_staff(user)
    if errors := _order_problems(contact_person=contact_person, openings=openings):
        raise AgentError(errors)
    with transaction.atomic():
        # Locked: two RAs taking the same order at once would both pass the check below.
        posting = (
            JobPosting.objects.select_for_update()
            .select_related("organization")
            .filter(pk=posting_id)
            .first()
        )
        if posting is None:
            raise AgentError("求人が見つかりません。")
        if problem := public_order_problems(agency=staff.agency, posting=posting):
            raise AgentError(problem)
        reasons = [] if self_declaration else [NO_SELF_DECLARATION]
        reasons += [f.advice for f in posting_findings(posting) if f.is_error]
        valid_until = today_jst() + dt.timedelta(days=JOB_ORDER_DAYS)
        if posting.valid_through is not None:  # no order outlives the company's own 掲載期限
            valid_until = min(valid_until, posting.valid_through)
        order = _new_order(
            staff,
            user=user,
            employer=posting.organization,
            posting=posting,
            title=posting.title[:ORDER_TITLE_MAX],
            submitted={"public_posting": posting.pk, "title": posting.title},
            self_declaration=self_declaration,
            openings=openings,
            contact_person=contact_person,
            valid_until=valid_until,
            overseas=overseas,
            planned_dispatch=planned_dispatch,
        )
        if reasons:
            return _order_refused(order, reasons)
        # An expired order for the same posting gives way to this one (one accepted order per agency and job).
        JobOrder.objects.filter(agency=staff.agency, posting=posting, status=JobOrderStatus.ACCEPTED).update(
            status=JobOrderStatus.CLOSED
        )
        order.status = JobOrderStatus.ACCEPTED
        order.save()
        _order_taken_mail(
            order,
            posting,
            subject="紹介会社が貴社の求人への申込みを受理しました",
            what=f"公開中の貴社の求人「{posting.title}」について、貴社からの求人の申込みとして受理しました",
            then="有効期限まで、この紹介会社から求職者の推薦が届くことがあります。",
        )
    return order


# Proposals ---------------------------------------------------------------------------------------------------------


def _lock_placement(candidate: Candidate) -> Placement | None:
    """The open-ended placement by this agency whose 2-year lock is in force for the candidate, if any."""
    if candidate.user_id is None:
        return None
    last = (
        Placement.objects.filter(
            referral__proposal__candidate__user_id=candidate.user_id,
            referral__proposal__candidate__agency_id=candidate.agency_id,
            open_ended=True,
        )
        .order_by("-joined_on")
        .first()
    )
    if last is None or today_jst() >= add_years(last.joined_on, LOCK_YEARS):
        return None
    return last


def placement_lock_until(candidate: Candidate) -> dt.date | None:
    """The end of the 2-year lock if this agency placed the candidate open-ended within two years."""
    last = _lock_placement(candidate)
    return add_years(last.joined_on, LOCK_YEARS) if last is not None else None


@dataclass(frozen=True)
class JobRequest:
    """The candidate's 求職の申出 a proposal during the 2-year lock rests on (ADR 0113): when, how, what she asked.
    With channel "bonavi" the day is that of her own button on BOナビ (Candidate.job_request_at), not typed."""

    on: dt.date | None = None
    channel: str = ""
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.on or self.channel or self.note.strip())

    @property
    def label(self) -> str:
        """「11月26日・電話」: how her proposal page and her audit trail name the 申出."""
        channel = dict(REQUEST_CHANNELS).get(self.channel, "")
        return f"{day_ja(self.on)}・{channel}" if self.on else channel


REQUEST_CHANNEL_CODES = {code for code, _ in REQUEST_CHANNELS}
BONAVI_REQUEST_NOTE = "BOナビの「求人の紹介を希望する」からの申出"


def job_request_check(
    candidate: Candidate, request: JobRequest, *, placement: Placement | None
) -> JobRequest:
    """The 申出 as stored, or AgentError naming each field in error. During the lock an undated or unexplained
    申出 is an adviser's word only; her own BOナビ request carries its recorded time instead."""
    errors: dict[str, list[str]] = {}
    note = one_line(request.note or "")
    if request.channel == "bonavi":
        at = candidate.job_request_at
        if at is None:
            raise AgentError(
                {"request_channel": ["ご本人がBOナビで「求人の紹介を希望する」を押した記録がありません。"]}
            )
        asked_on = date_jst(at)
        if placement is not None and asked_on < placement.joined_on:
            raise AgentError(
                {
                    "request_channel": [
                        "BOナビでの申出は入社日より前のもので、この入社後の申出ではありません。"
                    ]
                }
            )
        return JobRequest(on=asked_on, channel="bonavi", note=note or BONAVI_REQUEST_NOTE)
    if request.channel not in REQUEST_CHANNEL_CODES:
        errors["request_channel"] = ["求職の申出の方法（来社・電話・メールなど）を選んでください。"]
    on = request.on
    if on is None:
        errors["request_on"] = ["求職の申出の日付を入力してください。"]
    elif on > today_jst():
        errors["request_on"] = ["求職の申出の日付に、今日より後の日付は指定できません。"]
    elif placement is not None and on < placement.joined_on:
        errors["request_on"] = [
            f"求職の申出の日付は、入社日（{day_ja(placement.joined_on)}）より前にはできません（入社後の申出が必要です）。"
        ]
    if not note.strip():
        errors["request_note"] = [
            "求職の申出の内容を短く入力してください（例：経理の求人を紹介してほしいと電話があった）。"
        ]
    else:
        problems = length_problems(note, label="求職の申出の内容", limit=REQUEST_NOTE_MAX)
        problems += adviser_text_problems(note, what="求職の申出の内容")
        try:
            reject_markup(note)
        except ValidationError as exc:
            problems += exc.messages
        if problems:
            errors["request_note"] = problems
    if errors:
        raise AgentError(errors)
    return JobRequest(on=on, channel=request.channel, note=note)


def job_request_record(*, user: Any, candidate: Candidate) -> Candidate:
    """The candidate asks, through BOナビ, to be introduced to jobs again during the 2-year lock (ADR 0113): the time
    is recorded on her registration and in her audit trail, and her advisers are told."""
    if candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人の登録ではありません。")
    if candidate.status != CandidateStatus.ACTIVE:
        raise AgentError("登録中の紹介会社にだけ申し出られます。")
    if _lock_placement(candidate) is None:
        raise AgentError(
            "この紹介会社からは、申出がなくても求人の提案を受けられます。担当者にご連絡ください。"
        )
    with transaction.atomic():
        earlier = candidate.job_request_at
        candidate.job_request_at = timezone.now()
        candidate.save(update_fields=["job_request_at"])
        _log(candidate, user, AuditAction.JOB_REQUEST, "BOナビで求人の紹介を希望")
        # Pressed again the same day, before a proposal used it: the same request, mailed already.
        if earlier is not None and date_jst(earlier) == date_jst(candidate.job_request_at):
            return candidate
        # Her advisers, and the 責任者 too: with no adviser assigned yet nobody would read her request.
        for person in _advisers_and_responsible(candidate, candidate.office):
            _mail(
                person,
                "【BOナビ】求職者から求人の紹介の希望がありました",
                [
                    f"{candidate.name} 様から、BOナビで求人の紹介の希望（求職の申出）がありました"
                    f"（{moment_ja(candidate.job_request_at)}）。",
                    "求人を提案するときは、提案フォームで「ご本人から求職の申出があった」にチェックしてください。"
                    "申出の方法には「BOナビの「求人の紹介を希望する」」が選ばれていて、この申出の日時が記録されます。",
                    _url("agents:candidate", candidate.pk),
                ],
            )
    return candidate


# Who the proposal started from, in the words of the candidate page's tick box and the books.
INITIATED_BY_MESSAGE = "提案のきっかけは「事業者から提案」（agency）か「求職者からの希望」（candidate）のどちらかを指定してください。"


def proposal_create(
    *,
    user: Any,
    candidate: Candidate,
    posting_id: int,
    comment: str = "",
    match: Mapping[str, Any] | None = None,
    initiated_by: str = "agency",
    request: JobRequest | None = None,
    notify: bool = True,
) -> Proposal:
    """Propose one job. `notify=False` leaves the candidate's mail to the caller: `proposals_create` tells her of
    a batch in one mail. `request` is her 求職の申出, required for a candidate-initiated proposal during the lock."""
    with transaction.atomic():
        _candidate_locked(candidate)
        staff, request = _proposal_allowed(
            user=user, candidate=candidate, comment=comment, initiated_by=initiated_by, request=request
        )
        proposal = _proposal_make(
            user=user,
            staff=staff,
            candidate=candidate,
            posting_id=posting_id,
            comment=comment,
            match=match,
            initiated_by=initiated_by,
            request=request,
            notify=notify,
        )
        _job_request_used(candidate, request)
    return proposal


def _candidate_locked(candidate: Candidate) -> None:
    """Her row locked until the proposals' transaction ends, with her registration and BOナビ request read afresh:
    the 2-year lock's check and the 申出 it rests on are those the proposals are stored with — a request used by
    another tab's batch since the page was drawn, or a withdrawal, is seen, not a copy read before."""
    fresh = Candidate.objects.select_for_update().only("status", "job_request_at").get(pk=candidate.pk)
    candidate.status, candidate.job_request_at = fresh.status, fresh.job_request_at


def _job_request_used(candidate: Candidate, request: JobRequest | None) -> None:
    """Her BOナビ request is used by the proposal (or the batch) made on it: a later proposal needs a new one, not
    one press backing every proposal until the lock ends (ADR 0113). Her audit trail keeps each request."""
    if request and request.channel == "bonavi" and candidate.job_request_at is not None:
        candidate.job_request_at = None
        candidate.save(update_fields=["job_request_at"])


def _proposal_allowed(
    *, user: Any, candidate: Candidate, comment: str, initiated_by: str, request: JobRequest | None
) -> tuple[Staff, JobRequest | None]:
    """What must hold for any job proposed to this candidate (her adviser, her registration, the 2-year lock, her
    申出 during it, the comment), checked once for a batch: checked per job, the lock's reason was said once per
    ticked job. Returns the staff member and the 申出 as it will be stored."""
    staff = _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=candidate.pk).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    if initiated_by not in ("agency", "candidate"):
        raise AgentError({"initiated_by": [INITIATED_BY_MESSAGE]})
    if candidate.status != CandidateStatus.ACTIVE:
        raise AgentError("登録済み（ヒアリング済み・同意あり）の求職者にだけ提案できます。")
    placement = _lock_placement(candidate)
    if placement is not None and initiated_by == "agency":
        raise AgentError(
            f"この方は当社の紹介で無期雇用として就職してから2年を経過していないため、"
            f"{day_ja(add_years(placement.joined_on, LOCK_YEARS))}まで当社から転職を勧める提案はできません"
            "（職業安定法の指針）。ご本人から求職の申出があった場合のみ対応できます。"
        )
    checked = _request_checked(candidate, initiated_by=initiated_by, request=request, placement=placement)
    adviser_text_check(comment, field="comment", what="提案コメント")
    return staff, checked


def _request_checked(
    candidate: Candidate, *, initiated_by: str, request: JobRequest | None, placement: Placement | None
) -> JobRequest | None:
    """The 申出 a candidate-initiated proposal stores: required during the lock (a date, a channel and what she
    asked, or her BOナビ request), checked when given outside it; none for the agency's own proposal."""
    if initiated_by != "candidate" or (placement is None and not request):
        return None
    return job_request_check(candidate, request or JobRequest(), placement=placement)


def proposal_request_check(
    candidate: Candidate, *, initiated_by: str, request: JobRequest | None
) -> JobRequest | None:
    """`_request_checked` for the candidate page, called before the proposals so each reason sits beside its field.
    It only reads: the proposals check the 申出 again in their own transaction, and store what that check returns."""
    return _request_checked(
        candidate, initiated_by=initiated_by, request=request, placement=_lock_placement(candidate)
    )


def _proposal_make(
    *,
    user: Any,
    staff: Staff,
    candidate: Candidate,
    posting_id: int,
    comment: str,
    match: Mapping[str, Any] | None,
    initiated_by: str,
    request: JobRequest | None,
    notify: bool,
) -> Proposal:
    """One job proposed, once `_proposal_allowed` passed for the candidate."""
    posting = selectors.postings_for_staff(staff).filter(pk=posting_id).first()
    if posting is None:
        raise AgentError("提案できる求人が見つかりません（公開中の求人か、自社で受理した非公開求人のみ）。")
    if refusal := direct_application_refusal(candidate, posting):
        raise AgentError(refusal)
    now = timezone.now()
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                candidate=candidate,
                posting=posting,
                adviser=staff,
                comment=comment,
                initiated_by=initiated_by,
                request_on=request.on if request else None,
                request_channel=request.channel if request else "",
                request_note=request.note if request else "",
                snapshot=conditions_snapshot(posting),
                snapshot_at=now,
                match=dict(match or {}),
                created_at=now,
            )
            origin = "（ご本人の希望による）" if initiated_by == "candidate" else ""
            if request:  # her trail names the 申出 the adviser relied on, so she can say it never happened
                # Her own button needs no note: the label names it already.
                said = "" if request.channel == "bonavi" else f"：{request.note}"
                origin = f"（ご本人からの求職の申出 {request.label}{said}による）"
            _log(
                candidate,
                user,
                AuditAction.PROPOSAL_CREATED,
                f"求人{proposed_job_named(posting.title, proposal.snapshot)}を提案{origin}",
            )
            if notify:
                _proposals_mail(candidate, [proposal])
    except IntegrityError as exc:
        raise AgentError("この求人はすでにこの方に提案しています。") from exc
    return proposal


def proposed_job_named(title: str, snapshot: Mapping[str, Any]) -> str:
    """A proposed job as her audit trail names it: 「title」 and the company she was shown with it (the proposal's
    snapshot, 募集者). Two jobs of one title from two companies read alike without it. A 非公開求人's company is
    named too: she reads it on the proposal's page behind her login, as she reads this trail (and her advisers,
    who know it); only a mail, which may be read anywhere, says 「非公開求人」 instead (proposal_mail_line). Lines
    written before are records and keep their words."""
    company = one_line(str(snapshot.get("employer") or ""))
    return f"「{title}」（{company}）" if company else f"「{title}」"


def proposal_job_named(proposal: Proposal) -> str:
    """proposed_job_named for a proposal, or a 推薦's (referral_job_named): the company as she was shown it (the
    snapshot's 募集者), else — a snapshot without one — the posting's company now. Every audit line about a proposed,
    referred or placed job names it so: two 「経理事務（未経験歓迎）」 at two companies read alike by title alone."""
    snapshot: Mapping[str, Any] = proposal.snapshot or {}
    if not snapshot.get("employer"):
        snapshot = {"employer": proposal.posting.employer_display}
    return proposed_job_named(proposal.posting.title, snapshot)


def referral_job_named(referral: Referral) -> str:
    """The 推薦's job as her audit trail names it (proposal_job_named)."""
    return proposal_job_named(referral.proposal)


def proposal_mail_line(posting: JobPosting) -> str:
    """A proposed job as a mail names it: its title and company, or 「非公開求人」 for an agency's 非公開求人, whose
    company is said only on the proposal's page behind her login (a mail may be read anywhere)."""
    company = "非公開求人" if posting.visibility == Visibility.PRIVATE else posting.employer_display
    return f"・{one_line(posting.title)}（{company}）"


def _proposals_mail(candidate: Candidate, proposals: list[Proposal]) -> None:
    """One mail for the jobs proposed at once, naming each (two identical mails naming none said nothing)."""
    count = (
        f"（{len(proposals)}件）"
        if len(proposals) > 1
        else f"（{subject_title(proposals[0].posting.title)}）"
    )
    _mail_candidate(
        candidate,
        f"【BOナビ】{candidate.agency.name}から求人の提案があります{count}",
        [
            f"{candidate.name} 様",
            "",
            f"{candidate.agency.name}の担当者から、次の求人の提案が届きました。",
            *(proposal_mail_line(p.posting) for p in proposals),
            "",
            "応募するかどうかは、求人ごとにあなたが決めます。同意のない応募（推薦）は行いません。",
            "労働条件と担当者のコメントは、次のページで確認できます。",
            _url("agents:my_proposals"),
        ],
    )


def proposals_create(
    *,
    user: Any,
    candidate: Candidate,
    posting_ids: list[int],
    comment: str = "",
    matches: Mapping[int, Mapping[str, Any]] | None = None,
    initiated_by: str = "agency",
    request: JobRequest | None = None,
) -> tuple[list[Proposal], list[str]]:
    """Propose several jobs at once (the candidate page's ticks): each as `proposal_create`, and the candidate
    told of those made in one mail, queued in the same transaction. Returns the proposals made and the reasons
    the others were refused (one job already proposed does not stop the rest), each reason once."""
    made: list[Proposal] = []
    refused: list[str] = []
    with transaction.atomic():
        _candidate_locked(candidate)
        try:
            staff, request = _proposal_allowed(
                user=user, candidate=candidate, comment=comment, initiated_by=initiated_by, request=request
            )
        except AgentError as exc:  # no job can be proposed to her now: said once, not once per job
            return made, [m for msgs in exc.errors.values() for m in msgs]
        for posting_id in posting_ids:
            try:
                made.append(
                    _proposal_make(
                        user=user,
                        staff=staff,
                        candidate=candidate,
                        posting_id=posting_id,
                        comment=comment,
                        match=(matches or {}).get(posting_id),
                        initiated_by=initiated_by,
                        request=request,
                        notify=False,
                    )
                )
            except AgentError as exc:
                refused.extend(m for msgs in exc.errors.values() for m in msgs)
        if made:
            _proposals_mail(candidate, made)
            _job_request_used(candidate, request)
    return made, list(dict.fromkeys(refused))


def proposal_changes(proposal: Proposal, *, fresh: bool = False) -> list[dict[str, str]]:
    """The conditions that differ between the stored snapshot and the posting now.

    `fresh=True` says the proposal's posting (with its organization) was loaded in this request, so it is already
    the posting now; a list of proposals passes it instead of reading every posting again."""
    return proposal_conditions_now(proposal, fresh=fresh)[1]


def proposal_conditions_now(
    proposal: Proposal, *, fresh: bool = False
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """(the posting's conditions now, what differs from those proposed): her page lists the conditions she would
    apply on — the current ones — with the difference beside them, not the old pay under a diff saying it changed."""
    if fresh:
        current = proposal.posting
    else:
        # Read the posting afresh: the conditions now, not those of an instance loaded earlier.
        current = JobPosting.objects.select_related("organization").get(pk=proposal.posting_id)
    now = conditions_snapshot(current)
    return now, conditions_diff(proposal.snapshot, now)


def proposal_awaits_acknowledgement(proposal: Proposal, *, fresh: bool = False) -> bool:
    """Whether the candidate has changed conditions to confirm on this proposal: one still alive (waiting for her
    answer, or accepted with its selection open) whose posting differs from what she was shown. The same proposals
    conditions_changed tells her about."""
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED):
        return False
    referral = getattr(proposal, "referral", None)
    if referral is not None and referral.stage not in OPEN_STAGES:
        return False
    return bool(proposal_changes(proposal, fresh=fresh))


def conditions_changed(*, posting: JobPosting) -> int:
    """After a posting is saved: tell each candidate with a live proposal for it that its conditions now differ
    from those proposed (職業安定法5条の3③), once per distinct change, and log it in their audit trail.
    Returns how many candidates were told."""
    # Candidate.name reads her profile, and each row's 推薦 is looked at: joined here, not a query per row.
    proposals = list(
        Proposal.objects.filter(
            posting_id=posting.pk,
            status__in=[ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED],
            candidate__status=CandidateStatus.ACTIVE,
        ).select_related("candidate__user__seeker_profile", "candidate__agency__organization", "referral")
    )
    if not proposals:
        return 0
    current = conditions_snapshot(JobPosting.objects.select_related("organization").get(pk=posting.pk))
    digest = hashlib.sha256(json.dumps(current, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    told = 0
    for proposal in proposals:
        referral = getattr(proposal, "referral", None)
        if referral is not None and referral.stage not in OPEN_STAGES:
            continue
        changes = conditions_diff(proposal.snapshot, current)
        if not changes or proposal.changes_notified == digest:
            continue
        names = "、".join(c["label"] for c in changes)
        candidate = proposal.candidate
        with transaction.atomic():
            Proposal.objects.filter(pk=proposal.pk).update(changes_notified=digest)
            _log(
                candidate,
                None,
                AuditAction.CONDITIONS_CHANGED,
                f"{proposal_job_named(proposal)}の労働条件が提案時から変わりました（{names}）",
            )
            if candidate.user is not None:
                _mail_candidate(
                    candidate,
                    f"【BOナビ】提案された求人の労働条件が変わりました（{subject_title(posting.title)}）",
                    [
                        f"{candidate.name} 様",
                        "",
                        f"{candidate.agency.name}から提案された「{posting.title}」の労働条件が、提案時から変わりました。",
                        f"変わった項目：{names}",
                        # Once referred, the 推薦 has been made: saying it waits for them would be untrue.
                        "推薦済みのため選考は続いています。変更前と変更後を確認し、"
                        "変更後の条件で続けてよいか迷うときは担当者にご相談ください。"
                        if referral is not None
                        else "変更前と変更後を確認するまで、応募・推薦は行われません。",
                        _url("agents:my_proposal", proposal.pk),
                    ],
                )
        told += 1
    return told


def proposal_answer_refusal(proposal: Proposal) -> str:
    """Why the candidate can no longer answer this proposal ("" while she can): it was withdrawn, referred, or
    answered. One answer per proposal: a second (a second tab, the back button, a retry) would silently undo the
    first after the adviser was told of it and may be preparing the 推薦."""
    if proposal.status == ProposalStatus.WITHDRAWN:
        return "この提案には回答できません（取り下げ済み）。"
    if hasattr(proposal, "referral"):
        return "すでに推薦済みのため、回答は変更できません。選考の辞退は担当者にご連絡ください。"
    if proposal.status != ProposalStatus.PROPOSED:
        when = f"・{moment_ja(proposal.responded_at)}" if proposal.responded_at else ""
        return (
            f"この提案にはすでに回答しています（{proposal.get_status_display()}{when}）。"
            "回答を変えたいときは、担当者にご連絡ください。"
        )
    return ""


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
    with transaction.atomic():
        # Her row before the proposal's (ADR 0148, addendum s19): her direct 応募 of this job takes it first too, so
        # an 承諾 posted in the same instant waits for it and then sees it below (and the other way round).
        hold_her_applying(user.pk)  # hers: checked above
        # Judged on the row as it is now, locked: two answers posted at once (two tabs, a double click) each
        # passed a check of the copy loaded before, and both were stored and mailed. The second waits here and
        # is refused.
        refusal = proposal_answer_refusal(Proposal.objects.select_for_update().get(pk=proposal.pk))
        if refusal:
            raise AgentError(refusal)
        if accept and proposal_changes(proposal):
            raise AgentError("提案後に労働条件が変わっています。変更点を確認してから回答してください。")
        if (
            accept
            and not selectors.orders_in_force(proposal.candidate.agency)
            .filter(posting_id=proposal.posting_id)
            .exists()
        ):
            # Information only: her consent to a 推薦 the agency cannot make would leave her waiting for nothing.
            raise AgentError(DIRECT_APPLY_MESSAGE)
        if accept and selectors.applied_directly(proposal.candidate, [proposal.posting_id]):
            raise AgentError(DIRECT_APPLIED_HERS)  # her own application: said to her plainly
        if accept and not (document_choice or "").strip():
            raise AgentError({"document_choice": ["送付する書類を選んでください。"]})
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        proposal.responded_at = timezone.now()
        proposal.response_channel = channel
        proposal.document_choice = (document_choice or "")[:200] if accept else ""
        proposal.document_text = document_text if accept else ""
        # Only the answer: the rest of a copy loaded before the lock may be stale (a 変更点の確認 meanwhile).
        proposal.save(
            update_fields=["status", "responded_at", "response_channel", "document_choice", "document_text"]
        )
        verb = "応募に同意" if accept else "辞退"
        _log(
            proposal.candidate,
            user,
            AuditAction.PROPOSAL_ANSWER,
            f"{proposal_job_named(proposal)}に{verb}",
        )
        _mail(
            proposal.adviser.user,
            f"【BOナビ】提案への回答：{verb}（{subject_title(proposal.posting.title)}）",
            [
                f"{proposal.candidate.name} さんが「{proposal.posting.title}」に{verb}しました。",
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
            f"{proposal_job_named(proposal)}の変更（{names}）を確認",
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
    if not selectors.orders_in_force(staff.agency).filter(posting_id=proposal.posting_id).exists():
        raise AgentError(NO_ORDER_MESSAGE)
    # The 推薦文 goes to the employer and the 面接対策 to the candidate: screened like every adviser text.
    adviser_text_check(recommendation, field="recommendation", what="推薦文")
    adviser_text_check(interview_prep, field="interview_prep", what="面接対策")
    now = timezone.now()
    with transaction.atomic():
        if proposal.candidate.user_id is not None:
            # Her row first, as her direct 応募 takes it (ADR 0148, addendum s19): one posted in the same instant
            # is either seen here or sees this 推薦.
            hold_her_applying(proposal.candidate.user_id)
        # She may have applied directly since she said 応募する (the proposal stays; the 推薦 would be a second one).
        if refusal := direct_application_refusal(proposal.candidate, proposal.posting):
            raise AgentError(refusal)
        referral = Referral.objects.create(
            proposal=proposal,
            sent_at=now,
            sent_by=staff,
            document_choice=proposal.document_choice,
            document_text=proposal.document_text,
            recommendation=recommendation,
            interview_prep=interview_prep,
        )
        StageEvent.objects.create(
            referral=referral, from_stage="", to_stage=Stage.RECOMMENDED, actor=user, at=now
        )
        posting = proposal.posting
        _log(
            proposal.candidate,
            user,
            AuditAction.DOCUMENT_SENT,
            f"「{proposal.document_choice}」を{posting.employer_display}へ送付（推薦）",
        )
        _mail_candidate(
            proposal.candidate,
            f"【BOナビ】推薦しました（{subject_title(posting.title)}）",
            [
                f"{proposal.candidate.name} 様",
                "",
                f"ご同意いただいた「{posting.title}」に、選んでいただいた書類「{proposal.document_choice}」で推薦しました。",
                "選考の状況は次のページで確認できます。",
                _url("agents:my_proposal", proposal.pk),
            ],
        )
        referral.employer_mailed = _mail_employer(
            posting,
            f"【BOナビ】{proposal.candidate.agency.name}から推薦が届きました（{subject_title(posting.title)}）",
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
# The employer moves its own stages; 承諾・辞退 are the candidate's answers, recorded by her or the agency.
_CANDIDATE_STAGES = {Stage.DECLINED, Stage.OFFER_ACCEPTED}
# In pipeline order: the employer's referral page offers them as buttons in this order.
EMPLOYER_STAGES = (
    Stage.DOCUMENT,
    Stage.INTERVIEW1,
    Stage.INTERVIEW2,
    Stage.FINAL,
    Stage.OFFER,
    Stage.REJECTED,
    Stage.JOINED,
)


def employer_next_stages(stage: str) -> list[str]:
    """The stages the employer may move a referral in `stage` to, in pipeline order: the same two rules
    referral_move applies to an employer (_TRANSITIONS, and only the employer's own stages)."""
    allowed = _TRANSITIONS.get(stage, ())
    return [s for s in EMPLOYER_STAGES if s in allowed]


JOINED_BY_PLACEMENT = "入社は、候補者ページの選考のカードにある「就職を記録」から、入社日・予定年収・手数料とともに記録してください。"


def staff_next_stages(stage: str) -> list[str]:
    """The stages the agency may record from `stage`, in pipeline order: what referral_move allows its staff
    (_TRANSITIONS; the candidate's answers included, which the adviser relays). 入社 is recorded with the
    placement's form instead (the date and fee the books need), so it is not offered as a bare move."""
    return [s for s in _TRANSITIONS.get(stage, ()) if s != Stage.JOINED]


def employer_no_move_reason(stage: str) -> str:
    """Why the employer has no step to record from `stage`, or "" while it has one."""
    if employer_next_stages(stage):
        return ""
    if stage == Stage.OFFER:
        # What comes next is the candidate's answer, not the employer's step.
        return "内定への回答（承諾・辞退）を待っています。回答はご本人または紹介会社が記録します。"
    return f"この選考は「{Stage(stage).label}」で終了しているため、状況を変更できません。"


def interview_calendar_lines(referral: Referral, *, cancelled: bool = False) -> list[str]:
    """The .ics link of a 推薦's interview (ADR 0102) as its mails write it."""
    what = "カレンダーの予定を取り消す" if cancelled else "カレンダーに追加"
    return [f"{what}（.ics。ログインしてから開いてください）：", _url("agents:interview_ics", referral.pk)]


def interview_called_off_lines(referral: Referral, interview: ReferralInterview) -> list[str]:
    """What a mail says of an interview called off: when it was to be, and the .ics that takes it off the
    calendar (imported again, it updates the entry to 取り消し)."""
    return [
        f"取り消された{interview.get_stage_display()}の日時：{interview.when_display}",
        "カレンダーに追加していた場合は、次の .ics を読み込み直すと予定が取り消しになります。",
        *interview_calendar_lines(referral, cancelled=True),
    ]


def _interview_call_off(referral: Referral, *, left: str, now: dt.datetime) -> ReferralInterview | None:
    """Leaving an interview stage (不採用, 辞退, the next stage) calls off its interview still to come — else its
    .ics stays CONFIRMED in calendars — and returns it for the move's own mails to say so (no second mail)."""
    interview = ReferralInterview.objects.filter(
        referral=referral, stage=left, cancelled_at__isnull=True, starts_at__gt=now
    ).first()
    if interview is not None:
        interview.cancel(now=now)
    return interview


def answer_by_problem(to_stage: str, answer_by: dt.date) -> str:
    """Why `answer_by` cannot be the 内定's answer deadline ("" when it can): the one rule for whoever records the
    内定 — the employer's page, the adviser's card, the API (ADR 0117). It is the company's deadline for her answer,
    shown to her so that nobody presses for a sooner one: it belongs to 内定 only, and a day gone by is no deadline."""
    if to_stage != Stage.OFFER:
        return "回答期限は、選考状況を「内定」にするときだけ指定できます。"
    if answer_by < today_jst():
        # With the weekday (core.clock.date_ja), as the company's own page says it of a direct 内定 (seekers.offers):
        # a deadline is read by its day of the week.
        return f"回答期限（{date_ja(answer_by)}）が過去の日付です。今日以降の日付で指定してください。"
    return ""


def referral_move(
    *,
    user: Any,
    referral: Referral,
    to_stage: str,
    note: str = "",
    answer_by: dt.date | None = None,
    joined_on: dt.date | None = None,
    offer: Mapping[str, Any] | None = None,
    changes_told: bool = False,
) -> Referral:
    """Move a selection one step. With 内定, `answer_by` is the employer's real deadline for the candidate's
    answer, given by whoever records the 内定 (`answer_by_problem`); the candidate is shown it, so nobody can press
    for a sooner one (docs/AGENTS.md §3). `offer` is the
    内定時の労働条件 (agents/offer.py FIELDS): every 内定 carries them, the employer's or one the agency relays,
    so that the candidate is told what changed from the proposal before she accepts (職業安定法5条の3③, ADR 0112).
    With 入社, `joined_on` is required: the 採用年月日 of the books and the day the placement form starts from.
    `changes_told`: staff relaying 内定承諾 while she has not read the offer's changes herself say they told her
    them (5条の3③), recorded in her audit trail as their act."""
    posting = referral.proposal.posting
    is_employer = getattr(user, "is_employer", False) and posting.organization_id == user.organization_id
    is_staff = selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists()
    # The candidate may withdraw from a selection themselves, in one step (no need to phone the adviser).
    is_candidate = (
        referral.proposal.candidate.user_id is not None
        and referral.proposal.candidate.user_id == getattr(user, "pk", None)
        and referral.proposal.candidate.status == CandidateStatus.ACTIVE
    )
    if not (is_employer or is_staff or is_candidate):
        raise PermissionDenied("この選考を更新する権限がありません。")
    if is_candidate and not (is_employer or is_staff) and to_stage not in _CANDIDATE_STAGES:
        raise AgentError(
            {"to_stage": ["ご本人が記録できるのは、選考の辞退と内定への回答（承諾・辞退）だけです。"]}
        )
    if to_stage not in Stage.values:
        # Said with every stage by name (and the value an API client sends), not just "wrong value".
        stages = "、".join(f"「{s.label}」（{s.value}）" for s in Stage)
        raise AgentError({"to_stage": [f"選考状況は次のどれかを指定してください：{stages}。"]})
    allowed = _TRANSITIONS.get(referral.stage, ())
    if to_stage not in allowed:
        raise AgentError(
            {
                "to_stage": [
                    f"「{referral.get_stage_display()}」から「{Stage(to_stage).label}」には進められません。"
                ]
            }
        )
    if to_stage == Stage.JOINED and not is_employer:
        # The agency's 入社 goes with the date, 予定年収 and fee the books need (placement_record): a bare move
        # (a hand-made post, the API) would leave the 手数料管理簿 without them.
        raise AgentError({"to_stage": [JOINED_BY_PLACEMENT]})
    if is_employer and not is_staff and to_stage not in employer_next_stages(referral.stage):
        raise AgentError(
            {"to_stage": ["内定承諾・辞退は求職者の回答です（ご本人または紹介会社が記録します）。"]}
        )
    if problems := length_problems(note, label="連絡事項", limit=NOTE_MAX):
        raise AgentError({"note": problems})
    try:
        reject_markup(note)
    except ValidationError as exc:
        raise AgentError({"note": exc.messages}) from exc
    # The note reaches the adviser and, through them, the candidate: it may not ask for 本籍 and the like.
    if asks := personal_info_requests(note):
        raise AgentError({"note": [f"{m}連絡事項からその部分を削除してください。" for m in asks]})
    if answer_by is not None and (problem := answer_by_problem(to_stage, answer_by)):
        raise AgentError({"answer_by": [problem]})
    if to_stage == Stage.JOINED:
        if joined_on is None:
            raise AgentError({"joined_on": ["入社を記録するときは入社日を入力してください。"]})
        if problem := joined_on_problem(referral, joined_on):
            raise AgentError({"joined_on": [problem]})
    elif joined_on is not None:
        raise AgentError({"joined_on": ["入社日は、選考状況を「入社」にするときだけ入力してください。"]})
    # 5条の3③: changes she has not read herself (offer_answer records her reading) are told before 承諾 is
    # recorded for her; staff say they told her, and her trail keeps it.
    untold = (
        referral.offer_terms["changes"]
        if to_stage == Stage.OFFER_ACCEPTED and offer_changes_untold(referral)
        else []
    )
    if untold and not (is_staff and changes_told):
        if not is_staff:
            raise AgentError({"changes_read": [OFFER_CHANGES_UNREAD]})
        raise AgentError({"changes_told": [OFFER_CHANGES_UNTOLD]})
    offer_kept: dict[str, Any] | None = None
    if offer is not None:
        if to_stage != Stage.OFFER:
            raise AgentError({"__all__": ["内定時の労働条件は、「内定」にするときだけ指定できます。"]})
        terms, offer_problems = offer_clean(posting, offer)
        if offer_problems:
            raise AgentError(offer_problems)
        offer_kept = offer_record(posting, referral.proposal.snapshot, terms)
    elif to_stage == Stage.OFFER:
        # Whoever records it (the employer, or the adviser relaying a company's phone call or a 非公開求人 of a
        # company with no 採用担当 account): without the offered pay and start date the candidate would be asked to
        # accept against the proposal's range, and the changes from it would go untold (5条の3③).
        raise AgentError(
            {
                "__all__": [
                    "内定にするときは、内定時の労働条件（賃金・入社予定日・雇用形態・就業場所・試用期間）を"
                    "入力してください。"
                ]
            }
        )
    with transaction.atomic():
        before = referral.stage
        # core.clock's now, the one the pages ask (is_held, is_upcoming): a move and the page it was made from agree
        # on which interview is still to come, also in a test or batch job that fixes the clock.
        now = clock.now()
        changes: dict[str, Any] = {"stage": to_stage, "updated_at": now}
        if answer_by is not None:
            changes["offer_answer_by"] = answer_by
        if joined_on is not None:
            changes["joined_on"] = joined_on
        if offer_kept is not None:
            changes["offer_terms"] = offer_kept
            changes["offer_changes_read_at"] = None
        # Move only from the stage this request saw: a double click or two people at once move (and mail) once.
        if not Referral.objects.filter(pk=referral.pk, stage=before).update(**changes):
            raise AgentError("選考状況がすでに変わっています。ページを読み込み直してください。")
        for field, value in changes.items():
            setattr(referral, field, value)
        StageEvent.objects.create(
            referral=referral, from_stage=before, to_stage=to_stage, actor=user, note=note
        )
        if untold:
            _log(
                referral.proposal.candidate,
                user,
                AuditAction.CONDITIONS_ACK,
                f"{referral_job_named(referral)}の内定時の労働条件の変更（{_change_names(untold)}）："
                "変更点をご本人に伝えて承諾を記録",
            )
        called_off = referral.called_off = _interview_call_off(referral, left=before, now=now)
        off = ["", *interview_called_off_lines(referral, called_off)] if called_off else []
        label = Stage(to_stage).label
        _log(
            referral.proposal.candidate,
            user,
            AuditAction.STAGE_CHANGE,
            f"{referral_job_named(referral)}の選考：{Stage(before).label} → {label}"
            + (f"（入社日 {day_ja(joined_on)}）" if joined_on is not None else ""),
        )
        offer_lines: list[str] = []
        adviser_offer_lines: list[str] = []
        if offer_kept is not None:
            offer_lines = _offer_mail_lines(offer_kept)
            adviser_offer_lines = _offer_mail_lines(offer_kept, to_adviser=True)
            if offer_kept["changes"]:
                _log(
                    referral.proposal.candidate,
                    user,
                    AuditAction.CONDITIONS_CHANGED,
                    f"{referral_job_named(referral)}の内定時の労働条件が提案時から変わりました"
                    f"（{_change_names(offer_kept['changes'])}）",
                )
        lines = [
            f"{referral.proposal.candidate.name} 様",
            "",
            f"「{posting.title}」の選考状況が「{label}」になりました。",
            *offer_lines,
        ]
        if note:
            lines += ["", "連絡事項：", note]
        if answer_by is not None:
            lines += [
                "",
                f"企業が設定した回答期限：{date_ja(answer_by)}（この日までに回答すれば足ります）",
            ]
        if joined_on is not None:
            lines += ["", f"入社日：{date_ja(joined_on)}"]
        lines += [*off, "", _url("agents:my_proposal", referral.proposal_id)]
        _mail_candidate(
            referral.proposal.candidate,
            f"【BOナビ】選考状況のお知らせ：{label}（{subject_title(posting.title)}）",
            lines,
        )
        for adviser in referral.proposal.candidate.advisers.select_related("user"):
            if adviser.user_id != getattr(user, "pk", None):
                _mail(
                    adviser.user,
                    f"【BOナビ】選考状況：{label}（{referral.proposal.candidate.name}）",
                    [
                        f"「{posting.title}」：{Stage(before).label} → {label}",
                        *adviser_offer_lines,
                        # Her advisers hear the deadline too: she may call them about it before she answers.
                        *(["", f"ご本人の回答期限（企業が設定）：{date_ja(answer_by)}"] if answer_by else []),
                        *(["", "連絡事項：", note] if note else []),
                        *off,
                        "",
                        _url("agents:candidate", referral.proposal.candidate_id),
                    ],
                )
        if not is_employer:
            # The candidate's own answers (内定承諾・辞退), given by her or relayed by the agency: the employer
            # must hear them too.
            _mail_employer(
                posting,
                f"【BOナビ】{referral.proposal.candidate.agency.name}より：{label}（{subject_title(posting.title)}）",
                [
                    f"「{posting.title}」に推薦した方の選考状況が「{label}」になりました。",
                    *(_offer_relayed_lines(offer_kept, answer_by) if offer_kept is not None else []),
                    *(["", "連絡事項：", note] if note else []),
                    *off,
                    "",
                    _url("agents:employer_referral", referral.pk),
                ],
            )
    return referral


def _change_names(changes: list[dict[str, str]]) -> str:
    return "、".join(c["label"] for c in changes)


def _offer_mail_lines(kept: Mapping[str, Any], *, to_adviser: bool = False) -> list[str]:
    """What a 内定 mail says of the offered terms: whether they changed from the proposal, and which; and what
    its reader does about it (she reads them before accepting; her adviser tells her them before relaying it)."""
    if not kept["changes"]:
        return ["", "内定時の労働条件：提案時の条件から変更はありません。"]
    return [
        "",
        f"内定時の労働条件が、提案時から変わっています（変更点：{_change_names(kept['changes'])}）。",
        "ご本人の承諾を代わりに記録する場合は、先に変更点（変更前・変更後）をご本人に伝えてください。"
        if to_adviser
        else "承諾する前に、ページで変更前と変更後を確認してください。",
    ]


def _offer_relayed_lines(kept: Mapping[str, Any], answer_by: dt.date | None = None) -> list[str]:
    """The company's mail when the agency recorded its 内定 (a phone call relayed): the terms the agency entered,
    as the candidate reads them, and the answer deadline she was given, so that the company can say at once if
    one is not what it offered."""
    shown = kept["shown"]
    return [
        "",
        "紹介会社が、貴社からの内定を次の労働条件で記録しました。求職者にはこの条件で内定をお知らせしています。",
        *(f"・{label}：{shown[key]}" for key, label in ITEMS),
        *([f"・{OTHER_LABEL}：{one_line(kept['other_changes'])}"] if kept.get("other_changes") else []),
        *([f"・回答期限：{date_ja(answer_by)}"] if answer_by else []),
        "条件に誤りがある場合は、すぐに紹介会社の担当者にご連絡ください。",
    ]


OFFER_CHANGES_UNREAD = (
    "内定時の労働条件に提案時からの変更点があります。変更点を読み、"
    "「変更点を確認しました」にチェックしてから承諾してください。"
)


def offer_changes_untold(referral: Referral) -> bool:
    """At 内定 with changes she has not read herself: staff relaying her 承諾 must say they told her them."""
    return (
        referral.stage == Stage.OFFER
        and referral.offer_changes_read_at is None
        and bool((referral.offer_terms or {}).get("changes"))
    )


OFFER_CHANGES_UNTOLD = (
    "内定時の労働条件に提案時からの変更点があり、ご本人はまだ確認していません。変更点（変更前・変更後）を"
    "ご本人に伝えてから、「変更点をご本人に伝えました」にチェックして承諾を記録してください。"
)


def offer_answer(
    *, user: Any, referral: Referral, accept: bool, note: str = "", changes_read: bool = False
) -> Referral:
    """The candidate answers an offer herself: 内定承諾 or 辞退, only at 内定 and only while her consent stands.
    Recorded, logged and mailed (advisers, employer) exactly as an answer the adviser relays; the employer
    then records 入社."""
    candidate = referral.proposal.candidate
    if candidate.user_id is None or candidate.user_id != getattr(user, "pk", None):
        raise PermissionDenied("ご本人のみ回答できます。")
    if candidate.status != CandidateStatus.ACTIVE:
        raise AgentError("この紹介会社への同意を撤回しているため、内定には回答できません。")
    if referral.stage != Stage.OFFER:
        raise AgentError(
            f"内定への回答は、選考状況が「内定」のときだけできます（現在：{referral.get_stage_display()}）。"
        )
    changed = (referral.offer_terms or {}).get("changes") or []
    # 5条の3③: the changes are told, as changes, before she accepts — not merely shown somewhere on the page.
    if accept and changed and not changes_read:
        raise AgentError({"changes_read": [OFFER_CHANGES_UNREAD]})
    with transaction.atomic():
        if accept and changed:
            referral.offer_changes_read_at = timezone.now()
            Referral.objects.filter(pk=referral.pk).update(
                offer_changes_read_at=referral.offer_changes_read_at
            )
            _log(
                candidate,
                user,
                AuditAction.CONDITIONS_ACK,
                f"{referral_job_named(referral)}の内定時の労働条件の変更（{_change_names(changed)}）を確認",
            )
        return referral_move(
            user=user,
            referral=referral,
            to_stage=Stage.OFFER_ACCEPTED if accept else Stage.DECLINED,
            note=note,
        )


def referral_interview_prep(*, user: Any, referral: Referral, text: str) -> Referral:
    """The adviser attaches (or updates) interview preparation for this job; the candidate reads it on the
    proposal page and is told by e-mail. The employer never sees it."""
    _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    text = (text or "").strip()
    if not text:
        raise AgentError({"interview_prep": ["面接対策の内容を入力してください。"]})
    adviser_text_check(text, field="interview_prep", what="面接対策")  # its length too (limits.TEXT_MAX)
    if referral.stage not in OPEN_STAGES:
        raise AgentError("選考が終了しているため、面接対策は追加できません。")
    posting = referral.proposal.posting
    candidate = referral.proposal.candidate
    with transaction.atomic():
        referral.interview_prep = text
        # Not updated_at: it is when the selection last moved (the stall reminder's clock), and preparing the
        # candidate does not move the employer's selection — a note on day 5 put the employer's reminder off.
        referral.save(update_fields=["interview_prep"])
        _log(candidate, user, AuditAction.INTERVIEW_PREP, f"{referral_job_named(referral)}の面接対策を更新")
        _mail_candidate(
            candidate,
            f"【BOナビ】面接対策が届きました（{subject_title(posting.title)}）",
            [
                f"{candidate.name} 様",
                "",
                f"担当者が「{posting.title}」の面接対策を用意しました。",
                _url("agents:my_proposal", referral.proposal_id),
            ],
        )
    return referral


def referral_viewed_by_employer(*, user: Any, referral: Referral) -> None:
    # The job too: the company reading it is in the line's actor, the 推薦 it came with only here.
    _log(
        referral.proposal.candidate,
        user,
        AuditAction.DOCUMENT_VIEW,
        f"「{referral.document_choice}」を閲覧（{referral_job_named(referral)}への推薦）",
    )


# Placements, follow-up, complaints ---------------------------------------------------------------------------------


def joined_on_problem(referral: Referral, joined_on: dt.date) -> str:
    """Why `joined_on` cannot be this selection's 入社日 ("" when it can): never before the 推薦 or the 内定承諾
    (a typo there files a hire before its introduction in the books), nor over JOIN_AHEAD_YEARS ahead."""
    if problem := _date_problem("入社日", joined_on, ahead_years=JOIN_AHEAD_YEARS):
        return problem
    sent_on = date_jst(referral.sent_at)
    if joined_on < sent_on:
        return f"入社日（{joined_on.isoformat()}）が推薦日（{day_ja(sent_on)}）より前です。推薦日以降の日付を入力してください。"
    accepted_at = (
        referral.events.filter(to_stage=Stage.OFFER_ACCEPTED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if accepted_at is not None and joined_on < (accepted_on := date_jst(accepted_at)):
        return (
            f"入社日（{joined_on.isoformat()}）が内定承諾日（{day_ja(accepted_on)}）より前です。"
            "内定承諾日以降の日付を入力してください。"
        )
    return ""


@dataclass(frozen=True)
class PlacementTerms:
    """What the yearly report counts a placement by (ADR 0115): its term (fees.Term, the shape the fee's limit reads
    too), whether it is abroad, whether it followed a 紹介予定派遣."""

    term: Term
    overseas: bool
    planned_dispatch: bool


def placement_defaults(referral: Referral, order: JobOrder | None) -> PlacementTerms:
    """What the 入社 form starts from: the job's own term, and the 国外 and 紹介予定派遣 of `order`, the order the
    推薦 went through (selectors.order_of_referral) — usually the hire as it is, corrected on the form when the
    contract differs."""
    posting = referral.proposal.posting
    fixed = posting.fixed_term
    return PlacementTerms(
        term=Term(
            not fixed, posting.contract_months if fixed else None, posting.contract_days if fixed else None
        ),
        overseas=bool(order and order.overseas),
        planned_dispatch=bool(order and order.planned_dispatch),
    )


def _term_problems(term: Term) -> dict[str, list[str]]:
    """The placement's term, as the posting's is checked (core.contract_terms.term_length_problems, in its words for a 雇用):
    open-ended with no length; else one length, in months or (under a month) in days, each within its bounds."""
    open_ended, months, days = term.open_ended, term.contract_months, term.contract_days
    if open_ended:
        given = "contract_months" if months is not None else "contract_days" if days is not None else ""
        return {given: ["期間の定めなしの場合は、雇用期間を空欄にしてください。"]} if given else {}
    problems = term_length_problems(months, days, noun="雇用", lead="期間の定めありの場合は", bounded=True)
    return {field: [message] for field, message in problems.items()}


def placement_record(
    *,
    user: Any,
    referral: Referral,
    joined_on: dt.date,
    expected_annual_pay: int,
    fee: int,
    occupation_code: str = "",
    fee_collected_on: dt.date | None = None,
    open_ended: bool | None = None,
    contract_months: int | None = None,
    contract_days: int | None = None,
    overseas: bool | None = None,
    planned_dispatch: bool | None = None,
) -> Placement:
    """Record 入社 as the books and the yearly report count it: the 入社日 within its bounds (joined_on_problem), the
    予定年収, and a fee within the agency's fee rule (fees.py: its notified rate or the 上限制's cap, ADR 0116). The
    term (`open_ended` with `contract_months` or `contract_days`), `overseas` and `planned_dispatch` are the hire's;
    each left None is the job's and its order's (placement_defaults). A refusal stores nothing."""
    staff = _require_staff(user)
    if not selectors.candidates_visible_to(user).filter(pk=referral.proposal.candidate_id).exists():
        raise PermissionDenied("担当の求職者ではありません。")
    if referral.stage not in (Stage.OFFER_ACCEPTED, Stage.JOINED):
        raise AgentError("内定承諾または入社の後に記録してください。")
    if hasattr(referral, "placement"):  # a double submit or a second tab
        raise AgentError("この選考の入社はすでに記録しています。")
    # Each figure named on its own, so the form puts the reason beside the field that is wrong.
    problems: dict[str, list[str]] = {}
    if not 0 < expected_annual_pay <= MAX_YEN:
        problems["expected_annual_pay"] = [
            f"予定年収は1円以上{MAX_YEN // 100_000_000}億円以下で入力してください。"
        ]
    if not 0 <= fee <= MAX_YEN:
        problems["fee"] = [f"手数料は0円以上{MAX_YEN // 100_000_000}億円以下で入力してください。"]
    if problem := joined_on_problem(referral, joined_on):
        problems["joined_on"] = [problem]
    # The job's and its order's terms, for what the caller left None.
    defaults = placement_defaults(referral, selectors.order_of_referral(referral))
    term = defaults.term if open_ended is None else Term(open_ended, contract_months, contract_days)
    term_problems = _term_problems(term)
    problems.update(term_problems)
    # The limit is computed from the pay and (上限制) the term: with either refused, the fee is not also said to be
    # too high. Above the agency's notified table or the 上限制's cap on the term's wages (ADR 0116): the limit in
    # yen, beside the fee.
    checkable = not problems.keys() & {"fee", "expected_annual_pay"} and not term_problems
    rule = fee_rule(staff.agency)
    if checkable and (problem := rule.problem(expected_annual_pay=expected_annual_pay, fee=fee, term=term)):
        problems["fee"] = [problem]
    if problems:
        raise AgentError(problems)
    posting = referral.proposal.posting
    with transaction.atomic():
        placement = Placement.objects.create(
            referral=referral,
            office=staff.office,
            occupation_code=occupation_code or posting.mhlw_code,
            open_ended=term.open_ended,
            contract_months=term.contract_months,
            contract_days=term.contract_days,
            overseas=defaults.overseas if overseas is None else overseas,
            planned_dispatch=defaults.planned_dispatch if planned_dispatch is None else planned_dispatch,
            expected_annual_pay=expected_annual_pay,
            fee=fee,
            fee_collected_on=fee_collected_on,
            joined_on=joined_on,
        )
        # The day recorded here is the one the books use; the employer's 入社 (if it came first) follows it.
        referral.joined_on = joined_on
        if referral.stage != Stage.JOINED:
            before = referral.stage
            referral.stage = Stage.JOINED
            referral.save(update_fields=["stage", "joined_on", "updated_at"])
            StageEvent.objects.create(referral=referral, from_stage=before, to_stage=Stage.JOINED, actor=user)
        else:
            referral.save(update_fields=["joined_on", "updated_at"])
        if term.open_ended:
            FollowUp.objects.create(placement=placement, due_on=add_months(joined_on, 6))
        _log(
            referral.proposal.candidate,
            user,
            AuditAction.PLACEMENT,
            f"{referral_job_named(referral)}への入社（{day_ja(joined_on)}）を記録",
        )
    return placement


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
    # A 離職日 still to come would close the 6-month check as 「離職」 now, for someone still at work.
    if problem := _date_problem("離職日", exit_on, ahead_years=0, after="離職した後に記録してください。"):
        raise AgentError({"exit_on": [problem]})
    if refund > placement.fee:
        raise AgentError({"refund": ["返戻金は紹介手数料以下で入力してください。"]})
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


def placement_fee_settle(
    *, user: Any, placement: Placement, collected_on: dt.date, written_off: bool = False
) -> Placement:
    """Record the day the fee was collected — or, `written_off`, the day the agency gave up collecting it. Either
    ends 「未収」 in the 手数料管理簿 and starts its 2-year keeping clock (books_anonymise, ADR 0108). The
    office's 職業紹介責任者 or the candidate's adviser records it; the candidate's trail shows it."""
    staff = _require_staff(user)
    candidate = placement.referral.proposal.candidate
    responsible_here = staff.is_responsible and staff.office_id in (placement.office_id, candidate.office_id)
    if not (responsible_here or candidate.advisers.filter(pk=staff.pk).exists()):
        raise PermissionDenied("担当の求職者の成約ではありません。")
    if placement.fee_collected_on or placement.fee_written_off_on:
        done = placement.fee_collected_on or placement.fee_written_off_on
        assert done is not None  # for mypy
        what = "徴収" if placement.fee_collected_on else "徴収の断念"
        raise AgentError(f"この成約の手数料は、{day_ja(done)}に{what}を記録済みです。")
    if placement.fee == 0:
        raise AgentError("この成約の手数料は0円のため、徴収の記録はいりません。")
    label = "徴収を断念した日" if written_off else "徴収日"
    if problem := _date_problem(label, collected_on, ahead_years=0, after="徴収した後に記録してください。"):
        raise AgentError({"collected_on": [problem]})
    if collected_on < placement.joined_on:
        raise AgentError(
            {
                "collected_on": [
                    f"{label}（{collected_on.isoformat()}）が入社日（{day_ja(placement.joined_on)}）より前です。"
                ]
            }
        )
    field = "fee_written_off_on" if written_off else "fee_collected_on"
    with transaction.atomic():
        # Only from 未収: two tabs or a double click record one day, not the later one over the first.
        claimed = Placement.objects.filter(
            pk=placement.pk, fee_collected_on__isnull=True, fee_written_off_on__isnull=True
        ).update(**{field: collected_on})
        if not claimed:
            raise AgentError("手数料の徴収はすでに記録されています。ページを読み込み直してください。")
        setattr(placement, field, collected_on)
        what = "徴収できず貸倒れとして処理" if written_off else "徴収"
        _log(
            candidate,
            user,
            AuditAction.PLACEMENT,
            f"{referral_job_named(placement.referral)}の紹介手数料の{what}（{day_ja(collected_on)}）を記録",
        )
    return placement


def follow_up_complete(
    *,
    user: Any,
    follow_up: FollowUp,
    outcome: str,
    exit_on: dt.date | None = None,
    reason: str = "",
    refund: int = 0,
) -> FollowUp:
    """Record the 6-month check. 「離職」 is an exit like any other (placement_exit, with its date and reason): a
    離職 without them was counted neither as 6か月以内の離職 nor as 不明 in the disclosure figures."""
    staff = _require_staff(user)
    placement = follow_up.placement
    if placement.office.agency_id != staff.agency_id:
        raise PermissionDenied("この記録を更新する権限がありません。")
    if outcome not in FollowUp.Outcome.values or outcome == FollowUp.Outcome.PENDING:
        raise AgentError({"outcome": ["確認結果を選んでください。"]})
    if outcome == FollowUp.Outcome.LEFT:
        if placement.exit_on is None:
            problems: dict[str, list[str]] = {}
            if exit_on is None:
                problems["exit_on"] = ["「離職」のときは離職日を入力してください。"]
            if not reason:
                problems["reason"] = ["「離職」のときは離職理由を選んでください。"]
            if problems:
                raise AgentError(problems)
            assert exit_on is not None  # for mypy: refused above
            with transaction.atomic():
                placement_exit(user=user, placement=placement, exit_on=exit_on, reason=reason, refund=refund)
                return _follow_up_close(follow_up, outcome=outcome, staff=staff)
        return _follow_up_close(follow_up, outcome=outcome, staff=staff)
    if exit_on is not None or reason or refund:
        raise AgentError(
            {"outcome": ["離職日・離職理由・返戻金は、確認結果が「離職」のときだけ入力してください。"]}
        )
    if today_jst() < follow_up.due_on:
        # 「在職」 answered early would stand even if the person left in month 4; a 離職 before the due day is
        # recorded as such (placement_exit), which closes the check itself.
        raise AgentError(
            {
                "outcome": [
                    f"6か月定着確認は確認期日（{follow_up.due_on.isoformat()}）から記録できます。"
                    "それまでに離職した場合は「離職」を記録してください。"
                ]
            }
        )
    return _follow_up_close(follow_up, outcome=outcome, staff=staff)


def _follow_up_close(follow_up: FollowUp, *, outcome: str, staff: Staff) -> FollowUp:
    """Close the check only while it is pending: a stale tab's 在職 or 不明 does not overwrite a 離職 recorded since
    (which the disclosure counts). The same outcome again (placement_exit closed it already, an exit before the
    due day; a double click) is no error."""
    claimed = FollowUp.objects.filter(pk=follow_up.pk, outcome=FollowUp.Outcome.PENDING).update(
        outcome=outcome, done_at=timezone.now(), done_by=staff
    )
    follow_up.refresh_from_db()
    if not claimed and follow_up.outcome != outcome:
        raise AgentError(
            f"6か月定着確認はすでに記録されています（{follow_up.get_outcome_display()}）。"
            "ページを読み込み直してください。"
        )
    return follow_up


def follow_ups_remind(*, today: dt.date | None = None) -> int:
    """Tell the advisers (and the office's 責任者) once when a 6-month check falls due. Idempotent."""
    day = today or today_jst()
    follow_ups = (
        due.follow_ups_due(day)
        .filter(reminded_at__isnull=True)
        .select_related(
            "placement__office",
            "placement__referral__proposal__candidate__user__seeker_profile",
            "placement__referral__proposal__posting",
        )
    )
    count = 0
    for follow in follow_ups:
        with transaction.atomic():
            # Claim the row first so two workers never both mail (only one UPDATE matches).
            if not FollowUp.objects.filter(pk=follow.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            ):
                continue
            proposal = follow.placement.referral.proposal
            for person in _advisers_and_responsible(proposal.candidate, follow.placement.office):
                _mail(
                    person,
                    f"【BOナビ】6か月定着確認の期日です（{proposal.candidate.name}）",
                    [
                        f"「{proposal.posting.title}」に{date_ja(follow.placement.joined_on)}に入社した"
                        f"{proposal.candidate.name}さんの定着確認の期日（{date_ja(follow.due_on)}）です。",
                        "在職・離職を確認して記録してください。期日から1か月を過ぎると「不明」として公表数値に計上されます。",
                        "",
                        _url("agents:candidate", proposal.candidate_id),
                    ],
                )
            count += 1
    return count


STALL_DAYS = due.STALL_DAYS


def referrals_stalled_remind(*, now: dt.datetime | None = None) -> int:
    """A selection stalled (`due.referrals_stalled`: unmoved for STALL_DAYS, before 内定承諾, not waiting for a booked
    interview): ask the employer for news and tell the advisers, once per stall (a later move starts a new one)."""
    moment = now or timezone.now()
    stalled = (
        due.referrals_stalled(moment)
        .filter(Q(stall_reminded_at__isnull=True) | Q(stall_reminded_at__lt=F("updated_at")))
        .select_related(
            "proposal__posting__organization",
            "proposal__candidate__user__seeker_profile",
            "proposal__candidate__agency__organization",
        )
    )
    count = 0
    for referral in stalled:
        with transaction.atomic():
            # QuerySet.update leaves updated_at alone, and only one worker's UPDATE matches.
            claimed = (
                Referral.objects.filter(pk=referral.pk)
                .filter(Q(stall_reminded_at__isnull=True) | Q(stall_reminded_at__lt=F("updated_at")))
                .update(stall_reminded_at=moment)
            )
            if not claimed:
                continue
            posting = referral.proposal.posting
            label = referral.get_stage_display()
            # Which job and since when, in the body: the subject cuts the title, and 「7日以上」 alone sends the
            # reader to the page to find out how long.
            since = f"最後に選考状況が更新された日：{date_ja(date_jst(referral.updated_at))}"
            _mail_employer(
                posting,
                f"【BOナビ】選考状況のご連絡のお願い（{subject_title(posting.title)}）",
                [
                    f"{referral.proposal.candidate.agency.name}から推薦した方の選考が、{STALL_DAYS}日以上"
                    f"「{label}」のままです。",
                    "結果や次の予定が決まりましたら、選考状況を更新してください。求職者に通知されます。",
                    "",
                    f"求人：{posting.title}",
                    since,
                    _url("agents:employer_referral", referral.pk),
                ],
            )
            for adviser in referral.proposal.candidate.advisers.select_related("user"):
                if adviser.user.is_active:
                    _mail(
                        adviser.user,
                        f"【BOナビ】選考が{STALL_DAYS}日動いていません（{referral.proposal.candidate.name}）",
                        [
                            f"「{posting.title}」：{label}のまま{STALL_DAYS}日以上たちました。"
                            "企業に状況を確認し、求職者に見通しを伝えてください。",
                            "",
                            since,
                            _url("agents:candidate", referral.proposal.candidate_id),
                        ],
                    )
            count += 1
    return count


def follow_ups_expire(*, today: dt.date | None = None) -> int:
    """No answer by the deadline (plus a month's grace) is recorded as 不明, as the disclosure rules count it."""
    day = today or today_jst()
    return FollowUp.objects.filter(
        outcome=FollowUp.Outcome.PENDING, due_on__lt=day - dt.timedelta(days=31)
    ).update(outcome=FollowUp.Outcome.UNKNOWN, done_at=timezone.now())


def complaint_routee(office: Office) -> Staff | None:
    """The 職業紹介責任者 a complaint about `office` goes to: that office's own, one whose 講習 is current first."""
    heads = list(
        Staff.objects.filter(office=office, is_responsible=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    today = today_jst()
    heads.sort(key=lambda s: bool(training_problem(s.responsible_training_on, today=today)))
    return heads[0] if heads else None


CONTACT_LABEL = "連絡先（メール・電話）"
# The same complaint sent again within this many minutes (a double click, a reload) is the one already received.
COMPLAINT_REPEAT_MINUTES = 10


def complaint_contact(value: str) -> str:
    """The 連絡先 of a complaint as the agency will use it to reply: an e-mail address, or a phone number by the
    rule every app uses (core.contact). Anything else (「not-a-contact」) is refused: the 責任者 could not answer."""
    text = nfkc(value or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(
                f"{CONTACT_LABEL}のメールアドレスの形式が正しくありません（例：name@example.jp）。"
            ) from None
        return text
    if re.fullmatch(r"[+\d\s()\-]+", fold_number(text)):
        try:
            return normalize_phone(text)
        except ValidationError as exc:
            raise ValidationError([f"{CONTACT_LABEL}：{m}" for m in exc.messages]) from None
    raise ValidationError(
        f"{CONTACT_LABEL}には、返信を受け取れるメールアドレスか電話番号を入力してください"
        "（例：name@example.jp、090-1234-5678）。"
    )


# How much of the complaint its acknowledgement quotes: enough to recognise it, not a copy to forward.
COMPLAINT_QUOTE_CHARS = 80


def complaint_ack_address(*, user: Any, contact: str) -> str:
    """Where a complaint's acknowledgement goes: the signed-in person's login address, else the 連絡先 when it is
    an e-mail address (complaint_contact has checked it); "" for a phone number, which gets a call, not a mail."""
    if getattr(user, "is_authenticated", False) and user.email:
        return str(user.email)
    return contact if "@" in contact else ""


def complaint_reply_channel(contact: str) -> str:
    """How the 職業紹介責任者 will answer, as the acknowledgement and the confirmation page say it."""
    how = "メール" if "@" in contact else "お電話"
    return f"職業紹介責任者から、ご指定の連絡先（{contact}）へ{how}でご連絡します。"


def _complaint_acknowledge(complaint: Complaint, *, to_email: str, user: Any) -> None:
    """The receipt for the person who complained: when, which office, who handles it, how they will hear back,
    and the opening of what they wrote. Their text is quoted on one line, cut, below our own lines: a line break
    in it cannot start something that reads as ours (from_name is one line already, in complaint_file)."""
    quote = Truncator(one_line(complaint.body)).chars(COMPLAINT_QUOTE_CHARS)
    _mail(
        user,
        f"【BOナビ】苦情の申出を受け付けました（{complaint.agency.name}）",
        [
            f"{complaint.from_name} 様",
            "",
            f"{complaint.agency.name}への苦情の申出を受け付けました。",
            "",
            f"受付日時：{moment_ja(complaint.received_at)}",
            f"事業所：{complaint.office.name}",
            "対応：この事業所の職業紹介責任者が内容を確認し、対応します。",
            f"ご連絡：{complaint_reply_channel(complaint.contact)}",
            *(
                ["面談での対応をご希望と承りました。日時は職業紹介責任者からご相談します。"]
                if complaint.wants_in_person
                else []
            ),
            "",
            "お送りいただいた内容（冒頭）：",
            f"「{quote}」",
            "",
            "お心当たりがない場合は、このメールは破棄してください。",
        ],
        to_email=to_email,
        kind=MessageKind.COMPLAINT,
    )


def complaint_file(
    *,
    user: Any,
    agency_slug: str,
    from_name: str,
    contact: str,
    body: str,
    wants_in_person: bool,
    office_id: int | None = None,
) -> Complaint:
    """A complaint goes to the 職業紹介責任者 of the office concerned (32条の14: 苦情処理): the office the person
    chose, or the one holding their registration, or else the agency's first office."""
    # The name opens the mail to the 職業紹介責任者: a line break must not let the sender write above it.
    from_name = one_line(from_name)
    agency = selectors.agency_by_slug(agency_slug)
    if agency is None:
        raise AgentError("職業紹介事業者が見つかりません。")
    errors: dict[str, list[str]] = {}
    if not from_name.strip():
        errors["from_name"] = ["お名前を入力してください。"]
    if not contact.strip():
        errors["contact"] = ["連絡先を入力してください。"]
    else:
        try:
            contact = complaint_contact(contact)
        except ValidationError as exc:
            errors["contact"] = exc.messages
    if not body.strip():
        errors["body"] = ["苦情の内容を入力してください。"]
    for key, value, label, limit in (
        ("from_name", from_name, "お名前", NAME_MAX),
        ("contact", contact, "連絡先", CONTACT_MAX),
        ("body", body, "苦情の内容", TEXT_MAX),
    ):
        errors.setdefault(key, []).extend(length_problems(value, label=label, limit=limit))
        try:
            reject_markup(value)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(exc.messages)
    errors = {key: msgs for key, msgs in errors.items() if msgs}
    if errors:
        raise AgentError(errors)
    registration = (
        Candidate.objects.filter(agency=agency, user=user).select_related("office").first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    office: Office | None = None
    if office_id:
        office = agency.offices.filter(pk=office_id).first()
        if office is None:
            raise AgentError({"office": ["事業所が見つかりません。"]})
    elif registration is not None:
        office = registration.office
    else:
        office = agency.offices.order_by("pk").first()
    target = complaint_routee(office) if office is not None else None
    if target is None:
        # An office without its own 責任者 is itself a breach; the complaint must still reach one.
        target = (
            Staff.objects.filter(agency=agency, is_responsible=True, user__is_active=True)
            .select_related("user", "office")
            .order_by("pk")
            .first()
        )
    if office is None or target is None:
        raise AgentError("苦情の受付先（職業紹介責任者）が設定されていません。")
    with transaction.atomic():
        # One complaint per agency at a time, so two identical posts at once cannot both miss each other.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        since = timezone.now() - dt.timedelta(minutes=COMPLAINT_REPEAT_MINUTES)
        same = (
            Complaint.objects.filter(agency=agency, contact=contact, body=body, received_at__gte=since)
            .order_by("-received_at")
            .first()
        )
        if same is not None:
            return same
        complaint = Complaint.objects.create(
            agency=agency,
            office=office,
            routed_to=target,
            from_user=user if getattr(user, "is_authenticated", False) else None,
            from_name=from_name,
            contact=contact,
            body=body,
            wants_in_person=wants_in_person,
            candidate=registration,
        )
        if registration is not None:
            _log(registration, user, AuditAction.COMPLAINT, f"{office.name}の職業紹介責任者へ苦情を申出")
        ack_to = complaint_ack_address(user=user, contact=contact)
        # The acknowledgement carries text typed by whoever filled in the form: it is capped like every mail to a
        # typed address (core.ratelimit), so it cannot become a way to mail a stranger again and again.
        if ack_to and typed_address_mail_allowed(ack_to):
            _complaint_acknowledge(complaint, to_email=ack_to, user=complaint.from_user)
            complaint.acknowledged = True
            complaint.save(update_fields=["acknowledged"])
        _mail(
            target.user,
            "【BOナビ】苦情の申出がありました",
            [
                f"{from_name} 様から{office.name}についての苦情の申出がありました。"
                + ("（面談での対応を希望）" if wants_in_person else ""),
                "",
                body[:1000],
                "",
                _url("agents:records"),
            ],
            kind=MessageKind.COMPLAINT,  # as support's notices to its operators
        )
    return complaint


def referral_open(referral: Referral) -> bool:
    return referral.stage in OPEN_STAGES


# Said where a complaint is acted on (a 面談日, a 対応結果); reading the register is selectors.RESPONSIBLE_ONLY's.
COMPLAINT_HANDLER_ONLY = "苦情の処理は職業紹介責任者が行います。"


def _complaint_handler(user: Any, complaint: Complaint) -> Staff:
    staff = selectors.responsible_of(user)
    if staff is None or complaint.agency_id != staff.agency_id:
        raise PermissionDenied(COMPLAINT_HANDLER_ONLY)
    return staff


COMPLAINT_DONE = "この苦情は対応済みです（対応結果は記録されています）。"


def complaint_open_check(*, user: Any, complaint: Complaint) -> None:
    """What a 面談日 or a 対応結果 needs: the 責任者 of its agency, and a complaint not yet resolved (a stale tab)."""
    _complaint_handler(user, complaint)
    if complaint.status == ComplaintStatus.RESOLVED:
        raise AgentError(COMPLAINT_DONE)


def complaint_progress(*, user: Any, complaint: Complaint, interview_on: dt.date | None) -> Complaint:
    """The 職業紹介責任者 takes the complaint up (受付 → 対応中), recording the 面談日 when one was held or fixed
    (32条の14: in person if asked). A 面談日 is not an answer: the complaint stays 対応中 until its 対応結果."""
    complaint_open_check(user=user, complaint=complaint)
    if interview_on is not None:
        received = date_jst(complaint.received_at)
        if interview_on < received:
            raise AgentError(
                {"interview_on": [f"面談日は、苦情の受付日（{day_ja(received)}）より前にはできません。"]}
            )
        if interview_on > add_months(today_jst(), 3):
            raise AgentError({"interview_on": ["面談日は3か月以内の日付を入力してください。"]})
    complaint.status = ComplaintStatus.IN_PROGRESS
    # What is posted, an empty field too: a meeting called off must not stay recorded and count as held.
    complaint.interview_on = interview_on
    complaint.save(update_fields=["status", "interview_on"])
    return complaint


REPLY_LABEL = "申出者への回答"


def complaint_reply_address(complaint: Complaint) -> str:
    """Where the 申出者への回答 is mailed: the 連絡先 she gave, when it is an e-mail address. A phone number is
    answered by phone; her login address is not used, since she chose how to be answered."""
    return complaint.contact if "@" in complaint.contact else ""


def complaint_reply_place(complaint: Complaint) -> str:
    """Where a signed-in complainant reads the reply on BOナビ: her page with the agency, else マイデータ; "" for a
    complaint filed signed out (the mail is then the only copy she gets)."""
    if complaint.from_user_id is None:
        return ""
    if (
        complaint.candidate_id
        and complaint.candidate
        and complaint.candidate.user_id == complaint.from_user_id
    ):
        return _url("agents:my_agency", complaint.candidate_id)
    return _url("seekers:export_page")


def _complaint_reply_mail(complaint: Complaint, *, to_email: str) -> None:
    """The agency answered: which complaint (its date and opening), the reply, and where to read it when signed
    in. The reply is the agency's words, but each of its lines is indented: none can pass for the signature."""
    quote = Truncator(one_line(complaint.body)).chars(COMPLAINT_QUOTE_CHARS)
    place = complaint_reply_place(complaint)
    _mail(
        complaint.from_user,
        f"【BOナビ】苦情の申出への回答が届きました（{complaint.agency.name}）",
        [
            f"{complaint.from_name} 様",
            "",
            f"{moment_ja(complaint.received_at)}に受け付けた苦情の申出について、"
            f"{complaint.agency.name}（{complaint.office.name}）の職業紹介責任者から回答がありました。",
            "",
            f"お送りいただいた内容（冒頭）：「{quote}」",
            "",
            f"{REPLY_LABEL}：",
            *(f"　{line}" for line in complaint.reply.splitlines()),
            "",
            *(
                [f"ログインすると、次のページでも回答を読めます：{place}"]
                if place
                else ["この回答はBOナビのページには表示されません（ログインせずに申し出たため）。"]
            ),
            "ご不明な点は、この事業所の職業紹介責任者へお問い合わせください。",
        ],
        to_email=to_email,
        kind=MessageKind.COMPLAINT,
    )


def _complaint_text_problems(value: str, *, label: str) -> list[str]:
    """What the records page refuses in a 対応結果 or a 申出者への回答 (its first typing or its 訂正)."""
    problems = length_problems(value, label=label, limit=TEXT_MAX)
    try:
        reject_markup(value)
    except ValidationError as exc:
        problems.extend(exc.messages)
    return problems


def complaint_resolve(*, user: Any, complaint: Complaint, resolution: str, reply: str = "") -> Complaint:
    """The 職業紹介責任者 records how a complaint was handled (32条の14: 苦情処理). A complaint whose author asked
    to be heard in person is closed only after a 面談日 is recorded: the in-person duty is not met by a note.
    `resolution` stays internal (it may name staff or others); `reply`, optional, is what the person who
    complained reads: on her own pages, and mailed once to an e-mail contact (under the typed-address cap)."""
    complaint_open_check(user=user, complaint=complaint)
    errors: dict[str, list[str]] = {}
    if not resolution.strip():
        errors["resolution"] = ["対応の内容を入力してください。"]
    reply = reply.strip()
    for key, value, label in (("resolution", resolution, "対応結果"), ("reply", reply, REPLY_LABEL)):
        errors.setdefault(key, []).extend(_complaint_text_problems(value, label=label))
    errors = {key: msgs for key, msgs in errors.items() if msgs}
    if errors:
        raise AgentError(errors)
    if complaint.wants_in_person and (complaint.interview_on is None or complaint.interview_on > today_jst()):
        raise AgentError(
            {
                "resolution": [
                    "面談での対応を希望されています。面談を行い、その面談日を記録してから対応結果を記録してください。"
                ]
            }
        )
    with transaction.atomic():
        # Two tabs closing it at once: the second finds it resolved, so the reply is recorded and mailed once.
        locked = Complaint.objects.select_for_update().filter(pk=complaint.pk).first()
        if locked is None or locked.status == ComplaintStatus.RESOLVED:
            raise AgentError(COMPLAINT_DONE)
        complaint.resolution = resolution
        complaint.reply = reply
        complaint.resolved_at = timezone.now()
        complaint.status = ComplaintStatus.RESOLVED
        fields = ["resolution", "reply", "resolved_at", "status"]
        if reply:
            complaint.replied_at = complaint.resolved_at
            fields.append("replied_at")
        to = complaint_reply_address(complaint) if reply else ""
        # The reply carries text typed on the records page to an address typed on a public form: capped like the
        # receipt (core.ratelimit), so a complaint cannot turn the agency into a way to mail a stranger.
        if to and typed_address_mail_allowed(to):
            _complaint_reply_mail(complaint, to_email=to)
            complaint.reply_mailed = True
            fields.append("reply_mailed")
        complaint.save(update_fields=fields)
    return complaint


REPLY_CORRECTED_LABEL = "訂正後の回答"
REPLY_NOT_YET = "この苦情はまだ対応済みではありません。申出者への回答は、対応結果と一緒に記録してください。"
REPLY_NONE = "この苦情には申出者への回答がないため、訂正できません。"


def _same_text(a: str, b: str) -> bool:
    """A textarea posts CRLF, the API LF: the same words either way are not a 訂正."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def reply_version(reply: str) -> str:
    """A short fingerprint of the reply a page or an API client was shown ("" for none): sent back with a 訂正 or a
    late reply, it tells whether someone changed the reply meanwhile (two tabs, two 責任者 sessions)."""
    return hashlib.sha256(reply.replace("\r\n", "\n").strip().encode()).hexdigest()[:16]


def _stale_reply(current: str) -> AgentError:
    """Refuses a 訂正 or a late reply typed over a reply that has changed since it was shown: nothing is changed,
    and the reply now in force is quoted so the 責任者 can decide again from what she actually received."""
    now = f"現在の回答：「{current}」" if current else "現在、申出者への回答はありません。"
    return AgentError(
        {
            "reply": [
                "このページを開いた後に、別の画面で申出者への回答が変更されました。送った内容は記録していません。"
                f"{now}内容を確かめてから、もう一度送ってください。"
            ]
        }
    )


def _complaint_reply_corrected_mail(complaint: Complaint, *, to_email: str) -> None:
    """The reply she was given has been corrected: which complaint, that this text replaces the earlier one, the
    corrected reply (each line indented, as the first reply's mail) and where to read it signed in."""
    quote = Truncator(one_line(complaint.body)).chars(COMPLAINT_QUOTE_CHARS)
    place = complaint_reply_place(complaint)
    _mail(
        complaint.from_user,
        f"【BOナビ】苦情の申出への回答が訂正されました（{complaint.agency.name}）",
        [
            f"{complaint.from_name} 様",
            "",
            f"{moment_ja(complaint.received_at)}に受け付けた苦情の申出について、"
            f"{complaint.agency.name}（{complaint.office.name}）の職業紹介責任者が、申出者への回答を訂正しました。"
            "これまでの回答に代わり、次の回答をご確認ください。",
            "",
            f"お送りいただいた内容（冒頭）：「{quote}」",
            "",
            f"{REPLY_CORRECTED_LABEL}：",
            *(f"　{line}" for line in complaint.reply.splitlines()),
            "",
            *(
                [f"ログインすると、次のページでも訂正後の回答を読めます：{place}"]
                if place
                else ["この回答はBOナビのページには表示されません（ログインせずに申し出たため）。"]
            ),
            "ご不明な点は、この事業所の職業紹介責任者へお問い合わせください。",
        ],
        to_email=to_email,
        kind=MessageKind.COMPLAINT,
    )


def complaint_reply_correct(
    *, user: Any, complaint: Complaint, reply: str, shown: str | None = None
) -> ComplaintReplyCorrection:
    """The 職業紹介責任者 corrects the 申出者への回答 of a closed complaint (ADR 0113, s22). The reply in force is
    replaced, the one it replaces kept with who and when (`ComplaintReplyCorrection`); she reads the corrected
    text and that it was corrected, and an e-mail contact is mailed it once, under the typed-address cap as the
    first reply. Empty, unchanged, too long or marked-up text is refused beside `reply`, nothing changed; so is a
    `shown` (`reply_version` of the reply the page showed) that is no longer the reply in force."""
    staff = _complaint_handler(user, complaint)
    if complaint.status != ComplaintStatus.RESOLVED:
        raise AgentError(REPLY_NOT_YET)
    if not complaint.reply:
        raise AgentError(REPLY_NONE)
    reply = reply.strip()
    if not reply:
        raise AgentError({"reply": [f"{REPLY_CORRECTED_LABEL}を入力してください。"]})
    if problems := _complaint_text_problems(reply, label=REPLY_CORRECTED_LABEL):
        raise AgentError({"reply": problems})
    unchanged = {"reply": ["回答が訂正前と同じです。訂正する箇所を書き換えてから送ってください。"]}
    if _same_text(reply, complaint.reply):
        raise AgentError(unchanged)
    with transaction.atomic():
        # Read again under a lock: a double click (or a second tab) sends the same text, now the one in force,
        # and is refused as unchanged; two different 訂正 are kept one after the other, the later in force.
        locked = Complaint.objects.select_for_update().filter(pk=complaint.pk).first()
        if locked is None:
            raise AgentError(REPLY_NONE)
        # Two tabs with different 訂正: the later was typed over a reply no longer in force and would silently
        # replace the other; refused, with the reply now in force.
        if shown is not None and shown != reply_version(locked.reply):
            raise _stale_reply(locked.reply)
        if _same_text(reply, locked.reply):
            raise AgentError(unchanged)
        correction = ComplaintReplyCorrection.objects.create(
            complaint=complaint, previous=locked.reply, corrected_by=staff
        )
        complaint.reply = reply
        complaint.save(update_fields=["reply"])
        to = complaint_reply_address(complaint)
        if to and typed_address_mail_allowed(to):
            _complaint_reply_corrected_mail(complaint, to_email=to)
            correction.mailed = True
            correction.save(update_fields=["mailed"])
    return correction


REPLY_GIVEN = "この苦情には、すでに申出者への回答があります。内容を変えるときは「申出者への回答を訂正する」から送ってください。"


def complaint_reply_late(
    *, user: Any, complaint: Complaint, reply: str, shown: str | None = None
) -> Complaint:
    """The 申出者への回答 of a complaint closed without one, sent afterwards by the 職業紹介責任者 it is routed to
    (ADR 0113, s22). The same rules as a reply given at closing: the same checks beside `reply`, the same one mail
    to an e-mail contact under the typed-address cap, `reply_mailed` and `replied_at` recorded, her pages showing it
    with its date. A complaint still open, or one that has a reply by now (`shown` says which one the page showed),
    is refused, nothing changed."""
    _complaint_handler(user, complaint)
    if complaint.status != ComplaintStatus.RESOLVED:
        raise AgentError(REPLY_NOT_YET)
    reply = reply.strip()
    if not reply:
        raise AgentError({"reply": [f"{REPLY_LABEL}を入力してください。"]})
    if problems := _complaint_text_problems(reply, label=REPLY_LABEL):
        raise AgentError({"reply": problems})
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().filter(pk=complaint.pk).first()
        if locked is None or locked.status != ComplaintStatus.RESOLVED:
            raise AgentError(REPLY_NOT_YET)
        if locked.reply:
            # Another tab sent one meanwhile (the page showed none), or a hand-made post: one reply, the later
            # change goes through the 訂正 and its history.
            if shown is not None and shown != reply_version(locked.reply):
                raise _stale_reply(locked.reply)
            raise AgentError(REPLY_GIVEN)
        complaint.reply = reply
        complaint.replied_at = timezone.now()
        fields = ["reply", "replied_at"]
        to = complaint_reply_address(complaint)
        if to and typed_address_mail_allowed(to):
            _complaint_reply_mail(complaint, to_email=to)
            complaint.reply_mailed = True
            fields.append("reply_mailed")
        complaint.save(update_fields=fields)
    return complaint
