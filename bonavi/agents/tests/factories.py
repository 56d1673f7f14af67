"""An agency with one office and its staff, a registered candidate, and a 非公開求人 taken in by the agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents import interviews, services
from bonavi.agents.models import (
    Agency,
    Candidate,
    FeeSystem,
    JobOrder,
    Office,
    Placement,
    Proposal,
    Referral,
    Staff,
    Stage,
)
from bonavi.agents.offer import offer_defaults
from bonavi.core.clock import JST, today_jst
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting, posting_data

PASSWORD = "pw-Long-enough-1"
TRAINED = dt.date.today() - dt.timedelta(days=365)  # the 責任者講習 a year ago: valid for four more years


@dataclass
class AgencySetup:
    agency: Agency
    office: Office
    ca: User  # キャリアアドバイザー
    ra: User  # リクルーティングアドバイザー
    boss: User  # 職業紹介責任者


def make_agency(slug: str = "minato-career", name: str = "株式会社みなとキャリア") -> AgencySetup:
    org = Organization.objects.create(kind=Organization.Kind.AGENCY, name=name, address="東京都港区1-1")
    agency = Agency.objects.create(
        organization=org,
        slug=slug,
        license_number="13-ユ-312345",
        fee_system=FeeSystem.NOTIFIED,
        fee_rate_percent=30,
        fee_table="紹介手数料：理論年収の30%（税別）",
        refund_policy="入社後3か月以内の自己都合退職は50%を返金",
        occupations_scope="事務的職業（経理・人事・総務・法務・広報・一般事務）、情報処理（社内SE）",
        complaint_contact="本社 03-0000-0001",
    )
    office = Office.objects.create(agency=agency, name="本社", address="東京都港区1-1", phone="03-0000-0001")

    def user(email: str, display: str, **roles: bool) -> User:
        u = User.objects.create_user(
            email=email, password=PASSWORD, role=Role.AGENT, organization=org, display_name=display
        )
        Staff.objects.create(user=u, agency=agency, office=office, **roles)
        return u

    return AgencySetup(
        agency,
        office,
        ca=user(f"ca@{slug}.example", "佐藤CA", is_career_adviser=True),
        ra=user(f"ra@{slug}.example", "鈴木RA", is_career_adviser=False, is_recruiting_adviser=True),
        boss=user(
            f"boss@{slug}.example",
            "高橋責任者",
            is_career_adviser=False,
            is_responsible=True,
            responsible_training_on=TRAINED,
        ),
    )


HEARING: dict[str, Any] = {
    "reasons": "決算業務まで経験を広げたい",
    "desired_occupations": "経理事務",
    "desired_prefectures": ["13", "14"],
    "pay_floor": 230000,
    "pay_unit": "month",
    "employment_types": ["seishain"],
    "telework": "any",
    "experience": "請求書の発行、入金消込、会計ソフトへの仕訳入力、月次決算の補助を3年担当。",
    "skills": "Excel（VLOOKUP・ピボット）",
    "qualifications": "日商簿記2級",
    "notes": "平日夜に連絡可",
}


def register(setup: AgencySetup, seeker: User, hearing: dict[str, Any] | None = None) -> Candidate:
    candidate = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    services.hearing_save(user=setup.ca, candidate=candidate, data=dict(hearing or HEARING))
    candidate.refresh_from_db()
    return candidate


def private_order(setup: AgencySetup, employer_org: Organization, **over: Any) -> JobOrder:
    data = posting_data(title=over.pop("title", "経理スタッフ（非公開・月次決算）"), **over)
    data.pop("visibility", None)
    return services.job_order_intake(user=setup.ra, employer=employer_org, data=data, self_declaration=True)


def take_order(setup: AgencySetup, posting_id: int) -> None:
    """The agency's order for a public posting (ADR 0111: a 推薦 goes only through an order in force), taken by its
    RA through the service when it holds none yet; a 非公開求人 has its order from its intake."""
    from bonavi.agents import selectors

    if not selectors.orders_in_force(setup.agency).filter(posting_id=posting_id).exists():
        services.public_job_order_intake(user=setup.ra, posting_id=posting_id, self_declaration=True)


def refer(setup: AgencySetup, candidate: Candidate, posting_id: int) -> Referral:
    """The adviser proposes the job, the candidate accepts it (sending the hearing summary), the adviser sends the
    推薦: a selection at 推薦, as every pipeline test starts (a public job's order taken first, take_order)."""
    take_order(setup, posting_id)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    accept_proposal(proposal)
    return services.referral_send(user=setup.ca, proposal=proposal)


def accept_proposal(proposal: Proposal) -> None:
    """Her 「応募する」 on the proposal, sending the hearing summary."""
    services.proposal_answer(
        user=proposal.candidate.user,
        proposal=proposal,
        accept=True,
        document_choice="要約",
        document_text="経理3年",
    )


def ordered_posting(
    setup: AgencySetup, organization: Organization, title: str = "経理事務（提案あり）"
) -> JobPosting:
    """A public posting of `organization` the agency holds an order for: a proposal of it can become a 推薦."""
    posting = make_posting(organization, title=title)
    take_order(setup, posting.pk)
    return posting


# The online 1次面接 `book_first_interview` sets: tests that check the card gives (or no longer gives) the URL.
INTERVIEW_URL = "https://meet.example.com/referral-42"


def to_first_interview(referral: Referral, employer: User) -> Referral:
    """The company moves the 推薦 through 書類選考 to 1次面接 (no date yet), as the interview tests start."""
    services.referral_move(user=employer, referral=referral, to_stage="document")
    services.referral_move(user=employer, referral=referral, to_stage="interview1")
    referral.refresh_from_db()
    return referral


def interview_values(starts_at: dt.datetime) -> dict[str, Any]:
    """An online interview at `starts_at`, no end given (held an hour after its start, ADR 0123), as a form sends it."""
    return {
        "starts_at": starts_at,
        "ends_at": None,
        "format": "online",
        "place": "",
        "url": INTERVIEW_URL,
        "notes": "",
    }


def book_first_interview(referral: Referral, employer: User, starts_at: dt.datetime) -> Referral:
    """to_first_interview, then the company sets the 1次's date: online at `starts_at` (interview_values)."""
    to_first_interview(referral, employer)
    interviews.referral_interview_set(user=employer, referral=referral, values=interview_values(starts_at))
    referral.refresh_from_db()
    return referral


def backdate(referral: Referral, day: dt.date) -> None:
    """Move the 推薦 and its stage events to a week before `day` when they are later: an 入社日 before the 推薦 or
    the 内定承諾 is refused, and tests place people years ago."""
    earlier = dt.datetime.combine(day - dt.timedelta(days=7), dt.time(10), tzinfo=JST)
    if earlier < referral.sent_at:
        Referral.objects.filter(pk=referral.pk).update(sent_at=earlier)
        referral.events.update(at=earlier)
        referral.refresh_from_db()
        # The order it went through was in force then too (the 求人管理簿 lists an introduction under the order in
        # force on its day, ADR 0111).
        JobOrder.objects.filter(
            posting_id=referral.proposal.posting_id,
            agency_id=referral.proposal.candidate.agency_id,
            received_on__gt=earlier.date(),
        ).update(received_on=earlier.date())


def place(setup: AgencySetup, candidate: Candidate, posting_id: int, *, joined_on: dt.date) -> Placement:
    """`refer`, then 内定 (on the posting's terms) → 承諾 and an open-ended placement (予定年収 4,000,000, fee 1,200,000) from `joined_on`
    (the 推薦 moved before it when needed)."""
    referral = refer(setup, candidate, posting_id)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=referral, to_stage=stage, offer=offer)
    backdate(referral, joined_on)
    return services.placement_record(
        user=setup.ca, referral=referral, joined_on=joined_on, expected_annual_pay=4_000_000, fee=1_200_000
    )


def offer_as_posted(referral: Referral, **over: Any) -> dict[str, Any]:
    """内定時の労働条件 as the employer's form prefills them (the posting's terms), starting in a month."""
    terms = offer_defaults(referral.proposal.posting)
    terms["start_on"] = today_jst() + dt.timedelta(days=30)
    return {**terms, **over}


def offer_form(referral: Referral, **over: Any) -> dict[str, str]:
    """offer_as_posted as the employer's page posts it."""
    return {k: "" if v is None else str(v) for k, v in offer_as_posted(referral, **over).items()}
