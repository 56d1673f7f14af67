"""Complaints and reports sent to the platform's operator (職業安定法: a 特定募集情報等提供事業者 handles complaints promptly under a published procedure, ADR 0080).

Separate from an agency's 苦情処理簿 (agents.Complaint), which its 職業紹介責任者 handles: these are about the
platform itself and the postings on it, and the operator (運営) handles them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Category(models.TextChoices):
    POSTING_FACTS = "posting_facts", "求人内容が事実と違う・労働条件の表示"
    DISCRIMINATION = "discrimination", "差別的な表現（年齢・性別など）"
    PERSONAL_DATA = "personal_data", "個人情報の扱い"
    FEE = "fee", "料金を請求された"
    OTHER = "other", "サービスの不具合・その他"


class Status(models.TextChoices):
    RECEIVED = "received", "受付"
    IN_PROGRESS = "in_progress", "対応中"
    DONE = "done", "完了"


class Complaint(models.Model):
    # What the reporter is told (受付番号): the JST date and a random part, so it reveals neither the row id nor
    # how many complaints have come in.
    reference = models.CharField("受付番号", max_length=20, unique=True)
    category = models.CharField("種類", max_length=20, choices=Category.choices)
    # Only a posting the reporter could see when reporting (support.services.reportable_posting).
    posting = models.ForeignKey(
        "jobs.JobPosting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",  # no reverse accessor: nothing on the employer's side can reach its complaints
        verbose_name="対象の求人",
    )
    body = models.TextField("内容")
    reply_email = models.EmailField("返信先", blank=True)
    name = models.CharField("お名前", max_length=100, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        # Named, not "+": マイデータ exports every non-hidden relation to the user (seekers.mydata.other_data).
        related_name="support_complaints",
        verbose_name="ログイン中のアカウント",
    )
    status = models.CharField(
        "状態", max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField("受付日時", default=timezone.now, db_index=True)
    response = models.TextField("対応内容", blank=True)
    resolved_at = models.DateTimeField("完了日時", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="対応者",
    )
    # What the operator did about it beyond the answer, one line each, appended by the services and never edited:
    # 「2026年11月27日（金）14:00 求人「…」（ID 12）の掲載を停止（運営：…）。理由：…」 (ADR 0153).
    actions = models.TextField("運営の措置", blank=True)
    # A hash of who sent what (client, category, posting, text, address): an identical POST a few minutes later
    # (a double click, a reload of the POST) finds the first complaint instead of filing a second one. Unique when
    # set, so two identical POSTs at the same moment cannot both file; blanked once DOUBLE_SUBMIT_MINUTES are past
    # (by the next identical complaint) and by anonymisation.
    fingerprint = models.CharField(max_length=64, blank=True)
    # Whether the acknowledgement was queued: past the per-address cap it is not, and the done page must not
    # promise it.
    acknowledged = models.BooleanField("受付確認メール", default=False)
    anonymised_at = models.DateTimeField("匿名化日時", null=True, blank=True)

    class Meta:
        verbose_name = "苦情・お問い合わせ"
        verbose_name_plural = "苦情・お問い合わせ"
        ordering = ("-received_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="complaint_fingerprint_unique",
            )
        ]

    def __str__(self) -> str:
        return f"受付番号 {self.reference}"
