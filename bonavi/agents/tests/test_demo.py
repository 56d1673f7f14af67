"""`bonavi demo` leaves every role something to act on in the agency workbench (agents_demo's walk-through)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents.models import (
    AuditEvent,
    Candidate,
    Invitation,
    Proposal,
    ProposalStatus,
    Referral,
    ReferralInterview,
    Stage,
)
from bonavi.agents.selectors import ordered_posting_ids
from bonavi.core.clock import JST, date_jst, today_jst
from bonavi.core.interviews import InterviewFormat
from bonavi.documents.models import DocumentVersion
from bonavi.documents.selectors import version_label
from bonavi.events.models import Event
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers.models import Application, ApplicationMessage, Interview, MessageAttachment

pytestmark = pytest.mark.django_db
PW = "pw-Long-enough-1"


@pytest.fixture
def demo_accounts(db):
    org = Organization.objects.create(
        name="株式会社BOナビデモ商事",
        kind=Organization.Kind.EMPLOYER,
        address="東京都千代田区丸の内1-1-1",
        phone="03-0000-0000",
    )
    for i, pay in enumerate((230_000, 250_000)):
        make_posting(org, title=f"経理事務（公開{i}）", wage_min=pay, wage_max=pay + 40_000)
    return {
        "seeker": User.objects.create_user(email="seeker@example.com", password=PW, role=Role.SEEKER),
        "employer": User.objects.create_user(
            email="employer@example.com", password=PW, role=Role.EMPLOYER, organization=org
        ),
        "agent": User.objects.create_user(email="agent@example.com", password=PW, role=Role.AGENT),
    }


def test_demo_walkthrough_gives_each_role_a_live_case_once(demo_accounts, client):
    out = StringIO()
    call_command("agents_demo", stdout=out)
    assert "推薦（書類選考中）を作成しました" in out.getvalue()
    call_command("agents_demo", stdout=out)  # idempotent
    assert "作成済み" in out.getvalue()
    candidate = Candidate.objects.get()
    assert candidate.user == demo_accounts["seeker"]
    proposals = {p.status: p for p in candidate.proposals.all()}
    assert set(proposals) == {ProposalStatus.ACCEPTED, ProposalStatus.PROPOSED}
    accepted = proposals[ProposalStatus.ACCEPTED]
    # the employer moved it on to 1次面接 and booked an online interview (ADR 0102)
    assert accepted.posting.visibility == "private" and accepted.referral.stage == Stage.INTERVIEW1
    # every 推薦 and the public job proposed go through an order the agency holds (ADR 0111)
    ordered = ordered_posting_ids(candidate.agency)
    pending = proposals[ProposalStatus.PROPOSED]
    assert pending.posting.visibility == "public" and pending.posting_id in ordered
    assert all(r.proposal.posting_id in ordered for r in Referral.objects.select_related("proposal"))
    # the document label the employer reads is in Japan time, like every page (it was UTC)
    version = DocumentVersion.objects.get(owner=candidate.user)
    assert accepted.document_choice == version_label(version)
    assert f"{version.updated_at.astimezone(JST):%H:%M} 保存の版）" in accepted.document_choice
    # every step is in the candidate's audit trail and was mailed through the outbox, once
    assert AuditEvent.objects.filter(candidate=candidate).count() >= 6
    assert OutboxMessage.objects.filter(to_email="seeker@example.com", subject__contains="添削").count() == 1

    client.force_login(demo_accounts["seeker"])
    assert "経理スタッフ（非公開" in client.get("/me/proposals/").content.decode()
    recs = client.get("/me/recommendations/").content.decode()
    assert "経理事務（公開" in recs
    client.force_login(demo_accounts["agent"])
    assert candidate.display_name in client.get("/agent/").content.decode()
    client.force_login(demo_accounts["employer"])
    assert "1次面接" in client.get("/agent/employer/referrals/").content.decode()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Candidate,
            Proposal,
            Referral,
            ReferralInterview,
            Invitation,
            Application,
            ApplicationMessage,
            Interview,
            MessageAttachment,
            Event,
            JobPosting,
            Organization,
            User,
        )
    }


def test_make_demo_shows_each_feature_of_the_session_once(client):
    """`bonavi demo` (make demo) leaves the 推薦's online interview, the adviser's waiting invitation and an
    employer 応募者 list with both kinds; a second run fails on nothing and adds nothing."""
    call_command("demo", "--postings", "20", stdout=StringIO())
    seeker = User.objects.get(email="seeker@example.com")
    referral = Referral.objects.get(proposal__candidate__user=seeker)
    assert referral.stage == Stage.INTERVIEW1
    interview = ReferralInterview.objects.get(referral=referral, stage=Stage.INTERVIEW1)
    assert interview.format == InterviewFormat.ONLINE and not interview.is_cancelled
    assert interview.url.startswith("https://meet.example.com/")
    assert 2 <= (date_jst(interview.starts_at) - today_jst()).days <= 10
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{referral.proposal_id}/").content.decode()
    assert interview.when_display in page and interview.url in page
    assert client.get(f"/agent/referrals/{referral.pk}/interview.ics").status_code == 200

    invitation = Invitation.objects.get()
    assert invitation.email.endswith("@example.com") and invitation.used_at is None
    assert invitation.invited_by is not None and invitation.invited_by.user.email == "agent@example.com"
    assert OutboxMessage.objects.filter(to_email=invitation.email).count() == 1
    client.force_login(User.objects.get(email="agent@example.com"))
    invitations = client.get("/agent/invitations/").content.decode()
    assert invitation.name in invitations and "送信済み" in invitations
    # The walk-through's 今日やること and マイデータ lines lead somewhere real.
    assert "今日やること" in client.get("/agent/").content.decode()
    client.force_login(seeker)
    mine = client.get("/me/privacy/export/").content.decode()
    assert "紹介会社への登録（1件）" in mine and "ヒアリングシート" in mine

    # ADR 0096: the demo employer's one list has a direct application and an agency 推薦.
    client.force_login(User.objects.get(email="employer@example.com"))
    applicants = client.get("/applicants/").content.decode()
    # The walk-through's (the first); the other is the one whose interview was held yesterday.
    direct = Application.objects.filter(applicant=seeker).order_by("pk").first()
    assert direct is not None
    assert f'href="/applicants/{direct.pk}/"' in applicants
    assert f'href="/agent/employer/referrals/{referral.pk}/"' in applicants
    assert "エージェント推薦（BOナビキャリア株式会社）" in applicants

    before = _counts()
    mails = OutboxMessage.objects.count()
    call_command("demo", "--postings", "20", stdout=StringIO())
    assert _counts() == before and OutboxMessage.objects.count() == mails


def test_the_demo_records_page_shows_last_years_report_with_each_new_row(demo_accounts, client):
    """The records page opens on the last finished year: the demo has one order of each kind the report counts
    apart (ADR 0115), so its rows are not all zeros; they are history (expired, no mail today), made once."""
    import re

    from bonavi.agents.models import JobOrder
    from bonavi.jobs.validation import posting_problems

    call_command("agents_demo", stdout=StringIO())
    mails = OutboxMessage.objects.count()
    out = StringIO()
    call_command("agents_demo", stdout=out)
    assert "事業報告の例" not in out.getvalue() and OutboxMessage.objects.count() == mails
    last_year = JobOrder.objects.filter(posting__status="expired")
    assert last_year.count() == 4
    for order in last_year:
        assert posting_problems(order.posting) == {}, order.title
        assert not order.posting.is_public_now
    client.force_login(demo_accounts["agent"])
    page = client.get("/agent/records/").content.decode()
    table = page.split('id="report-table"', 1)[1].split("</table>", 1)[0]
    figures = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td>', table))
    for row in (
        "求人延数（臨時・国内）",
        "求人延数（日雇・国内）",
        "求人延数（常用・国外）",
        "紹介予定派遣（求人数）",
    ):
        assert figures[row] == "1", row
