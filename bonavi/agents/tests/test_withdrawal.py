"""Consent withdrawal from the candidate's own space: what it closes, who loses access (by URL and API), what the
books keep; account deletion does the same instead of failing on the registration."""

from __future__ import annotations

import pytest

from bonavi.agents import books, services
from bonavi.agents.models import (
    AuditAction,
    Candidate,
    CandidateStatus,
    DocumentShare,
    ProposalStatus,
    Stage,
)
from bonavi.agents.tests.factories import make_agency, private_order, register
from bonavi.documents.services import version_create
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db):
    return make_agency()


@pytest.fixture
def world(setup, seeker, employer):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization)
    in_selection = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    services.proposal_answer(
        user=seeker, proposal=in_selection, accept=True, document_choice="要約", document_text="経理3年"
    )
    referral = services.referral_send(user=setup.ca, proposal=in_selection)
    pending = services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=make_posting(employer.organization, title="経理B").pk
    )
    version = version_create(owner=seeker, title="職務経歴書", data={"basics": {"summary": "経理3年"}})
    services.document_share(user=seeker, candidate=candidate, version_id=version.pk, share=True)
    return {"candidate": candidate, "referral": referral, "pending": pending, "version": version}


def test_withdrawal_page_explains_then_closes_everything_and_staff_lose_access(
    setup, world, client, employer
):
    c = world["candidate"]
    staff_urls = [
        f"/agent/candidates/{c.pk}/",
        f"/agent/candidates/{c.pk}/documents/{world['version'].pk}/",
    ]
    api_gets = [f"/api/v1/agent/candidates/{c.pk}/matches"]
    for boss_or_ca in (setup.ca, setup.boss):
        client.force_login(boss_or_ca)
        assert all(client.get(u).status_code == 200 for u in staff_urls + api_gets)

    client.force_login(c.user)
    assert f"/me/agency/{c.pk}/" in client.get("/me/proposals/").content.decode()
    page = client.get(f"/me/agency/{c.pk}/withdraw/").content.decode()
    for promise in (
        "回答待ちの提案は終了します",
        "選考中の求人は辞退として企業に伝えます",
        "見られなくなります",
        "求職管理簿",
    ):
        assert promise in page
    assert world["referral"].proposal.posting.title in page
    # without the confirmation box nothing happens
    resp = client.post(f"/me/agency/{c.pk}/withdraw/", {})
    assert resp.status_code == 422
    c.refresh_from_db()
    assert c.status == CandidateStatus.ACTIVE
    client.post(f"/me/agency/{c.pk}/withdraw/", {"confirm": "on"})
    c.refresh_from_db()
    assert c.status == CandidateStatus.WITHDRAWN and c.consent_withdrawn_at is not None

    world["pending"].refresh_from_db()
    world["referral"].refresh_from_db()
    assert world["pending"].status == ProposalStatus.WITHDRAWN
    assert world["referral"].stage == Stage.DECLINED
    assert not DocumentShare.objects.exists()
    hearing = c.hearing
    assert hearing.desired_occupations == "経理事務" and hearing.experience == "" and hearing.notes == ""
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="選考辞退").exists()
    assert OutboxMessage.objects.filter(to_email=setup.ca.email, subject__contains="同意を撤回").exists()
    assert c.audit.filter(action=AuditAction.CONSENT_WITHDRAWN).exists()

    # advisers and the 責任者 are refused by URL and API
    for boss_or_ca in (setup.ca, setup.boss):
        client.force_login(boss_or_ca)
        assert all(client.get(u).status_code == 404 for u in staff_urls + api_gets)
        assert f"/agent/candidates/{c.pk}/" not in client.get("/agent/").content.decode()
        resp = client.put(
            f"/api/v1/agent/candidates/{c.pk}/hearing", {"notes": "再開"}, content_type="application/json"
        )
        assert resp.status_code == 404
        resp = client.post(
            f"/api/v1/agent/proposals/{world['pending'].pk}/referral", {}, content_type="application/json"
        )
        assert resp.status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.proposal_create(user=setup.ca, candidate=c, posting_id=world["referral"].proposal.posting_id)
    # the books still have the row the law requires
    rows = books.seeker_book_rows(setup.office)
    assert rows[1][0] == c.display_name and rows[1][1] == "経理事務"


def test_withdrawal_by_api_needs_confirmation_and_only_the_person(setup, world, client, other_employer):
    c = world["candidate"]
    url = f"/api/v1/agent/registrations/{c.pk}/withdraw"
    client.force_login(setup.ca)
    assert client.post(url, {"confirm": True}, content_type="application/json").status_code == 404
    client.force_login(c.user)
    resp = client.post(url, {}, content_type="application/json")
    assert resp.status_code == 422 and "confirm" in resp.json()["detail"]
    resp = client.post(url, {"confirm": True}, content_type="application/json")
    assert resp.status_code == 200 and resp.json()["status"] == "withdrawn"
    client.force_login(setup.ca)
    assert client.get(f"/api/v1/agent/candidates/{c.pk}/matches").status_code == 404


def test_account_deletion_withdraws_and_keeps_only_the_book_row(setup, world, client):
    c = world["candidate"]
    user = c.user
    from bonavi.seekers.mydata import account_delete, mydata_export

    exported = mydata_export(user=user)
    assert exported["agency_registrations"][0]["agency"] == setup.agency.name
    account_delete(user=user)  # used to fail: the registration PROTECTed the user
    c = Candidate.objects.get(pk=c.pk)
    assert c.user_id is None and c.status == CandidateStatus.WITHDRAWN
    assert books.seeker_book_rows(setup.office)[1][0] == c.display_name
    client.force_login(setup.ca)
    assert client.get(f"/agent/candidates/{c.pk}/").status_code == 404
