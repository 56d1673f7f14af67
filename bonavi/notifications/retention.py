"""Retention of the sent outbox (ADR 0044): after OUTBOX_RETENTION_DAYS a finished message keeps no personal data.

A message that has finished (sent, failed for good, or cancelled) keeps its address, subject, text and the SMTP
server's last error (which often names the address) only for support questions and bounce investigation. After
the retention period those are blanked, together with the name and query of the digest sections it carried.

What stays, and why:
- the row itself with its kind, status, dates and Message-ID: a record that a message went out, and the unique
  Message-ID keeps any later message from reusing an id a mail client has already seen;
- each digest section's saved search, window and posting ids: the digest pass reads them so that a republished
  posting is never announced twice to the same saved search (`digests._already_listed`).

Pending messages are never touched: accepted mail is always delivered, exactly as it was queued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from bonavi.core import clock

from .models import DigestSection, MessageStatus, OutboxMessage

FINISHED = (MessageStatus.SENT, MessageStatus.FAILED, MessageStatus.CANCELLED)
BATCH = 1000  # rows per transaction, so that SQLite's single write lock is held only briefly
EVERY_SECONDS = 3600.0


def retention_days() -> int:
    return int(getattr(settings, "OUTBOX_RETENTION_DAYS", 30))


@dataclass
class RetentionReport:
    messages: int = 0
    sections: int = 0


def _expired(cutoff: dt.datetime) -> Q:
    """Finished messages whose last event is older than `cutoff`: the sending time for sent mail, the queueing
    time for mail that never went out (failed or cancelled; retries end within three days of it)."""
    sent_long_ago = Q(status=MessageStatus.SENT, sent_at__lt=cutoff)
    never_sent_long_ago = Q(status__in=[MessageStatus.FAILED, MessageStatus.CANCELLED], created_at__lt=cutoff)
    return sent_long_ago | never_sent_long_ago


def _still_personal() -> Q:
    return ~Q(to_email="") | ~Q(subject="") | ~Q(body_text="") | ~Q(last_error="")


def outbox_retention(*, now: dt.datetime | None = None, days: int | None = None) -> RetentionReport:
    """Blank the personal data of finished messages older than the retention period. Idempotent: a second run
    finds nothing left to blank; safe on several workers at once (each update is a plain overwrite)."""
    days = retention_days() if days is None else days
    if days < 1:
        raise ValueError(
            f"メールの保存期間は1日以上にしてください（指定：{days}日、設定 OUTBOX_RETENTION_DAYS）。"
        )
    cutoff = (now or clock.now()) - dt.timedelta(days=days)
    report = RetentionReport()
    expired = OutboxMessage.objects.filter(_expired(cutoff))
    while True:
        with transaction.atomic():
            ids = list(expired.filter(_still_personal()).order_by("id").values_list("id", flat=True)[:BATCH])
            if not ids:
                break
            # status is checked again in the UPDATE itself: a row that is pending is never changed.
            report.messages += OutboxMessage.objects.filter(id__in=ids, status__in=FINISHED).update(
                to_email="", subject="", body_text="", last_error=""
            )
    while True:
        with transaction.atomic():
            ids = list(
                DigestSection.objects.filter(message__in=expired)
                .filter(~Q(name="") | ~Q(query=""))
                .order_by("id")
                .values_list("id", flat=True)[:BATCH]
            )
            if not ids:
                break
            report.sections += DigestSection.objects.filter(id__in=ids).update(name="", query="")
    return report
