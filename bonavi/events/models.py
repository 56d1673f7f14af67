"""企業説明会 (company information sessions): an organisation's event, and the seekers registered for it.

Times are stored in UTC and shown in Asia/Tokyo. The join URL of an online event is for registered participants
only: the public page, the public .ics, the sitemap and the API never show it (ADR 0083).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bonavi.core.clock import period_ja

TITLE_MAX = 100
DESCRIPTION_MAX = 4000
VENUE_MAX = 300
JOIN_URL_MAX = 500
CAPACITY_MAX = 1000


class EventFormat(models.TextChoices):
    ONSITE = "onsite", "対面"
    ONLINE = "online", "オンライン"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "開催予定"
    CANCELLED = "cancelled", "中止"


class Event(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="events", verbose_name="主催企業"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="作成者",
    )
    title = models.CharField("タイトル", max_length=TITLE_MAX)
    description = models.TextField("説明", max_length=DESCRIPTION_MAX)
    starts_at = models.DateTimeField("開始日時")
    ends_at = models.DateTimeField("終了日時")
    format = models.CharField("形式", max_length=16, choices=EventFormat.choices)
    prefecture = models.CharField("都道府県", max_length=2, blank=True)
    venue = models.CharField("会場の住所", max_length=VENUE_MAX, blank=True)
    join_url = models.URLField("参加URL", max_length=JOIN_URL_MAX, blank=True)
    capacity = models.PositiveIntegerField("定員")
    deadline = models.DateTimeField("申込締切")
    postings = models.ManyToManyField(
        "jobs.JobPosting", blank=True, related_name="+", verbose_name="関連する求人"
    )
    status = models.CharField(
        "状態", max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED, db_index=True
    )
    cancelled_at = models.DateTimeField("中止日時", null=True, blank=True)
    # RFC 5545 SEQUENCE: raised on every change, so a calendar that imported the file again takes the new one.
    sequence = models.PositiveIntegerField("カレンダーの版（SEQUENCE）", default=0)
    created_at = models.DateTimeField("作成日時", default=timezone.now)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "企業説明会"
        verbose_name_plural = "企業説明会"
        indexes = [models.Index(fields=["status", "starts_at"], name="event_upcoming")]

    def __str__(self) -> str:
        return self.title

    @property
    def when_display(self) -> str:
        """「2026年12月3日（木）14:00〜15:30」 in Japan time (the end's date too when it is another day)."""
        return period_ja(self.starts_at, self.ends_at)

    @property
    def is_online(self) -> bool:
        return self.format == EventFormat.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", "申込済み"
    # キャンセル待ち (ADR 0084): no seat, in line by created_at; a freed seat promotes the first to ACTIVE.
    WAITING = "waiting", "キャンセル待ち"
    CANCELLED = "cancelled", "キャンセル"


class Registration(models.Model):
    """One person's place at an event, or their place in its waiting list (status WAITING, ADR 0084). The name and
    address are those the person agreed to give the organiser when registering or joining the waiting list (the
    same consent line), kept as given; 退会 blanks them and unlinks the account, so only a count stays."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name="企業説明会"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name="申込者のアカウント",
    )
    name = models.CharField("氏名", max_length=100, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    status = models.CharField(
        "状態", max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.ACTIVE
    )
    # When the person asked (registered, or joined the waiting list). For a waiter it is their place in the line
    # (ties by id); promotion keeps it, so the organiser still sees when they first asked.
    created_at = models.DateTimeField("申込日時", default=timezone.now)
    cancelled_at = models.DateTimeField("キャンセル日時", null=True, blank=True)
    # Set when a freed seat moved this waiter to ACTIVE (a record, and 「キャンセル待ちから繰り上げ」 on the pages).
    promoted_at = models.DateTimeField("繰り上げ日時", null=True, blank=True)
    # The waiter was told no seat came up before the deadline: claimed with a conditional UPDATE … WHERE col IS
    # NULL in the transaction that queues that mail. A waiter with it set is out of the line for good.
    no_seat_notice_at = models.DateTimeField("繰り上げなしの通知日時", null=True, blank=True)
    # Claimed with a conditional UPDATE in the transaction that queues the reminder: set once, mailed once.
    reminder_sent_at = models.DateTimeField("前日リマインドの送信日時", null=True, blank=True)
    # Set when the event is cancelled and this person's notice (registrant or waiter) is queued.
    cancel_notice_at = models.DateTimeField("中止の通知日時", null=True, blank=True)
    anonymised_at = models.DateTimeField("匿名化日時", null=True, blank=True)

    class Meta:
        verbose_name = "説明会の申込"
        verbose_name_plural = "説明会の申込"
        constraints = [
            # One registration per person and event (NULL, after 退会, is never equal to another NULL).
            models.UniqueConstraint(fields=["event", "user"], name="registration_event_user_unique")
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.name or '（退会済み）'}"
