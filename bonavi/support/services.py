"""Filing, handling and forgetting complaints to the platform's operator (ADR 0080).

Every mail goes through the outbox (notifications.message_queue) inside the transaction of the change it reports,
so a complaint exists exactly when its acknowledgement and the operators' notice do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.accounts.selectors import hiring_staff
from bonavi.core import clock
from bonavi.core.ratelimit import hit, typed_address_mail_allowed
from bonavi.core.text import one_line, too_long
from bonavi.core.validators import reject_markup
from bonavi.jobs import services as jobs_services
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import postings_visible_to
from bonavi.notifications.mail import signature
from bonavi.notifications.models import MessageKind
from bonavi.notifications.services import message_queue

from .models import Category, Complaint, Status

log = logging.getLogger(__name__)

# Our published promise (ADR 0080): the acknowledgement is mailed at once, the answer within this many days.
RESPONSE_DAYS: Final = 7
# How long a complaint keeps the reporter's address, name and text (ADR 0080).
KEEP_YEARS: Final = 3
BODY_MAX: Final = 4000
# An identical POST from the same client within this many minutes is the same complaint (a double click).
DOUBLE_SUBMIT_MINUTES: Final = 10
# Complaints one client (account or address) may file per hour; generous, since an office shares one address.
CLIENT_LIMIT: Final = 5
WINDOW_SECONDS: Final = 3600
ANONYMISED: Final = "（保存期間を過ぎたため削除しました）"
_REFERENCE_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out on the phone
# 32**6 ≈ 10**9 numbers a day: a second draw is already rare, a fifth taken one in a row means something else is wrong.
REFERENCE_ATTEMPTS: Final = 5


class ComplaintInvalid(Exception):
    """A refused complaint or response: Japanese messages by field name."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def reportable_posting(*, user: Any, raw: object) -> JobPosting | None:
    """The posting a report may name: one this person can see now. Anything else — a 非公開求人 they are not
    entitled to, a closed or unknown id, a malformed value — is None, so the page cannot tell them apart."""
    try:
        pk = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**31 - 1:
        return None
    return postings_visible_to(user).filter(pk=pk).first()


def client_key(*, user: Any, ip: str) -> str:
    """Whom the limits and the double-submit check count against: the account, or else the client address."""
    if user is not None and getattr(user, "is_authenticated", False):
        return f"u{user.pk}"
    return f"ip{ip}"


def complaint_client_allowed(*, client: str) -> bool:
    """Count one complaint from this client; False once the hour's allowance is used up."""
    limit = int(getattr(settings, "SUPPORT_COMPLAINT_LIMIT", CLIENT_LIMIT))
    return hit(f"support-client:{client}", window_seconds=WINDOW_SECONDS, limit=limit) <= limit


def fingerprint_of(
    *, client: str, category: str, posting: JobPosting | None, body: str, email: str, name: str
) -> str:
    """What makes two submissions the same one: who sent it, and every field as the service stores it."""
    parts = [
        client,
        category,
        str(posting.pk if posting else ""),
        body.strip(),
        email.strip().lower(),
        name.strip(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def recent_duplicate(*, fingerprint: str) -> Complaint | None:
    """The complaint an identical submission filed within DOUBLE_SUBMIT_MINUTES, if any (complaint_file asks).
    No time filter: complaint_file releases older fingerprints first, and the column is unique."""
    return Complaint.objects.filter(fingerprint=fingerprint).first()


def _new_reference(now: dt.datetime) -> str:
    """A fresh candidate; the unique constraint on the column decides whether it is free (complaint_file retries)."""
    day = clock.date_jst(now).strftime("%Y%m%d")
    return day + "-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def response_due(complaint: Complaint) -> dt.date:
    """The day (JST) by which we promised an answer."""
    return clock.date_jst(complaint.received_at) + dt.timedelta(days=RESPONSE_DAYS)


def _site(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def response_due_text(complaint: Complaint) -> str:
    """「2026年2月4日（水）」: the promised answer day as the mails and the done page write it — with the day of the
    week, like every other deadline the site mails."""
    return clock.date_ja(response_due(complaint))


def operator_recipients() -> list[tuple[str, User | None]]:
    """Who is told of a new complaint: every active operator account (role 運営 or admin access); with none,
    OPERATOR_CONTACT when it is an e-mail address. A site with neither has complaints only in the admin."""
    members = User.objects.filter(is_active=True).filter(Q(role=Role.OPERATOR) | Q(is_staff=True))
    found: list[tuple[str, User | None]] = [(m.email, m) for m in members.order_by("pk")]
    if found:
        return found
    contact = (settings.OPERATOR_CONTACT or "").strip()
    try:
        validate_email(contact)
    except ValidationError:
        return []
    return [(contact, None)]


def _check_text(errors: dict[str, list[str]], key: str, value: str) -> None:
    try:
        reject_markup(value)
    except ValidationError as exc:
        errors.setdefault(key, []).extend(exc.messages)


class ComplaintLimited(Exception):
    """This client has filed CLIENT_LIMIT complaints this hour; nothing was stored."""


def complaint_file(
    *,
    user: Any,
    client: str,
    category: str,
    posting: JobPosting | None,
    body: str,
    reply_email: str,
    name: str = "",
) -> tuple[Complaint, bool]:
    """File a complaint, queue the acknowledgement to the reply address and the notice to the operators; return
    it and True. `posting` must come from `reportable_posting`.

    An identical submission from the same client within DOUBLE_SUBMIT_MINUTES — one after the other, or two at
    the same moment on two workers — returns the complaint the first filed and False, and mails nothing again.
    Only a complaint actually filed counts against the client's hourly allowance (ComplaintLimited past it)."""
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    body = (body or "").strip()
    name = one_line(name or "")  # the greeting line of our mails: no line break may put text above ours
    reply_email = (reply_email or "").strip() or (user.email if signed_in else "")
    errors: dict[str, list[str]] = {}
    if category not in Category.values:
        errors["category"] = ["種類を選んでください。"]
    if not body:
        errors["body"] = ["内容を入力してください。"]
    elif len(body) > BODY_MAX:
        errors["body"] = [too_long("内容", BODY_MAX, given=len(body))]
    if not reply_email:
        errors["reply_email"] = ["返信先のメールアドレスを入力してください。"]
    _check_text(errors, "body", body)
    _check_text(errors, "name", name)
    if errors:
        raise ComplaintInvalid(errors)
    name = name[:100]
    fingerprint = fingerprint_of(
        client=client, category=category, posting=posting, body=body, email=reply_email, name=name
    )
    now = clock.now()
    with transaction.atomic():
        # A fingerprint is unique among complaints (the constraint on the column): it is kept only while it can
        # match, so an older one with the same text is released before the claim below.
        Complaint.objects.filter(
            fingerprint=fingerprint, received_at__lt=now - dt.timedelta(minutes=DOUBLE_SUBMIT_MINUTES)
        ).update(fingerprint="")
        earlier = recent_duplicate(fingerprint=fingerprint)
        if earlier is not None:
            return earlier, False
        for attempt in range(REFERENCE_ATTEMPTS):
            reference = _new_reference(now)
            try:
                # The claim: of two identical POSTs at once, the second INSERT waits for the first's commit on the
                # unique index and then fails, so exactly one complaint is filed and mailed.
                with transaction.atomic():
                    complaint = Complaint.objects.create(
                        reference=reference,
                        category=category,
                        posting=posting,
                        body=body,
                        reply_email=reply_email,
                        name=name,
                        reporter=user if signed_in else None,
                        received_at=now,
                        fingerprint=fingerprint,
                    )
                break
            except IntegrityError:
                # The fingerprint's claim lost to an identical submission: that one is this complaint.
                winner = recent_duplicate(fingerprint=fingerprint)
                if winner is not None:
                    return winner, False
                # Otherwise the 受付番号 was taken (the same day and 6 characters, already filed or filed by
                # another worker this instant): draw another. Anything else is raised as it is.
                taken = Complaint.objects.filter(reference=reference).exists()
                if not taken or attempt == REFERENCE_ATTEMPTS - 1:
                    raise
        if not complaint_client_allowed(client=client):
            raise ComplaintLimited  # rolls the complaint back: nothing stored
        # The acknowledgement mails what was typed to the address typed: past the cap every form that does so
        # shares (core.ratelimit), the complaint is still filed, unacknowledged.
        if typed_address_mail_allowed(reply_email):
            _mail_acknowledgement(complaint)
            complaint.acknowledged = True
            complaint.save(update_fields=["acknowledged"])
        _mail_operators(complaint)
    return complaint, True


def _posting_lines(complaint: Complaint) -> list[str]:
    posting = complaint.posting
    if posting is None:
        return []
    return [f"対象の求人：{posting.title}", _site("jobs:detail", posting.pk)]


def _mail_acknowledgement(complaint: Complaint) -> None:
    """To the reply address: the reference, what they wrote (their own words only) and when to expect an answer."""
    lines = [
        f"{complaint.name} 様" if complaint.name else "BOナビをご利用のみなさま",
        "",
        "苦情・お問い合わせを受け付けました。内容を確認し、原則として"
        f"{response_due_text(complaint)}までに、このメールアドレスへ回答します。",
        "",
        f"受付番号：{complaint.reference}",
        f"種類：{complaint.get_category_display()}",
        *_posting_lines(complaint),
        "",
        "お送りいただいた内容：",
        complaint.body,
        "",
        "追加の情報があるときは、受付番号を添えて、もう一度フォームからお送りください。",
        "お心当たりがない場合は、このメールは破棄してください。",
        *signature(_site("support:complaints")),
    ]
    message_queue(
        kind=MessageKind.COMPLAINT,
        to_email=complaint.reply_email,
        subject=f"【BOナビ】苦情・お問い合わせを受け付けました（受付番号 {complaint.reference}）",
        body="\n".join(lines),
        user=complaint.reporter,
    )


def _mail_operators(complaint: Complaint) -> None:
    """To the operators: that a complaint came in and where to handle it. Its text and the reporter's address
    stay in the admin, behind a login, rather than in every operator's mailbox."""
    lines = [
        "苦情・お問い合わせが届きました。管理画面で内容を確認し、対応してください。",
        "",
        f"受付番号：{complaint.reference}",
        f"種類：{complaint.get_category_display()}",
        *_posting_lines(complaint),
        f"回答期限：{response_due_text(complaint)}",
        "",
        _site("admin:support_complaint_change", complaint.pk),
        *signature(),  # signed like every other mail the site sends
    ]
    for email, member in operator_recipients():
        message_queue(
            kind=MessageKind.COMPLAINT,
            to_email=email,
            subject=f"【BOナビ運営】苦情・お問い合わせ {complaint.reference}（{complaint.get_category_display()}）",
            body="\n".join(lines),
            user=member,
        )


def _require_operator(user: Any) -> None:
    if not (getattr(user, "is_active", False) and (getattr(user, "is_operator", False) or user.is_staff)):
        raise PermissionDenied("苦情・お問い合わせの対応は運営が行います。")


def response_clean(response: str, *, to_resolve: bool = False) -> str:
    """The operator's answer, stripped; ComplaintInvalid when too long or holding markup, or — `to_resolve`, the
    answer 完了 mails — empty. The admin form and complaint_resolve both ask here."""
    response = (response or "").strip()
    errors: dict[str, list[str]] = {}
    if to_resolve and not response:
        errors["response"] = ["完了にする前に、対応内容（回答）を入力してください。"]
    if len(response) > BODY_MAX:
        errors["response"] = [too_long("対応内容", BODY_MAX)]
    _check_text(errors, "response", response)
    if errors:
        raise ComplaintInvalid(errors)
    return response


def complaint_note(*, user: Any, complaint: Complaint, response: str) -> Complaint:
    """Record work in progress (対応中) without telling the complainant anything yet."""
    _require_operator(user)
    response = response_clean(response)
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status == Status.DONE:
            raise ComplaintInvalid({"response": ["完了した苦情の対応内容は変更できません。"]})
        locked.response = response
        locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["response", "status"])
    return locked


def complaint_resolve(*, user: Any, complaint: Complaint, response: str) -> Complaint:
    """Record the answer, mark the complaint 完了 and mail the answer to the complainant — once: a complaint
    already 完了 is refused, so a second press or a second operator sends nothing."""
    _require_operator(user)
    response = response_clean(response, to_resolve=True)
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status == Status.DONE:
            raise ComplaintInvalid({"response": ["この苦情は既に完了しています。回答メールは送信済みです。"]})
        locked.response = response
        locked.status = Status.DONE
        locked.resolved_at = clock.now()
        locked.resolved_by = user
        locked.save(update_fields=["response", "status", "resolved_at", "resolved_by"])
        if locked.reply_email:
            message_queue(
                kind=MessageKind.COMPLAINT,
                to_email=locked.reply_email,
                subject=f"【BOナビ】苦情・お問い合わせへの回答（受付番号 {locked.reference}）",
                body="\n".join(
                    [
                        f"{locked.name} 様" if locked.name else "BOナビをご利用のみなさま",
                        "",
                        f"受付番号 {locked.reference} の苦情・お問い合わせについて、次のとおり回答します。",
                        "",
                        response,
                        "",
                        "この回答について、さらにお申し出があるときは、受付番号を添えてフォームからお送りください。",
                        *signature(_site("support:complaints")),
                    ]
                ),
                user=locked.reporter,
            )
    return locked


def company_recipients(posting: JobPosting) -> list[tuple[str, User | None]]:
    """Who at the company hears of a 掲載停止: its active 採用担当 (the application mails' rule); with none, the
    organisation's own address when it is one. Never the reporter, who is not named to the company (ADR 0080)."""
    members = hiring_staff(organization_id=posting.organization_id).order_by("pk")
    found: list[tuple[str, User | None]] = [(m.email, m) for m in members]
    if found:
        return found
    address = (posting.organization.email or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        return []
    return [(address, None)]


def _mail_company_stopped(posting: JobPosting, reason: str) -> int:
    """One mail to each of the company's recipients: which posting, why, and that publishing it again goes through
    the operator. The complaint, its reporter and its words stay with the operator."""
    lines = [
        f"{posting.organization.name} 採用ご担当者様",
        "",
        "BOナビ運営です。次の求人の掲載を停止しました。求職者には表示されず、検索・求人フィードからも外れています。",
        "",
        f"求人：{posting.title}（求人番号 {posting.pk}）",
        f"停止日時：{clock.moment_ja(posting.stopped_at or clock.now())}",
        "停止の理由：",
        reason,
        "",
        "求人の内容は求人管理から直せますが、再び公開するには運営の確認が必要です（ご自身では公開できません）。"
        "直した内容を添えて、下の「苦情・お問い合わせ」からご連絡ください。",
        _site("jobs:employer_edit", posting.pk),
        *signature(_site("support:complaints")),
    ]
    recipients = company_recipients(posting)
    for email, member in recipients:
        message_queue(
            kind=MessageKind.COMPLAINT,
            to_email=email,
            subject=f"【BOナビ】求人の掲載を停止しました（求人番号 {posting.pk}）",
            body="\n".join(lines),
            user=member,
        )
    return len(recipients)


def complaint_posting_stop(*, user: Any, complaint: Complaint, reason: str) -> Complaint:
    """The operator stops the posting a complaint reports (掲載停止, ADR 0153): through jobs' posting_stop (closed,
    marked stopped; only the operator can publish it again), one mail to the company, and a line in the complaint's
    運営の措置 saying what was done, by whom and why (対応中 if it was 受付). One transaction: the stop, the mail and
    the record exist together. Refused (ComplaintInvalid) without a posting, with a bad reason, or when the posting
    is already stopped — so the company is mailed once; PermissionDenied for anyone but an operator."""
    _require_operator(user)
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.posting_id is None:
            raise ComplaintInvalid({"reason": ["この苦情には対象の求人がないため、掲載停止はできません。"]})
        posting = JobPosting.objects.select_related("organization").get(pk=locked.posting_id)
        try:
            posting = jobs_services.posting_stop(user=user, posting=posting, reason=reason)
        except jobs_services.PostingInvalid as exc:
            raise ComplaintInvalid({"reason": [m for ms in exc.errors.values() for m in ms]}) from exc
        mailed = _mail_company_stopped(posting, posting.stop_reason)
        told = f"採用企業に{mailed}通のメールで通知" if mailed else "採用企業の宛先がないためメールは未送信"
        line = (
            f"{clock.moment_ja(posting.stopped_at or clock.now())} 求人「{posting.title}」（ID {posting.pk}）の掲載を停止"
            f"（運営：{user.email}、{told}）。理由：{one_line(posting.stop_reason)}"
        )
        locked.actions = f"{locked.actions}\n{line}".strip()
        fields = ["actions"]
        if locked.status == Status.RECEIVED:
            locked.status = Status.IN_PROGRESS
            fields.append("status")
        locked.save(update_fields=fields)
    log.info("complaint %s: posting %s stopped by operator %s", locked.reference, posting.pk, user.pk)
    return locked


def complaints_anonymise(*, now: dt.datetime | None = None) -> int:
    """Blank the reply address, name, text and answer of complaints received more than KEEP_YEARS ago.
    Kept: reference, category, posting, status and dates — the record that a complaint was made and handled.
    Idempotent: a second run finds nothing."""
    moment = now or clock.now()
    cutoff_day = clock.add_years(clock.date_jst(moment), -KEEP_YEARS)
    cutoff = dt.datetime.combine(cutoff_day, dt.time(), tzinfo=clock.JST)
    with transaction.atomic():
        return Complaint.objects.filter(received_at__lt=cutoff, anonymised_at__isnull=True).update(
            reply_email="",
            name="",
            body=ANONYMISED,
            response="",
            fingerprint="",
            anonymised_at=moment,
        )
