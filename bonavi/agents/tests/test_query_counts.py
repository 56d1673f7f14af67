"""Pages and APIs whose rows grow with an agency's history run a fixed number of queries, however many rows.

Each test measures one request, adds rows (made directly with the ORM, to stay fast), and measures again: the
counts must be equal. A count that grows is an N+1 (one query per proposal, candidate or 推薦)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import (
    AuditAction,
    AuditEvent,
    Candidate,
    CandidateStatus,
    HearingSheet,
    JobOrder,
    JobOrderStatus,
    Office,
    Proposal,
    ProposalStatus,
    Referral,
    Staff,
    StaffTraining,
    Stage,
    StageEvent,
)
from bonavi.agents.snapshot import conditions_snapshot
from bonavi.agents.tests.factories import AgencySetup, offer_as_posted, place, private_order, refer
from bonavi.core.clock import today_jst
from bonavi.core.tests.querycount import assert_flat, queries
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers.models import SeekerProfile
from bonavi.seekers.services import profile_get_or_create

pytestmark = pytest.mark.django_db

_seq = itertools.count()


def _proposal(candidate: Candidate, posting: JobPosting, setup: AgencySetup, *, referred: bool) -> Proposal:
    staff = setup.ca.agency_staff
    now = timezone.now()
    proposal = Proposal.objects.create(
        candidate=candidate,
        posting=posting,
        adviser=staff,
        snapshot=conditions_snapshot(posting),
        snapshot_at=now,
        status=ProposalStatus.ACCEPTED if referred else ProposalStatus.PROPOSED,
        document_choice="要約" if referred else "",
        document_text="経理3年" if referred else "",
    )
    if referred:
        referral = Referral.objects.create(
            proposal=proposal, sent_at=now, sent_by=staff, document_choice="要約", document_text="経理3年"
        )
        StageEvent.objects.create(referral=referral, to_stage="recommended", actor=setup.ca)
    return proposal


def _candidate(setup: AgencySetup) -> Candidate:
    n = next(_seq)
    user = User.objects.create(email=f"grow{n}@test.example", role=Role.SEEKER)
    today = timezone.localdate()
    candidate = Candidate.objects.create(
        agency=setup.agency,
        office=setup.office,
        user=user,
        status=CandidateStatus.ACTIVE,
        display_name=f"増田 {n}",
        consent_purposes="職業紹介のため",
        consent_version="test",
        consented_at=timezone.now(),
        applied_on=today,
        valid_until=today + dt.timedelta(days=90),
        registered_at=timezone.now(),
    )
    candidate.advisers.add(setup.ca.agency_staff)
    HearingSheet.objects.create(
        candidate=candidate,
        desired_occupations="経理事務",
        desired_prefectures=["13"],
        pay_floor=200_000,
        employment_types=["seishain"],
        experience="請求書の発行と入金消込を3年。",
    )
    return candidate


def test_my_proposals_page_and_api(client, setup, candidate, employer):
    _proposal(candidate, make_posting(employer.organization), setup, referred=True)
    _proposal(candidate, make_posting(employer.organization), setup, referred=False)
    client.force_login(candidate.user)

    def grow() -> None:
        for i in range(4):
            _proposal(candidate, make_posting(employer.organization), setup, referred=i % 2 == 0)

    assert_flat(client, "/me/proposals/", grow)
    assert_flat(client, "/api/v1/agent/me/proposals", grow)


def test_my_proposals_api_still_reports_changed_conditions(client, setup, candidate, employer):
    posting = make_posting(employer.organization)
    _proposal(candidate, posting, setup, referred=False)
    JobPosting.objects.filter(pk=posting.pk).update(wage_min=240_000)
    client.force_login(candidate.user)

    (item,) = client.get("/api/v1/agent/me/proposals").json()

    assert [c["label"] for c in item["changes"]] == ["賃金"]


def test_books_csv(client, setup, candidate, employer):
    order = private_order(setup, employer.organization)
    place(setup, candidate, order.posting_id, joined_on=timezone.localdate())
    client.force_login(setup.boss)

    def grow() -> None:
        for _ in range(3):
            posting = make_posting(employer.organization)
            JobOrder.objects.create(
                agency=setup.agency,
                office=setup.office,
                employer=employer.organization,
                posting=posting,
                status=JobOrderStatus.ACCEPTED,
                title=posting.title,
                valid_until=timezone.localdate() + dt.timedelta(days=90),
            )
            for _ in range(2):
                _proposal(_candidate(setup), posting, setup, referred=True)

    assert_flat(client, f"/agent/books/{setup.office.pk}/seeker.csv", grow)
    assert_flat(client, f"/agent/books/{setup.office.pk}/job.csv", grow)
    assert_flat(client, f"/agent/books/{setup.office.pk}/fee.csv", grow)


def test_candidate_page(client, setup, candidate, employer):
    _proposal(candidate, make_posting(employer.organization), setup, referred=True)
    client.force_login(setup.ca)

    def grow() -> None:
        for i in range(4):
            _proposal(candidate, make_posting(employer.organization), setup, referred=i % 2 == 0)
        # selections past 内定承諾 show their placement and 6-month follow-up too
        # A 推薦 needs the agency's order for the job (ADR 0111).
        accepted = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
        for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
            offer = offer_as_posted(accepted) if stage == Stage.OFFER else None
            services.referral_move(user=setup.ca, referral=accepted, to_stage=stage, offer=offer)
        place(
            setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=today_jst()
        )  # last: 2-year lock
        # New postings' matching features are built on their first view, in one batch query per 500 (then
        # cached): warm them as the first request warmed the others, so the count compares like with like.
        client.get(f"/agent/candidates/{candidate.pk}/")

    assert_flat(client, f"/agent/candidates/{candidate.pk}/", grow)


def test_candidate_page_asks_once_whether_the_adviser_may_see_her(client, setup, candidate, employer):
    # Her contact details and shared documents are shown on what reading her through candidates_of established:
    # asked again, each cost a staff lookup and an EXISTS (22 queries in all, not 17; of the 17, the careers
    # reference's release (matching's profile cache key) and her 担当 advisers were added beside this change; the
    # 18th is the referrals' interviews, prefetched once for the cards' 面接の日程 (ADR 0105), the 19th reads the
    # agency's orders in force, which say which jobs may be recommended (ADR 0111); the 20th the orders the 推薦
    # went through, whose 国外 and 紹介予定派遣 the 入社 form starts from (ADR 0115)); the 21st reads her audit trail
    # for its 記録 (ADR 0125), on what candidates_of established too, naming her 担当 from the advisers the page
    # read already (a 22nd query read them again). The 22nd is her saved 棚卸し, which matching reads with the
    # hearing (read once for the match and the line naming it), the 23rd her direct applications among the listed
    # jobs (ADR 0141).
    _proposal(candidate, make_posting(employer.organization), setup, referred=True)
    client.force_login(setup.ca)
    client.get(f"/agent/candidates/{candidate.pk}/")
    assert queries(client, f"/agent/candidates/{candidate.pk}/") == 23


def test_candidates_for_a_job_logs_each_view_in_one_insert(client, setup, candidate, employer):
    posting = make_posting(employer.organization)
    client.force_login(setup.ca)

    def grow() -> None:
        for _ in range(4):
            _candidate(setup)

    assert_flat(client, f"/api/v1/agent/postings/{posting.pk}/candidates", grow)
    # …and every candidate listed still sees the view in their trail.
    listed = {c["candidate_id"] for c in client.get(f"/api/v1/agent/postings/{posting.pk}/candidates").json()}
    assert len(listed) == 5
    logged = AuditEvent.objects.filter(
        action=AuditAction.PROFILE_VIEW, detail__contains="とのマッチング", actor=setup.ca
    )
    assert {e.candidate_id for e in logged} == listed
    assert logged.first().actor_label.startswith(setup.agency.name)


def test_dashboard_and_audit_trail(client, setup, candidate, employer):
    _proposal(candidate, make_posting(employer.organization), setup, referred=True)

    def grow() -> None:
        for _ in range(4):
            _proposal(_candidate(setup), make_posting(employer.organization), setup, referred=True)
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    candidate=candidate, actor=setup.ca, actor_label="担当", action=AuditAction.PROFILE_VIEW
                )
                for _ in range(5)
            ]
        )

    client.force_login(setup.ca)
    assert_flat(client, "/agent/", grow)
    client.force_login(employer)
    assert_flat(client, "/agent/employer/referrals/", grow)
    client.force_login(candidate.user)
    assert_flat(client, "/me/proposals/audit/", grow)
    assert_flat(client, f"/me/agency/{candidate.pk}/", grow)


def test_offices_and_records(client, setup, candidate, employer):
    place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=timezone.localdate(),
    )
    boss = setup.boss.agency_staff
    training = StaffTraining.objects.create(
        office=setup.office, held_on=timezone.localdate(), topic="法令", given_by=boss
    )
    training.attendees.add(boss)
    client.force_login(setup.boss)

    def grow() -> None:
        for n in range(3):
            office = Office.objects.create(
                agency=setup.agency, name=f"支店{n}", address="東京都港区2-2", phone="03-0000-0002"
            )
            user = User.objects.create(
                email=f"staff{next(_seq)}@test.example",
                role=Role.AGENT,
                organization=setup.agency.organization,
            )
            staff = Staff.objects.create(
                user=user,
                agency=setup.agency,
                office=office,
                is_responsible=True,
                responsible_training_on=setup.boss.agency_staff.responsible_training_on,
            )
            training = StaffTraining.objects.create(
                office=office, held_on=timezone.localdate(), topic="個人情報の取扱い", given_by=staff
            )
            training.attendees.add(staff)
        for _ in range(2):
            place(
                setup,
                _candidate(setup),
                private_order(setup, employer.organization).posting_id,
                joined_on=timezone.localdate(),
            )

    for url in ("/agent/", "/agent/offices/", "/agent/records/"):
        assert_flat(client, url, grow)


def test_batch_mails_name_each_candidate_without_a_query_per_row(setup, employer):
    """The 6-month reminder, the stalled-selection reminder and the changed-conditions notice name each candidate
    by her profile's 姓 名 (Candidate.name): the profile, the office and the 推薦 come with the rows, not one
    query per mailed row."""

    def per_row_reads(ctx: CaptureQueriesContext) -> list[str]:
        tables = [m._meta.db_table for m in (SeekerProfile, Office, Referral)]
        return [
            q["sql"] for q in ctx.captured_queries if any(f'FROM "{t}" WHERE' in q["sql"] for t in tables)
        ]

    candidates = [_candidate(setup) for _ in range(3)]
    for n, c in enumerate(candidates):
        profile = profile_get_or_create(user=c.user)
        profile.family_name, profile.given_name = "見本", f"{n}子"
        profile.save()
        place(setup, c, private_order(setup, employer.organization).posting_id, joined_on=dt.date(2024, 5, 1))
    with CaptureQueriesContext(connection) as ctx:
        assert services.follow_ups_remind(today=dt.date(2024, 11, 1)) == 3
    assert per_row_reads(ctx) == []

    stalled = make_posting(employer.organization)
    for c in candidates:
        _proposal(c, stalled, setup, referred=True)
    Referral.objects.filter(proposal__posting=stalled).update(
        updated_at=timezone.now() - dt.timedelta(days=8)
    )
    with CaptureQueriesContext(connection) as ctx:
        assert services.referrals_stalled_remind() == 3
    assert per_row_reads(ctx) == []

    changed = make_posting(employer.organization)
    for c in candidates:
        _proposal(c, changed, setup, referred=False)
    JobPosting.objects.filter(pk=changed.pk).update(wage_min=changed.wage_min + 10_000)
    with CaptureQueriesContext(connection) as ctx:
        assert services.conditions_changed(posting=changed) == 3
    assert per_row_reads(ctx) == []
    assert OutboxMessage.objects.filter(subject__contains="（見本 2子）").exists()
