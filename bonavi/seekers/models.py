"""The job seeker's own data: profile, favourites, applications, consent, and who has read the profile.

The profile has no field JAPAN-RULES §7 says must not be collected (本籍・出生地, 家族, 思想・信条, 労働組合,
住宅状況, 生活環境 …). 性別 is optional free text, never a 男/女 choice, as in the MHLW 履歴書 様式例.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bonavi.core.contact import validate_phone, validate_postal_code
from bonavi.core.interviews import InterviewAnswerFields, InterviewBase
from bonavi.core.text import to_hiragana, widen_kana
from bonavi.jobs.models import JobPosting, WageUnit

from .offers import (
    OFFER_TERMS_MAX,
    START_REASON_MAX,
    AnswerDeadline,
    OfferBefore,
    answer_deadline,
    offer_before,
)

kana_validator = RegexValidator(
    r"^[\u3041-\u309f\u30fc\s　]*$", "ふりがなはひらがなで入力してください。", code="kana"
)
TEXT_MAX = 2000


def kana_reading(text: str) -> str:
    """ふりがな as stored: katakana, full- or half-width (ヤマダ, ﾔﾏﾀﾞ), becomes hiragana (やまだ). Many people type
    a reading in katakana, and 履歴書 asks for ふりがな, so it is converted rather than refused; what is still not
    hiragana after that (漢字, ローマ字) is refused by kana_validator."""
    return to_hiragana(widen_kana(text))


class Situation(models.TextChoices):
    EMPLOYED = "employed", "在職中"
    UNEMPLOYED = "unemployed", "離職中"
    STUDENT = "student", "学生"


class RemotePreference(models.TextChoices):
    ANY = "", "こだわらない"
    PARTIAL = "partial", "在宅勤務ありを希望"
    FULL = "full", "フルリモートを希望"
    OFFICE = "office", "出社を希望"


# What a seeker may set on her profile (form, API and service accept exactly these).
PROFILE_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "phone",
    "postal_code",
    "address",
    "birth_date",
    "gender",
    "situation",
    "desired_families",
    "desired_prefectures",
    "desired_employment_types",
    "desired_pay_unit",
    "desired_pay_min",
    "desired_annual_income",
    "available_from",
    "remote_preference",
    "pc_skills",
    "experience",
)


class SeekerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )

    family_name = models.CharField("姓", max_length=50, blank=True)
    given_name = models.CharField("名", max_length=50, blank=True)
    family_name_kana = models.CharField(
        "せい（ふりがな）", max_length=50, blank=True, validators=[kana_validator]
    )
    given_name_kana = models.CharField(
        "めい（ふりがな）", max_length=50, blank=True, validators=[kana_validator]
    )
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    postal_code = models.CharField("郵便番号", max_length=8, blank=True, validators=[validate_postal_code])
    address = models.CharField("住所", max_length=200, blank=True)
    birth_date = models.DateField("生年月日", null=True, blank=True)
    gender = models.CharField(
        "性別（任意）", max_length=20, blank=True, help_text="記入は任意です。自由に記入できます。"
    )
    situation = models.CharField("現在の状況", max_length=16, choices=Situation.choices, blank=True)

    # 希望条件
    desired_families = models.JSONField("希望職種", default=list, blank=True)
    desired_prefectures = models.JSONField("希望勤務地", default=list, blank=True)
    desired_employment_types = models.JSONField("希望雇用形態", default=list, blank=True)
    desired_pay_unit = models.CharField("希望給与の単位", max_length=8, choices=WageUnit.choices, blank=True)
    desired_pay_min = models.PositiveIntegerField(
        "希望給与（下限・円）", null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    desired_annual_income = models.PositiveIntegerField(
        "希望年収（万円）", null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    available_from = models.DateField("入社可能日", null=True, blank=True)
    remote_preference = models.CharField(
        "在宅勤務の希望", max_length=16, choices=RemotePreference.choices, blank=True
    )

    # スキル・経験
    pc_skills = models.JSONField("PCスキル", default=dict, blank=True)  # {skill code: level 0–3}
    experience = models.TextField(
        "経験（アルバイト・サークル・ボランティアなど）",
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text="どこで、何を、どのくらいの期間したか。数字があれば書き添えてください。",
    )

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "求職者プロフィール"
        verbose_name_plural = "求職者プロフィール"

    def __str__(self) -> str:
        return self.full_name or f"プロフィール {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()


class HistoryKind(models.TextChoices):
    EDUCATION = "education", "学歴"
    WORK = "work", "職歴"


class HistoryEntry(models.Model):
    """One 学歴・職歴 row as on a 履歴書: 年・月 and what happened (「〇〇高等学校 卒業」「株式会社〇〇 入社」)."""

    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField("区分", max_length=16, choices=HistoryKind.choices)
    year = models.PositiveSmallIntegerField(
        "年", validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField("月", validators=[MinValueValidator(1), MaxValueValidator(12)])
    text = models.CharField("内容", max_length=200)

    class Meta:
        ordering = ["kind", "year", "month", "id"]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月 {self.text}"


class QualificationEntry(models.Model):
    profile = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="qualifications")
    code = models.CharField("資格（一覧から）", max_length=32, blank=True)
    name = models.CharField("資格名", max_length=100)
    acquired_year = models.PositiveSmallIntegerField(
        "取得年", null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    acquired_month = models.PositiveSmallIntegerField(
        "取得月", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    score = models.PositiveIntegerField(
        "スコア・点数", null=True, blank=True, validators=[MaxValueValidator(9999)]
    )

    class Meta:
        ordering = ["acquired_year", "acquired_month", "id"]

    def __str__(self) -> str:
        return self.name

    def as_dict(self) -> dict[str, object]:
        """The entry as the API, the data export and the form's initial rows carry it."""
        return {
            "code": self.code,
            "name": self.name,
            "acquired_year": self.acquired_year,
            "acquired_month": self.acquired_month,
            "score": self.score,
        }


class Favorite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites")
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="favorite_user_posting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.posting_id}"


class ApplicationStatus(models.TextChoices):
    """Also the words of the employer's 応募者 list for both kinds (seekers.inbox.STEPS, ADR 0121): one set on the
    list, the detail pages, the seeker's pages, the mails and the API's status_label."""

    APPLIED = "applied", "応募済"
    SCREENING = "screening", "書類選考"
    INTERVIEW = "interview", "面接"
    OFFER = "offer", "内定"
    HIRED = "hired", "入社"
    REJECTED = "rejected", "不採用"
    WITHDRAWN = "withdrawn", "辞退"


FINAL_STATUSES = frozenset({ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN})
PIPELINE = [
    ApplicationStatus.APPLIED,
    ApplicationStatus.SCREENING,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFER,
    ApplicationStatus.HIRED,
]


# What qualifies 内定 once she accepted it (ADR 0126): 「内定（承諾済み）」 on the pages and the 応募者 list.
OFFER_ACCEPTED_NOTE = "承諾済み"


# Who may propose a new 入社予定日 after her 承諾 (ADR 0135): the values of ActorRole's two parties.
START_PROPOSERS = [("seeker", "応募者"), ("employer", "採用担当")]


class Application(models.Model):
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="applications")
    # NULL once the applicant deleted their account: the row stays, without identity, for the employer's counts.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    status = models.CharField(
        "状況", max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    message = models.TextField("メッセージ", blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    # The profile as it was sent: what the employer received is what they see, even if the profile changes.
    profile_snapshot = models.JSONField(default=dict, blank=True)
    # The 履歴書・職務経歴書 version the seeker chose to send, as it was then (ADR 0091): its label and the
    # documents app's snapshot of it (read back only through seekers.attachments). Empty when none was sent.
    document_label = models.CharField("送付した書類", max_length=200, blank=True)
    document_snapshot = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField("応募日時", default=timezone.now)
    # Saved with each status change (services._move) and her 内定承諾, so the lists show it as the last update
    # without reading the events; the only other save is the anonymisation when the applicant deletes their account.
    updated_at = models.DateTimeField(auto_now=True)
    # 内定承諾 (ADR 0126): when she accepted the 内定 — a qualifier of 内定 (「内定（承諾済み）」, as a referral's
    # 内定承諾 reads on the 応募者 list), not a status of its own; who did it is the 経過 entry written with it.
    offer_accepted_at = models.DateTimeField("内定承諾日時", null=True, blank=True)
    # What the company gave with the 内定 (ADR 0129), set only by the move to 内定 (services.application_move, its
    # rules in seekers.offers): her 回答期限 (empty: none given), the 入社予定日 and the offer's own terms (提示月給・
    # 配属先…) in the company's words. The day-before reminder of the deadline is claimed once by its timestamp.
    offer_answer_by = models.DateField("内定の回答期限", null=True, blank=True)
    offer_start_on = models.DateField("入社予定日", null=True, blank=True)
    offer_terms = models.TextField("内定の条件", blank=True, validators=[MaxLengthValidator(OFFER_TERMS_MAX)])
    offer_reminded_at = models.DateTimeField("回答期限のリマインド送信日時", null=True, blank=True)
    # A change of the 入社予定日 or 内定の条件 before her answer (ADR 0130): the version her 承諾 must carry (one more
    # at each change, so a 承諾 from a page shown before it is refused) and when the latest change was made.
    offer_version = models.PositiveIntegerField("内定の内容の版", default=1)
    offer_changed_at = models.DateTimeField("内定の内容の変更日時", null=True, blank=True)
    # Every earlier value of each item (ADR 0130, addenda s20 and s21): one entry per replaced value, oldest first —
    # {"item": "start_on" | "offer_terms", "was": "YYYY-MM-DD" | None for the date, the text for the terms,
    # "until": the ISO moment it was replaced, or None for a change made before the history was kept whose moment
    # is not known} — appended by the company's change and by an agreed 入社日 proposal. The one record: each
    # item's 「変更前」 is its last entry (offers.latest_was; seekers 0016 folded the former offer_previous in).
    offer_history = models.JSONField("内定の内容の変更の履歴", default=list, blank=True)
    # After her 承諾 the company may only propose a new 入社予定日 (ADR 0130): the date stands until she agrees.
    offer_start_proposed = models.DateField("入社予定日の変更の提案", null=True, blank=True)
    offer_start_proposed_at = models.DateTimeField("入社予定日の変更を提案した日時", null=True, blank=True)
    # Either side may propose (ADR 0135): who made the pending proposal ("seeker" | "employer", an ActorRole value;
    # empty when none is pending) — only the other side answers it, only its maker withdraws it. One pending
    # proposal per 内定: a new one from either side replaces it.
    offer_start_proposed_by = models.CharField(
        "入社予定日の変更を提案した側", max_length=16, choices=START_PROPOSERS, blank=True
    )
    # The date of the latest proposal its maker withdrew (cleared by the next proposal), so that an answer from a
    # page drawn before is told that it was withdrawn, not just that nothing is pending.
    offer_start_withdrawn = models.DateField("取り下げられた入社予定日の変更の提案", null=True, blank=True)
    # Why the pending proposal was made, in its maker's words (ADR 0155; optional, offers.START_REASON_MAX): kept
    # and cleared with the proposal, shown to the side that answers it.
    offer_start_proposed_reason = models.CharField(
        "入社予定日の変更の理由", max_length=START_REASON_MAX, blank=True
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Messages in the thread (ApplicationMessage) each side has not opened yet: counters on the row, so the
    # lists show a badge without a query per application. Changed only with QuerySet.update(), which leaves
    # `updated_at` (the last status change) alone. The employer's is shared by the company's 採用担当 (ADR 0090).
    seeker_unread = models.PositiveIntegerField(default=0)
    employer_unread = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "応募"
        verbose_name_plural = "応募"
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "applicant"],
                condition=Q(applicant__isnull=False),
                name="application_once_per_posting",
            )
        ]
        indexes = [models.Index(fields=["posting", "status"], name="application_posting_status")]

    def __str__(self) -> str:
        return f"応募 {self.pk}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def offer_accepted(self) -> bool:
        """At 内定 and accepted by her: the pages and the 応募者 list say 「内定（承諾済み）」."""
        return self.status == ApplicationStatus.OFFER and self.offer_accepted_at is not None

    @property
    def answer_deadline(self) -> AnswerDeadline | None:
        """Her 回答期限 while it still matters — at 内定, not yet accepted, a deadline given — with the days left as
        of today in Japan (ADR 0129); None otherwise. Her card and lists, the company's page and list read it."""
        if self.status != ApplicationStatus.OFFER or self.offer_accepted_at is not None:
            return None
        return answer_deadline(self.offer_answer_by)

    @property
    def offer_before(self) -> OfferBefore | None:
        """The 内定's items as they were before the company changed them (ADR 0130), or None: both sides' cards."""
        return offer_before(self.offer_history, self.offer_changed_at)

    @property
    def interview_line(self) -> str:
        """At 面接, the line her lists give under the step, from the interview's own words (InterviewBase.row_line):
        「面接日時：12月1日（火）18:30」, 「面接済み（12月1日（火））」 once held, "" without a date or once called
        off. The lists join the interview (selectors._listed), so this reads no row."""
        if self.status != ApplicationStatus.INTERVIEW:
            return ""
        interview = getattr(self, "interview", None)
        return interview.row_line() if interview is not None else ""

    @property
    def status_display(self) -> str:
        """The status as every badge says it: its word, and 「内定（承諾済み）」 once she accepted (the 応募者 list
        says it through seekers.inbox.step_label, with OFFER_ACCEPTED_NOTE)."""
        word = self.get_status_display()
        return f"{word}（{OFFER_ACCEPTED_NOTE}）" if self.offer_accepted else word

    @property
    def applicant_name(self) -> str:
        snap = self.profile_snapshot or {}
        return f"{snap.get('family_name', '')} {snap.get('given_name', '')}".strip() or "（退会済みの応募者）"


class ActorRole(models.TextChoices):
    SEEKER = "seeker", "応募者"
    EMPLOYER = "employer", "採用担当"
    SYSTEM = "system", "システム"


class ApplicationEvent(models.Model):
    """Each change of an application's status: the seeker's timeline and the employer's log."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(max_length=16, choices=ActorRole.choices)
    note = models.CharField("連絡事項", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status}→{self.to_status}"


# 応募後のメッセージ (ADR 0090): the longest message, and how many one application's thread may hold.
MESSAGE_MAX = 1000
THREAD_MAX = 300


class ApplicationMessage(models.Model):
    """One message in an application's thread, from the applicant or from the posting company's 採用担当.

    `side` says who wrote it as both sides see it (応募者 / 採用担当 of the company); the staff member's own account
    is kept in `sender` for the log but never shown. Deleted with the application's other personal data at 退会."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="thread")
    side = models.CharField(
        max_length=16, choices=[(ActorRole.SEEKER, "応募者"), (ActorRole.EMPLOYER, "採用担当")]
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField("メッセージ", validators=[MaxLengthValidator(MESSAGE_MAX)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "応募後のメッセージ"
        verbose_name_plural = "応募後のメッセージ"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="app_message_thread")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.side}"


class MessageAttachment(models.Model):
    """The one file a message may carry (ADR 0097): a PDF, JPEG or PNG checked by its content (message_files).

    Kept in the database, as the 履歴書 photo is: it is read only through the thread's permission selector, is
    backed up and deleted with its message (退会 deletes the thread), and never lies under MEDIA_ROOT where a
    misconfigured server could hand it out. The bytes are in their own column, deferred when the thread is shown."""

    message = models.OneToOneField(ApplicationMessage, on_delete=models.CASCADE, related_name="attachment")
    name = models.CharField("ファイル名", max_length=100)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField("サイズ（バイト）")
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField(editable=False)

    class Meta:
        verbose_name = "メッセージの添付ファイル"
        verbose_name_plural = "メッセージの添付ファイル"

    def __str__(self) -> str:
        return self.name


class ConsentRecord(models.Model):
    """Consent to the purposes of use, with the notice's version and the moment (職業安定法5条の5)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(max_length=20)
    purposes = models.JSONField(default=list)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} v{self.version}"


class ProfileAccess(models.Model):
    """Someone other than the seeker read their profile (e.g. an employer opening an application)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_reads"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who, as the seeker should see it (the organisation and role), kept even if the viewer's account goes.
    viewer_label = models.CharField(max_length=250)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField(max_length=100)
    channel = models.CharField(max_length=10, default="web")  # web / api
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.viewer_label} → {self.owner_id}"


# 最近見た求人 (ADR 0087): how many a person keeps and for how long; the privacy page states both.
RECENT_VIEWS_MAX = 50
RECENT_VIEWS_DAYS = 90


class RecentView(models.Model):
    """A signed-in seeker opened a posting's detail page: one row per posting, its time moved on a repeat view."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recent_views")
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    # Indexed for the retention pass over everyone's rows; one person's (at most RECENT_VIEWS_MAX, found through
    # the unique constraint's index, which starts with the user) are few enough to sort as they are read.
    viewed_at = models.DateTimeField("閲覧日時", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "最近見た求人"
        verbose_name_plural = "最近見た求人"
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="recent_view_user_posting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}→{self.posting_id}"


class RecentViewsOff(models.Model):
    """The person turned 最近見た求人 off: while this row exists nothing is recorded. Its absence is the default
    (on), so the detail page reads no setting row for the usual case — the recording statement checks it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recent_views_off"
    )
    since = models.DateTimeField("停止した日時", default=timezone.now)

    class Meta:
        verbose_name = "閲覧履歴の停止"
        verbose_name_plural = "閲覧履歴の停止"

    def __str__(self) -> str:
        return f"{self.user_id}（停止中）"


class Interview(InterviewBase, InterviewAnswerFields):
    """The 面接 of a direct application (ADR 0102): set by the posting company's 採用担当 when the application is
    at 面接, changed or called off by them; the applicant sees it on their page and can add it to a calendar, and
    answer it (ADR 0140: 「この日程で参加します」 or 「日程の変更をお願いする」, cleared by the company's next change).
    One per application (its pipeline has one 面接 step); a change updates the row and bumps `sequence`."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="interview")

    class Meta:
        verbose_name = "面接の日程"
        verbose_name_plural = "面接の日程"
        indexes = [models.Index(fields=["starts_at"], name="seekers_interview_starts")]

    def __str__(self) -> str:
        return f"面接 {self.application_id}: {self.when_display}"

    # Any change by the company — a new time, place or 持ち物, a cancellation, a date again after one — asks her
    # afresh (ADR 0140): an 「参加予定」 given to the old date must not stand beside the new one on the company's
    # page and list. Here rather than in each service, so no path that changes the row can keep a stale answer.
    def apply(self, cleaned: Mapping[str, Any], *, now: dt.datetime) -> str:
        news = super().apply(cleaned, now=now)
        if news and self.answer_reset():
            self.save(update_fields=list(self.ANSWER_FIELDS))
        return news

    def cancel(self, *, now: dt.datetime) -> None:
        super().cancel(now=now)
        if self.answer_reset():
            self.save(update_fields=list(self.ANSWER_FIELDS))
