"""Writes for the seeker side. Each is one transaction and checks who may do it.

E-mails (status changes, account deletion) are queued in the outbox inside the same transaction, so a change and
its notice exist together or not at all (ADR 0040).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.text import Truncator

from bonavi.compliance.checker import personal_info_requests
from bonavi.core import clock, interviews
from bonavi.core.contact import normalize_phone, normalize_postal_code
from bonavi.core.interviews import InterviewInvalid, answer_timing_refusal, interview_clean
from bonavi.core.mail import subject_title
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.ratelimit import hit
from bonavi.core.text import one_line, too_long, unix_breaks
from bonavi.core.validators import reject_markup
from bonavi.jobs.catalog import FAMILIES
from bonavi.jobs.models import EmploymentType, JobPosting, WageUnit
from bonavi.jobs.selectors import postings_visible_to, public_postings
from bonavi.notifications.mail import signature
from bonavi.notifications.models import MessageKind
from bonavi.notifications.services import hiring_staff_mail, message_queue

from . import offers, selectors
from .apply_notes import apply_refusal, hold_her_applying
from .attachments import document_source
from .catalog import PC_LEVEL_NAMES, PC_SKILL_NAMES, QUALIFICATION_BY_CODE
from .message_files import AttachmentInvalid, CheckedFile, check_file, kind_label, size_label
from .models import (
    FINAL_STATUSES,
    MESSAGE_MAX,
    PIPELINE,
    PROFILE_FIELDS,
    RECENT_VIEWS_DAYS,
    RECENT_VIEWS_MAX,
    THREAD_MAX,
    ActorRole,
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationStatus,
    ConsentRecord,
    Favorite,
    HistoryEntry,
    HistoryKind,
    Interview,
    MessageAttachment,
    ProfileAccess,
    QualificationEntry,
    RecentView,
    RecentViewsOff,
    SeekerProfile,
    kana_reading,
)
from .names import person_name
from .privacy import notice_for

MAX_FAVORITES = 200
MAX_HISTORY_ROWS = 30
MAX_QUALIFICATIONS = 30


class SeekerInvalid(Exception):
    """Input refused; `errors` maps field names ("__all__" for general) to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("入力内容に問題があります")
        self.errors = errors


def require_seeker(user: Any) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied("ログインしてください。")
    if not user.is_seeker:
        raise PermissionDenied("この機能は求職者のアカウントでご利用ください。")


def _full_clean(
    obj: Any, errors: dict[str, list[str]], prefix: str = "", exclude: Iterable[str] = ()
) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            errors.setdefault(prefix + field, []).extend(msgs)


def _no_markup(values: Mapping[str, Any], errors: dict[str, list[str]], prefix: str = "") -> None:
    for key, value in values.items():
        if isinstance(value, str):
            try:
                reject_markup(value)
            except ValidationError as exc:
                errors.setdefault(prefix + key, []).extend(exc.messages)


def _no_prohibited_questions(
    field: str, text: str, errors: dict[str, list[str]], *, where: str = "連絡事項"
) -> None:
    """An employer's words BOナビ mails to an applicant must not ask for 本籍, the family's jobs, 思想信条 and the
    like (職業安定法5条の5・指針): the compliance checker's own rule, so a posting, a note and a message are judged
    alike."""
    for message in personal_info_requests(text):
        errors.setdefault(field, []).append(f"{message}{where}からその部分を削除してください。")


# Profile ---------------------------------------------------------------------------------------------------


def profile_get_or_create(*, user: Any) -> SeekerProfile:
    require_seeker(user)
    profile, _ = SeekerProfile.objects.get_or_create(user=user)
    return profile


def profile_update(
    *,
    user: Any,
    data: Mapping[str, Any],
    history: list[Mapping[str, Any]] | None = None,
    qualifications: list[Mapping[str, Any]] | None = None,
) -> SeekerProfile:
    """Update the profile; `history` / `qualifications`, when given, replace those rows entirely."""
    require_seeker(user)
    errors: dict[str, list[str]] = {}
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        errors["__all__"] = [f"この項目は登録できません：{'、'.join(sorted(unknown))}"]
    profile = SeekerProfile.objects.filter(user=user).first() or SeekerProfile(user=user)
    values = {k: v for k, v in data.items() if k in PROFILE_FIELDS}
    for key in ("family_name_kana", "given_name_kana"):
        if isinstance(values.get(key), str):
            values[key] = kana_reading(values[key])  # the API's ヤマダ too, as the form's (KanaField)
    for key, normalize in (("phone", normalize_phone), ("postal_code", normalize_postal_code)):
        # The rule company details and 書類 use too: IME input folded, stored in one form so 応募 and 書類 print it.
        if isinstance(values.get(key), str):
            try:
                values[key] = normalize(values[key])
            except ValidationError as exc:
                errors.setdefault(key, []).extend(exc.messages)
                values.pop(key)
    _no_markup(values, errors)
    for key, value in values.items():
        setattr(profile, key, "" if value is None and key not in _NULLABLE else value)
    _check_choices(profile, errors)
    _full_clean(profile, errors, exclude=["user"])
    # The guard of the rules ProfileForm also asks (so the page says them with the rest, in one round, ADR 0121);
    # the API has only this.
    born = birth_date_problem(profile.birth_date)
    if born:
        errors.setdefault("birth_date", []).append(born)

    history_rows = _history_rows(history, errors) if history is not None else None
    qual_rows = _qualification_rows(qualifications, errors) if qualifications is not None else None
    if errors:
        raise SeekerInvalid(errors)
    with transaction.atomic():
        profile.save()
        if history_rows is not None:
            profile.history.all().delete()
            for row in history_rows:
                row.profile = profile
            HistoryEntry.objects.bulk_create(history_rows)
        if qual_rows is not None:
            profile.qualifications.all().delete()
            for qrow in qual_rows:
                qrow.profile = profile
            QualificationEntry.objects.bulk_create(qual_rows)
    return profile


# The oldest plausible birth year, and how far ahead a 学歴 row may look (卒業見込み of a 6-year course).
OLDEST_BIRTH_YEAR = 1920
FUTURE_HISTORY_YEARS = 6
_NULLABLE = {"birth_date", "desired_pay_min", "desired_annual_income", "available_from"}


def birth_date_problem(birth_date: dt.date | None) -> str:
    """What is wrong with a 生年月日, or "": the one rule of the profile form and profile_update."""
    if birth_date is None:
        return ""
    today = clock.today_jst()  # the user's date: before 09:00 JST the UTC date is still yesterday
    if birth_date > today:
        return "生年月日に未来の日付は指定できません。"
    if birth_date.year < OLDEST_BIRTH_YEAR:
        return f"生年月日の年を確認してください（{OLDEST_BIRTH_YEAR}年以降の日付を入力します）。"
    if birth_date > clock.add_years(today, -15):
        # 労働基準法56条: nobody under 15 may be hired, so such a date is a typo (or not a job seeker).
        return "生年月日を確認してください。15歳未満の方は雇用されることができないため登録できません（労働基準法56条）。"
    return ""


def desired_pay_problems(unit: str | None, amount: int | None) -> dict[str, str]:
    """What is wrong with 希望給与 (its unit and amount together), by field: the one rule of the profile form and
    profile_update."""
    if amount is not None and not unit:
        return {"desired_pay_unit": "希望給与の単位（時給・日給・月給・年俸）を選んでください。"}
    floor = _PAY_FLOOR.get(unit or "")
    if floor is not None and amount and amount < floor[0]:
        # 「25」 meant as 25万円 (the 希望年収 box beside it is in 万円) would make every posting "match" the pay.
        label = WageUnit(unit or "").label
        return {
            "desired_pay_min": (
                f"{label}{amount:,}円は低すぎます。希望給与は円で入力してください（例：{floor[1]}）。"
            )
        }
    return {}


def history_row_problems(row: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with one 学歴・職歴 row (year, month, text), by field — the first problem found, as each
    makes the next meaningless: the one rule of the profile form's rows and profile_update."""
    year, month = row.get("year"), row.get("month")
    if not year or not month:
        return {("year" if not year else "month"): "学歴・職歴の各行には年と月を入力してください。"}
    latest = clock.today_jst().year + FUTURE_HISTORY_YEARS
    if int(year) > latest:
        # 「2027年3月 卒業見込み」 is normal; a year further ahead than any schooling is a typo.
        return {"year": f"学歴・職歴の年を確認してください（{latest}年までの予定まで書けます）。"}
    if not str(row.get("text") or "").strip():
        # The model's own 「このフィールドは空ではいけません」 names neither the box nor what goes in it.
        return {"text": "内容を入力してください（例：株式会社〇〇 入社）。"}
    return {}


QUALIFICATION_UNNAMED = "資格を一覧から選ぶか、資格名を入力してください。"


def qualification_row_problems(row: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with a 資格 row (no 資格 named, 取得年・取得月), by field: the one rule of the form's rows and
    profile_update."""
    if not (row.get("code") or str(row.get("name") or "").strip()):
        return {"name": QUALIFICATION_UNNAMED}
    year, month = row.get("acquired_year"), row.get("acquired_month")
    if year and int(year) > clock.today_jst().year:
        return {
            "acquired_year": "取得年が未来になっています。取得済みの資格だけを、取得した年で入力してください。"
        }
    if month and not year:
        return {"acquired_year": "取得月を入れる場合は取得年も入力してください。"}
    return {}


def _check_choices(profile: SeekerProfile, errors: dict[str, list[str]]) -> None:
    def check_list(field: str, allowed: Iterable[str], label: str) -> None:
        value = getattr(profile, field)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.setdefault(field, []).append(f"{label}はリストで指定してください。")
            return
        bad = [v for v in value if v not in set(allowed)]
        if bad:
            errors.setdefault(field, []).append(f"{label}「{'、'.join(bad)[:40]}」は選べません。")
        setattr(profile, field, list(dict.fromkeys(value)))

    check_list("desired_families", FAMILIES, "希望職種")
    check_list("desired_prefectures", PREFECTURES, "希望勤務地")
    check_list("desired_employment_types", EmploymentType.values, "希望雇用形態")
    skills = profile.pc_skills
    if not isinstance(skills, dict):
        errors.setdefault("pc_skills", []).append("PCスキルは {スキル: レベル} の形で指定してください。")
    else:
        for code, level in skills.items():
            if code not in PC_SKILL_NAMES:
                errors.setdefault("pc_skills", []).append(f"PCスキル「{str(code)[:30]}」はありません。")
            elif not isinstance(level, int) or isinstance(level, bool) or level not in PC_LEVEL_NAMES:
                errors.setdefault("pc_skills", []).append(
                    f"{PC_SKILL_NAMES[code]}のレベルは0〜3の数字で指定してください。"
                )
        profile.pc_skills = {k: v for k, v in skills.items() if v}
    for field, message in desired_pay_problems(profile.desired_pay_unit, profile.desired_pay_min).items():
        errors.setdefault(field, []).append(message)


# The lowest plausible amount per unit, far below any minimum wage: under it the person typed 万円 or 千円.
_PAY_FLOOR: dict[str, tuple[int, str]] = {
    "hour": (100, "時給1,200円なら 1200"),
    "day": (1_000, "日給1万円なら 10000"),
    "month": (10_000, "月給25万円なら 250000"),
    "year": (100_000, "年俸400万円なら 4000000"),
}


def _history_rows(rows: list[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[HistoryEntry]:
    if len(rows) > MAX_HISTORY_ROWS:
        errors.setdefault("history", []).append(f"学歴・職歴は{MAX_HISTORY_ROWS}行までです。")
        return []
    out = []
    for i, row in enumerate(rows):
        prefix = f"history.{i}."
        problems = history_row_problems(row)
        if problems:
            for field, message in problems.items():
                errors.setdefault(prefix + field, []).append(message)
            continue
        entry = HistoryEntry(
            kind=row.get("kind", ""), year=row["year"], month=row["month"], text=row.get("text", "")
        )
        _no_markup({"text": entry.text}, errors, prefix)
        _full_clean(entry, errors, prefix, exclude=["profile"])
        out.append(entry)
    return out


def _qualification_rows(
    rows: list[Mapping[str, Any]], errors: dict[str, list[str]]
) -> list[QualificationEntry]:
    if len(rows) > MAX_QUALIFICATIONS:
        errors.setdefault("qualifications", []).append(f"資格は{MAX_QUALIFICATIONS}件までです。")
        return []
    out = []
    for i, row in enumerate(rows):
        prefix = f"qualifications.{i}."
        problems = qualification_row_problems(row)
        for field, message in problems.items():
            errors.setdefault(prefix + field, []).append(message)
        if "name" in problems:
            continue  # no 資格 named: no entry, whose model check would only add 「空ではいけません」 to the same box
        code = row.get("code") or ""
        name = (row.get("name") or "").strip()
        if code:
            known = QUALIFICATION_BY_CODE.get(code)
            if known is None:
                errors.setdefault(prefix + "code", []).append("一覧にない資格は資格名に入力してください。")
                continue
            name = known.official
        entry = QualificationEntry(
            code=code,
            name=name,
            acquired_year=row.get("acquired_year"),
            acquired_month=row.get("acquired_month"),
            score=row.get("score"),
        )
        _no_markup({"name": entry.name}, errors, prefix)
        _full_clean(entry, errors, prefix, exclude=["profile"])
        out.append(entry)
    return out


def profile_snapshot(profile: SeekerProfile) -> dict[str, Any]:
    """The profile as plain data: what an application carries to the employer, and part of マイデータ."""
    return {
        "email": profile.user.email,
        "family_name": profile.family_name,
        "given_name": profile.given_name,
        "family_name_kana": profile.family_name_kana,
        "given_name_kana": profile.given_name_kana,
        "phone": profile.phone,
        "postal_code": profile.postal_code,
        "address": profile.address,
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
        "gender": profile.gender,
        "situation": profile.get_situation_display() if profile.situation else "",
        "desired": {
            "families": profile.desired_families,
            "prefectures": profile.desired_prefectures,
            "employment_types": profile.desired_employment_types,
            "pay_unit": profile.desired_pay_unit,
            "pay_min": profile.desired_pay_min,
            "annual_income_man_yen": profile.desired_annual_income,
            "available_from": profile.available_from.isoformat() if profile.available_from else None,
            "remote": profile.remote_preference,
        },
        "education": [
            {"year": h.year, "month": h.month, "text": h.text}
            for h in profile.history.all()
            if h.kind == "education"
        ],
        "work_history": [
            {"year": h.year, "month": h.month, "text": h.text}
            for h in profile.history.all()
            if h.kind == "work"
        ],
        "qualifications": [q.as_dict() for q in profile.qualifications.all()],
        "pc_skills": {
            PC_SKILL_NAMES.get(code, code): PC_LEVEL_NAMES.get(level, str(level))
            for code, level in (profile.pc_skills or {}).items()
        },
        "experience": profile.experience,
    }


# Favourites ------------------------------------------------------------------------------------------------


def favorite_add(*, user: Any, posting_id: int) -> Favorite:
    require_seeker(user)
    posting = postings_visible_to(user).filter(pk=posting_id).first()
    if posting is None:
        raise SeekerInvalid({"posting_id": ["求人が見つかりません。"]})
    with transaction.atomic():
        existing = Favorite.objects.filter(user=user, posting=posting).first()
        if existing:
            return existing
        if Favorite.objects.filter(user=user).count() >= MAX_FAVORITES:
            raise SeekerInvalid(
                {"__all__": [f"お気に入りは{MAX_FAVORITES}件までです。不要なものを外してください。"]}
            )
        try:
            with transaction.atomic():
                return Favorite.objects.create(user=user, posting=posting)
        except IntegrityError:  # the same ☆ pressed twice at once
            return Favorite.objects.get(user=user, posting=posting)


def favorite_remove(*, user: Any, posting_id: int) -> bool:
    require_seeker(user)
    with transaction.atomic():
        deleted, _ = Favorite.objects.filter(user=user, posting_id=posting_id).delete()
    return deleted > 0


# Applications ----------------------------------------------------------------------------------------------

# Where an employer may move an application from each status. Forward only (steps may be skipped: some
# employers interview without 書類選考), 入社 only after 内定, 不採用 from any open status.
EMPLOYER_MOVES: dict[str, frozenset[str]] = {
    ApplicationStatus.APPLIED: frozenset(
        {
            ApplicationStatus.SCREENING,
            ApplicationStatus.INTERVIEW,
            ApplicationStatus.OFFER,
            ApplicationStatus.REJECTED,
        }
    ),
    ApplicationStatus.SCREENING: frozenset(
        {ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER, ApplicationStatus.REJECTED}
    ),
    ApplicationStatus.INTERVIEW: frozenset({ApplicationStatus.OFFER, ApplicationStatus.REJECTED}),
    # 辞退 at 内定: she declined by phone or mail, and the company records it (ADR 0126) — logged as its move.
    ApplicationStatus.OFFER: frozenset(
        {ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
    ),
}


def employer_moves(status: str) -> list[str]:
    """The statuses an employer may move an application in `status` to, in pipeline order (不採用, 辞退 last): the
    one rule (EMPLOYER_MOVES) the status form offers and application_move enforces."""
    allowed = EMPLOYER_MOVES.get(status, frozenset())
    return [s for s in (*PIPELINE, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN) if s in allowed]


def move_closed_reason(status: str) -> str:
    """Why an application in `status` cannot be moved by the employer any more, or "" while it can."""
    if employer_moves(status):
        return ""
    return f"この応募は「{ApplicationStatus(status).label}」で終了しているため、状況を変更できません。"


REQUIRED_TO_APPLY = {
    "family_name": "姓",
    "given_name": "名",
    "family_name_kana": "せい（ふりがな）",
    "given_name_kana": "めい（ふりがな）",
    "phone": "電話番号",
}


def application_missing_fields(profile: SeekerProfile | None) -> list[str]:
    if profile is None:
        return list(REQUIRED_TO_APPLY.values())
    return [label for field, label in REQUIRED_TO_APPLY.items() if not getattr(profile, field)]


def application_history_lines(profile: SeekerProfile | None) -> tuple[list[tuple[str, str]], int]:
    """What the apply confirmation shows of the 学歴・職歴 she is about to send (the snapshot carries every row):
    the last 学歴 as 最終学歴 and the last 職歴 as 直近の職歴, each 「2020年3月　東京都立青山高等学校 卒業」 — it said
    「学歴・職歴 2行」, a count she could not check. A kind without rows is left out (none at all: the warning of
    application_thin_parts says so). With how many rows go besides those (「ほか3行」). Reads the prefetched rows."""
    if profile is None:
        return [], 0
    rows = list(profile.history.all())
    lines = []
    for kind, label in ((HistoryKind.EDUCATION, "最終学歴"), (HistoryKind.WORK, "直近の職歴")):
        of_kind = sorted((h for h in rows if h.kind == kind), key=lambda h: (h.year, h.month, h.pk or 0))
        if of_kind:
            last = of_kind[-1]
            lines.append((label, f"{last.year}年{last.month}月　{last.text}"))
    return lines, len(rows) - len(lines)


def application_thin_parts(profile: SeekerProfile | None) -> list[tuple[str, str]]:
    """What the apply confirmation warns about without refusing: (sentence, the profile's fieldset id) for an
    empty 学歴・職歴 or 資格. The confirmation said 「学歴・職歴 0行／資格 なし」 and nothing more, and a profile
    with no history is one most employers pass over. Reads the prefetched rows (selectors.profile_of)."""
    if profile is None:
        return []
    thin = []
    if not profile.history.all():
        thin.append(
            (
                "学歴・職歴が1行もありません。多くの企業は書類選考で学歴・職歴を見ます。",
                "history",
            )
        )
    if not profile.qualifications.all():
        thin.append(("資格が登録されていません。資格がなければ、このまま応募できます。", "quals"))
    return thin


NOT_TAKING_APPLICATIONS = "この求人は現在BOナビからの応募を受け付けていません。"


def not_taking_applications(posting: JobPosting) -> str:
    """The refusal of a 応募 to a company nobody at BOナビ reads for (no active 採用担当, ADR 0143), with the
    posting's own 連絡先 when it gives one: the page's notice says the same."""
    if posting.employer_contact:
        return f"{NOT_TAKING_APPLICATIONS}応募については企業に直接お問い合わせください（連絡先：{posting.employer_contact}）。"
    return NOT_TAKING_APPLICATIONS


def application_create(
    *, user: Any, posting_id: int, message: str = "", document_id: int | None = None
) -> Application:
    """Apply directly. `document_id`: one of the seeker's 履歴書・職務経歴書 versions to send with the profile, or
    None; the version is copied as it is now (ADR 0091), so later edits do not change what the employer got."""
    require_seeker(user)
    with transaction.atomic():
        # Her row first (ADR 0148, addendum s19): her 承諾 of an agency's proposal of this job, posted in the same
        # instant, takes the same lock before its own check, so one of the two sees the other and is refused.
        hold_her_applying(user.pk)
        return _application_create(user=user, posting_id=posting_id, message=message, document_id=document_id)


def _application_create(*, user: Any, posting_id: int, message: str, document_id: int | None) -> Application:
    """Inside `application_create`'s transaction, after her row's lock: every check, then the rows and mails."""
    posting = public_postings().filter(pk=posting_id).select_related("organization").first()
    if posting is None:
        raise SeekerInvalid(
            {"posting_id": ["この求人には応募できません（掲載が終了したか、見つかりません）。"]}
        )
    if not posting.takes_applications:
        # Nobody would read it: the mail goes to no one and the 応募者 page has no reader (ADR 0143).
        raise SeekerInvalid({"posting_id": [not_taking_applications(posting)]})
    if (refusal := apply_refusal(user, posting.pk)) is not None:
        # She accepted an agency's proposal of this job, or was recommended to it (ADR 0148): the company would
        # get her twice. Said with her proposal's page, as the apply page says it.
        raise SeekerInvalid({"posting_id": [refusal.message]})
    message = (message or "").strip()
    errors: dict[str, list[str]] = {}
    _no_markup({"message": message}, errors)
    if len(message) > 2000:
        errors.setdefault("message", []).append("メッセージは2000文字以内で入力してください。")
    profile = SeekerProfile.objects.filter(user=user).prefetch_related("history", "qualifications").first()
    missing = application_missing_fields(profile)
    if missing:
        errors.setdefault("__all__", []).append(
            f"応募の前にプロフィールに{'・'.join(missing)}を登録してください。"
        )
    document_label = ""
    document_snapshot: dict[str, Any] = {}
    if document_id is not None:
        source = document_source()
        taken = source.take(user, document_id) if source is not None else None
        if taken is None:  # not theirs, deleted meanwhile, or no documents app: never someone else's version
            errors.setdefault("document", []).append(
                "選んだ書類が見つかりません。送付する書類を選び直してください。"
            )
        else:
            document_label, document_snapshot = taken
    if errors:
        raise SeekerInvalid(errors)
    assert profile is not None
    now = clock.now()
    if Application.objects.filter(posting=posting, applicant=user).exists():
        raise SeekerInvalid({"__all__": ["この求人には既に応募しています。"]})
    try:
        with transaction.atomic():
            application = Application.objects.create(
                posting=posting,
                applicant=user,
                message=message,
                profile_snapshot=profile_snapshot(profile),
                document_label=document_label,
                document_snapshot=document_snapshot,
                created_at=now,
            )
    except IntegrityError as exc:
        raise SeekerInvalid({"__all__": ["この求人には既に応募しています。"]}) from exc
    ApplicationEvent.objects.create(
        application=application,
        to_status=ApplicationStatus.APPLIED,
        actor=user,
        actor_role=ActorRole.SEEKER,
        created_at=now,
    )
    # Queued in the same transaction: both mails exist exactly when the application does (sent once).
    _queue_received_mail(application)
    queue_employer_mail(application, "新しい応募がありました", "に新しい応募がありました。")
    return application


def application_withdraw(*, user: Any, application: Application, reason: str = "") -> Application:
    """辞退: the seeker may withdraw at any time before the application is closed. `reason` (optional, the rules
    of her 入社日 proposal's 理由) is the 辞退 entry's note in both sides' 経過; the company's mail says only that
    there is one — her words stay behind the login (ADR 0044), and 退会 erases them with her other notes."""
    require_seeker(user)
    if application.applicant_id != user.pk:
        raise PermissionDenied("この応募を操作する権限がありません。")
    reason, problems = offers.start_reason_clean(reason)
    if problems:
        raise SeekerInvalid({"reason": problems})
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status in FINAL_STATUSES:
            raise SeekerInvalid(
                {"__all__": [f"この応募は既に「{application.get_status_display()}」のため辞退できません。"]}
            )
        at_offer = application.status == ApplicationStatus.OFFER
        accepted = application.offer_accepted_at is not None
        called_off = _move(
            application, ApplicationStatus.WITHDRAWN, actor=user, role=ActorRole.SEEKER, note=reason
        )
        if at_offer:
            headline = "内定が辞退されました"
            what = "の内定が、応募者により辞退されました。"
            if accepted:
                what += "（内定を承諾したあとの辞退です。）"
        else:
            headline = "応募が辞退されました"
            what = "への応募が、応募者により辞退されました。"
        if called_off is not None:
            what += f"予定していた面接（{called_off.when_display}）は取り消しました。"
        if reason:
            what += "辞退の理由が添えられています（応募者のページの経過に表示しています）。"
        queue_employer_mail(application, headline, what)
    return application


def offer_accept_refusal(application: Application) -> str:
    """Why 内定承諾 cannot be recorded on `application`, or "": only at 内定 (ADR 0126)."""
    if application.status == ApplicationStatus.OFFER:
        return ""
    return (
        f"この応募は「{application.get_status_display()}」のため、内定を承諾できません"
        "（選考状況が「内定」のときに承諾できます）。"
    )


def application_offer_accept(
    *, user: Any, application: Application, version: int | None = None
) -> Application:
    """内定承諾 (ADR 0126): the applicant accepts the 内定 of her direct application. Recorded once — the moment
    on the row (offer_accepted_at: the lists read it without the events) and an entry of the 経過 by her (内定 →
    内定, as an interview's steps are 面接 → 面接) — and the company's 採用担当 are mailed once, by the status-change
    path's employer mail, in this transaction. A second press (a double click, another tab) changes and mails
    nothing. The status stays 内定: the company still records 入社, and she may still decline (辞退).
    `version`: the offer_version of the terms her page (or client) showed her. When the company changed the
    入社予定日 or 内定の条件 since (ADR 0130), it is refused with offers.STALE_ACCEPT and nothing changes. None (an
    API client that sends none) is taken only while the 内定 was never changed (ADR 0135): otherwise refused with
    offers.UNVERSIONED_ACCEPT, which names offer_version."""
    require_seeker(user)
    if application.applicant_id != user.pk:
        raise PermissionDenied("この応募を操作する権限がありません。")
    with transaction.atomic():
        application = _locked(application)
        refusal = offer_accept_refusal(application)
        if refusal:
            raise SeekerInvalid({"__all__": [refusal]})
        if application.offer_accepted_at is not None:
            return application
        if version is None and application.offer_version != 1:
            # An API client that sends no version (ADR 0135): fine while the 内定 is as it was made — old clients
            # keep working — but once the company changed it, the client may show terms that are not these.
            raise SeekerInvalid({"__all__": [offers.UNVERSIONED_ACCEPT]})
        if version is not None and version != application.offer_version:
            raise SeekerInvalid({"__all__": [offers.STALE_ACCEPT]})
        now = clock.now()
        _offer_event(application, user, ActorRole.SEEKER, OFFER_ACCEPTED_NOTE, now)
        application.offer_accepted_at = now
        application.save(update_fields=["offer_accepted_at", "updated_at"])
        what = "の内定が、応募者により承諾されました。"
        late = application.offer_answer_by
        if late is not None and clock.date_jst(now) > late:
            # Past the deadline she may still answer (ADR 0129): the company decides what that means, so it is
            # told plainly, and the 経過 entry's moment shows it too.
            what += f"（回答期限の{clock.date_ja(late)}を過ぎてからの承諾です。）"
        queue_employer_mail(
            application,
            "内定が承諾されました",
            what,
            go="承諾の記録と、入社までの連絡（メッセージ）は",
        )
    return application


# The 経過 entry of her 承諾 (both sides' pages, the API's timeline and her data export read it).
OFFER_ACCEPTED_NOTE = "内定を承諾しました"


def offer_deadline_change_refusal(application: Application) -> str:
    """Why the 回答期限 of `application` cannot be changed now, or "": only while it is at 内定 and she has not
    answered (ADR 0129 addendum). After her 承諾 a deadline means nothing; at any other step there is no 内定 to
    answer."""
    if application.status != ApplicationStatus.OFFER:
        return (
            f"この応募は「{application.get_status_display()}」のため、回答期限は変更できません"
            "（選考状況が「内定」で、応募者がまだ回答していないときに変更できます）。"
        )
    if application.offer_accepted_at is not None:
        return "応募者は既に内定を承諾しているため、回答期限は変更できません。"
    return ""


def application_offer_deadline_change(
    *, user: Any, application: Application, answer_by: dt.date | None
) -> Application:
    """The company changes the 回答期限 of its unanswered 内定 (ADR 0129 addendum): extends it when she asks to
    hold her answer (内定承諾の保留), sets one it forgot, or removes it (None). Judged by offers'
    rules (offers.answer_by_change_problems: the move's bounds, the 入社予定日 not before it, and a real change);
    a refusal changes and mails nothing. Done: the row, an entry of the 経過 (内定 → 内定, as her 承諾 is), one
    mail to her, and the day-before reminder re-armed for the new date, all in one transaction."""
    _require_own(user, application)
    with transaction.atomic():
        # The lock application_move and application_offer_accept take: a change never crosses her 承諾 or a move.
        application = _locked(application)
        refusal = offer_deadline_change_refusal(application)
        if refusal:
            raise SeekerInvalid({"__all__": [refusal]})
        old = application.offer_answer_by
        problems = offers.answer_by_change_problems(
            current=old, answer_by=answer_by, start_on=application.offer_start_on
        )
        if problems:
            raise SeekerInvalid({"answer_by": problems})
        now = clock.now()
        _offer_event(application, user, ActorRole.EMPLOYER, offers.answer_by_change_note(old, answer_by), now)
        application.offer_answer_by = answer_by
        # The reminder is of a day, not of the 内定: one sent for the old day says nothing of the new one, so a new
        # one is due the day before it (offer_answer_reminders_send claims rows whose offer_reminded_at is empty).
        # A new day of today or tomorrow is told by this change's own mail, which says so: a 「明日です」 reminder
        # within the hour would be the same news twice.
        application.offer_reminded_at = now if _deadline_is_near(answer_by) else None
        application.save(update_fields=["offer_answer_by", "offer_reminded_at", "updated_at"])
        if application.applicant is not None:
            _queue_deadline_changed_mail(application, old=old)
    return application


def offer_change_refusal(application: Application) -> str:
    """Why the 入社予定日 and 内定の条件 of `application` cannot be changed now, or "": only at 内定 before her
    answer (ADR 0130). Once she accepted, the terms are agreed: a change is a conversation with her (messages) and
    the 労働条件通知書, not the company's edit."""
    if application.status != ApplicationStatus.OFFER:
        return (
            f"この応募は「{application.get_status_display()}」のため、入社予定日・内定の条件は変更できません"
            "（選考状況が「内定」で、応募者がまだ回答していないときに変更できます）。"
        )
    if application.offer_accepted_at is not None:
        return OFFER_AGREED
    return ""


# Said on the company's page under the facts once she accepted, and as the refusal of a change then.
OFFER_AGREED = (
    "応募者は既に内定を承諾しているため、入社予定日・内定の条件はこの画面から変更できません。"
    "入社予定日は、下の「入社予定日の変更を提案する」から提案でき、応募者の同意で変わります。"
    "条件の変更が必要なときは、メッセージで応募者と相談し、労働条件通知書などの書面でお示しください。"
)


def application_offer_change(
    *, user: Any, application: Application, start_on: dt.date | None, offer_terms: str
) -> Application:
    """The company changes the 入社予定日 (None: no date) and/or the 内定の条件 ("": none) of its unanswered 内定
    (ADR 0130): her notice period moved the start, or the offered terms were corrected. Judged by offers'
    rules (offers.offer_change_problems: the move's own checks, a changed item only, and a real change); a
    refusal changes and mails nothing. Done in one transaction under the row lock her 承諾 takes: the row (each
    changed item's old value appended to its history, the last of which is its 「変更前」, the version one more, so a 承諾 from a page shown before is
    refused), an entry of the 経過 per changed item, and one mail to her listing old → new."""
    _require_own(user, application)
    offer_terms = offers.clean_terms(offer_terms)
    with transaction.atomic():
        application = _locked(application)
        refusal = offer_change_refusal(application)
        if refusal:
            raise SeekerInvalid({"__all__": [refusal]})
        old_start, old_terms = application.offer_start_on, application.offer_terms
        problems = offers.offer_change_problems(
            current_start_on=old_start,
            current_terms=old_terms,
            answer_by=application.offer_answer_by,
            start_on=start_on,
            offer_terms=offer_terms,
        )
        if problems:
            raise SeekerInvalid(problems)
        now = clock.now()
        history = list(application.offer_history or [])
        notes = []
        changed: list[tuple[str, object]] = []
        if start_on != old_start:
            changed.append(("start_on", old_start.isoformat() if old_start else None))
            notes.append(offers.start_on_change_note(old_start, start_on))
        if offer_terms != old_terms:
            changed.append(("offer_terms", old_terms))
            notes.append(offers.terms_change_note(old_terms, offer_terms))
        for item, was in changed:
            # Every earlier value, not only the latest: both cards list them (ADR 0155, addendum s20).
            history = offers.offer_history_add(history, item=item, was=was, until=now)
        for note in notes:
            _offer_event(application, user, ActorRole.EMPLOYER, note, now)
        application.offer_start_on = start_on
        application.offer_terms = offer_terms
        application.offer_history = history
        application.offer_changed_at = now
        application.offer_version = F("offer_version") + 1
        application.save(
            update_fields=[
                "offer_start_on",
                "offer_terms",
                "offer_history",
                "offer_changed_at",
                "offer_version",
                "updated_at",
            ]
        )
        application.refresh_from_db(fields=["offer_version"])
        if application.applicant is not None:
            _queue_offer_changed_mail(application, old_start=old_start, old_terms=old_terms)
    return application


def _queue_offer_changed_mail(application: Application, *, old_start: dt.date | None, old_terms: str) -> None:
    """One mail to her per change, each changed item old → new, the terms in full (they are what she accepts)."""
    posting: JobPosting = application.posting
    changed: list[str] = []
    new_start = application.offer_start_on
    if new_start != old_start:

        def day(d: dt.date | None) -> str:
            return clock.date_ja(d) if d is not None else "指定なし"

        changed += [f"・入社予定日：{day(old_start)} → {day(new_start)}", ""]
    if application.offer_terms != old_terms:
        changed += [
            "・内定の条件（変更前）：",
            old_terms or "（なし）",
            "",
            "・内定の条件（変更後）：",
            application.offer_terms or "（なし）",
            "",
        ]
    _status_mail(
        application,
        "内定の内容が変更されました",
        [
            f"{posting.employer_display}「{posting.title}」の内定の内容を、採用担当が変更しました。",
            "",
            "変更された項目（変更前 → 変更後）：",
            *changed,
            "承諾は、変更後の内容に対するものになります。変更の前に開いたページからは承諾できません。ページを開き直して"
            "内容を確かめてから回答してください。分からない点は、同じページのメッセージで企業に確かめられます。",
            "",
            "内定の内容と回答は、こちらから（ログインしてください）：",
        ],
        anchor="#offer",
    )


def start_proposal_refusal(application: Application) -> str:
    """Why the company cannot propose a new 入社予定日 now, or "": only at 内定 after her 承諾 (before it, the date
    is changed outright: application_offer_change)."""
    if application.status != ApplicationStatus.OFFER or application.offer_accepted_at is None:
        return (
            "入社予定日の変更の提案は、応募者が内定を承諾したあと（選考状況が「内定」のあいだ）にできます。"
            "承諾の前は、入社予定日をそのまま変更できます。"
        )
    return ""


def seeker_start_proposal_refusal(application: Application) -> str:
    """Why she cannot propose a new 入社予定日 now, or "": as the company, only at 内定 after her 承諾 (ADR 0135).
    Before it the company sets the date; she asks by message."""
    if application.status != ApplicationStatus.OFFER or application.offer_accepted_at is None:
        return (
            "入社予定日の変更の提案は、内定を承諾したあと（選考状況が「内定」のあいだ）にできます。"
            "承諾の前に入社日を相談したいときは、メッセージで企業にお送りください。"
        )
    return ""


def _require_applicant(user: Any, application: Application) -> None:
    require_seeker(user)
    if application.applicant_id != user.pk:
        raise PermissionDenied("この応募を操作する権限がありません。")


def application_start_propose(
    *, user: Any, application: Application, start_on: dt.date, reason: str = ""
) -> Application:
    """The company proposes a new 入社予定日 for an accepted 内定 (ADR 0130): her notice period moved, or the
    company's. Agreed terms are not the company's to change alone, so the date stands until she agrees
    (application_start_answer). A new proposal replaces a pending one, hers too (ADR 0135). One entry of the 経過,
    one mail to her. `reason`: its optional 理由 (ADR 0155), in her mail and the 経過 and beside her two buttons."""
    _require_own(user, application)
    return _start_propose(user, application, ActorRole.EMPLOYER, start_on, reason)


def application_start_propose_by_seeker(
    *, user: Any, application: Application, start_on: dt.date, reason: str = ""
) -> Application:
    """She proposes a new 入社予定日 for the 内定 she accepted (ADR 0135): her 退職交渉 took longer, or she can
    start sooner. As the company's proposal the other way: it stands only once the company agrees
    (application_start_answer_by_employer), it replaces a pending proposal of either side, and it is one entry of
    the 経過 and one mail to the company. Her optional 理由 (ADR 0155) is in the 経過 and beside the company's
    buttons, not in its mail (her words stay behind the login, ADR 0044): the mail says there is one."""
    _require_applicant(user, application)
    return _start_propose(user, application, ActorRole.SEEKER, start_on, reason)


def _start_propose(
    user: Any, application: Application, role: str, start_on: dt.date, reason: str
) -> Application:
    reason, reason_problems = offers.start_reason_clean(reason)
    with transaction.atomic():
        application = _locked(application)
        refusal = (
            start_proposal_refusal(application)
            if role == ActorRole.EMPLOYER
            else seeker_start_proposal_refusal(application)
        )
        if refusal:
            raise SeekerInvalid({"__all__": [refusal]})
        pending, pending_by = application.offer_start_proposed, application.offer_start_proposed_by
        problems = offers.start_proposal_problems(
            current=application.offer_start_on,
            pending=pending,
            start_on=start_on,
            role=role,
            pending_by=pending_by,
        )
        # Both boxes' reasons at once: a refused date need not be sent again to learn the 理由 is too long too.
        errors = {
            name: found for name, found in (("start_on", problems), ("reason", reason_problems)) if found
        }
        if errors:
            raise SeekerInvalid(errors)
        now = clock.now()
        _offer_event(
            application,
            user,
            role,
            offers.start_proposal_note(
                application.offer_start_on,
                start_on,
                role=role,
                replaced=pending,
                replaced_by=pending_by,
                reason=reason,
            ),
            now,
        )
        application.offer_start_proposed = start_on
        application.offer_start_proposed_at = now
        application.offer_start_proposed_by = role
        application.offer_start_proposed_reason = reason
        application.offer_start_withdrawn = None
        application.save(update_fields=[*_PROPOSAL_COLUMNS, "updated_at"])
        current = application.offer_start_on
        if role == ActorRole.SEEKER:
            what = (
                f"の応募者から、入社予定日の変更の提案がありました（いまの入社予定日：{_day(current)} → 提案："
                f"{clock.date_ja(start_on)}）。貴社が同意するまで、入社予定日は変わりません。"
            )
            if reason:
                what += "提案には応募者の理由が添えられています（応募者のページに表示しています）。"
            if pending is not None:
                what += f"回答待ちだった{_whose(pending_by, role)}提案（{clock.date_ja(pending)}）に代わる提案です。"
            queue_employer_mail(
                application,
                "応募者から入社予定日の変更の提案がありました",
                what,
                go="提案への回答（同意する・同意しない）は",
                anchor="#start-proposal",
            )
        elif application.applicant is not None:
            posting: JobPosting = application.posting
            replaced = (
                [
                    f"・回答待ちだった{_whose(pending_by, role)}提案（{clock.date_ja(pending)}）に代わる提案です。"
                ]
                if pending is not None
                else []
            )
            _status_mail(
                application,
                "入社予定日の変更の提案",
                [
                    f"{posting.employer_display}「{posting.title}」の採用担当から、入社予定日の変更の提案がありました。",
                    "",
                    f"・いまの入社予定日：{_day(current)}",
                    f"・提案された入社予定日：{clock.date_ja(start_on)}",
                    *([f"・理由：{reason}"] if reason else []),
                    *replaced,
                    "",
                    "あなたが同意するまで、入社予定日は変わりません。下のページの「入社日の変更に同意する」または"
                    "「同意しない」で回答してください。相談したいことは、同じページのメッセージで企業に送れます。",
                    "",
                ],
                anchor="#start-proposal",
            )
    return application


# The row's columns of a pending 入社予定日 proposal (ADR 0130, 0135).
_PROPOSAL_COLUMNS = (
    "offer_start_proposed",
    "offer_start_proposed_at",
    "offer_start_proposed_by",
    "offer_start_proposed_reason",
    "offer_start_withdrawn",
)


def _proposal_clear(application: Application, *, withdrawn: dt.date | None) -> None:
    """Forget the pending proposal and its 理由 (not saved: the caller saves _PROPOSAL_COLUMNS) — answered,
    withdrawn or closed by a move. `withdrawn`: the date kept so an answer from an older page is told by name."""
    application.offer_start_proposed = None
    application.offer_start_proposed_at = None
    application.offer_start_proposed_by = ""
    application.offer_start_proposed_reason = ""
    application.offer_start_withdrawn = withdrawn


def _day(day: dt.date | None) -> str:
    return clock.date_ja(day) if day is not None else "指定なし"


def _whose(by: str, reader: str) -> str:
    """「ご自身の」／「企業からの」…: whose a replaced proposal was, as the one who replaced it is told it."""
    return "ご自身の" if by == reader else f"{offers.PARTY[by]}からの"


def application_start_answer(
    *, user: Any, application: Application, agree: bool, proposed: dt.date | None
) -> Application:
    """She agrees to (or declines) the company's proposed 入社予定日 (ADR 0130). `proposed`: the date her page
    showed; another date pending now (the company proposed again) is refused with offers.STALE_PROPOSAL, one the
    company withdrew with offers.withdrawn_proposal (ADR 0135). Agreed: the date changes, its 「変更前」 kept as a
    change before her answer keeps it. Either way the proposal is cleared, the 経過 has her entry and the
    company's 採用担当 one mail, in this transaction."""
    _require_applicant(user, application)
    return _start_answer(user, application, ActorRole.SEEKER, agree, proposed)


def application_start_answer_by_employer(
    *, user: Any, application: Application, agree: bool, proposed: dt.date | None
) -> Application:
    """The company agrees to (or declines) the 入社予定日 she proposed (ADR 0135), as her answer the other way:
    one entry of the 経過 by the company and one mail to her."""
    _require_own(user, application)
    return _start_answer(user, application, ActorRole.EMPLOYER, agree, proposed)


def _start_answer(
    user: Any, application: Application, role: str, agree: bool, proposed: dt.date | None
) -> Application:
    with transaction.atomic():
        application = _locked(application)
        pending = application.offer_start_proposed
        current = application.offer_start_on
        problem = (
            offers.closed_proposal_problem(
                application.get_status_display(), proposed=proposed, closed=application.offer_start_withdrawn
            )
            if application.status != ApplicationStatus.OFFER
            else offers.answer_problem(
                role=role,
                pending=pending,
                pending_by=application.offer_start_proposed_by,
                withdrawn=application.offer_start_withdrawn,
                current=current,
                proposed=proposed,
            )
        )
        if problem:
            raise SeekerInvalid({"__all__": [problem]})
        assert pending is not None
        now = clock.now()
        _offer_event(application, user, role, offers.start_answer_note(agree, current, pending), now)
        fields = [*_PROPOSAL_COLUMNS, "updated_at"]
        if agree:
            application.offer_history = offers.offer_history_add(
                application.offer_history,
                item="start_on",
                was=current.isoformat() if current else None,
                until=now,
            )
            application.offer_start_on = pending
            application.offer_changed_at = now
            fields += ["offer_start_on", "offer_history", "offer_changed_at"]
        _proposal_clear(application, withdrawn=None)
        application.save(update_fields=fields)
        if role == ActorRole.SEEKER:
            if agree:
                what = f"の入社予定日の変更（{clock.date_ja(pending)}）に、応募者が同意しました。"
            else:
                what = (
                    f"の入社予定日の変更（{clock.date_ja(pending)}）に、応募者は同意しませんでした。入社予定日は"
                    f"{_day(current)}のままです。メッセージで相談してください。"
                )
            queue_employer_mail(
                application,
                "入社予定日の変更に同意がありました" if agree else "入社予定日の変更に同意がありませんでした",
                what,
                go="経過と、入社までの連絡（メッセージ）は",
                anchor="#offer-facts",
            )
        elif application.applicant is not None:
            posting: JobPosting = application.posting
            if agree:
                said = [
                    f"あなたが提案した入社予定日の変更に、採用担当が同意しました。入社予定日は{clock.date_ja(pending)}"
                    "になりました。",
                    "",
                    f"・変更前の入社予定日：{_day(current)}",
                    f"・変更後の入社予定日：{clock.date_ja(pending)}",
                ]
            else:
                said = [
                    f"あなたが提案した入社予定日の変更（{clock.date_ja(pending)}）に、採用担当は同意しませんでした。",
                    f"入社予定日は{_day(current)}のままです。相談したいことは、下のページのメッセージで企業に送れます。",
                ]
            subject = (
                "入社予定日の変更に企業が同意しました"
                if agree
                else "入社予定日の変更に企業は同意しませんでした"
            )
            _status_mail(
                application,
                subject,
                [
                    f"{posting.employer_display}「{posting.title}」の件です。",
                    *said,
                    "",
                    "内定の内容と経過は、こちらから（ログインしてください）：",
                ],
                anchor="#offer",
            )
    return application


def application_start_withdraw(
    *, user: Any, application: Application, proposed: dt.date | None
) -> Application:
    """Whoever proposed a new 入社予定日 withdraws it before the other side answers (ADR 0135): she, of her own
    application, or the posting's company. `proposed`: the date the page showed; only one's own proposal, still
    pending, is withdrawn (offers.withdraw_problem). The date stands; one entry of the 経過 by the withdrawer, one
    mail to the other side, and an answer from a page drawn before is refused with offers.withdrawn_proposal."""
    if getattr(user, "is_seeker", False):
        _require_applicant(user, application)
        role = ActorRole.SEEKER
    else:
        _require_own(user, application)
        role = ActorRole.EMPLOYER
    with transaction.atomic():
        application = _locked(application)
        pending = application.offer_start_proposed
        problem = (
            offers.withdraw_problem(
                role=role,
                pending=pending,
                pending_by=application.offer_start_proposed_by,
                withdrawn=application.offer_start_withdrawn,
                proposed=proposed,
            )
            if application.status == ApplicationStatus.OFFER
            else f"この応募は「{application.get_status_display()}」のため、入社予定日の変更の提案は取り下げられません。"
        )
        if problem:
            raise SeekerInvalid({"__all__": [problem]})
        assert pending is not None
        current = application.offer_start_on
        _offer_event(application, user, role, offers.start_withdraw_note(current, pending), clock.now())
        _proposal_clear(application, withdrawn=pending)
        application.save(update_fields=[*_PROPOSAL_COLUMNS, "updated_at"])
        if role == ActorRole.SEEKER:
            queue_employer_mail(
                application,
                "入社予定日の変更の提案が取り下げられました",
                f"の応募者が、入社予定日の変更の提案（{clock.date_ja(pending)}）を取り下げました。回答は不要です。"
                f"入社予定日は{_day(current)}のままです。",
                go="経過と、入社までの連絡（メッセージ）は",
                anchor="#offer-facts",
            )
        elif application.applicant is not None:
            posting: JobPosting = application.posting
            _status_mail(
                application,
                "入社予定日の変更の提案が取り下げられました",
                [
                    f"{posting.employer_display}「{posting.title}」の採用担当が、入社予定日の変更の提案"
                    f"（{clock.date_ja(pending)}）を取り下げました。回答は不要です。",
                    "",
                    f"・入社予定日：{_day(current)}（変わりません）",
                    "",
                    "内定の内容と経過は、こちらから（ログインしてください）：",
                ],
                anchor="#offer",
            )
    return application


def application_start_reason_edit(
    *, user: Any, application: Application, proposed: dt.date | None, reason: str
) -> Application:
    """Whoever proposed a new 入社予定日 corrects its optional 理由 alone while the proposal is pending (ADR 0155,
    addendum s20): she, of her own application, or the posting's company. Before, a corrected reason meant
    proposing again, which told the other side of a "new" proposal of the same date. `proposed`: the date the page
    showed; only one's own proposal, still pending, with other words (offers.reason_edit_problem); the words under
    start_reason_clean's rules ("" removes the reason). The date, and an answer already drawn against it, stand.
    One entry of the 経過 by the maker with the new words, one mail to the other side — hers never in the
    company's mail (ADR 0044): it says only that the reason changed and where to read it."""
    if getattr(user, "is_seeker", False):
        _require_applicant(user, application)
        role = ActorRole.SEEKER
    else:
        _require_own(user, application)
        role = ActorRole.EMPLOYER
    reason, reason_problems = offers.start_reason_clean(reason)
    with transaction.atomic():
        application = _locked(application)
        pending = application.offer_start_proposed
        problem = (
            offers.reason_edit_problem(
                role=role,
                pending=pending,
                pending_by=application.offer_start_proposed_by,
                proposed=proposed,
            )
            if application.status == ApplicationStatus.OFFER
            else f"この応募は「{application.get_status_display()}」のため、入社予定日の変更の提案の理由は修正できません。"
        )
        if problem:  # no proposal of hers (or its) to correct: said at the top of the page
            raise SeekerInvalid({"__all__": [problem]})
        # Beside the box, where the words can be amended.
        if reason_problems:
            raise SeekerInvalid({"reason": reason_problems})
        if reason == application.offer_start_proposed_reason:
            raise SeekerInvalid({"reason": [offers.REASON_UNCHANGED]})
        assert pending is not None
        _offer_event(application, user, role, offers.start_reason_note(pending, reason), clock.now())
        application.offer_start_proposed_reason = reason
        application.save(update_fields=["offer_start_proposed_reason", "updated_at"])
        said = "理由を削除しました" if not reason else "理由を修正しました"
        if role == ActorRole.SEEKER:
            queue_employer_mail(
                application,
                "入社予定日の変更の提案の理由が修正されました",
                f"の応募者が、入社予定日の変更の提案（{clock.date_ja(pending)}）の{said}。提案の日付は変わりません"
                + ("（理由は応募者のページに表示しています）。" if reason else "。"),
                go="提案と理由、提案への回答（同意する・同意しない）は",
                anchor="#start-proposal",
            )
        elif application.applicant is not None:
            posting: JobPosting = application.posting
            _status_mail(
                application,
                "入社予定日の変更の提案の理由が修正されました",
                [
                    f"{posting.employer_display}「{posting.title}」の採用担当が、入社予定日の変更の提案"
                    f"（{clock.date_ja(pending)}）の{said}。提案の日付は変わりません。",
                    "",
                    f"・いまの入社予定日：{_day(application.offer_start_on)}",
                    f"・提案された入社予定日：{clock.date_ja(pending)}",
                    f"・理由：{reason}" if reason else "・理由：なし（削除されました）",
                    "",
                    "あなたが同意するまで、入社予定日は変わりません。回答は、下のページの「入社日の変更に同意する」または"
                    "「同意しない」からお願いします。",
                    "",
                ],
                anchor="#start-proposal",
            )
    return application


def _deadline_is_near(day: dt.date | None) -> bool:
    """Today or tomorrow in Japan: a deadline whose day-before reminder is due now or already past."""
    return day is not None and day <= clock.today_jst() + dt.timedelta(days=1)


def _reminder_said(day: dt.date | None) -> str:
    """What a mail that gives her 回答期限 says of its day-before reminder: to come, or — a day of today or tomorrow,
    whose reminder is not sent (offer_reminded_at set with the mail) — that this mail is it. "" without a deadline."""
    if day is None:
        return ""
    if not _deadline_is_near(day):
        return "期限の前日に、リマインドのメールをお送りします。"
    if day == clock.today_jst():
        return "回答期限は今日です。"
    return "回答期限は明日です（前日のリマインドメールは、このメールが兼ねます）。"


def _queue_deadline_changed_mail(application: Application, *, old: dt.date | None) -> None:
    posting: JobPosting = application.posting
    new = application.offer_answer_by
    was = f"{clock.date_ja(old)}まで" if old is not None else "指定なし"
    if new is None:
        now_line = "・変更後の回答期限：指定なし（企業からの期限はなくなりました）"
    else:
        now_line = f"・変更後の回答期限：{clock.date_ja(new)}まで（この日までに回答すれば足ります）"
    when = _reminder_said(new)
    _status_mail(
        application,
        "内定の回答期限が変更されました",
        [
            f"{posting.employer_display}「{posting.title}」の内定の回答期限を、採用担当が変更しました。",
            "",
            f"・変更前の回答期限：{was}",
            now_line,
            "",
            f"承諾・辞退は、下のページから回答できます。{when}"
            "迷っていることや期限について相談したいことは、同じページのメッセージで企業に送れます。",
            "",
            "内定の内容と回答は、こちらから（ログインしてください）：",
        ],
        anchor="#offer",
    )


def application_move(
    *,
    user: Any,
    application: Application,
    to_status: str,
    note: str = "",
    interview: Mapping[str, Any] | None = None,
    answer_by: dt.date | None = None,
    start_on: dt.date | None = None,
    offer_terms: str = "",
) -> Application:
    """An employer moves an applicant along; the seeker is e-mailed and the move is logged. `interview`: the
    INTERVIEW_FIELDS when moving to 面接 with its date (ADR 0102), stored with the move and told in its one mail;
    None stores none. An interview given with a move elsewhere is refused (move_interview_refusal), never
    dropped: the employer typed a date the applicant would otherwise never hear of (ADR 0121).
    `answer_by`, `start_on`, `offer_terms`: what the company gives with a 内定 — her 回答期限, the 入社予定日 and
    the offer's own terms (ADR 0129) — each optional, judged by offers.offer_problems (with another move, refused
    as the interview is), stored on the application and told in the move's one mail."""
    _require_own(user, application)
    note = (note or "").strip()
    offer_terms = offers.clean_terms(offer_terms)
    errors: dict[str, list[str]] = offers.offer_problems(
        to_status=to_status, answer_by=answer_by, start_on=start_on, offer_terms=offer_terms
    )
    _no_markup({"note": note}, errors)
    _no_prohibited_questions("note", note, errors)
    if len(note) > 500:
        errors.setdefault("note", []).append("連絡事項は500文字以内で入力してください。")
    refusal = move_interview_refusal(to_status, interview)
    if refusal:
        errors.setdefault("interview", []).append(refusal)
    cleaned: dict[str, Any] | None = None
    if interview is not None and not refusal:
        try:
            cleaned = interview_clean(interview)
        except InterviewInvalid as exc:
            for field, msgs in exc.errors.items():
                errors.setdefault(field, []).extend(msgs)
    if errors:
        raise SeekerInvalid(errors)
    with transaction.atomic():
        application = _locked(application)
        allowed = employer_moves(application.status)
        if to_status not in allowed:
            names = "」「".join(str(ApplicationStatus(s).label) for s in allowed)
            current = application.get_status_display()
            msg = move_closed_reason(application.status) or f"「{current}」からは「{names}」に進められます。"
            raise SeekerInvalid({"status": [msg]})
        if to_status == ApplicationStatus.OFFER:
            # Saved with the move's own save (_move), so the row never holds a 内定 without what came with it.
            application.offer_answer_by = answer_by
            application.offer_start_on = start_on
            application.offer_terms = offer_terms
            # As a change of the deadline does: a day of today or tomorrow is told by the 内定 mail itself (it says
            # so, _reminder_said), not again by a 「明日です」 reminder within the hour.
            application.offer_reminded_at = clock.now() if _deadline_is_near(answer_by) else None
        called_off = _move(
            application,
            to_status,
            actor=user,
            role=ActorRole.EMPLOYER,
            note=note,
            also=_OFFER_COLUMNS if to_status == ApplicationStatus.OFFER else (),
        )
        booked = None
        if cleaned is not None:
            booked, _ = _interview_store(application, cleaned, actor=user)
        if application.applicant is not None:
            _queue_status_mail(application, note=note, interview=booked, called_off=called_off)
    return application


def move_interview_refusal(to_status: str, interview: Mapping[str, Any] | None) -> str:
    """Why an interview may not go with this move, or "": a date belongs only to a move to 面接. The one rule of
    the page and the API (application_move): typed with 書類選考 it used to be dropped without a word."""
    if interview is None or to_status == ApplicationStatus.INTERVIEW:
        return ""
    label = ApplicationStatus(to_status).label if to_status in ApplicationStatus.values else to_status
    return (
        f"面接の日程は、選考状況を「面接」に進めるときだけ登録できます。「{label}」に進める場合は面接の日程の"
        "入力を消してください。面接に進める場合は、次の状況で「面接」を選んでください。"
    )


def interview_called_off_by_move(
    application: Application, *, now: dt.datetime | None = None
) -> Interview | None:
    """The interview a move away from 面接 would call off at `now` (InterviewBase.is_upcoming), or None: what the
    employer's move form and the applicant's 辞退 form warn about before the button is pressed, and what _move
    then calls off — one rule for the warning and the deed (ADR 0121)."""
    if application.status != ApplicationStatus.INTERVIEW:
        return None
    interview = getattr(application, "interview", None)
    if interview is None or not interview.is_upcoming(clock.now() if now is None else now):
        return None
    return interview


# The columns the move to 内定 writes (ADR 0129).
_OFFER_COLUMNS = ("offer_answer_by", "offer_start_on", "offer_terms", "offer_reminded_at")


def _move(
    application: Application,
    to_status: str,
    *,
    actor: Any,
    role: str,
    note: str,
    also: Iterable[str] = (),
) -> Interview | None:
    """Record the move (the caller holds the row lock). Leaving 面接 (不採用, 辞退, 内定) calls off an interview
    still to come — otherwise its .ics stays CONFIRMED in her calendar — and returns it, for the move's own mail
    to say so: the move is the news, no second mail. The calling off is an entry of the 経過 of its own, just
    before the move, so both sides' pages say what became of the date (the mail alone did)."""
    now = clock.now()
    called_off = None
    if to_status != ApplicationStatus.INTERVIEW:
        # `application` is the caller's freshly locked row, so its interview is read now, not from a page's copy.
        called_off = interview_called_off_by_move(application, now=now)
        if called_off is not None:
            called_off.cancel(now=now)
            _interview_event(
                application,
                actor=actor,
                role=role,
                at=now,  # the move's own moment, entered first: the 経過 reads it just before the move
                note=(
                    f"選考状況が「{ApplicationStatus(to_status).label}」になったため、面接の日程を取り消しました"
                    f"（予定していた日時：{called_off.when_display}）"
                ),
            )
    if to_status != ApplicationStatus.OFFER and application.offer_start_proposed is not None:
        # A 入社日 proposal still waiting for its answer ends with the selection (入社, 辞退, 内定取消・不採用; ADR
        # 0148): left pending, both sides' folds and the API offered an answer to a 内定 that no longer stands. Its
        # date is kept as a withdrawn one's is, so an answer from a page drawn before is refused by name.
        proposed = application.offer_start_proposed
        _offer_event(
            application,
            actor,
            role,
            offers.start_closed_note(
                proposed, application.offer_start_proposed_by, ApplicationStatus(to_status).label
            ),
            now,
        )
        _proposal_clear(application, withdrawn=proposed)
        also = [*also, *_PROPOSAL_COLUMNS]
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        actor=actor,
        actor_role=role,
        note=note,
        created_at=now,
    )
    application.status = to_status
    application.save(update_fields=["status", "updated_at", *also])
    return called_off


def _locked(application: Application) -> Application:
    """The application row again, locked for the rest of the transaction, with what its mails and checks read.
    Every change of one application (a move, her 承諾, the 内定's terms, an interview, a message) takes this one
    lock, so two of them never cross."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting", "posting__organization", "applicant")
        .get(pk=application.pk)
    )


def _offer_event(application: Application, user: Any, role: str, note: str, at: dt.datetime) -> None:
    """One line in the 経過 about the 内定 itself (承諾, a changed 回答期限 or term, a 入社日 proposal and its answer):
    the status stays 内定, so from and to are the same."""
    ApplicationEvent.objects.create(
        application=application,
        from_status=ApplicationStatus.OFFER,
        to_status=ApplicationStatus.OFFER,
        actor=user,
        actor_role=role,
        note=note,
        created_at=at,
    )


def _queue_received_mail(application: Application) -> None:
    """応募受付: the seeker learns the application arrived and where to follow it."""
    posting: JobPosting = application.posting
    _status_mail(
        application,
        "応募を受け付けました",
        [
            f"{posting.employer_display}「{posting.title}」への応募を受け付け、採用担当にお知らせしました。",
            "選考の状況が変わると、メールでお知らせします。",
            "",
            "応募の内容と状況は、こちらで確認できます（辞退もここからできます）：",
        ],
        why="このメールは、BOナビから求人に応募した方にお送りしています。",
    )


# Why she gets a mail about her application (the last line of most of them).
STATUS_WHY = "このメールは、BOナビから応募した方に選考状況をお知らせするものです。"


def _status_mail(
    application: Application,
    headline: str,
    body: list[str],
    *,
    anchor: str = "",
    why: str = STATUS_WHY,
    thanks: bool = True,
    subject: str = "",
) -> None:
    """Every mail to her about one application (受付, a status change, her interview, her 内定 and its changes,
    the 回答期限's reminder, a message from the company): the thanks, `body` (ending with what the link below is
    for), her application's page at `anchor`, the signature and `why` she gets it — one shape, so that a new mail
    cannot drop the footer or the link. `subject` replaces 「【BOナビ】headline（title）」 where a mail names the
    sender instead; `thanks` is False for the interview's own mails, which have always opened with the news."""
    posting: JobPosting = application.posting
    _mail_applicant(
        application,
        subject or f"【BOナビ】{headline}（{subject_title(posting.title)}）",
        [
            *(["BOナビをご利用いただきありがとうございます。", ""] if thanks else []),
            *body,
            settings.SITE_URL + reverse("seekers:application_detail", args=[application.pk]) + anchor,
            *signature(),
            why,
        ],
    )


def _mail_applicant(application: Application, subject: str, lines: list[str]) -> None:
    """Every mail of her applications (受付, 選考状況, 内定, 面接, 回答期限, messages) comes here, and opens with her
    name, as the agencies' mails to her do: 「見本 さくら 様」. Her name as she gives it now (names.person_name: the
    profile's 姓 名, else the account's name — one rule with the other parties' screens), not the snapshot sent with
    the application, which she cannot change. No name known: no 「様」 line rather than a bare 「様」; a deleted
    account has no applicant, and is mailed nothing."""
    assert application.applicant is not None
    name = person_name(application.applicant)
    message_queue(
        kind=MessageKind.APPLICATION,
        to_email=application.applicant.email,
        subject=subject,
        body="\n".join([f"{name} 様", "", *lines] if name else lines),
        user=application.applicant,
    )


def queue_employer_mail(
    application: Application,
    headline: str,
    what: str,
    *,
    go: str = "応募者の情報と選考の操作は",
    anchor: str = "",
) -> None:
    """Tell the employer's active 採用担当 accounts (the recipients agents' notices use too). Public: mydata's
    deletion (退会) tells the company through it, as her own 辞退 does (ADR 0142). The mail names the posting only:
    the applicant's personal data stays behind the login, not in mailboxes and the outbox's copy (ADR 0044). `go`:
    what the link is for; `anchor`: the part of the applicant's page it opens at."""
    posting: JobPosting = application.posting
    url = settings.SITE_URL + reverse("applicants:detail", args=[application.pk]) + anchor
    lines = [
        f"求人「{posting.title}」（求人番号 {posting.pk}）{what}",
        "",
        f"{go}、ログインしてこちらから：",
        url,
        *signature(),
        "このメールは、BOナビに求人を掲載している採用担当の方にお送りしています。",
    ]
    hiring_staff_mail(
        organization=posting.organization,
        subject=f"【BOナビ】{headline}（{subject_title(posting.title)}）",
        body="\n".join(lines),
    )


def _queue_status_mail(
    application: Application,
    *,
    note: str,
    interview: Interview | None = None,
    called_off: Interview | None = None,
) -> None:
    posting: JobPosting = application.posting
    status = application.get_status_display()
    employer = posting.employer_display
    lines = [f"{employer}「{posting.title}」への応募の状況が「{status}」になりました。"]
    if application.status == ApplicationStatus.WITHDRAWN:
        # Only the company's move comes here (hers mails the company): it recorded a decline she gave it by
        # phone or mail, and she should hear at once if she gave none (ADR 0126).
        lines += [
            "",
            "採用担当が、あなたから受けた辞退のご連絡を記録しました。この応募の選考は終了しています。",
            # The thread closes at 辞退 (selectors.thread_closed_reason): the company's own contact, not a message.
            f"お心当たりがない場合は、{posting.employer_display}に直接お問い合わせください"
            + (f"（連絡先：{posting.employer_contact}）。" if posting.employer_contact else "。"),
        ]
    if application.status == ApplicationStatus.OFFER:
        lines += ["", *_offer_lines(application)]
    if note:
        lines += ["", "採用担当からの連絡事項：", note]
    if interview is not None:
        lines += [
            "",
            "面接の日程：",
            *interviews.facts(interview),
            "",
            ANSWER_ASK,
            "",
            *_calendar_lines(application),
        ]
    if called_off is not None:
        lines += ["", *_called_off_lines(application, called_off)]
    lines += ["", "応募の状況と経過は、こちらでいつでも確認できます："]
    _status_mail(application, f"応募状況のお知らせ：{status}", lines)


def _offer_facts(application: Application) -> list[str]:
    """What came with the 内定 (ADR 0129), one line each: the deadline — said to be all she needs to keep, as a
    referral's is (ADR 0117) — the 入社予定日 and the company's terms in its words."""
    lines = []
    if application.offer_answer_by is not None:
        lines.append(
            f"・回答期限：{clock.date_ja(application.offer_answer_by)}まで（この日までに回答すれば足ります）"
        )
    else:
        lines.append("・回答期限：企業からの指定はありません")
    if application.offer_start_on is not None:
        lines.append(f"・入社予定日：{clock.date_ja(application.offer_start_on)}")
    if application.offer_terms:
        lines += ["・内定の条件（企業から）：", application.offer_terms]
    return lines


def _offer_lines(application: Application) -> list[str]:
    """The 内定 mail's part: its facts, its deadline's reminder (_reminder_said), and where the formal terms come
    from."""
    return [
        "内定の内容：",
        *_offer_facts(application),
        "",
        "求人票の労働条件と、承諾・辞退の回答は、下のページにあります。"
        f"{_reminder_said(application.offer_answer_by)}正式な労働条件は、入社までに企業から"
        "書面（労働条件通知書）で示されます。",
    ]


# 面接の日程 (ADR 0102) -----------------------------------------------------------------------------------------


def _require_own(user: Any, application: Application) -> None:
    if not getattr(user, "is_employer", False) or application.posting.organization_id != user.organization_id:
        raise PermissionDenied("この応募を操作する権限がありません。")


def _locked_at_interview(application: Application) -> Application:
    """The application row locked, refused unless it is at 面接 (a closed or moved-on one has no interview to
    set): the same lock application_move takes, so a move and an interview change never cross."""
    application = _locked(application)
    if application.status != ApplicationStatus.INTERVIEW:
        raise SeekerInvalid(
            {
                "__all__": [
                    f"この応募は「{application.get_status_display()}」のため、面接の日程は変更できません"
                    "（選考状況が「面接」のときに設定できます）。"
                ]
            }
        )
    return application


def _interview_store(
    application: Application, cleaned: Mapping[str, Any], *, actor: Any
) -> tuple[Interview, str]:
    """Create or change the application's interview (the caller holds the row lock) through
    InterviewBase.apply; any news ("set", "changed", or "next": a date after a held one) is logged as an event of
    the timeline.

    A held interview (InterviewBase.is_held) is never changed: a date given after it is the next interview (2次・最終,
    or a second try), booked as a new row (ADR 0123, s15). The pipeline has one 面接 step and one row per
    application, so the held one's row goes; its date stays in the 経過 (「面接の日程を設定しました：…」). A new row
    is a new .ics UID, so her calendar keeps the held entry and adds the next, where changing the row would have
    moved the held entry to the new date."""
    now = clock.now()
    interview = Interview.objects.filter(application=application).first()
    after_held = interview is not None and interview.is_held(now)
    if interview is None or after_held:
        if interview is not None:
            interview.delete()
        interview = Interview(application=application)
    news = interview.apply(cleaned, now=now)
    if news == "set" and after_held:
        news = "next"
    if news:
        verb = {
            "set": "面接の日程を設定しました",
            "next": "次の面接の日程を設定しました",
            "changed": "面接の日程を変更しました",
        }[news]
        _interview_event(
            application, actor=actor, note=f"{verb}：{interview.when_display}（{interview.where_display}）"
        )
    return interview, news


def _interview_event(
    application: Application,
    *,
    actor: Any,
    note: str,
    role: str = ActorRole.EMPLOYER,
    at: dt.datetime | None = None,
) -> None:
    # A step within 面接, not a move: from and to are both 面接, so the pipeline's dates stay those of the moves.
    ApplicationEvent.objects.create(
        application=application,
        from_status=ApplicationStatus.INTERVIEW,
        to_status=ApplicationStatus.INTERVIEW,
        actor=actor,
        actor_role=role,
        note=one_line(note)[:500],
        created_at=at or clock.now(),
    )


def interview_set(*, user: Any, application: Application, values: Mapping[str, Any]) -> Interview:
    """Set or change the interview of an application at 面接 (the posting company's 採用担当 only). The applicant
    is mailed once per change, in this transaction; a save that changes nothing mails nobody."""
    _require_own(user, application)
    try:
        cleaned = interview_clean(values)
    except InterviewInvalid as exc:
        raise SeekerInvalid(exc.errors) from exc
    with transaction.atomic():
        application = _locked_at_interview(application)
        interview, news = _interview_store(application, cleaned, actor=user)
        if news and application.applicant is not None:
            _queue_interview_mail(application, interview, news=news)
    return interview


def held_interview_refusal(interview: Interview) -> str:
    """Why a held interview cannot be called off, and what to do instead (ADR 0123, s15)."""
    return (
        f"{interview.day_display}の面接は済んでいるため、取り消せません。次の面接を行う場合は、"
        "「次の面接の日程を決める」から新しい日程を設定してください（済んだ面接の記録は経過に残ります）。"
    )


def interview_cancel(*, user: Any, application: Application) -> Interview:
    """Call the interview off: the row stays (its .ics then says CANCEL, so a calendar drops the entry), the
    reminder is no longer due, and the applicant is mailed once. A held one is refused (nothing changes, nobody
    is mailed): it took place, and its mail would say 「新しい日程が決まると…」 of a meeting that is over."""
    _require_own(user, application)
    with transaction.atomic():
        application = _locked_at_interview(application)
        interview = Interview.objects.select_for_update().filter(application=application).first()
        if interview is None or interview.is_cancelled:
            raise SeekerInvalid({"__all__": ["取り消す面接の日程がありません。"]})
        if interview.is_held(clock.now()):
            raise SeekerInvalid({"__all__": [held_interview_refusal(interview)]})
        interview.cancel(now=clock.now())
        _interview_event(
            application,
            actor=user,
            note=f"面接の日程を取り消しました（予定していた日時：{interview.when_display}）",
        )
        if application.applicant is not None:
            _queue_interview_cancelled_mail(application, interview)
    return interview


# Her answer to the date (ADR 0140) -------------------------------------------------------------------------------

# What her mails of a date ask of her (ADR 0140): each new or changed date is a new question.
ANSWER_ASK = (
    "この日程で参加できるかどうかを、下のページの「この日程で参加します」か「日程の変更をお願いする」で"
    "採用担当にお伝えください。"
)
# The company changed the date (or set the next one) after her page was shown: her answer was to another question.
STALE_INTERVIEW = "採用担当が面接の日程を変更しました。ページに表示されている新しい日程を確かめてから、もう一度回答してください。"


def interview_answer_refusal(
    application: Application, interview: Interview | None, *, now: dt.datetime | None = None
) -> str:
    """Why she cannot answer the interview now, or "" when she can: the one rule of her page (whether the two
    buttons are shown) and the service. Only a date still to come is asked about: once it has begun, a late
    arrival is a message (or a call), not a request for another date."""
    now = clock.now() if now is None else now
    if application.status != ApplicationStatus.INTERVIEW:
        return (
            f"この応募は「{application.get_status_display()}」のため、面接の日程には回答できません"
            "（選考状況が「面接」のときに回答できます）。"
        )
    if interview is None:
        return "回答する面接の日程がありません。採用担当が日程を決めると、メールでお知らせします。"
    return answer_timing_refusal(interview, now, held_name="面接", contact="メッセージかお電話で採用担当に")


def interview_answer(
    *,
    user: Any,
    application: Application,
    answer: str,
    text: str = "",
    sequence: int | None,
    starts_at: dt.datetime | None,
) -> Interview:
    """Her answer to the date the company set: 「この日程で参加します」 or 「日程の変更をお願いする」 with her reason
    and the dates that suit her (ADR 0140). `sequence` and `starts_at`: the interview as her page (or the API's
    answer) showed it; a change since is refused (STALE_INTERVIEW), as is a date called off, held, begun or of an
    application no longer at 面接 (interview_answer_refusal). Stored on the interview (the company's next change
    clears it), one entry of the 経過 and one mail to the company's 採用担当, in one transaction; the same answer
    again (a double press) changes nothing and mails nobody."""
    require_seeker(user)
    if application.applicant_id != user.pk:
        raise PermissionDenied("この応募を操作する権限がありません。")
    cleaned_text, errors = interviews.answer_text_clean(answer, text)
    if errors:
        raise SeekerInvalid(errors)
    with transaction.atomic():
        application = _locked(application)
        interview = Interview.objects.select_for_update().filter(application=application).first()
        now = clock.now()
        refusal = interview_answer_refusal(application, interview, now=now)
        if refusal:
            raise SeekerInvalid({"__all__": [refusal]})
        assert interview is not None
        if not interviews.answer_seen(interview, sequence, starts_at):
            raise SeekerInvalid({"__all__": [STALE_INTERVIEW]})
        if not interview.answer_store(answer, cleaned_text, now=now):
            return interview
        when = interview.when_display
        attend = answer == interviews.InterviewAnswer.ATTEND
        _interview_event(
            application,
            actor=user,
            role=ActorRole.SEEKER,
            at=now,
            note=(
                f"面接（{when}）に「この日程で参加します」と回答しました"
                if attend
                else f"面接（{when}）の日程の変更をお願いしました：{cleaned_text}"
            ),
        )
        if attend:
            queue_employer_mail(
                application,
                "面接に参加の回答がありました",
                f"の面接（{when}）に、応募者から「この日程で参加します」と回答がありました。",
                go="面接の日程と応募者の回答は",
                anchor="#interview-part",
            )
        else:
            # Her reason and dates stay behind the login, as every other word of hers does (ADR 0044).
            queue_employer_mail(
                application,
                "面接の日程の変更の依頼がありました",
                f"の面接（{when}）について、応募者から日程の変更の依頼がありました。理由とご都合のよい日時は、"
                "応募者のページに表示しています。新しい日程を保存すると、応募者にメールでお知らせします。",
                go="依頼の内容の確認と日程の変更は",
                anchor="#interview-part",
            )
    return interview


def _calendar_lines(application: Application, *, cancelled: bool = False) -> list[str]:
    what = "カレンダーの予定を取り消す" if cancelled else "カレンダーに追加"
    return [
        f"{what}（.ics。ログインしてから開いてください）：",
        settings.SITE_URL + reverse("seekers:application_interview_ics", args=[application.pk]),
    ]


def _called_off_lines(application: Application, interview: Interview) -> list[str]:
    """What a mail says of an interview called off: when it was to be, and the .ics that takes it off her
    calendar (imported again, it updates the entry to 取り消し)."""
    return [
        f"取り消された面接の日時：{interview.when_display}",
        "カレンダーに追加していた場合は、次の .ics を読み込み直すと予定が取り消しになります。",
        *_calendar_lines(application, cancelled=True),
    ]


def _interview_mail(application: Application, headline: str, opening: list[str], facts: list[str]) -> None:
    posting: JobPosting = application.posting
    _status_mail(
        application,
        headline,
        [
            *opening,
            "",
            f"応募先：{posting.employer_display}「{posting.title}」",
            *facts,
            "",
            "応募の状況と経過は、こちらで確認できます：",
        ],
        thanks=False,
    )


def _queue_interview_mail(application: Application, interview: Interview, *, news: str) -> None:
    """`news`: "set", "changed", or "next" (a date after a held interview: the next one, not a change)."""
    headline, opening = {
        "set": ("面接の日程のお知らせ", "採用担当から面接の日程が届きました。"),
        "next": ("次の面接の日程のお知らせ", "採用担当から次の面接の日程が届きました。"),
        "changed": (
            "面接の日程が変更されました",
            "採用担当が面接の日程を変更しました。変更後の日程は次のとおりです。",
        ),
    }[news]
    _interview_mail(
        application,
        headline,
        [opening],
        [*interviews.facts(interview), "", ANSWER_ASK, "", *_calendar_lines(application)],
    )


def _queue_interview_cancelled_mail(application: Application, interview: Interview) -> None:
    _interview_mail(
        application,
        "面接の日程が取り消されました",
        ["採用担当が次の面接の日程を取り消しました。新しい日程が決まると、改めてお知らせします。"],
        _called_off_lines(application, interview),
    )


def _reminder_due(start: dt.datetime, end: dt.datetime) -> QuerySet[Interview]:
    """Not cancelled, not reminded, starting in [start, end), of an application still at 面接 with an applicant."""
    return Interview.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
        application__status=ApplicationStatus.INTERVIEW,
        application__applicant__isnull=False,
    )


def interview_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminder (Japan time, from 08:00: clock.tomorrow_window_jst) for every interview
    _reminder_due. Each row is claimed with a conditional UPDATE repeating those conditions in the transaction
    that queues its mail, so two runs (or two workers) send it once. Returns how many."""
    now = now or clock.now()
    window = clock.tomorrow_window_jst(now)
    if window is None:
        return 0
    sent = 0
    for pk in list(_reminder_due(*window).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            if not _reminder_due(*window).filter(pk=pk).update(reminder_sent_at=now):
                continue  # another run got it first, or it was changed or cancelled meanwhile
            interview = Interview.objects.select_related(
                "application__posting", "application__applicant"
            ).get(pk=pk)
            _interview_mail(
                interview.application,
                "明日は面接です",
                ["応募先との面接は明日です。日時と場所をご確認ください。"],
                [*interviews.facts(interview), "", *_calendar_lines(interview.application)],
            )
            sent += 1
    return sent


# 内定の回答期限のリマインド (ADR 0129) ------------------------------------------------------------------------


def _answer_reminder_due(deadline: dt.date) -> QuerySet[Application]:
    """At 内定, not answered (accepting sets offer_accepted_at; declining moves it to 辞退), not yet reminded, with
    its deadline on `deadline` and an applicant to mail."""
    return Application.objects.filter(
        status=ApplicationStatus.OFFER,
        offer_accepted_at__isnull=True,
        offer_reminded_at__isnull=True,
        offer_answer_by=deadline,
        applicant__isnull=False,
    )


def offer_answer_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminder of a 内定's 回答期限 (Japan time, from 08:00, as an interview's:
    clock.tomorrow_window_jst) to every applicant _answer_reminder_due for tomorrow. Each row is claimed by a
    conditional UPDATE repeating those conditions in the transaction that queues its mail, so two runs (or two
    workers) send it once, and an answer given meanwhile stops it. Returns how many."""
    now = now or clock.now()
    window = clock.tomorrow_window_jst(now)
    if window is None:
        return 0
    tomorrow = window[0].date()  # the window starts at tomorrow's 0:00 in Japan time
    sent = 0
    for pk in list(_answer_reminder_due(tomorrow).order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            if not _answer_reminder_due(tomorrow).filter(pk=pk).update(offer_reminded_at=now):
                continue  # another run got it first, or she answered meanwhile
            application = Application.objects.select_related("posting", "applicant").get(pk=pk)
            _queue_answer_reminder(application)
            sent += 1
    return sent


def _queue_answer_reminder(application: Application) -> None:
    posting: JobPosting = application.posting
    assert application.offer_answer_by is not None
    _status_mail(
        application,
        "内定の回答期限は明日です",
        [
            f"{posting.employer_display}「{posting.title}」の内定の回答期限は、明日"
            f"（{clock.date_ja(application.offer_answer_by)}）です。",
            "承諾・辞退のどちらかを、期限までに下のページから回答してください。迷っていることや確かめたい条件は、"
            "同じページのメッセージで企業に聞けます。",
            "",
            *_offer_facts(application),
            "",
            "内定の内容と回答は、こちらから（ログインしてください）：",
        ],
        anchor="#offer",
        why="このメールは、BOナビから応募した方に、内定の回答期限の前日にお送りしています（1回だけ）。",
    )


# 応募後のメッセージ (ADR 0090) ----------------------------------------------------------------------------------

# Messages one person may post per window, over all their threads: enough for arranging interviews, too few for a
# script to fill the other side's mailbox (each message is one mail).
MESSAGE_LIMIT = 20
MESSAGE_WINDOW_SECONDS = 3600
# The same text from the same person within this many seconds is the second POST of a double click: the first
# message is answered again, and nothing more is stored or mailed.
DOUBLE_POST_SECONDS = 60


class MessageLimited(SeekerInvalid):
    """Too many messages in the window: the API answers 429, the page says when to try again."""


def message_post(
    *,
    user: Any,
    application: Application,
    body: str,
    file_name: str = "",
    file_data: bytes | None = None,
) -> ApplicationMessage:
    """Post a message to the application's thread and tell the other side once, by a mail queued in the same
    transaction. The applicant's words never go into the employer's mail (ADR 0044): it only links to the thread.

    `file_data` (with the name the sender's device gave it) is the message's one attachment (ADR 0097), judged by
    its content; a message with a file may have no text."""
    side = selectors.thread_side(user=user, application=application)
    if side is None:
        raise PermissionDenied("この応募のメッセージを送る権限がありません。")
    text = unix_breaks(body or "").strip()
    errors: dict[str, list[str]] = {}
    checked: CheckedFile | None = None
    if file_data is not None:
        try:
            checked = check_file(file_name, file_data)
        except AttachmentInvalid as exc:
            errors["file"] = [str(exc)]
    if not text and file_data is None:
        errors["body"] = ["メッセージを入力するか、ファイルを添付してください。"]
    elif len(text) > MESSAGE_MAX:
        errors["body"] = [too_long("メッセージ", MESSAGE_MAX, given=len(text))]
    _no_markup({"body": text}, errors)
    if side == ActorRole.EMPLOYER:
        _no_prohibited_questions("body", text, errors, where="メッセージ")
    closed = selectors.thread_closed_reason(application)
    if closed:
        errors = {"__all__": [closed]}
    if errors:
        raise SeekerInvalid(errors)
    now = clock.now()
    with transaction.atomic():
        # The row lock orders two posts at once (the double-click check below) and a status change meanwhile.
        application = _locked(application)
        closed = selectors.thread_closed_reason(application)
        if closed:
            raise SeekerInvalid({"__all__": [closed]})
        thread = ApplicationMessage.objects.filter(application=application)
        last = (
            thread.select_related("attachment")
            .defer("attachment__data")
            .order_by("-created_at", "-id")
            .first()
        )
        last_file = selectors.attachment_info(last) if last is not None else None
        if (
            last is not None
            and last.sender_id == user.pk
            and last.body == text
            and (last_file.sha256 if last_file else "") == (checked.sha256 if checked else "")
            and (now - last.created_at).total_seconds() < DOUBLE_POST_SECONDS
        ):
            return last
        if thread.count() >= THREAD_MAX:
            raise SeekerInvalid(
                {
                    "__all__": [
                        f"この応募のメッセージは{THREAD_MAX}件に達したため、これ以上送れません。"
                        "電話など別の方法でご連絡ください。"
                    ]
                }
            )
        # Counted only now, for a message that will be stored: counted first, a double click's second POST (answered
        # above) and a post refused for the thread's cap each used up one of the hour's allowance.
        if (
            hit(f"application-message:{user.pk}", window_seconds=MESSAGE_WINDOW_SECONDS, limit=MESSAGE_LIMIT)
            > MESSAGE_LIMIT
        ):
            raise MessageLimited(
                {
                    "__all__": [
                        f"メッセージの送信は1時間に{MESSAGE_LIMIT}件までです。しばらくしてからもう一度お送りください。"
                    ]
                }
            )
        message = ApplicationMessage.objects.create(
            application=application, side=side, sender=user, body=text, created_at=now
        )
        if checked is not None:
            MessageAttachment.objects.create(
                message=message,
                name=checked.name,
                content_type=checked.content_type,
                size=len(checked.data),
                sha256=checked.sha256,
                data=checked.data,
            )
        # QuerySet.update: `updated_at` is the last status change, which a message is not.
        unread = "employer_unread" if side == ActorRole.SEEKER else "seeker_unread"
        Application.objects.filter(pk=application.pk).update(**{unread: F(unread) + 1})
        if side == ActorRole.SEEKER:
            # The file's name is the applicant's words (often their own name): the company's mail gives only
            # its kind and size, as it gives no text (ADR 0044, ADR 0097).
            with_file = (
                f"（添付ファイルが1件あります：{kind_label(checked.content_type)}、{size_label(len(checked.data))}）"
                if checked
                else ""
            )
            queue_employer_mail(
                application,
                "応募者からメッセージが届きました",
                f"の応募者から、メッセージが届きました{with_file}。",
                go="メッセージと添付ファイルを見る・返信するには"
                if checked
                else "メッセージを読む・返信するには",
                anchor="#messages",
            )
        else:
            _queue_message_mail_to_applicant(application, text, checked)
    return message


def thread_mark_read(*, user: Any, application: Application) -> None:
    """The reader's side has seen every message: its unread count goes to 0 (no query when it already is)."""
    side = selectors.thread_side(user=user, application=application)
    fields: dict[str, str] = {ActorRole.SEEKER: "seeker_unread", ActorRole.EMPLOYER: "employer_unread"}
    field = fields.get(side or "")
    if field is None or not getattr(application, field):
        return
    Application.objects.filter(pk=application.pk).update(**{field: 0})
    setattr(application, field, 0)


def _queue_message_mail_to_applicant(application: Application, text: str, file: CheckedFile | None) -> None:
    """The employer's words go to the applicant in the mail, as a status change's 連絡事項 does. A file is named
    but never attached: it is fetched behind the login, where the thread's permission check is (ADR 0097)."""
    posting: JobPosting = application.posting
    company = application.posting.employer_display
    lines = [f"{company}「{posting.title}」の採用担当から、メッセージが届きました。", ""]
    if text:
        lines += [text, ""]
    if file is not None:
        lines += [
            f"添付ファイル：{file.name}（{kind_label(file.content_type)}、{size_label(len(file.data))}）",
            "ファイルはメールには添付していません。下のページでログインしてダウンロードしてください。",
            "",
        ]
    lines.append("返信とこれまでのやりとりは、こちらから：")
    # Named by the sender, as a mail from a person reads in her inbox, not by the posting.
    _status_mail(
        application,
        "",
        lines,
        anchor="#messages",
        why="このメールは、BOナビから応募した方に、応募先からのメッセージをお知らせするものです。",
        subject=f"【BOナビ】{Truncator(company).chars(30)}からメッセージが届きました",
    )


# Privacy ---------------------------------------------------------------------------------------------------


def consent_record(*, user: Any) -> ConsentRecord:
    # The notice for the account's type, i.e. the one its sign-up or team-join page showed.
    notice = notice_for(user.role)
    with transaction.atomic():
        return ConsentRecord.objects.create(
            user=user, version=notice.version, purposes=list(notice.purposes), accepted_at=clock.now()
        )


def profile_read_record(*, owner_id: int, viewer: Any, application: Application | None, channel: str) -> None:
    """Log that someone other than the seeker read their profile (shown to the seeker on マイデータ)."""
    if viewer is not None and viewer.pk == owner_id:
        return
    org = getattr(viewer, "organization", None)
    label = f"{org.name}（{viewer.get_role_display()}）" if org else str(viewer.get_role_display())
    with transaction.atomic():
        ProfileAccess.objects.create(
            owner_id=owner_id,
            viewer=viewer,
            viewer_label=label[:250],
            application=application,
            purpose="応募書類の閲覧",
            channel=channel,
            created_at=clock.now(),
        )


def sent_document_pdf(
    *, viewer: Any, application: Application, kind: str, channel: str
) -> tuple[str, bytes] | None:
    """The 履歴書・職務経歴書 sent with `application` (read by the caller through its permission selector) as
    (file name, PDF), printed from the snapshot as it was sent; None when no document was sent or `kind` is not
    one of the source's. A reader other than the applicant is logged on their マイデータ (`channel`: "pdf" on
    the web, "api"). The renderer's refusal (a ValueError with a Japanese message) is raised, nothing logged."""
    source = document_source()
    if source is None or not application.document_label:
        return None
    made = source.pdf(application.document_snapshot or {}, kind)
    if made is not None and application.applicant_id is not None:
        profile_read_record(
            owner_id=application.applicant_id, viewer=viewer, application=application, channel=channel
        )
    return made


# --- 最近見た求人 (ADR 0087) ---------------------------------------------------------------------------------


def _recent_upsert_sql() -> str:
    """One statement: insert the view, or move an earlier view of the same posting to now — unless the person
    turned the history off (the check is part of the statement, so the detail page reads no setting row).
    INSERT … SELECT … WHERE … ON CONFLICT is the same SQL on SQLite (3.24+) and PostgreSQL; the ORM's upsert
    (bulk_create with update_conflicts) cannot take a condition."""
    q = connection.ops.quote_name
    user_col, posting_col, at_col = (
        q(RecentView._meta.get_field(name).column)  # type: ignore[union-attr,arg-type]
        for name in ("user", "posting", "viewed_at")
    )
    off_user = q(RecentViewsOff._meta.get_field("user").column)
    return (
        f"INSERT INTO {q(RecentView._meta.db_table)} ({user_col}, {posting_col}, {at_col}) SELECT %s, %s, %s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {q(RecentViewsOff._meta.db_table)} WHERE {off_user} = %s) "
        f"ON CONFLICT ({user_col}, {posting_col}) DO UPDATE SET {at_col} = excluded.{at_col}"
    )


def recent_view_record(*, user: Any, posting_id: int) -> None:
    """A seeker opened a posting's detail page (the caller has checked they may see it). Nothing for anyone
    else: an employer's, agent's or operator's looks are not a job seeker's history, and an anonymous visitor
    has no account to keep one under. Two statements: the upsert, then dropping what is beyond the newest
    RECENT_VIEWS_MAX (at most one row, found through the user's index)."""
    if user is None or not user.is_authenticated or not user.is_seeker:
        return
    viewed_at = RecentView._meta.get_field("viewed_at").get_db_prep_value(clock.now(), connection)
    # Inside a caller's transaction a savepoint, so that a failure here cannot spoil the rest of its work; on
    # its own (a page request, autocommit) each statement is its own transaction and needs nothing more.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(_recent_upsert_sql(), [user.pk, posting_id, viewed_at, user.pk])
        if cursor.rowcount == 0:  # the history is off: nothing was written, so nothing to trim either
            return
        # As a statement of its own: QuerySet.delete() would wrap it in BEGIN … COMMIT, two more round trips.
        beyond = (
            RecentView.objects.filter(user_id=user.pk)
            .order_by("-viewed_at", "-pk")
            .values("pk")[RECENT_VIEWS_MAX:]
        )
        sql, params = beyond.query.sql_with_params()
        q = connection.ops.quote_name
        cursor.execute(
            f"DELETE FROM {q(RecentView._meta.db_table)} WHERE {q(str(RecentView._meta.pk.column))} IN ({sql})",
            params,
        )


def recent_view_delete(*, user: Any, posting_id: int) -> bool:
    """Remove one posting from the person's own history (no one else's: the row is found by user and posting)."""
    require_seeker(user)
    deleted, _ = RecentView.objects.filter(user=user, posting_id=posting_id).delete()
    return deleted > 0


def recent_views_clear(*, user: Any) -> int:
    require_seeker(user)
    deleted, _ = RecentView.objects.filter(user=user).delete()
    return deleted


def recent_views_set_recording(*, user: Any, on: bool) -> None:
    """Turn the history on or off. Off clears it too: 「残さない」 means the ones already kept as well."""
    require_seeker(user)
    with transaction.atomic():
        if on:
            RecentViewsOff.objects.filter(user=user).delete()
            return
        # The setting first: a view recorded at this same moment then either sees it or is cleared below (on
        # PostgreSQL but for a window of one statement, ADR 0087).
        RecentViewsOff.objects.get_or_create(user=user)
        RecentView.objects.filter(user=user).delete()


def recent_views_expire(*, now: dt.datetime | None = None) -> int:
    """The retention the privacy page states: a view older than RECENT_VIEWS_DAYS is deleted (run as a duty), and
    so is any view of a person whose history is off (one that raced the switch, see recent_views_set_recording)."""
    cutoff = (now or clock.now()) - dt.timedelta(days=RECENT_VIEWS_DAYS)
    deleted, _ = RecentView.objects.filter(
        Q(viewed_at__lt=cutoff) | Q(user_id__in=RecentViewsOff.objects.values("user_id"))
    ).delete()
    return deleted
