"""Saved searches (job alerts), the e-mail outbox, and the record of what each digest contained.

The outbox is the queue: a message row is written in the same transaction as the change that causes it, and
`bonavi run_worker` / `bonavi send_digests` deliver it (ADR 0040). A digest message keeps the posting ids it
announces per saved search (`DigestSection`); the body is rendered when it is sent, from postings that are
still public at that moment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Frequency(models.TextChoices):
    INSTANT = "instant", "即時（15分以内）"
    DAILY = "daily", "毎日（朝7時）"
    WEEKLY = "weekly", "毎週（月曜朝7時）"
    OFF = "off", "停止"


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField("名前", max_length=100)
    # The canonical query string of the search (SearchParams.to_querystring()), so equal searches compare equal.
    query = models.CharField("検索条件", max_length=2000)
    frequency = models.CharField(
        "配信頻度", max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    # Postings published at or before this instant have been considered for this search; the next digest covers
    # (covered_until, pass time − settle]. It only moves forward, in the same transaction as the digest it covers.
    covered_until = models.DateTimeField(default=timezone.now)
    next_due_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField("最終配信日時", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "保存した検索条件"
        verbose_name_plural = "保存した検索条件"
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="savedsearch_user_query_unique")
        ]
        indexes = [models.Index(fields=["next_due_at", "user"], name="savedsearch_due")]

    def __str__(self) -> str:
        return self.name


class MessageKind(models.TextChoices):
    DIGEST = "digest", "新着求人メール"
    APPLICATION = "application", "応募状況のお知らせ"
    ACCOUNT = "account", "アカウントのお知らせ"
    EVENT = "event", "企業説明会のお知らせ"
    COMPLAINT = "complaint", "苦情・お問い合わせ"


class MessageStatus(models.TextChoices):
    PENDING = "pending", "送信待ち"
    SENT = "sent", "送信済み"
    FAILED = "failed", "送信失敗"
    CANCELLED = "cancelled", "取消"


class OutboxMessage(models.Model):
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbox_messages",
    )
    to_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200, blank=True)
    # Empty for digests: they are rendered from their sections at send time.
    body_text = models.TextField(blank=True)
    # Fixed when the message is queued, so that a resend after a crash carries the same Message-ID and mail
    # clients fold the two copies into one.
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker's lease: while locked_until is in the future no other worker sends this message.
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # Set for mail to someone who deleted their account: after sending, address and text are erased.
    erase_after_send = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "送信メール"
        verbose_name_plural = "送信メール"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.message_id}"


class DigestSection(models.Model):
    """One saved search's part of a digest: the window it covers, how many matched, which postings it lists."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="sections")
    saved_search = models.ForeignKey(
        SavedSearch, null=True, blank=True, on_delete=models.SET_NULL, related_name="sections"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    total = models.PositiveIntegerField()
    posting_ids = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["saved_search", "window_end"], name="digestsection_search")]

    def __str__(self) -> str:
        return f"{self.name}: {self.total}"


class DigestPostingSeen(models.Model):
    """A (posting, publication time) a digest pass has looked at.

    A posting that is closed and published again gets a new date_posted and so falls into a later window; this
    table lets the pass recognise it and not list it again for a search that already received it.
    """

    posting = models.ForeignKey("jobs.JobPosting", on_delete=models.CASCADE, related_name="+")
    date_posted = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["posting", "date_posted"], name="digestseen_posting_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.posting_id}@{self.date_posted:%Y-%m-%d %H:%M}"
