"""A licensed 有料職業紹介事業者 on BOナビ: its offices and staff, candidates with consent, hearing sheets, job
orders (非公開求人), proposals the candidate accepts job by job, referrals through the selection pipeline,
placements, follow-ups, complaints and the audit trail the candidate reads (docs/AGENTS.md).

Deliberately absent: any field for age, sex, nationality, 本籍, family, housing, beliefs or unions (職安法5条の5,
指針 第5), and any payment to candidates (お祝い金 is banned; 許可条件 since 2025-01).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from bonavi.accounts.models import Organization
from bonavi.core.clock import date_jst, day_ja
from bonavi.core.contract_terms import contract_term_text
from bonavi.core.interviews import InterviewAnswerFields, InterviewBase
from bonavi.jobs.models import JobPosting, WageUnit
from bonavi.seekers.names import person_name

from .limits import CONTACT_MAX, INVITE_NOTE_MAX, NAME_MAX, NOTE_MAX, ORDER_TITLE_MAX


class FeeSystem(models.TextChoices):
    CAPPED = "capped", "上限制手数料"
    NOTIFIED = "notified", "届出制手数料"


class Agency(models.Model):
    """The licence holder. One per Organization of kind 'agency'."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="agency", verbose_name="組織"
    )
    slug = models.SlugField("公開ページのURL名", unique=True)
    license_number = models.CharField("許可番号", max_length=40, help_text="例：13-ユ-300000")
    fee_system = models.CharField("手数料の種類", max_length=16, choices=FeeSystem.choices)
    fee_rate_percent = models.DecimalField(
        "手数料率（理論年収に対する％）", max_digits=5, decimal_places=2, null=True, blank=True
    )
    fee_table = models.TextField("手数料表", help_text="求人者・求職者の双方に示す手数料表")
    refund_policy = models.TextField("返戻金制度", help_text="早期離職時の返戻金の有無・期間・割合")
    occupations_scope = models.TextField("取扱職種の範囲等", help_text="取り扱う職種・地域など")
    penalty_terms = models.TextField(
        "違約金規約", blank=True, help_text="直接採用時の違約金など（ない場合は空欄）"
    )
    # The two 規程 an agency shows at its office and online (AGENTS.md §1.2), in full on its public page. Blank
    # only for an agency onboarded before they were asked for (migration 0020): the 責任者's settings page
    # requires both, and the workbench says so until they are given (ADR 0116).
    operating_rules = models.TextField("業務運営規程", blank=True)
    privacy_policy = models.TextField("個人情報適正管理規程", blank=True)
    complaint_contact = models.CharField("苦情の申出先", max_length=300)
    strengths = models.TextField("特色・強み（任意）", blank=True)
    # When the texts above (and the fee rule) were last changed on the settings page, and by whom: the public
    # page shows the day (職安法5条の4: as of when), the settings page both.
    disclosures_updated_at = models.DateTimeField("掲示事項の更新日時", null=True, blank=True, editable=False)
    disclosures_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="掲示事項を更新した人",
    )

    class Meta:
        verbose_name = "職業紹介事業者"
        verbose_name_plural = "職業紹介事業者"

    def __str__(self) -> str:
        return self.organization.name

    @property
    def name(self) -> str:
        return self.organization.name


class Office(models.Model):
    """事業所: books, the 職業紹介責任者 and the 50:1 rule are per office."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="offices")
    name = models.CharField("事業所名", max_length=120)
    address = models.CharField("所在地", max_length=300)
    phone = models.CharField("電話番号", max_length=30)

    class Meta:
        verbose_name = "事業所"
        verbose_name_plural = "事業所"

    def __str__(self) -> str:
        return f"{self.agency.name} {self.name}"


class Staff(models.Model):
    """A user working for the agency at one office, with one or more roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_staff",
        verbose_name="アカウント",
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="staff", verbose_name="職業紹介事業者"
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="staff", verbose_name="事業所")
    is_career_adviser = models.BooleanField("キャリアアドバイザー（CA）", default=True)
    is_recruiting_adviser = models.BooleanField("リクルーティングアドバイザー（RA）", default=False)
    is_responsible = models.BooleanField("職業紹介責任者", default=False)
    responsible_training_on = models.DateField("責任者講習の受講日", null=True, blank=True)

    class Meta:
        verbose_name = "スタッフ"
        verbose_name_plural = "スタッフ"

    def __str__(self) -> str:
        return self.user.display_name or self.user.email

    @property
    def may_invite(self) -> bool:
        """「求職者を招待」 (ADR 0104): career advisers and the 職業紹介責任者 bring candidates in (an RA works the
        employers' side, and the inviter becomes her adviser)."""
        return self.is_career_adviser or self.is_responsible

    @property
    def roles(self) -> list[str]:
        out = []
        if self.is_career_adviser:
            out.append("キャリアアドバイザー")
        if self.is_recruiting_adviser:
            out.append("リクルーティングアドバイザー")
        if self.is_responsible:
            out.append("職業紹介責任者")
        return out


class StaffTraining(models.Model):
    """従業者教育 given by the 職業紹介責任者 (since 2018 one of the 責任者's duties; counted in 様式第8号)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="trainings")
    held_on = models.DateField("実施日")
    topic = models.CharField("内容", max_length=200)
    given_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="trainings_given", verbose_name="実施した職業紹介責任者"
    )
    attendees = models.ManyToManyField(Staff, related_name="trainings_attended", verbose_name="受講者")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "従業者教育"
        verbose_name_plural = "従業者教育"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class CandidateStatus(models.TextChoices):
    APPLIED = "applied", "求職申込み（ヒアリング前）"
    ACTIVE = "active", "登録済み"
    WITHDRAWN = "withdrawn", "同意撤回・登録解除"


CONTACT_CHANNELS = [("email", "メール"), ("phone", "電話"), ("either", "どちらでもよい")]
CONTACT_CADENCES = [
    ("as_needed", "必要なときだけ"),
    ("few_days", "数日おきに状況を知りたい"),
    ("weekly", "週1回程度"),
]


# The purpose of the registration consent (since 版 2026-11-26) that lets the advisers read her phone and address: a
# candidate who consented to an earlier text gets mail only, through the e-mail address of her account.
CONTACT_PURPOSE = (
    "5. ヒアリングや選考の連絡のため、担当のアドバイザーと職業紹介責任者が、アカウントのメールアドレスと、"
    "プロフィールに登録した電話番号・住所を見ます（見るたびに、あなたが読めるアクセス記録に残ります）"
)
# Since 版 2026-11-27 (ADR 0141): what she wrote on BOナビ for herself that the agency may use. Purpose 6 lets the
# hearing start from her profile's 希望条件 and 経験 and lets matching read her saved 「経験の棚卸し」; purpose 7 lets
# her advisers see that she applied to a job directly (nothing else of the application), so they do not propose it
# again. A registration under an earlier text has neither: its hearing starts empty and nothing is marked.
PROFILE_PURPOSE = (
    "6. ヒアリングの準備と求人の提案のため、担当のアドバイザーが、プロフィールに登録した希望条件（希望職種・"
    "希望勤務地・希望する雇用形態・希望給与・入社可能日・在宅勤務の希望）と経験、保存した「経験の棚卸し」の"
    "根拠の記述を見て、ヒアリングシートの下書きと求人のマッチングに使います"
)
DIRECT_APPLICATIONS_PURPOSE = (
    "7. 同じ求人への二重応募を防ぐため、担当のアドバイザーが、あなたがBOナビで直接応募した求人について、"
    "応募済みであることだけを見ます（応募の状況・書類・メッセージは見ません）"
)


class Candidate(models.Model):
    """A seeker registered with an agency. Exists only because the seeker applied and consented."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="candidates")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="candidates")
    # Null once the person deleted their BOナビ account: the 求職管理簿 row must still be kept two years.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="agency_registrations",
    )
    status = models.CharField(
        "状態", max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.APPLIED
    )
    display_name = models.CharField("氏名（表示用）", max_length=100)
    # The 求職管理簿's 住所 and 生年月日 (AGENTS.md §1.5), copied from her BOナビ profile — never asked in the hearing
    # — at registration and on each profile save while she is registered; kept as they were once she withdrew,
    # blanked by books.books_anonymise with the name (ADR 0114). For the book only: no workbench page shows them,
    # and matching never reads them (生年月日 serves books and résumés only, AGENTS.md §4).
    book_address = models.CharField("住所（求職管理簿）", max_length=220, blank=True)
    book_birth_date = models.DateField("生年月日（求職管理簿）", null=True, blank=True)
    consent_purposes = models.TextField("同意した利用目的（同意時の文面）")
    consent_version = models.CharField("同意文面の版", max_length=20)
    consented_at = models.DateTimeField("同意日時")
    consent_withdrawn_at = models.DateTimeField("同意撤回日時", null=True, blank=True)
    applied_on = models.DateField("受付年月日")
    valid_until = models.DateField("有効期間（まで）")
    advisers = models.ManyToManyField(
        Staff, related_name="assigned_candidates", blank=True, verbose_name="担当"
    )
    registered_at = models.DateTimeField("登録日時", null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # How the candidate wants to be contacted (set by them on /me/agency/<id>/; shown to the advisers).
    contact_channel = models.CharField(
        "希望する連絡方法", max_length=8, choices=CONTACT_CHANNELS, default="email"
    )
    contact_cadence = models.CharField(
        "連絡の頻度", max_length=12, choices=CONTACT_CADENCES, default="as_needed"
    )
    quiet_from = models.PositiveSmallIntegerField("連絡しない時間帯（開始・時）", null=True, blank=True)
    quiet_until = models.PositiveSmallIntegerField("連絡しない時間帯（終了・時）", null=True, blank=True)
    # Her own 「求人の紹介を希望する」 on /me/agency/<id>/ during the 2-year lock (ADR 0113): the 求職の申出 the adviser
    # offers as the evidence of a candidate-initiated proposal, its time set by BOナビ, not typed by the agency.
    job_request_at = models.DateTimeField("求人の紹介の希望（BOナビで申出）", null=True, blank=True)

    class Meta:
        verbose_name = "求職者（登録）"
        verbose_name_plural = "求職者（登録）"
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="agents_one_registration")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def name(self) -> str:
        """The name every staff, employer and mail text uses: her profile's 姓 名 (seekers.names.person_name)
        while she is registered; once she withdrew or the row was anonymised, only what the books keep
        (`display_name`), so nothing she has since written reaches the agency."""
        if self.user is None or self.anonymised_at or self.status == CandidateStatus.WITHDRAWN:
            return self.display_name
        return person_name(self.user) or self.display_name

    @property
    def consented_to_contact_details(self) -> bool:
        """Whether the consent she gave (its text as stored) covers the advisers reading her phone and address."""
        return CONTACT_PURPOSE in self.consent_purposes

    @property
    def consented_to_profile_use(self) -> bool:
        """Whether her consent covers the hearing's draft from her profile and matching on her saved 棚卸し."""
        return PROFILE_PURPOSE in self.consent_purposes

    @property
    def consented_to_direct_applications(self) -> bool:
        """Whether her consent covers her advisers seeing which jobs she applied to directly (ADR 0141)."""
        return DIRECT_APPLICATIONS_PURPOSE in self.consent_purposes


TELEWORK_WISHES = [("any", "こだわらない"), ("partial", "一部在宅を希望"), ("full", "フルリモートを希望")]
# The wage units of the rest of the site (jobs' WageUnit: 時給・日給・月給・年俸), so a wish reads in the words of the
# postings it is matched against and of her own profile. The stored values were always these; 日給 was missing.
PAY_UNITS = WageUnit.choices


# The hearing sheet's structured items (the form, the API and the service accept exactly these; no forbidden field).
HEARING_FIELDS = (
    "reasons",
    "desired_occupations",
    "desired_prefectures",
    "pay_floor",
    "pay_unit",
    "employment_types",
    "telework",
    "available_from",
    "experience",
    "years_experience",
    "skills",
    "qualifications",
    "notes",
)


class HearingSheet(models.Model):
    """The structured hearing. Every field is allowed by 指針 第5; nothing else can be stored here."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="hearing")
    reasons = models.TextField("相談のきっかけ（就職・転職の理由）", blank=True)
    desired_occupations = models.CharField("希望職種", max_length=300, blank=True)
    desired_prefectures = models.JSONField("希望勤務地（都道府県コード）", default=list, blank=True)
    pay_floor = models.PositiveIntegerField("希望給与（下限・円）", null=True, blank=True)
    pay_unit = models.CharField("希望給与の単位", max_length=8, choices=PAY_UNITS, default="month")
    employment_types = models.JSONField("希望する雇用形態", default=list, blank=True)
    telework = models.CharField("テレワーク", max_length=8, choices=TELEWORK_WISHES, default="any")
    available_from = models.DateField("入社可能時期", null=True, blank=True)
    experience = models.TextField("経験（職務経歴の要約）", blank=True)
    years_experience = models.PositiveSmallIntegerField("希望職種での経験年数", null=True, blank=True)
    skills = models.TextField("スキル", blank=True)
    qualifications = models.TextField("資格", blank=True, help_text="読点（、）区切り")
    notes = models.TextField("メモ（自由記述）", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ヒアリングシート"
        verbose_name_plural = "ヒアリングシート"

    def __str__(self) -> str:
        return f"ヒアリング：{self.candidate}"


class JobOrderStatus(models.TextChoices):
    ACCEPTED = "accepted", "受理"
    REFUSED = "refused", "不受理"
    CLOSED = "closed", "終了"


class JobOrder(models.Model):
    """求人受理: an employer's order taken by the agency, accepted or refused with reasons. Either a 非公開求人 the
    intake created, or the company's 申込み for one of its PUBLIC postings (ADR 0111): several agencies may hold
    orders for the same public posting, each at most one accepted at a time. Only a posting the agency holds an
    accepted, unexpired order for can be recommended (推薦) by it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="job_orders")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="job_orders")
    employer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="job_orders_placed")
    posting = models.ForeignKey(
        JobPosting, null=True, blank=True, on_delete=models.PROTECT, related_name="job_orders"
    )
    status = models.CharField("受理状況", max_length=16, choices=JobOrderStatus.choices)
    title = models.CharField("求人タイトル", max_length=ORDER_TITLE_MAX)
    submitted = models.JSONField("申込み内容（受付時）", default=dict)
    refusal_reasons = models.JSONField("不受理の理由", default=list, blank=True)
    self_declaration = models.BooleanField("求人者の自己申告（労働関係法令違反の公表等なし）", default=False)
    openings = models.PositiveSmallIntegerField("求人数", default=1)
    # What the 職業紹介事業報告書 counts apart and the posting cannot say (ADR 0115): a posting's 勤務地 is one of the
    # 47 prefectures, and a 紹介予定派遣 is the agency's arrangement with the 派遣先, not the job's text.
    overseas = models.BooleanField("就業場所が国外（海外勤務）", default=False)
    planned_dispatch = models.BooleanField("紹介予定派遣", default=False)
    start_by = models.DateField("入社希望時期（まで）", null=True, blank=True)
    received_on = models.DateField("受付年月日", default=timezone.localdate)
    valid_until = models.DateField("有効期間（まで）")
    contact_person = models.CharField("求人者の担当者", max_length=NAME_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "求人受理"
        verbose_name_plural = "求人受理"
        # Refused and closed (expired, renewed) orders stay in the 求人管理簿 beside the accepted one.
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "posting"],
                condition=models.Q(status="accepted"),
                name="agents_one_accepted_order_per_posting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_status_display()}）"

    def has_lapsed(self, today: dt.date) -> bool:
        """An accepted order past its 有効期間 is over (終了) though nobody closed it — only taking the order again
        closes it (services.public_job_order_intake). The one rule for the dashboard's 求人受理 list and the job
        page's 求人受理の記録 (ADR 0125); `selectors.orders_in_force` is its query's side."""
        return self.status == JobOrderStatus.ACCEPTED and self.valid_until < today


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "回答待ち"
    ACCEPTED = "accepted", "応募に同意"
    DECLINED = "declined", "辞退"
    WITHDRAWN = "withdrawn", "取り下げ"


# How a 求職の申出 reached the agency during the 2-year lock (ADR 0113). "bonavi" is her own button on BOナビ, whose
# time is recorded by BOナビ; the others the adviser states with a date and a note.
REQUEST_CHANNELS = [
    ("visit", "来社"),
    ("phone", "電話"),
    ("email", "メール"),
    ("message", "BOナビのメッセージ"),
    ("bonavi", "BOナビの「求人の紹介を希望する」"),
    ("other", "その他"),
]
REQUEST_NOTE_MAX = 200


class Proposal(models.Model):
    """One job proposed to one candidate, with the conditions as proposed. Only an accepted one may be sent."""

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="proposals")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="agent_proposals")
    adviser = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="proposals")
    comment = models.TextField("アドバイザーのコメント", blank=True)
    initiated_by = models.CharField(
        "発意",
        max_length=16,
        choices=[("agency", "事業者から提案"), ("candidate", "求職者からの希望")],
        default="agency",
    )
    # The candidate's 求職の申出 a proposal during the 2-year lock rests on (ADR 0113); shown to her on its page.
    request_on = models.DateField("求職の申出の日付", null=True, blank=True)
    request_channel = models.CharField(
        "求職の申出の方法", max_length=16, choices=REQUEST_CHANNELS, blank=True
    )
    request_note = models.CharField("求職の申出の内容", max_length=REQUEST_NOTE_MAX, blank=True)
    snapshot = models.JSONField("提案時の労働条件")
    snapshot_at = models.DateTimeField("労働条件の時点")
    match = models.JSONField("マッチングの説明", default=dict, blank=True)
    status = models.CharField(
        "回答", max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    responded_at = models.DateTimeField("回答日時", null=True, blank=True)
    response_channel = models.CharField("回答の経路", max_length=16, blank=True)
    document_choice = models.CharField("送付する書類（求職者が選択）", max_length=200, blank=True)
    document_text = models.TextField("送付する書類の内容（版）", blank=True)
    # Digest of the conditions the candidate was last told about, so one change is mailed once (ADR 0065).
    changes_notified = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "求人提案"
        verbose_name_plural = "求人提案"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "posting"], name="agents_one_proposal_per_job")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} ← {self.posting}"


class Stage(models.TextChoices):
    RECOMMENDED = "recommended", "推薦"
    DOCUMENT = "document", "書類選考"
    INTERVIEW1 = "interview1", "1次面接"
    INTERVIEW2 = "interview2", "2次面接"
    FINAL = "final", "最終面接"
    OFFER = "offer", "内定"
    OFFER_ACCEPTED = "offer_accepted", "内定承諾"
    JOINED = "joined", "入社"
    REJECTED = "rejected", "不採用"
    DECLINED = "declined", "辞退"


OPEN_STAGES = (
    Stage.RECOMMENDED,
    Stage.DOCUMENT,
    Stage.INTERVIEW1,
    Stage.INTERVIEW2,
    Stage.FINAL,
    Stage.OFFER,
    Stage.OFFER_ACCEPTED,
)


class Referral(models.Model):
    """推薦 and its selection process (one per accepted proposal)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="referral")
    stage = models.CharField("選考状況", max_length=20, choices=Stage.choices, default=Stage.RECOMMENDED)
    sent_at = models.DateTimeField("推薦日時")
    sent_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="referrals_sent")
    document_choice = models.CharField("送付した書類", max_length=200)
    document_text = models.TextField("送付した書類の内容")
    recommendation = models.TextField("推薦文", blank=True)
    interview_prep = models.TextField("面接対策（この求人向け）", blank=True)
    offer_answer_by = models.DateField("内定の回答期限（企業が設定）", null=True, blank=True)
    # Given with the move to 入社 (by the employer or the adviser): the placement form starts from it.
    joined_on = models.DateField("入社日（入社の連絡）", null=True, blank=True)
    # The employer's terms at 内定 with the changes from the proposal as they were then (agents/offer.py, ADR 0112);
    # {} before 内定.
    offer_terms = models.JSONField("内定時の労働条件", default=dict, blank=True)
    offer_changes_read_at = models.DateTimeField("内定時の変更点を本人が確認した日時", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set with QuerySet.update (which leaves updated_at alone): one reminder per stall (ADR 0065).
    stall_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Not stored: set by services.referral_send to how many 採用担当 its notice was queued to, so the adviser is
    # never told that the company was notified when it has no account to notify (ADR 0111).
    employer_mailed: int = 0
    # Not stored: set by services.referral_move to the interview its move called off (None when it called none
    # off), for the page to say so without probing the interviews before and after.
    called_off: ReferralInterview | None = None

    class Meta:
        verbose_name = "推薦"
        verbose_name_plural = "推薦"

    def __str__(self) -> str:
        return f"推薦：{self.proposal}"


class StageEvent(models.Model):
    class Kind(models.TextChoices):
        """What an entry within the stage did (agents.interviews sets it); "" for a move, whose stages say it."""

        MOVE = "", "選考状況の変更"
        INTERVIEW_SET = "interview_set", "面接日程を設定"
        INTERVIEW_CHANGED = "interview_changed", "面接日程を変更"
        INTERVIEW_CANCELLED = "interview_cancelled", "面接日程を取り消し"
        INTERVIEW_AGAIN = "interview_again", "再面接の日程を設定"
        # Her answer to the date (ADR 0154): 「この日程で参加します」 or a request for another date.
        INTERVIEW_ANSWER = "interview_answer", "面接日程への回答"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    kind = models.CharField("内容", max_length=20, choices=Kind.choices, blank=True, default=Kind.MOVE)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("連絡事項", max_length=NOTE_MAX, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    @property
    def step_display(self) -> str:
        """How the 経過 names this entry, the same on the adviser's, the candidate's and the company's page:
        「1次面接 → 2次面接」; the first 「推薦」; and for an entry within the stage (the interview's date set, changed
        or called off, ADR 0105) its `kind`, not 「1次面接 → 1次面接」."""
        if self.kind:
            return self.get_kind_display()
        if not self.from_stage:
            return self.get_to_stage_display()
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class ExitReason(models.TextChoices):
    DISMISSAL = "dismissal", "解雇"
    RESIGNATION = "resignation", "自己都合退職"
    OTHER = "other", "その他（解雇以外）"


class Placement(models.Model):
    """成約: what the books, the yearly report and the disclosure figures are computed from."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="placement")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="placements")
    occupation_code = models.CharField("職業分類コード", max_length=16)
    open_ended = models.BooleanField("雇用期間の定めなし（無期雇用）")
    contract_months = models.PositiveSmallIntegerField("雇用期間（か月）", null=True, blank=True)
    # A term under one month, in days (日雇; ADR 0115): never with contract_months.
    contract_days = models.PositiveSmallIntegerField("雇用期間（日・1か月未満の場合）", null=True, blank=True)
    overseas = models.BooleanField("就業場所が国外（海外勤務）", default=False)
    planned_dispatch = models.BooleanField("紹介予定派遣による就職", default=False)
    expected_annual_pay = models.PositiveIntegerField("予定年収（円）")
    fee = models.PositiveIntegerField("紹介手数料（円）")
    fee_collected_on = models.DateField("手数料徴収日", null=True, blank=True)
    # A fee that will never be paid: the day the agency gave up, which starts the book's 2-year clock as a
    # collection would (ADR 0108).
    fee_written_off_on = models.DateField("手数料の徴収を断念した日（貸倒れ）", null=True, blank=True)
    refund = models.PositiveIntegerField("返戻金（円）", default=0)
    joined_on = models.DateField("入社日（採用年月日）")
    exit_on = models.DateField("離職日", null=True, blank=True)
    exit_reason = models.CharField("離職理由", max_length=16, choices=ExitReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "成約（就職）"
        verbose_name_plural = "成約（就職）"

    def __str__(self) -> str:
        return f"成約：{self.referral}"

    @property
    def term_display(self) -> str:
        """雇用期間 as the records page says it: 「定めなし」, 「定めあり（6か月）」, 「定めあり（14日）」."""
        if self.open_ended:
            return "定めなし"
        term = contract_term_text(self.contract_months, self.contract_days)
        return f"定めあり（{term}）" if term else "定めあり"


class FollowUp(models.Model):
    """The 6-month check on an open-ended placement; no answer by the deadline counts as 不明."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "未確認"
        EMPLOYED = "employed", "在職"
        LEFT = "left", "離職"
        UNKNOWN = "unknown", "不明"

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="follow_up")
    due_on = models.DateField("確認期日")
    outcome = models.CharField("結果", max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reminded_at = models.DateTimeField("担当者への通知日時", null=True, blank=True)

    def __str__(self) -> str:
        return f"定着確認 {self.due_on}"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "受付"
    IN_PROGRESS = "in_progress", "対応中"
    RESOLVED = "resolved", "対応済み"


class Complaint(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="complaints")
    routed_to = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="complaints", verbose_name="担当の職業紹介責任者"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_name = models.CharField("申出者", max_length=NAME_MAX)
    contact = models.CharField("連絡先", max_length=CONTACT_MAX)
    body = models.TextField("苦情の内容")
    wants_in_person = models.BooleanField("面談での対応を希望", default=False)
    received_at = models.DateTimeField(default=timezone.now)
    # Whether the person was mailed a receipt: not for a phone-only contact, nor past the per-address cap. The
    # confirmation page tells them which, so nobody waits for a mail that is not coming.
    acknowledged = models.BooleanField("受付確認メール", default=False)
    # The registration the complaint concerns when a registered candidate filed it signed in: linked for the
    # 責任者 (records page only), never shown back on any public page.
    candidate = models.ForeignKey(
        "Candidate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name="申出者（登録求職者）",
    )
    status = models.CharField(
        "状態", max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    # 32条の14: in person if asked. The 責任者 records the day; the complaint stays 対応中 until its 対応結果.
    interview_on = models.DateField("面談日", null=True, blank=True)
    # Internal: it may name staff or other people. What the person who complained reads is `reply` only.
    resolution = models.TextField("対応結果", blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # 申出者への回答: optional, written with the 対応結果; shown on her own pages and mailed once to an e-mail
    # contact when the complaint is closed (ADR 0113, s21). `reply_mailed` tells the 責任者 whether it went out.
    reply = models.TextField("申出者への回答", blank=True)
    reply_mailed = models.BooleanField("回答メール", default=False)
    # When the reply was given: at closing, or later for a complaint closed without one (ADR 0113, s22). She is
    # shown the date, since a reply sent weeks after 対応済み must not read as if it came with it.
    replied_at = models.DateTimeField("回答日時", null=True, blank=True)

    class Meta:
        verbose_name = "苦情"
        verbose_name_plural = "苦情処理簿"

    def __str__(self) -> str:
        return f"苦情 {self.from_name}"

    @property
    def state_for_complainant(self) -> str:
        """The state as the person who complained reads it: 受付済み, 対応中 (with the 面談日), or 対応済み (with
        the day). Never the 対応結果, which is the agency's own record."""
        if self.status == ComplaintStatus.RESOLVED and self.resolved_at is not None:
            return f"対応済み（{day_ja(date_jst(self.resolved_at))}）"
        if self.status == ComplaintStatus.IN_PROGRESS:
            return "対応中" + (f"（面談日：{day_ja(self.interview_on)}）" if self.interview_on else "")
        return "受付済み"

    @property
    def last_reply_correction(self) -> ComplaintReplyCorrection | None:
        """The latest 訂正 of the 申出者への回答, None if never corrected. Reads `reply_corrections` (prefetched, in
        their order, by the selectors that list complaints)."""
        fixes = list(self.reply_corrections.all())
        return fixes[-1] if fixes else None

    @property
    def reply_corrected_at(self) -> dt.datetime | None:
        """When the reply was last corrected: she is told the reply she reads is not the one first given."""
        last = self.last_reply_correction
        return last.corrected_at if last else None


class ComplaintReplyCorrection(models.Model):
    """A 訂正 of the 申出者への回答 after the complaint was closed (ADR 0113, s22): the text it replaced, who
    corrected it and when. `Complaint.reply` holds the text in force; these rows are its history, never edited, so
    an answer once given cannot be changed without trace."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reply_corrections")
    previous = models.TextField("訂正前の回答")
    corrected_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="+", verbose_name="訂正した職業紹介責任者"
    )
    corrected_at = models.DateTimeField("訂正日時", default=timezone.now)
    # Whether the corrected reply was mailed (an e-mail contact under the typed-address cap), as `reply_mailed`.
    mailed = models.BooleanField("訂正メール", default=False)

    class Meta:
        verbose_name = "申出者への回答の訂正"
        verbose_name_plural = "申出者への回答の訂正"
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"回答の訂正 {self.complaint_id}"


class DocumentShare(models.Model):
    """A document version the candidate asked this agency's advisers to review (添削). Advisers read only these,
    and only while the registration stands; the candidate can stop sharing at any time."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="document_shares")
    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="agency_shares"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "添削を依頼した書類"
        verbose_name_plural = "添削を依頼した書類"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "version"], name="agents_one_share_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.version_id}"


class AuditAction(models.TextChoices):
    PROFILE_VIEW = "profile_view", "プロフィール・ヒアリングの閲覧"
    HEARING_EDIT = "hearing_edit", "ヒアリングシートの更新"
    REGISTERED = "registered", "登録"
    PROPOSAL_CREATED = "proposal_created", "求人の提案"
    PROPOSAL_VIEW = "proposal_view", "提案の閲覧"
    PROPOSAL_ANSWER = "proposal_answer", "提案への回答"
    CONDITIONS_CHANGED = "conditions_changed", "労働条件の変更"
    CONDITIONS_ACK = "conditions_ack", "労働条件の変更を確認"
    DOCUMENT_SENT = "document_sent", "書類の送付（推薦）"
    DOCUMENT_VIEW = "document_view", "送付書類の閲覧（企業）"
    STAGE_CHANGE = "stage_change", "選考状況の変更"
    EXPORT = "export", "データの出力"
    PLACEMENT = "placement", "就職の記録"
    CONSENT_WITHDRAWN = "consent_withdrawn", "同意の撤回"
    DOCUMENT_SHARED = "document_shared", "添削を依頼する書類の共有"
    DOCUMENT_REVIEW_VIEW = "document_review_view", "応募書類の閲覧（添削）"
    DOCUMENT_COMMENT = "document_comment", "応募書類への添削コメント"
    INTERVIEW_PREP = "interview_prep", "面接対策の追加"
    COMPLAINT = "complaint", "苦情の申出"
    JOB_REQUEST = "job_request", "求人の紹介を希望（求職の申出）"
    INVITATION = "invitation", "求職登録の招待"


class AuditEvent(models.Model):
    """Who did what with a candidate's data, and when. The candidate reads all of it on /me/agency/."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at}"


class ExportLog(models.Model):
    """Every book or data export, by whom, of what."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="exports")
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=32)
    rows = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.kind} {self.at}"


def audit_actor_label(user: Any) -> str:
    if user is None:
        return "システム"
    staff = getattr(user, "agency_staff", None)
    name = getattr(user, "display_name", "") or getattr(user, "email", "")
    if staff is not None:
        return f"{staff.agency.name} {name}（{'・'.join(staff.roles)}）"
    org = getattr(user, "organization", None)
    if org is not None:
        return f"{org.name} {name}"
    return name


def audit_record(
    candidates: list[Candidate], *, actor: Any, action: str, detail: str = "", at: Any = None
) -> None:
    """One trail entry per candidate, written in one INSERT (a list shown or exported at once logs every person in
    it). The only writer of AuditEvent, so the actor's label and the detail's length are decided in one place.
    `at`: when it happened, for what is written into her trail only later (an invitation mailed before she had
    registered); now by default."""
    label = audit_actor_label(actor)
    who = actor if getattr(actor, "pk", None) else None
    when = {"at": at} if at is not None else {}
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(candidate=c, actor=who, actor_label=label, action=action, detail=detail[:500], **when)
            for c in candidates
        ]
    )


INTERVIEW_STAGES = (Stage.INTERVIEW1, Stage.INTERVIEW2, Stage.FINAL)


class ReferralInterview(InterviewBase, InterviewAnswerFields):
    """The 面接 of a 推薦 at one of its interview stages (ADR 0102): set by the posting company, changed or called
    off by it; the candidate and her assigned advisers are told, and see it with an .ics. 1次・2次・最終 each have
    their own date; a change updates the row and bumps `sequence`. Once a stage's interview is held, the same stage
    may be interviewed again (再面接: she did not come, or the company wants a second 1次) as a new row with the next
    `attempt` (ADR 0131): the held row stays as it was, and the stage's interview is its highest attempt. She answers
    the date on her proposal page (ADR 0154, as on a direct application, ADR 0140); any change clears the answer."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="interviews")
    stage = models.CharField(
        "選考段階", max_length=20, choices=[(s.value, s.label) for s in INTERVIEW_STAGES]
    )
    attempt = models.PositiveSmallIntegerField("回数（同じ段階の何回目の面接か）", default=1)

    class Meta:
        verbose_name = "推薦の面接日程"
        verbose_name_plural = "推薦の面接日程"
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "stage", "attempt"], name="referral_interview_once_per_attempt"
            )
        ]
        indexes = [models.Index(fields=["starts_at"], name="agents_interview_starts")]

    # Not stored: set by agents.interviews on the interview it returns — `news` ("set", "changed", "cancelled"; ""
    # when a save changed nothing and nobody was told) and `employer_mailed`, how many 採用担当 the agency's change
    # was mailed to, so the adviser is never told the company was notified when it has no account (ADR 0111).
    news: str = ""
    employer_mailed: int = 0

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.referral_id}: {self.when_display}"

    # Any change — by the company or the agency, a new time, place or 持ち物, a cancellation, a date again after one —
    # asks her afresh (ADR 0154, as seekers.Interview does, ADR 0140): an 「参加予定」 given to the old date must not
    # stand beside the new one on her adviser's card. In the model, so no path that changes the row keeps it.
    def apply(self, cleaned: Mapping[str, Any], *, now: dt.datetime) -> str:
        news = super().apply(cleaned, now=now)
        if news and self.answer_reset():
            self.save(update_fields=list(self.ANSWER_FIELDS))
        return news

    def cancel(self, *, now: dt.datetime) -> None:
        super().cancel(now=now)
        if self.answer_reset():
            self.save(update_fields=list(self.ANSWER_FIELDS))

    @property
    def label(self) -> str:
        """「1次面接」, 「1次面接（再面接）」 for a later attempt (ADR 0131): the card's heading and the API's
        attempt_label (ADR 0136)."""
        again = "（再面接）" if self.attempt > 1 else ""
        return f"{self.get_stage_display()}{again}"

    @property
    def heading(self) -> str:
        """The card's heading: 「1次面接の日程」, 「1次面接（再面接）の日程」 for a later attempt (ADR 0131), so the
        date is not read as a change of the held one."""
        return f"{self.label}の日程"


class InvitationStatus(models.TextChoices):
    SENT = "sent", "送信済み"
    REGISTERED = "registered", "登録済み"
    EXPIRED = "expired", "期限切れ"
    CANCELLED = "cancelled", "取り消し"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def waiting(self, now: dt.datetime) -> InvitationQuerySet:
        """The invitations whose link still works at `now`: not used, not cancelled, not expired (status_at's
        「送信済み」, as a filter)."""
        return self.filter(used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """「求職者を招待」 (ADR 0104): an adviser mails a person who phoned or walked in a single-use link to the agency's
    registration page (with its consent). The name and address are what the adviser typed, kept only while needed:
    blanked when she registers (her account says who she is from then on) and the row deleted KEEP_DAYS after the
    link expired (agents_daily). The page and the mail are the same whether or not the address has an account."""

    VALID_DAYS: ClassVar[int] = 14
    KEEP_DAYS: ClassVar[int] = 30  # after expiry, then deleted

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        Staff, null=True, on_delete=models.SET_NULL, related_name="invitations", verbose_name="招待した人"
    )
    name = models.CharField("お名前（伺ったとおり）", max_length=NAME_MAX, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    note = models.CharField("メモ", max_length=INVITE_NOTE_MAX, blank=True)
    created_at = models.DateTimeField("招待日時", default=timezone.now, db_index=True)
    expires_at = models.DateTimeField("有効期限")
    used_at = models.DateTimeField("登録日時", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消日時", null=True, blank=True)
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="登録"
    )
    # Its one mail: cancelling the invitation stops it while it still waits in the outbox.
    message = models.ForeignKey(
        "notifications.OutboxMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "求職登録の招待"
        verbose_name_plural = "求職登録の招待"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"招待 {self.pk} {self.created_at:%Y-%m-%d}"

    def status_at(self, now: dt.datetime) -> str:
        if self.used_at is not None:
            return InvitationStatus.REGISTERED
        if self.cancelled_at is not None:
            return InvitationStatus.CANCELLED
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.SENT

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())
