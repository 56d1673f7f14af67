"""Delivering the outbox: claim due messages with a lease, render, hand to SMTP, record.

At-least-once, and the one unavoidable duplicate carries the same Message-ID:
- A message is queued (a row) in the same transaction as the change that causes it, with its Message-ID.
- A worker claims a few messages by setting a lease (`locked_until`); on PostgreSQL the claim uses
  `SELECT … FOR UPDATE SKIP LOCKED`, so several workers never claim the same row; on SQLite the claim runs in an
  IMMEDIATE transaction, which holds the database's single write lock.
- It renders and sends each message, then records it as sent. If the process dies after the SMTP server
  accepted a message but before the record commits, the lease runs out and the message is sent again — with the
  same Message-ID. No other crash point sends anything twice, and none loses a message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import smtplib
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from email.header import Header
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator

from bonavi.core import clock
from bonavi.core.mail import operator_name
from bonavi.core.text import one_line
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import public_postings

from .crashpoints import OUTBOX_ACCEPTED, OUTBOX_RECORDED, OUTBOX_RENDERED, crash_point
from .models import DigestSection, Frequency, MessageKind, MessageStatus, OutboxMessage, SavedSearch
from .tokens import unsubscribe_url

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
_BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720, 1440)
CLAIM_BATCH = 50


def lease_seconds() -> int:
    # Long enough for a batch of CLAIM_BATCH messages over a slow SMTP link.
    return int(getattr(settings, "OUTBOX_LEASE_SECONDS", 300))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    cancelled: int = 0
    smtp_down: bool = False


def _due(now: dt.datetime) -> Any:
    return OutboxMessage.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lte=now).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    )


def outbox_cancel(*, pk: int, reason: str) -> bool:
    """Stop a queued mail that has not gone yet: True when it will never be sent. Only a message no worker holds
    (a claimed one may be on the wire; its sender records the outcome). Its address, subject and text go at once,
    as they go after sending, so a cancelled mail keeps nothing of the person."""
    now = clock.now()
    stopped = (
        OutboxMessage.objects.filter(pk=pk, status=MessageStatus.PENDING)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(
            status=MessageStatus.CANCELLED,
            locked_until=None,
            to_email="",
            subject="",
            body_text="",
            last_error=reason,
        )
    )
    return bool(stopped)


def outbox_claim(*, worker: str, limit: int = CLAIM_BATCH, now: dt.datetime | None = None) -> list[int]:
    now = now or clock.now()
    with transaction.atomic():
        ids = list(
            _due(now)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        if ids:
            OutboxMessage.objects.filter(id__in=ids).update(
                locked_until=now + dt.timedelta(seconds=lease_seconds()), locked_by=worker
            )
    return ids


def outbox_has_due(*, now: dt.datetime | None = None) -> bool:
    return _due(now or clock.now()).exists()


def _release(ids: Sequence[int], *, worker: str, delay: dt.timedelta) -> None:
    OutboxMessage.objects.filter(id__in=ids, locked_by=worker, status=MessageStatus.PENDING).update(
        locked_until=None, locked_by="", next_attempt_at=clock.now() + delay
    )


def outbox_send_claimed(ids: Sequence[int], *, worker: str) -> SendReport:
    report = SendReport()
    messages = list(
        OutboxMessage.objects.filter(id__in=ids, locked_by=worker, status=MessageStatus.PENDING).order_by(
            "id"
        )
    )
    if not messages:
        return report
    conn = get_connection(fail_silently=False)
    try:
        conn.open()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("SMTP に接続できません: %s", exc)
        _release([m.pk for m in messages], worker=worker, delay=dt.timedelta(minutes=1))
        report.smtp_down = True
        return report
    contexts = digest_contexts([m for m in messages if m.kind == MessageKind.DIGEST])
    try:
        for index, message in enumerate(messages):
            email = render_message(message, connection=conn, contexts=contexts)
            if email is None:
                OutboxMessage.objects.filter(pk=message.pk).update(
                    status=MessageStatus.CANCELLED,
                    locked_until=None,
                    last_error="掲載中の求人がなくなったため送信せず",
                )
                report.cancelled += 1
                continue
            crash_point(OUTBOX_RENDERED)
            try:
                conn.send_messages([email])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                # The server refused this message (checked first: SMTPException is an OSError too).
                _record_failure(message, exc)
                if message.attempts + 1 >= MAX_ATTEMPTS:
                    report.failed += 1
                else:
                    report.retried += 1
                continue
            except (
                OSError
            ) as exc:  # the connection is gone (smtplib's errors are OSErrors): retry the rest soon
                log.warning("SMTP 接続が切れました: %s", exc)
                _release([m.pk for m in messages[index:]], worker=worker, delay=dt.timedelta(minutes=1))
                report.smtp_down = True
                break
            crash_point(OUTBOX_ACCEPTED)
            _record_sent(message, subject=str(email.subject))
            crash_point(OUTBOX_RECORDED)
            report.sent += 1
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            conn.close()
    return report


def outbox_send_due(*, worker: str | None = None, limit: int = CLAIM_BATCH) -> SendReport:
    """Claim and send one batch."""
    worker = worker or worker_name()
    return outbox_send_claimed(outbox_claim(worker=worker, limit=limit), worker=worker)


def outbox_drain(*, worker: str | None = None, max_batches: int = 1_000_000) -> SendReport:
    """Send until nothing is due (or SMTP is down)."""
    worker = worker or worker_name()
    total = SendReport()
    for _ in range(max_batches):
        ids = outbox_claim(worker=worker)
        if not ids:
            break
        part = outbox_send_claimed(ids, worker=worker)
        total.sent += part.sent
        total.failed += part.failed
        total.retried += part.retried
        total.cancelled += part.cancelled
        if part.smtp_down:
            total.smtp_down = True
            break
    return total


def _record_sent(message: OutboxMessage, *, subject: str) -> None:
    changes: dict[str, Any] = {
        "status": MessageStatus.SENT,
        # The subject as sent: a digest's is made again at send time (counts leave out postings closed since it
        # was queued), so the one stored when queueing may announce more than the mail did (マイデータ shows it).
        "subject": subject[:200],
        "sent_at": clock.now(),
        "locked_until": None,
        "attempts": F("attempts") + 1,
        "last_error": "",
    }
    if message.erase_after_send:
        # Mail to someone who deleted their account: keep only that a message went out.
        changes.update(to_email="", subject="", body_text="")
    OutboxMessage.objects.filter(pk=message.pk).update(**changes)


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    attempts = message.attempts + 1
    text = f"{type(exc).__name__}: {exc}"[:500]
    if attempts >= MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.FAILED, attempts=attempts, locked_until=None, last_error=text
        )
        log.error("メールを送信できませんでした（%s回）: %s %s", attempts, message.message_id, text)
        return
    delay = dt.timedelta(minutes=_BACKOFF_MINUTES[min(attempts, len(_BACKOFF_MINUTES)) - 1])
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts, locked_until=None, next_attempt_at=clock.now() + delay, last_error=text
    )


# Rendering ------------------------------------------------------------------------------------------------


def render_message(
    message: OutboxMessage,
    *,
    connection: Any = None,
    contexts: dict[int, dict[str, Any] | None] | None = None,
) -> EmailMultiAlternatives | None:
    """The MIME message for an outbox row; None when a digest has nothing left that may be shown.

    `contexts` (from `digest_contexts`) lets a batch share its database reads."""
    headers = {"Message-ID": message.message_id}
    if message.kind != MessageKind.DIGEST:
        return EmailMultiAlternatives(
            one_line(message.subject),  # rows queued before message_queue folded their subject
            message.body_text,
            settings.DEFAULT_FROM_EMAIL,
            [message.to_email],
            connection=connection,
            headers=headers,
        )
    context = (contexts if contexts is not None else digest_contexts([message])).get(message.pk)
    if context is None:
        return None
    # RFC 2369 / RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
    headers["List-Unsubscribe"] = f"<{context['unsubscribe_all']}>"
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Only the description is encoded (RFC 2919): Django would encode the whole non-ASCII value, <id> included,
    # and mail filters could no longer read the list's identifier.
    headers["List-Id"] = f"{Header('BOナビ 新着求人メール', 'utf-8').encode()} <digest.bonavi>"
    email = EmailMultiAlternatives(
        one_line(context["subject"]),
        render_to_string("notifications/email/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [message.to_email],
        connection=connection,
        headers=headers,
    )
    email.attach_alternative(render_to_string("notifications/email/digest.html", context), "text/html")
    return email


_LISTED_FIELDS = (
    "id",
    "title",
    "employer_name",
    "organization__name",
    "prefecture",
    "municipality",
    "wage_unit",
    "wage_min",
    "wage_max",
    "employment_type",
)


def digest_contexts(messages: Sequence[OutboxMessage]) -> dict[int, dict[str, Any] | None]:
    """Template contexts for digest messages, with two queries for the whole batch."""
    by_message: dict[int, list[DigestSection]] = {}
    for section in DigestSection.objects.filter(message_id__in=[m.pk for m in messages]).order_by("id"):
        by_message.setdefault(section.message_id, []).append(section)
    wanted = {pk for sections in by_message.values() for s in sections for pk in s.posting_ids}
    # Checked again now: a posting made 非公開 or closed since the pass is not shown.
    live: dict[int, JobPosting] = {
        p.pk: p
        for p in public_postings().filter(pk__in=wanted).select_related("organization").only(*_LISTED_FIELDS)
    }
    site = settings.SITE_URL
    # One reverse() for every posting link: the URL pattern is fixed, only the id changes.
    job_url = site + reverse("jobs:detail", args=[123456789]).replace("123456789", "{}")
    listed = {
        pk: {
            "title": p.title,
            "employer": p.employer_display,
            "location": p.location_display,
            "wage": p.wage_display,
            "employment_type": p.get_employment_type_display(),
            "url": job_url.format(pk),
        }
        for pk, p in live.items()
    }
    # Checked again now as well: a search deleted, paused or unsubscribed since the pass is not mailed — a refusal
    # stops mail at once, also mail queued before it (e.g. while SMTP was down).
    searching = set(
        SavedSearch.objects.filter(
            pk__in={s.saved_search_id for sections in by_message.values() for s in sections}
        )
        .exclude(frequency=Frequency.OFF)
        .values_list("pk", flat=True)
    )
    manage_url = site + reverse("notifications:saved_search_list")
    out: dict[int, dict[str, Any] | None] = {}
    for message in messages:
        parts: list[dict[str, Any]] = []
        for section in by_message.get(message.pk, []):
            postings = [listed[pk] for pk in section.posting_ids if pk in listed]
            if not postings or message.user_id is None or section.saved_search_id not in searching:
                continue
            search_id = section.saved_search_id
            # Postings listed at the pass but closed or made private since no longer count as new ones.
            total = section.total - (len(section.posting_ids) - len(postings))
            parts.append(
                {
                    "name": section.name,
                    "total": total,
                    "more": max(total - len(postings), 0),
                    "postings": postings,
                    "all_url": site
                    + reverse("notifications:saved_search_new", args=[search_id])
                    + "?"
                    + urlencode({"after": section.window_start.isoformat()})
                    if search_id
                    else "",
                    "unsubscribe": unsubscribe_url(user_id=message.user_id, saved_search_id=search_id)
                    if search_id
                    else "",
                }
            )
        total = sum(p["total"] for p in parts)
        out[message.pk] = (
            {
                "subject": digest_subject([p["name"] for p in parts], total),
                "sections": parts,
                "total": total,
                "manage_url": manage_url,
                "unsubscribe_all": unsubscribe_url(user_id=message.user_id or 0),
                "sender": sender_identity(),
            }
            if parts
            else None
        )
    return out


def digest_subject(names: Sequence[str], total: int) -> str:
    """「【BOナビ】新着求人N件：first search name ほかM件の条件」."""
    first = Truncator(names[0]).chars(30)
    more = f" ほか{len(names) - 1}件の条件" if len(names) > 1 else ""
    return f"【BOナビ】新着求人{total:,}件：{first}{more}"


def sender_identity() -> dict[str, str]:
    """The operator as 特定電子メール法 §4 asks a promotional mail to name it: name, address, contact."""
    return {
        "name": operator_name(),
        "address": settings.OPERATOR_ADDRESS,
        "contact": settings.OPERATOR_CONTACT,
    }
