"""`bonavi demo` leaves every role something to act on in the agency workbench (agents_demo's walk-through)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents.models import AuditEvent, Candidate, ProposalStatus, Stage
from bonavi.core.clock import JST
from bonavi.documents.models import DocumentVersion
from bonavi.documents.selectors import version_label
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

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
    assert accepted.posting.visibility == "private" and accepted.referral.stage == Stage.DOCUMENT
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
    assert "書類選考" in client.get("/agent/employer/referrals/").content.decode()
