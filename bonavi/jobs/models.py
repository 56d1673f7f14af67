"""The job posting and every working condition Japanese law asks a posting to show (JAPAN-RULES §1)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from bonavi.accounts.models import Organization
from bonavi.accounts.selectors import has_hiring_staff
from bonavi.compliance.facts import OWN_WORDS_MAX
from bonavi.core.clock import today_jst
from bonavi.core.contract_terms import (
    CONTRACT_DAYS_MAX,
    CONTRACT_DAYS_RANGE,
    CONTRACT_MONTHS_MAX,
    contract_term_text,
)
from bonavi.core.prefectures import PREFECTURE_CHOICES, prefecture_name
from bonavi.core.text import nfkc, strip_control

from .catalog import FAMILY_CHOICES, SUBROLE_BY_CODE, SUBROLE_CHOICES

LONG_TEXT = 4000  # characters; longer 業務内容 is a sign of pasted junk, and pages must stay readable


def long_text(verbose: str, *, limit: int = LONG_TEXT, **kw: Any) -> models.TextField:
    # max_length changes no column (a TextField has none) but gives the form field its limit, so the posting form
    # refuses a longer text in its own words, naming the field; a model TextField does not check max_length itself,
    # hence the validator (the API and the bulk import go through full_clean).
    return models.TextField(
        verbose, blank=True, max_length=limit, validators=[MaxLengthValidator(limit)], **kw
    )


class EmploymentType(models.TextChoices):
    SEISHAIN = "seishain", "正社員"
    KEIYAKU = "keiyaku", "契約社員"
    HAKEN = "haken", "派遣社員"
    PART = "part", "パート・アルバイト"


class WageUnit(models.TextChoices):
    HOUR = "hour", "時給"
    DAY = "day", "日給"
    MONTH = "month", "月給"
    YEAR = "year", "年俸"


class Telework(models.TextChoices):
    NONE = "none", "なし（出社）"
    PARTIAL = "partial", "一部在宅可"
    FULL = "full", "フルリモート"


class HolidayPattern(models.TextChoices):
    WEEKENDS = "weekends", "土日祝休み"
    WEEKENDS_ONLY = "weekends_only", "土日休み（祝日出勤あり）"
    SHIFT = "shift", "シフト制"
    WEEKDAYS = "weekdays", "平日休み"
    OTHER = "other", "その他"


class SmokingMeasure(models.TextChoices):
    INDOOR_BAN = "indoor_ban", "屋内禁煙"
    INDOOR_ROOM = "indoor_room", "屋内原則禁煙（喫煙専用室あり）"
    PREMISES_BAN = "premises_ban", "敷地内禁煙"
    ALLOWED = "allowed", "喫煙可（受動喫煙対策なし）"
    OTHER = "other", "その他（備考に記載）"


class AgeException(models.TextChoices):
    NO1 = "1", "1号：定年を上限（期間の定めのない契約）"
    NO2 = "2", "2号：法令による年齢制限"
    NO3I = "3i", "3号イ：長期キャリア形成（若年者・職務経験不問）"
    NO3RO = "3ro", "3号ロ：特定の職種で特定の年齢層が少ない"
    NO3HA = "3ha", "3号ハ：芸術・芸能の表現の真実性"
    NO3NI = "3ni", "3号ニ：60歳以上・国の施策の対象"


class PostingStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    PUBLISHED = "published", "公開中"
    CLOSED = "closed", "募集終了"
    EXPIRED = "expired", "掲載期限切れ"


class Visibility(models.TextChoices):
    PUBLIC = "public", "公開求人"
    PRIVATE = "private", "非公開求人"


class Renewal(models.TextChoices):
    NONE = "none", "更新なし"
    POSSIBLE = "possible", "更新する場合あり"
    AUTOMATIC = "automatic", "自動更新"


# A short key the employer keeps in a spreadsheet cell (「A-001」「2026-経理-03」), not a description.
REFERENCE_MAX = 30


def reference_normal(value: str) -> str:
    """A 社内管理番号 as it is stored and looked up: 「Ａ－００１ 」 and 「A-001」 are one number. The form, the API and
    the import all read it through this, so a number typed in one is found by the others."""
    return nfkc(strip_control(value or "")).strip()


class JobPosting(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="採用企業", on_delete=models.PROTECT, related_name="postings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="作成者",
    )
    status = models.CharField(
        "状態", max_length=16, choices=PostingStatus.choices, default=PostingStatus.DRAFT, db_index=True
    )
    visibility = models.CharField(
        "公開範囲", max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    # 募集する仕事
    title = models.CharField("求人タイトル", max_length=120)
    family = models.CharField("職種（大分類）", max_length=32, choices=FAMILY_CHOICES, editable=False)
    subrole = models.CharField("職種", max_length=32, choices=SUBROLE_CHOICES)
    employment_type = models.CharField("雇用形態", max_length=16, choices=EmploymentType.choices)
    is_dispatch = models.BooleanField("派遣労働者として雇用する", default=False)
    duties = long_text("業務内容（雇入れ直後）")
    duties_change_scope = models.CharField("業務内容の変更の範囲", max_length=300, blank=True)
    # The company's own words (ADR 0128): not working conditions, but read by the compliance checker exactly as
    # 業務内容 is (jobs.facts.posting_facts puts them in the checker's texts), searchable like it, never evidence
    # for matching and never in an agency's conditions snapshot.
    appeal = long_text(
        "仕事の魅力・職場の様子",
        limit=OWN_WORDS_MAX,
        help_text=(
            f"任意・{OWN_WORDS_MAX:,}文字まで。やりがい、チームの人数や雰囲気、入社後の教え方などを具体的に。"
            "応募者を性別・年齢で限る・選ぶ言葉（「女性歓迎」「20代の方に」など）は書けません。"
        ),
    )
    ideal_candidate = long_text(
        "求める人物像",
        limit=OWN_WORDS_MAX,
        help_text=(
            f"任意・{OWN_WORDS_MAX:,}文字まで。求める経験・行動・姿勢を書きます。人を性別・年齢で示す言葉"
            "（「明るい女性の方」「20代の方」）や、本籍・出身地・家族についての質問は書けません。"
        ),
    )

    # 就業場所
    prefecture = models.CharField("都道府県", max_length=2, choices=PREFECTURE_CHOICES)
    municipality = models.CharField("市区町村", max_length=60, blank=True)
    address = models.CharField("番地・建物名", max_length=200, blank=True)
    nearest_station = models.CharField("最寄り駅・アクセス", max_length=120, blank=True)
    telework = models.CharField("テレワーク", max_length=16, choices=Telework.choices, default=Telework.NONE)
    work_place_change_scope = models.CharField("就業場所の変更の範囲", max_length=300, blank=True)

    # 契約期間・試用期間
    fixed_term = models.BooleanField("期間の定めあり（有期契約）", default=False)
    contract_months = models.PositiveSmallIntegerField(
        "契約期間（か月）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(CONTRACT_MONTHS_MAX)],
    )
    # A contract under one month (日雇, 日々雇用) in days: months cannot say it, and the 職業紹介事業報告書 counts it
    # apart (ADR 0115). A fixed term is given in months or in days, never both (validation.posting_problems).
    contract_days = models.PositiveSmallIntegerField(
        "契約期間（日・1か月未満の場合）",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, CONTRACT_DAYS_RANGE),
            MaxValueValidator(CONTRACT_DAYS_MAX, CONTRACT_DAYS_RANGE),
        ],
        help_text="1か月未満の契約（日雇い・短期）だけ日数で入力し、契約期間（か月）は空欄にします。",
    )
    renewal = models.CharField("契約更新", max_length=16, choices=Renewal.choices, blank=True)
    renewal_criteria = models.CharField("更新の基準", max_length=300, blank=True)
    renewal_cap = models.CharField("更新上限（通算期間・回数）", max_length=200, blank=True)
    has_probation = models.BooleanField("試用期間あり", default=False)
    probation_months = models.PositiveSmallIntegerField(
        "試用期間（か月）", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    probation_conditions = models.CharField(
        "試用期間中の条件", max_length=300, blank=True, help_text="本採用と同じ場合は「同条件」と記入"
    )

    # 労働時間・休日
    start_time = models.TimeField("始業時刻", null=True, blank=True)
    end_time = models.TimeField("終業時刻", null=True, blank=True)
    hours_note = models.CharField("勤務時間の補足（シフト・フレックス等）", max_length=300, blank=True)
    break_minutes = models.PositiveSmallIntegerField(
        "休憩時間（分）", null=True, blank=True, validators=[MaxValueValidator(240)]
    )
    overtime_exists = models.BooleanField("時間外労働あり", default=False)
    overtime_monthly_hours = models.PositiveSmallIntegerField(
        "月平均残業時間", null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    holiday_pattern = models.CharField("休日", max_length=16, choices=HolidayPattern.choices, blank=True)
    annual_holidays = models.PositiveSmallIntegerField(
        "年間休日", null=True, blank=True, validators=[MaxValueValidator(365)]
    )
    holidays_note = models.CharField("休日・休暇の補足", max_length=300, blank=True)
    scheduled_monthly_hours = models.DecimalField(
        "月平均所定労働時間",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(250)],
    )

    # 賃金
    wage_unit = models.CharField("賃金の単位", max_length=8, choices=WageUnit.choices)
    wage_min = models.PositiveIntegerField(
        "賃金（下限・円）", help_text="固定残業代がある場合は、それを除いた基本給の額"
    )
    wage_max = models.PositiveIntegerField("賃金（上限・円）", null=True, blank=True)
    allowances = models.CharField("手当", max_length=300, blank=True)
    fixed_overtime = models.BooleanField("固定残業代あり", default=False)
    fixed_overtime_amount = models.PositiveIntegerField("固定残業代（円）", null=True, blank=True)
    fixed_overtime_hours = models.PositiveSmallIntegerField(
        "固定残業時間（時間分）", null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    fixed_overtime_excess_paid = models.BooleanField("超過分は別途支給", default=False)
    raise_info = models.CharField("昇給", max_length=200, blank=True)
    bonus_info = models.CharField("賞与", max_length=200, blank=True)
    wage_note = models.CharField("賃金の補足（試用期間中の賃金など）", max_length=300, blank=True)

    # 保険・受動喫煙
    insurance_employment = models.BooleanField("雇用保険", default=False)
    # 労災保険 covers every worker by law (労働者災害補償保険法3条): a new posting says so unless changed.
    insurance_accident = models.BooleanField("労災保険", default=True)
    insurance_health = models.BooleanField("健康保険", default=False)
    insurance_pension = models.BooleanField("厚生年金", default=False)
    smoking_measure = models.CharField(
        "受動喫煙対策", max_length=16, choices=SmokingMeasure.choices, blank=True
    )
    smoking_note = models.CharField("受動喫煙対策の補足", max_length=200, blank=True)

    # 募集者
    employer_name = models.CharField("募集者の名称", max_length=200, blank=True)
    employer_address = models.CharField("募集者の所在地", max_length=300, blank=True)
    employer_contact = models.CharField("連絡先（電話・メール）", max_length=200, blank=True)

    # 応募資格
    required_qualifications = models.CharField("必須の資格", max_length=300, blank=True)
    preferred_qualifications = models.CharField("歓迎する資格", max_length=300, blank=True)
    required_experience = models.CharField("必要な経験", max_length=300, blank=True)
    inexperienced_welcome = models.BooleanField("未経験歓迎", default=False)
    education_not_required = models.BooleanField("学歴不問", default=False)
    age_limit = models.BooleanField("年齢制限あり", default=False)
    age_min = models.PositiveSmallIntegerField(
        "年齢下限", null=True, blank=True, validators=[MinValueValidator(15), MaxValueValidator(99)]
    )
    age_max = models.PositiveSmallIntegerField(
        "年齢上限", null=True, blank=True, validators=[MinValueValidator(15), MaxValueValidator(99)]
    )
    age_exception = models.CharField(
        "年齢制限の例外事由", max_length=4, choices=AgeException.choices, blank=True
    )
    age_reason = models.CharField("年齢制限の理由", max_length=300, blank=True)
    selection_process = models.CharField("選考プロセス", max_length=300, blank=True)

    # The employer's own number for the posting (their spreadsheet's key): a bulk import row with it updates this
    # posting (ADR 0085). Never shown to seekers; unique within the organisation when given.
    reference = models.CharField(
        "社内管理番号",
        max_length=REFERENCE_MAX,
        blank=True,
        help_text=(
            f"貴社で求人を管理している番号（任意・{REFERENCE_MAX}文字まで）。求職者には表示されません。"
            "Excel・CSVの一括登録で同じ番号の行は、この求人の更新になります。"
        ),
    )

    # 掲載
    date_posted = models.DateTimeField("掲載開始日", null=True, blank=True, db_index=True)
    valid_through = models.DateField("掲載期限", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField("情報更新日", auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # 掲載停止 by the operator (運営), e.g. on a complaint (ADR 0153): the posting is closed, and only the operator can
    # publish it again (services.posting_publish refuses the company, and the operator's publish lifts the stop).
    stopped_at = models.DateTimeField("運営による掲載停止", null=True, blank=True, editable=False)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="掲載停止した運営担当",
    )
    stop_reason = models.TextField("掲載停止の理由", blank=True, editable=False)

    class Meta:
        verbose_name = "求人"
        verbose_name_plural = "求人"
        indexes = [
            models.Index(fields=["status", "visibility", "-date_posted"], name="job_public_recent"),
            # The adviser's matching pool (agents.matching: the newest 2,000 live postings, public or the agency's own
            # 非公開求人, ADR 0162 addendum s22): the OR of the two kinds kept SQLite off job_public_recent, so it read
            # every published posting and sorted them; this one is walked in date order and stops at 2,000, and
            # holds the columns the pool and the live / public tests read, so that walk never touches the table
            # (10,000 postings: 15–20 → 2–4 ms). SQLite walks it for the other newest-first public lists too
            # (/jobs/, 「おすすめ求人」's pool), no slower than before (docs/benchmarks.md, session 22).
            models.Index(
                fields=["status", "-date_posted", "-id", "visibility", "valid_through", "updated_at"],
                name="job_live_recent",
            ),
            models.Index(fields=["organization", "status"], name="job_org_status"),
            models.Index(fields=["status", "valid_through"], name="job_expiry"),
            # Counts the live public postings (/jobs/ and the API's total) from the index alone: PostgreSQL's
            # count of 20,000 postings 14 ms by a table scan → 1 ms (docs/benchmarks.md, page query counts).
            models.Index(fields=["status", "visibility", "valid_through"], name="job_public_live"),
            # The job feed's freshness check, Max(updated_at) over every posting every 10 minutes (ADR 0081):
            # read from the index's end instead of the whole table (docs/benchmarks.md, feed freshness). The other
            # columns let every feed request find the postings changed lately and no longer live from the index
            # alone (feed_files.withdrawn_since: after a bulk import its window holds thousands of rows; SQLite,
            # 10,000 changed: 26–33 ms → 4–10 ms under load, ADR 0081 addendum s21).
            models.Index(
                fields=["updated_at", "status", "visibility", "valid_through"], name="job_updated_at"
            ),
            # 「この企業の他の求人」, the company page and its sitemap, and 「似た求人」's three tiers (ADR 0089): each
            # reads its newest few public postings walking one of these in date order and stops; without them a
            # query sorted every public posting of the company / the sub-role (docs/benchmarks.md, related postings).
            models.Index(
                fields=["organization", "status", "visibility", "-date_posted", "-id"], name="job_org_public"
            ),
            models.Index(
                fields=["status", "visibility", "subrole", "prefecture", "-date_posted", "-id"],
                name="job_subrole_pref_recent",
            ),
            models.Index(
                fields=["status", "visibility", "subrole", "-date_posted", "-id"], name="job_subrole_recent"
            ),
            models.Index(
                fields=["status", "visibility", "family", "prefecture", "-date_posted", "-id"],
                name="job_family_pref_recent",
            ),
        ]
        constraints = [
            # Also the index the import looks references up by.
            models.UniqueConstraint(
                fields=["organization", "reference"],
                condition=~models.Q(reference=""),
                name="job_org_reference_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # family is derived from the sub-role so the two can never disagree.
        if self.subrole in SUBROLE_BY_CODE:
            self.family = SUBROLE_BY_CODE[self.subrole].family
        update_fields = kwargs.get("update_fields")
        if update_fields and "updated_at" not in update_fields:
            # auto_now writes updated_at only when it is among update_fields: a save of some columns would
            # otherwise change the posting under an old 情報更新日, which the API, the feed's Last-Modified, the
            # sitemap and the stored matching features (ADR 0106) all take as "unchanged".
            kwargs["update_fields"] = [*update_fields, "updated_at"]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    # Display helpers ---------------------------------------------------------------------------------------
    @property
    def prefecture_name(self) -> str:
        return prefecture_name(self.prefecture)

    @property
    def subrole_name(self) -> str:
        sub = SUBROLE_BY_CODE.get(self.subrole)
        return sub.name if sub else ""

    @property
    def mhlw_code(self) -> str:
        sub = SUBROLE_BY_CODE.get(self.subrole)
        return sub.mhlw_code if sub else ""

    @property
    def contract_term(self) -> str:
        """The fixed term's length (「6か月」「14日」), "" for an open-ended job."""
        return contract_term_text(self.contract_months, self.contract_days) if self.fixed_term else ""

    @property
    def location_display(self) -> str:
        return f"{self.prefecture_name}{self.municipality}"

    @property
    def wage_display(self) -> str:
        unit = WageUnit(self.wage_unit).label if self.wage_unit else ""
        if self.wage_max and self.wage_max != self.wage_min:
            return f"{unit}{self.wage_min:,}円〜{self.wage_max:,}円"
        return f"{unit}{self.wage_min:,}円"

    @property
    def insurances(self) -> list[str]:
        names = [
            ("insurance_employment", "雇用保険"),
            ("insurance_accident", "労災保険"),
            ("insurance_health", "健康保険"),
            ("insurance_pension", "厚生年金"),
        ]
        return [label for attr, label in names if getattr(self, attr)]

    @property
    def daily_hours(self) -> float | None:
        if self.start_time is None or self.end_time is None:
            return None
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.start_time)
        end = dt.datetime.combine(dt.date(2000, 1, 1), self.end_time)
        if end <= start:
            end += dt.timedelta(days=1)
        minutes = (end - start).total_seconds() / 60 - (self.break_minutes or 0)
        return round(minutes / 60, 2) if minutes > 0 else None

    @property
    def weekends_off(self) -> bool:
        return self.holiday_pattern == HolidayPattern.WEEKENDS

    @property
    def is_public_now(self) -> bool:
        """In selectors.public_postings(): published, public and not past its 掲載期限 — live_q() read on one row.
        The detail page's JSON-LD and robots, the 応募 button and the card's company link all ask this."""
        return (
            self.status == PostingStatus.PUBLISHED
            and self.visibility == Visibility.PUBLIC
            and (self.valid_through is None or self.valid_through >= today_jst())
        )

    @cached_property
    def takes_applications(self) -> bool:
        """Whether a BOナビ 応募 to this posting would reach anyone: its company has an active 採用担当 (ADR 0143).
        Without one the page offers no 応募する and seekers' application_create refuses — the company's
        contact (employer_contact) is where she can go instead. Not whether it is open: ask is_public_now too.
        Cached on the row: the page's two action blocks and its apply bar ask it once."""
        return has_hiring_staff(organization_id=self.organization_id)

    @property
    def employer_display(self) -> str:
        """The company a posting names: its 募集者の名称, else its organisation's name (an agency's posting names its
        client; an employer's defaults to its own name). Cards, mails, JSON-LD, the feed and exports all show this."""
        return self.employer_name or self.organization.name

    @property
    def has_company_page(self) -> bool:
        """Whether /companies/<organization>/ answers for this posting: it is public now and its organisation an
        employer (an agency's postings name their clients, and an agency has no company page)."""
        return self.is_public_now and self.organization.kind == Organization.Kind.EMPLOYER


def live_q() -> Q:
    """Published and not past its 掲載期限 (JST): the database side of JobPosting.is_public_now, less visibility
    (an employer also sees its own live 非公開求人)."""
    return Q(status=PostingStatus.PUBLISHED) & (
        Q(valid_through__isnull=True) | Q(valid_through__gte=today_jst())
    )


class PostingImportUpload(models.Model):
    """An uploaded spreadsheet between its validation report and the employer's「登録」(ADR 0082).

    The cells are kept here, on the server, so the second step imports what was checked: the form posts only
    this row's id, never the rows, and the id is looked up within the employer's organisation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    # {"headers": [...], "rows": [[spreadsheet row number, [cell, ...]], ...]}, every cell already a string.
    table = models.JSONField()
    report = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "求人一括登録のアップロード"
        verbose_name_plural = "求人一括登録のアップロード"

    def __str__(self) -> str:
        return self.filename


class PostingImportKey(models.Model):
    """Which spreadsheet row made which posting, so importing the same file again reports 「登録済み」 rather than
    creating the postings twice. The key is the employer's 管理番号 when the row has one, else a hash of the row."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    # Deleting the posting frees its key: the row may then be imported again.
    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="job_import_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key


class FeedStaffChange(models.Model):
    """When the set of a company's active 採用担当 last changed (ADR 0081 addendum s19 staff mark): the job feed leaves
    out the postings of a company without one (ADR 0146), and no posting row changes when the last one leaves or a
    first one joins. In the database, not beside the feed's files, so every server's feed sees it; written in the
    same transaction as the change (jobs.apps._user_changed), one row per company, overwritten each time."""

    organization = models.OneToOneField(
        Organization, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # Indexed: the feed asks for the newest of them (Max, from the index's end) and for those after a build's time.
    changed_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "求人フィード用の採用担当の変更"
        verbose_name_plural = "求人フィード用の採用担当の変更"

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.changed_at:%Y-%m-%d %H:%M:%S}"
