"""The data `bonavi bench_pages` measures the daily pages on (ADR 0162): the site's postings at a realistic size, one
employer with many postings and applicants, one seeker with a full マイページ, one agency with its candidates,
proposals and placements.

Everything but the postings and the accounts goes through the services the pages' own forms use (applications,
favourites, saved searches, documents, registrations, hearings, orders, proposals, 推薦, placements), so the rows,
the audit trails and the queued mails are what real use leaves. Each part is made once: a second run (or one with
more postings) adds only what is missing, so a database can be measured again and again.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.db import transaction

from bonavi.accounts.models import Organization, Role, User
from bonavi.accounts.signals import user_signed_up
from bonavi.careers.models import Occupation
from bonavi.core.clock import JST, today_jst
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.seeding import postings_seed
from bonavi.jobs.selectors import public_postings
from bonavi.notifications.models import SavedSearch
from bonavi.notifications.services import saved_search_create
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application, Favorite

from . import services
from .books import fiscal_year_bounds, published_fiscal_year
from .demo import HEARING, PROFILE, RESUME
from .models import (
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
from .offer import offer_defaults

# Reserved example domain: nobody receives the queued mails.
DOMAIN = "bench.example.com"
SEEKER = f"seeker@{DOMAIN}"
EMPLOYER = f"employer@{DOMAIN}"
ADVISER = f"adviser@{DOMAIN}"
AGENCY_SLUG = "bench-career"
AGENCY_NAME = "ベンチキャリア株式会社"

FAMILY_NAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN_NAMES = ["花子", "美咲", "陽菜", "結衣", "健太", "翔太", "大輝", "さくら", "葵", "蓮"]
SAVED_QUERIES = [
    ("経理", "q=経理"),
    ("給与計算（東京都）", "q=給与計算&pref=13"),
    ("総務", "q=総務"),
    ("人事（神奈川県）", "q=人事&pref=14"),
    ("一般事務", "q=一般事務"),
]


@dataclass(frozen=True)
class Sizes:
    """How much of each; `scaled` makes the same shape smaller, for telling a query per row from a fixed count."""

    postings: int = 10_000
    employer_postings: int = 300
    employer_applications: int = 2_000
    seeker_applications: int = 30
    seeker_favorites: int = 40
    seeker_saved_searches: int = 5
    seeker_documents: int = 3
    candidates: int = 500
    proposals: int = 300
    placements: int = 100

    def scaled(self, factor: float) -> Sizes:
        """Every count but the site's postings times `factor` (at least one of each)."""
        counts = {
            name: max(1, round(value * factor)) for name, value in vars(self).items() if name != "postings"
        }
        return Sizes(postings=self.postings, **counts)


@dataclass
class BenchData:
    seeker: User
    employer: User
    employer_org_id: int
    adviser: User
    agency: Agency
    office: Office
    document: DocumentVersion
    posting: JobPosting  # a public posting of the employer, with applicants
    application: Application  # one applicant of the employer
    candidate: Candidate  # a registered candidate of the adviser, with a hearing
    search_name: str  # a family name to search the candidates list by


def bench_data_ensure(sizes: Sizes, *, say: Callable[[str], None] = lambda _: None) -> BenchData:
    """Make whatever part of the data is missing, and return the accounts and objects the pages are read for."""
    if not Occupation.objects.exists():
        # The careers app's occupation reference, as `bonavi demo` loads it: the candidate page's matching reads it.
        call_command("import_jobtag", "--snapshot", stdout=io.StringIO())
    missing = sizes.postings - JobPosting.objects.count()
    if missing > 0:
        say(f"求人 {missing:,}件を生成します…")
        postings_seed(count=missing, seed=21, private_ratio=0.05)
    employer = _employer_ensure(sizes, say)
    org_id = employer.organization_id
    assert org_id is not None
    seeker = _seeker(SEEKER, 0, signed_up=True)
    applicants = [_seeker(f"applicant{i:04d}@{DOMAIN}", i + 1) for i in range(_pool(sizes))]
    _applications_ensure(org_id, applicants, sizes, say)
    document = _seeker_page_ensure(seeker, sizes, say)
    agency, office, adviser = _agency_ensure()
    candidates = _candidates_ensure(agency, adviser, applicants[: sizes.candidates], say)
    _pipeline_ensure(agency, adviser, candidates, org_id, sizes, say)
    posting = (
        public_postings().filter(organization_id=org_id, applications__isnull=False).order_by("pk").first()
    )
    application = Application.objects.filter(posting__organization_id=org_id).order_by("pk").first()
    # One she has proposals for but no placement: the candidate page with its lists and the matches at full size.
    candidate = (
        Candidate.objects.filter(agency=agency, proposals__isnull=False, proposals__referral__isnull=True)
        .order_by("pk")
        .first()
    ) or candidates[0]
    assert posting is not None and application is not None
    return BenchData(
        seeker=seeker,
        employer=employer,
        employer_org_id=org_id,
        adviser=adviser,
        agency=agency,
        office=office,
        document=document,
        posting=posting,
        application=application,
        candidate=candidate,
        search_name=FAMILY_NAMES[1],
    )


def _pool(sizes: Sizes) -> int:
    # Each applicant applies to at most 4 of the employer's postings; the agency's candidates come from them too.
    return max(sizes.candidates, -(-sizes.employer_applications // 4))


def _employer_ensure(sizes: Sizes, say: Callable[[str], None]) -> User:
    """The employer with the first generated company's postings, topped up to `employer_postings` with other
    companies' postings moved to it (saved one by one, so the search index and the feed follow)."""
    employer = User.objects.filter(email=EMPLOYER).first()
    if employer is None:
        org = Organization.objects.filter(kind=Organization.Kind.EMPLOYER).order_by("pk").first()
        assert org is not None, "postings_seed makes the companies"
        employer = User.objects.create_user(
            email=EMPLOYER,
            password=None,
            role=Role.EMPLOYER,
            display_name="ベンチ 採用担当",
            organization=org,
        )
        user_signed_up.send(sender=User, user=employer, agreed=True)
    org = employer.organization
    assert org is not None
    have = JobPosting.objects.filter(organization=org).count()
    if have < sizes.employer_postings:
        say(f"採用企業の求人を {sizes.employer_postings:,}件にします…")
        others = (
            JobPosting.objects.exclude(organization=org)
            .filter(status=PostingStatus.PUBLISHED)
            .order_by("pk")[: sizes.employer_postings - have]
        )
        with transaction.atomic():
            for posting in others:
                posting.organization = org
                posting.employer_name = org.name
                posting.employer_address = org.address
                posting.employer_contact = org.phone
                posting.save()
    # Every other company with postings gets its 採用担当 (a 応募 is refused without one, ADR 0143); called by name
    # through the demo command's module, which jobs owns.
    from bonavi.jobs.management.commands.demo import hiring_staff_ensure

    hiring_staff_ensure()
    return employer


def _seeker(email: str, n: int, *, signed_up: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    family, given = (
        FAMILY_NAMES[n % len(FAMILY_NAMES)],
        GIVEN_NAMES[(n // len(FAMILY_NAMES)) % len(GIVEN_NAMES)],
    )
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=None, role=Role.SEEKER, display_name=f"{family} {given}"
        )
        if signed_up:
            user_signed_up.send(sender=User, user=user, agreed=True)
        seeker_services.profile_update(
            user=user,
            data={**PROFILE, "family_name": family, "given_name": given},
            history=[{"kind": "education", "year": 2018, "month": 3, "text": "東京都立みほん高等学校 卒業"}],
            qualifications=[{"code": "boki3", "acquired_year": 2024, "acquired_month": 6}],
        )
    return user


def _employer_public_ids(org_id: int) -> list[int]:
    return list(public_postings().filter(organization_id=org_id).order_by("pk").values_list("pk", flat=True))


def _applications_ensure(
    org_id: int, applicants: list[User], sizes: Sizes, say: Callable[[str], None]
) -> None:
    have = Application.objects.filter(posting__organization_id=org_id).count()
    if have >= sizes.employer_applications:
        return
    say(f"採用企業への応募 {sizes.employer_applications - have:,}件を作成します…")
    ids = _employer_public_ids(org_id)
    done = set(
        Application.objects.filter(posting__organization_id=org_id).values_list("applicant_id", "posting_id")
    )
    rng = random.Random(3)
    made = have
    i = 0
    while made < sizes.employer_applications:
        applicant = applicants[i % len(applicants)]
        # Every posting gets one first, then at random: a few postings with many applicants, most with a few.
        posting_id = ids[rng.randrange(len(ids))] if i >= len(ids) else ids[i]
        i += 1
        if (applicant.pk, posting_id) in done:
            continue
        seeker_services.application_create(
            user=applicant, posting_id=posting_id, message="よろしくお願いいたします。"
        )
        done.add((applicant.pk, posting_id))
        made += 1


def _seeker_page_ensure(seeker: User, sizes: Sizes, say: Callable[[str], None]) -> DocumentVersion:
    """Her applications and favourites spread over other companies' public postings, her saved searches and
    documents."""
    rng = random.Random(5)
    ids = list(public_postings().order_by("pk").values_list("pk", flat=True)[:5000])
    picks = rng.sample(ids, sizes.seeker_applications + sizes.seeker_favorites)
    if Application.objects.filter(applicant=seeker).count() < sizes.seeker_applications:
        say("求職者の応募・お気に入り・保存検索・書類を作成します…")
        for posting_id in picks[: sizes.seeker_applications]:
            if not Application.objects.filter(applicant=seeker, posting_id=posting_id).exists():
                seeker_services.application_create(user=seeker, posting_id=posting_id)
    if Favorite.objects.filter(user=seeker).count() < sizes.seeker_favorites:
        for posting_id in picks[sizes.seeker_applications :]:
            seeker_services.favorite_add(user=seeker, posting_id=posting_id)
    if SavedSearch.objects.filter(user=seeker).count() < sizes.seeker_saved_searches:
        for name, query in SAVED_QUERIES[: sizes.seeker_saved_searches]:
            if not SavedSearch.objects.filter(user=seeker, name=name).exists():
                saved_search_create(user=seeker, query=query, name=name)
    have = DocumentVersion.objects.filter(owner=seeker).count()
    for n in range(have, sizes.seeker_documents):
        version_create(owner=seeker, title=f"職務経歴書（経理志望・{n + 1}）", data=RESUME)
    document = DocumentVersion.objects.filter(owner=seeker).order_by("pk").first()
    assert document is not None
    return document


def _agency_ensure() -> tuple[Agency, Office, User]:
    agency = Agency.objects.filter(slug=AGENCY_SLUG).select_related("organization").first()
    if agency is None:
        with transaction.atomic():
            org = Organization.objects.create(
                kind=Organization.Kind.AGENCY,
                name=AGENCY_NAME,
                address="東京都港区芝公園1-1-1",
                phone="03-0000-2121",
            )
            agency = Agency.objects.create(
                organization=org,
                slug=AGENCY_SLUG,
                license_number="13-ユ-321212",
                fee_system=FeeSystem.NOTIFIED,
                fee_rate_percent=30,
                fee_table="紹介手数料：採用者の理論年収の30%（税別）。",
                refund_policy="入社後3か月以内の自己都合退職：50%を返金します。",
                occupations_scope="事務的職業（経理・人事・総務・一般事務）。取扱地域：全国。",
                complaint_contact="本社 職業紹介責任者（03-0000-2121）",
            )
            Office.objects.create(agency=agency, name="本社", address=org.address, phone=org.phone)
    office = agency.offices.order_by("pk").first()
    assert office is not None
    adviser = User.objects.filter(email=ADVISER).first()
    if adviser is None:
        with transaction.atomic():
            adviser = User.objects.create_user(
                email=ADVISER,
                password=None,
                role=Role.AGENT,
                display_name="ベンチ アドバイザー",
                organization=agency.organization,
            )
            # One person in every role, so each agency page (the books, the disclosure) opens for her.
            Staff.objects.create(
                user=adviser,
                agency=agency,
                office=office,
                is_career_adviser=True,
                is_recruiting_adviser=True,
                is_responsible=True,
                responsible_training_on=today_jst() - dt.timedelta(days=365),
            )
    return agency, office, adviser


def _candidates_ensure(
    agency: Agency, adviser: User, people: list[User], say: Callable[[str], None]
) -> list[Candidate]:
    registered = dict(Candidate.objects.filter(agency=agency).values_list("user_id", "pk"))
    missing = [p for p in people if p.pk not in registered]
    if missing:
        say(f"紹介会社の求職者 {len(missing):,}人を登録します…")
    for person in missing:
        with transaction.atomic():
            candidate = services.candidate_apply(user=person, agency_slug=agency.slug, consent=True)
            services.hearing_save(user=adviser, candidate=candidate, data=HEARING)
    return list(Candidate.objects.filter(agency=agency, user__in=people).order_by("pk"))


def _pipeline_ensure(
    agency: Agency,
    adviser: User,
    candidates: list[Candidate],
    employer_org_id: int,
    sizes: Sizes,
    say: Callable[[str], None],
) -> None:
    """`proposals` proposals of other companies' public postings, three candidates a posting, the agency holding
    each posting's order; the first candidate of each of the first `placements` postings accepts, is 推薦'd and
    placed, with a 入社日 in the fiscal year the disclosure page shows."""
    if Proposal.objects.filter(candidate__agency=agency).count() >= sizes.proposals:
        return
    say(f"提案 {sizes.proposals:,}件・入社 {sizes.placements:,}件を作成します…")
    per_posting = 3
    postings = list(
        public_postings()
        .exclude(organization_id=employer_org_id)
        .order_by("-pk")
        .values_list("pk", flat=True)[: -(-sizes.proposals // per_posting)]
    )
    first, last = fiscal_year_bounds(published_fiscal_year(today_jst()))
    # Each posting's order, proposals and placement are one transaction: a run stopped part way left whole ones.
    done = set(Proposal.objects.filter(candidate__agency=agency).values_list("posting_id", flat=True))
    made = 0
    for i, posting_id in enumerate(postings):
        if posting_id in done:
            made += per_posting
            continue
        with transaction.atomic():
            services.public_job_order_intake(
                user=adviser, posting_id=posting_id, self_declaration=True, openings=3
            )
            for k in range(per_posting):
                if made >= sizes.proposals:
                    break
                candidate = candidates[(i * per_posting + k) % len(candidates)]
                proposal = services.proposal_create(
                    user=adviser, candidate=candidate, posting_id=posting_id, comment="希望に合う求人です。"
                )
                made += 1
                if k == 0 and i < sizes.placements:
                    joined_on = first + dt.timedelta(days=(i * 3) % max((last - first).days - 7, 1) + 7)
                    _place(adviser, proposal, joined_on)


def _place(adviser: User, proposal: Proposal, joined_on: dt.date) -> Placement:
    """Her 「応募する」, the 推薦, 1次面接 → 内定 (on the posting's terms) → 承諾, and the 入社 on `joined_on`, with the
    推薦 and its orders moved before that day (a 入社日 before the 推薦 is refused)."""
    services.proposal_answer(
        user=proposal.candidate.user,
        proposal=proposal,
        accept=True,
        document_choice="要約",
        document_text="経理3年",
    )
    referral = services.referral_send(user=adviser, proposal=proposal)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer: dict[str, Any] | None = None
        if stage == Stage.OFFER:
            offer = {**offer_defaults(proposal.posting), "start_on": today_jst() + dt.timedelta(days=30)}
        services.referral_move(user=adviser, referral=referral, to_stage=stage, offer=offer)
    earlier = dt.datetime.combine(joined_on - dt.timedelta(days=7), dt.time(10), tzinfo=JST)
    Referral.objects.filter(pk=referral.pk).update(sent_at=earlier)
    referral.events.update(at=earlier)
    JobOrder.objects.filter(posting_id=proposal.posting_id, agency_id=proposal.candidate.agency_id).update(
        received_on=earlier.date()
    )
    referral.refresh_from_db()
    return services.placement_record(
        user=adviser, referral=referral, joined_on=joined_on, expected_annual_pay=4_000_000, fee=1_200_000
    )
