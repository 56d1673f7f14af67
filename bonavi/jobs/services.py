"""Writes for postings: create, copy, update, publish (and re-open), close, expire. Each is one transaction and
checks permission."""

from __future__ import annotations

import copy
import datetime as dt
import logging
from typing import Any, Final

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bonavi.compliance.checker import check_facts
from bonavi.compliance.findings import Finding
from bonavi.core import clock
from bonavi.core.clock import today_jst
from bonavi.core.text import too_long
from bonavi.core.validators import reject_markup

from .facts import form_field_for, posting_facts
from .models import FeedStaffChange, JobPosting, PostingStatus
from .validation import posting_problems

DEFAULT_LISTING_DAYS = 60
# The operator's reason for a 掲載停止 (ADR 0153): mailed to the company as written, so a few sentences.
STOP_REASON_MAX: Final = 1000

log = logging.getLogger(__name__)
# Postings that were published and have ended: 「募集を再開する」 publishes them again (ADR 0146).
ENDED = (PostingStatus.CLOSED, PostingStatus.EXPIRED)


class PostingInvalid(Exception):
    """The posting cannot be saved or published; `errors` maps field names ("__all__" for general) to messages.
    `findings`: every finding of the compliance checker when it was run (a refused publish re-shows its warnings
    too without checking again), else None."""

    def __init__(self, errors: dict[str, list[str]], findings: list[Finding] | None = None) -> None:
        super().__init__("求人を保存・公開できません")
        self.errors = errors
        self.findings = findings


def _require_editor(user: Any, posting: JobPosting | None = None) -> None:
    if getattr(user, "is_operator", False):
        return
    if not getattr(user, "is_employer", False):
        raise PermissionDenied("採用担当のアカウントでログインしてください。")
    if posting is not None and posting.organization_id != user.organization_id:
        raise PermissionDenied("この求人を編集する権限がありません。")


def _said(field: str, problem: ValidationError) -> str:
    """A model check's words; a text over its limit in the words every form uses (core.text.too_long), with the
    field's name — Django's own ja text is 「この値は 120 文字以下でなければなりません( 121 文字になっています)。」."""
    params = problem.params or {}
    if problem.code == "max_length" and "limit_value" in params:
        label = str(getattr(JobPosting._meta.get_field(field), "verbose_name", field))
        return too_long(label, params["limit_value"], given=params.get("show_value"))
    return " ".join(problem.messages)


def posting_gate(
    posting: JobPosting, *, live: bool, check_reference: bool = True, findings: list[Finding] | None = None
) -> None:
    """The one gate every write of a posting passes (these services, and the operator's admin form): it must be
    well-formed, and when it is or is about to be published (`live`), have no compliance error either.

    `check_reference`: whether the 社内管理番号 is looked up in the organisation's other postings. False when the
    caller knows it is not new: an edit that leaves it as stored (unique under the constraint already), a
    publish, or the bulk import, which looks every number of the file up in one query.

    `findings`: the checker's findings for this posting when the caller already has them (the preview shows its
    warnings too), so the checker runs once.

    Raises PostingInvalid naming each problem by field.
    """
    errors: dict[str, list[str]] = {}
    try:
        posting.full_clean(exclude=["organization"])
    except ValidationError as exc:
        for field, problems in exc.error_dict.items():
            errors.setdefault(field, []).extend(_said(field, problem) for problem in problems)
    for field, msgs in posting_problems(posting, for_publish=live).items():
        errors.setdefault(field, []).extend(msgs)
    # full_clean leaves out the constraint on (organization, reference) with the organisation: checked here, so
    # the form, the API and the import refuse a number already in use with words, not a database error.
    if check_reference and posting.reference and "reference" not in errors:
        other = (
            JobPosting.objects.filter(organization_id=posting.organization_id, reference=posting.reference)
            .exclude(pk=posting.pk)
            .values_list("title", flat=True)
            .first()
        )
        if other is not None:
            errors["reference"] = [
                f"社内管理番号「{posting.reference}」は別の求人「{other[:40]}」で使われています。別の番号にしてください。"
            ]
    if errors:
        raise PostingInvalid(errors)
    if live:
        found = posting_findings(posting) if findings is None else findings
        blocking = [f for f in found if f.is_error]
        if blocking:
            raise PostingInvalid(_findings_as_errors(blocking), found)


def posting_findings(posting: JobPosting, *, on: dt.date | None = None) -> list[Finding]:
    """The compliance checker's findings for this posting (errors block publishing)."""
    return check_facts(posting_facts(posting), on=on or today_jst())


def _apply(posting: JobPosting, data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in {
            "id",
            "pk",
            "organization",
            "organization_id",
            "status",
            "created_by",
            "date_posted",
            "closed_at",
            "stopped_at",  # the operator's 掲載停止 is posting_stop's and posting_publish's alone (ADR 0153)
            "stopped_by",
            "stop_reason",
            "created_at",
            "updated_at",
            "family",
        }:
            continue
        setattr(posting, key, value)


def posting_apply(posting: JobPosting, data: dict[str, Any]) -> None:
    """Set `data` on the posting as posting_update would, without checking or saving it (the bulk import checks
    an update row with it before its transaction)."""
    _apply(posting, data)


def posting_build(*, user: Any, data: dict[str, Any]) -> JobPosting:
    """A new draft of the user's organisation with `data` applied, not yet checked or saved (the bulk import
    builds each row with it, so an imported posting is made exactly as one typed into the form)."""
    _require_editor(user)
    org = user.organization
    if org is None:
        # An operator passes _require_editor but belongs to no employer: a posting must have its 採用企業.
        raise PermissionDenied("求人を作成できるのは採用企業に所属する採用担当のアカウントだけです。")
    posting = JobPosting(organization=org, created_by=user, status=PostingStatus.DRAFT)
    _apply(posting, data)
    for name, value in employer_defaults(org).items():
        setattr(posting, name, getattr(posting, name) or value)
    return posting


def employer_defaults(org: Any) -> dict[str, str]:
    """The 募集者 a posting names when its own fields are empty: the hiring organisation (a new posting, and an
    update row of the bulk import whose cell is empty)."""
    return {
        "employer_name": org.name,
        "employer_address": org.address,
        "employer_contact": org.phone or org.email,
    }


def _save(posting: JobPosting) -> None:
    try:
        with transaction.atomic():
            posting.save()
    except IntegrityError:
        # Another save took the 社内管理番号 between the gate and this one (two tabs, two API calls): the unique
        # constraint stopped it, and the gate, asked again, says so in words instead of a server error.
        posting_gate(posting, live=False, check_reference=True)
        raise


def posting_create(*, user: Any, data: dict[str, Any]) -> JobPosting:
    posting = posting_build(user=user, data=data)
    posting_gate(posting, live=False)
    _save(posting)
    return posting


# What 「コピーして作成」 leaves out (ADR 0146): the row's identity and life (id, state, its dates, who made it and
# when), and the 社内管理番号, unique within the organisation and the key a spreadsheet row updates by (ADR 0085).
# Every other column is what the employer typed, and is copied: a column added later is copied unless named here.
NOT_COPIED = frozenset(
    {
        "id",
        "organization",
        "created_by",
        "status",
        "family",  # derived from the sub-role on save
        "reference",
        "date_posted",
        "valid_through",
        "created_at",
        "updated_at",
        "closed_at",
    }
)
COPY_MARK = "（コピー）"


def copy_title(title: str) -> str:
    """The copy's 求人タイトル: the original's with 「（コピー）」, cut to fit the column, so two rows of one title are
    told apart in 求人管理 until she renames it."""
    limit = JobPosting._meta.get_field("title").max_length or 120
    return title[: limit - len(COPY_MARK)] + COPY_MARK


def posting_copy(*, user: Any, posting: JobPosting) -> JobPosting:
    """「コピーして作成」: a new 下書き of the posting's organisation with what the employer typed into `posting` (any
    state: a 下書き, one 公開中, 募集終了 or 掲載期限切れ), to edit and publish as a posting of its own. Never its
    state, dates, 社内管理番号 or applications (NOT_COPIED; applications point at the original). Only an editor of
    the posting's own organisation. Refused (PostingInvalid) only when the copy would not be a well-formed draft
    — a rule made stricter since the original was saved — naming the problem, as for any draft."""
    _require_editor(user, posting)
    new = JobPosting(organization_id=posting.organization_id, status=PostingStatus.DRAFT)
    if getattr(user, "is_employer", False):
        new.created_by = user
    for field in JobPosting._meta.concrete_fields:
        if field.name not in NOT_COPIED:
            setattr(new, field.attname, getattr(posting, field.attname))
    new.title = copy_title(posting.title)
    posting_gate(new, live=False, check_reference=False)
    _save(new)
    return new


def posting_update(*, user: Any, posting: JobPosting, data: dict[str, Any]) -> JobPosting:
    _require_editor(user, posting)
    stored_reference = posting.reference
    _apply(posting, data)
    # A published posting stays lawful through every edit.
    posting_gate(
        posting,
        live=posting.status == PostingStatus.PUBLISHED,
        check_reference=posting.reference != stored_reference,
    )
    _save(posting)
    return posting


def _findings_as_errors(findings: list[Finding]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(form_field_for(f.field) if f.field else "__all__", []).append(f.advice)
    return out


def _is_operator(user: Any) -> bool:
    return bool(
        getattr(user, "is_active", False)
        and (getattr(user, "is_operator", False) or getattr(user, "is_staff", False))
    )


def stopped_refusal(posting: JobPosting) -> str:
    """Why the company cannot publish this posting again: the operator stopped it (ADR 0153); "" if not stopped."""
    if posting.stopped_at is None:
        return ""
    return (
        f"この求人は{clock.moment_ja(posting.stopped_at)}にBOナビ運営が掲載を停止しました（理由：{posting.stop_reason}）。"
        "内容を直したうえで、再び公開するには運営の確認が必要です。ページ下の「苦情・お問い合わせ」から運営にご連絡ください。"
    )


def posting_publish(*, user: Any, posting: JobPosting) -> JobPosting:
    """Publish a posting: a 下書き for the first time, or one that ended (募集終了, 掲載期限切れ) again — 「募集を再開する」,
    the same posting (its URL, ☆ and applications stay) with a new 掲載期限 (reopen_valid_through). Both pass the
    same gate: refused for anything malformed or any compliance error as the posting stands today (a 最低賃金
    raised since it was first published), naming each problem. One the operator stopped is refused unless the
    operator publishes it — which lifts the stop (ADR 0153)."""
    _require_editor(user, posting)
    if posting.status == PostingStatus.PUBLISHED:
        return posting
    lifted = posting.stopped_at is not None
    if lifted and not _is_operator(user):
        raise PostingInvalid({"__all__": [stopped_refusal(posting)]})
    _publish_gate(posting)
    with transaction.atomic():
        mark_published(posting)
        posting.stopped_at, posting.stopped_by, posting.stop_reason = None, None, ""
        posting.save()
    if lifted:
        log.info("posting %s published again by operator %s after a stop", posting.pk, user.pk)
    return posting


def _publish_gate(posting: JobPosting, *, findings: list[Finding] | None = None) -> None:
    # What publishing checks, for posting_publish and the preview alike; it leaves the 社内管理番号 as saved. An
    # ended posting is judged with the 掲載期限 re-opening gives it: its own has passed (期限切れ) and would be
    # refused as 「過去の日付」, though publishing replaces it.
    posting_gate(_as_published(posting), live=True, check_reference=False, findings=findings)


def reopen_valid_through(posting: JobPosting, *, today: dt.date | None = None) -> dt.date:
    """The 掲載期限 an ended posting gets when it is published again (ADR 0146): a new listing period of
    DEFAULT_LISTING_DAYS from today, as a first publication without a date gets (ADR 0069) — or the date it has
    when that is later (set in the edit form before re-opening; the 180-day cap was checked when it was saved)."""
    fresh = (today or today_jst()) + dt.timedelta(days=DEFAULT_LISTING_DAYS)
    return max(posting.valid_through, fresh) if posting.valid_through else fresh


def publish_findings(posting: JobPosting) -> list[Finding]:
    """posting_findings of the posting as publishing would store it: for a 下書き or one 公開中 the same, for one that
    ended its findings with the 掲載期限 re-opening gives it — the checker's 「掲載期間が過ぎています」 is about the
    date 募集を再開する replaces. The preview and the edit page show these, and pass them to the gate."""
    return posting_findings(_as_published(posting))


def _as_published(posting: JobPosting) -> JobPosting:
    """The posting as publishing would store it, for the gate to judge: an ended one with its new 掲載期限, on a
    copy (a refused re-opening changes nothing, in the database or on the caller's object)."""
    if posting.status not in ENDED:
        return posting
    reopened = copy.copy(posting)
    reopened.valid_through = reopen_valid_through(posting)
    return reopened


def publish_refusal(posting: JobPosting, *, findings: list[Finding] | None = None) -> dict[str, list[str]]:
    """What posting_publish would refuse this posting for, by field ({} when it would publish, or is already
    published): the preview hides 公開する and says what to fix, by the gate's own rule. `findings`: as for
    posting_gate."""
    if posting.status == PostingStatus.PUBLISHED:
        return {}
    if stopped := stopped_refusal(posting):
        return {"__all__": [stopped]}  # the preview is the company's: it cannot publish a stopped posting
    return posting_refusal(posting, findings=findings)


def posting_refusal(posting: JobPosting, *, findings: list[Finding] | None = None) -> dict[str, list[str]]:
    """What the live gate refuses this posting for as it is stored, by field ({} = nothing): for a draft or a
    closed posting what publishing it would be refused for, for a published one what its next save would be (it
    stays lawful through every edit; a minimum wage can rise under it). The edit page shows these beside the
    fields."""
    try:
        _publish_gate(posting, findings=findings)
    except PostingInvalid as exc:
        return exc.errors
    return {}


def mark_published(posting: JobPosting) -> None:
    """Set what publishing sets (not saved: the bulk import inserts many at once). Only after posting_gate(live).

    Re-opening an ended posting (ADR 0146) gives it a new 掲載期限 (reopen_valid_through). Its 掲載開始日 (the page's,
    JSON-LD's datePosted, the feed's <date>, 新着順) becomes today when its listing period had ended — 期限切れ, or
    closed and its 掲載期限 passed since: a new campaign. Closed and re-opened within its period, it is the same
    campaign paused and keeps its date: else closing and re-opening would move any posting to the top of 新着順."""
    today = today_jst()
    paused = (
        posting.status == PostingStatus.CLOSED
        and posting.date_posted is not None
        and posting.valid_through is not None
        and posting.valid_through >= today
    )
    if posting.status in ENDED:
        posting.valid_through = reopen_valid_through(posting, today=today)
    elif posting.valid_through is None:
        posting.valid_through = today + dt.timedelta(days=DEFAULT_LISTING_DAYS)
    if not paused:
        posting.date_posted = clock.now()
    posting.status = PostingStatus.PUBLISHED
    posting.closed_at = None


def close_refusal(posting: JobPosting) -> str:
    """Why 「募集を終了する」 cannot close this posting, or "": only a posting 公開中 is closed. A 下書き was never
    open (closing it would give it a 募集終了日), and one already ended keeps the date it ended."""
    if posting.status == PostingStatus.PUBLISHED:
        return ""
    return f"募集を終了できるのは公開中の求人だけです（この求人は「{posting.get_status_display()}」です）。"


def posting_close(*, user: Any, posting: JobPosting) -> JobPosting:
    """Close a posting 公開中; any other is refused (PostingInvalid, close_refusal's words), judged under the row
    lock so a posting that expired while the page was open is not closed over its 掲載期限切れ."""
    _require_editor(user, posting)
    with transaction.atomic():
        locked = JobPosting.objects.select_for_update().only("status").get(pk=posting.pk)
        refusal = close_refusal(locked)
        if refusal:
            raise PostingInvalid({"__all__": [refusal]})
        posting.status = PostingStatus.CLOSED
        posting.closed_at = timezone.now()
        posting.save(update_fields=["status", "closed_at", "updated_at"])
    return posting


def stop_reason_clean(reason: str) -> str:
    """The operator's reason for a 掲載停止, stripped; PostingInvalid({"reason": …}) when empty, too long or holding
    markup (it is mailed to the company and shown on its preview)."""
    reason = (reason or "").strip()
    problems: list[str] = []
    if not reason:
        problems.append("掲載停止の理由を入力してください（採用企業へのメールにそのまま記載されます）。")
    elif len(reason) > STOP_REASON_MAX:
        problems.append(too_long("掲載停止の理由", STOP_REASON_MAX, given=len(reason)))
    try:
        reject_markup(reason)
    except ValidationError as exc:
        problems.extend(exc.messages)
    if problems:
        raise PostingInvalid({"reason": problems})
    return reason


def posting_stop(*, user: Any, posting: JobPosting, reason: str) -> JobPosting:
    """掲載停止 by the operator (ADR 0153): a published posting is closed at once (so it leaves every public list and
    the feed), and whatever its state it is marked stopped, with who and why, so that only the operator can publish
    it again. Refused for anyone but an operator, without a reason, and for a posting already stopped (so the
    caller's mail to the company goes once). Who mails whom is the caller's: jobs knows no mail."""
    if not _is_operator(user):
        raise PermissionDenied("求人の掲載停止は運営が行います。")
    reason = stop_reason_clean(reason)
    with transaction.atomic():
        locked = JobPosting.objects.select_for_update().get(pk=posting.pk)
        if locked.stopped_at is not None:
            raise PostingInvalid(
                {"reason": [f"この求人は既に{clock.moment_ja(locked.stopped_at)}に掲載を停止しています。"]}
            )
        now = timezone.now()
        fields = ["stopped_at", "stopped_by", "stop_reason", "updated_at"]
        if locked.status == PostingStatus.PUBLISHED:
            locked.status = PostingStatus.CLOSED
            locked.closed_at = now
            fields += ["status", "closed_at"]
        locked.stopped_at, locked.stopped_by, locked.stop_reason = now, user, reason
        locked.save(update_fields=fields)
    log.info("posting %s stopped by operator %s (was %s)", locked.pk, user.pk, posting.status)
    return locked


def postings_expire(*, today: dt.date | None = None) -> int:
    """Close every published posting whose 掲載期限 has passed. Selectors already hide them; this records it."""
    day = today or today_jst()
    with transaction.atomic():
        expired = list(
            JobPosting.objects.select_for_update().filter(
                status=PostingStatus.PUBLISHED, valid_through__lt=day
            )
        )
        for posting in expired:
            posting.status = PostingStatus.EXPIRED
            posting.closed_at = timezone.now()
            posting.save(update_fields=["status", "closed_at", "updated_at"])
    return len(expired)


def feed_staff_changed(*, organization_ids: set[int]) -> None:
    """Record that these companies' set of active 採用担当 changed (FeedStaffChange, ADR 0081 addendum s19 staff mark):
    every server's feed is then stale, and leaves out at once the postings of those left without one. In the
    caller's transaction: one upsert statement, no read first, so two concurrent changes cannot both insert."""
    if not organization_ids:
        return
    now = clock.now()
    FeedStaffChange.objects.bulk_create(
        [FeedStaffChange(organization_id=pk, changed_at=now) for pk in sorted(organization_ids)],
        update_conflicts=True,
        unique_fields=["organization"],
        update_fields=["changed_at"],
        batch_size=500,
    )
