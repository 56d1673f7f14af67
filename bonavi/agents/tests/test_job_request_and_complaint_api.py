"""The API of ADR 0113's records (ADR 0117): her own 「求人の紹介を希望する」 through the same service as her agency
page, and the 申出s her advisers may read. Everyone else gets 403 or 404."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import AuditAction
from bonavi.agents.tests.factories import make_agency, place, private_order
from bonavi.core.clock import day_ja, today_jst
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

API = "/api/v1/agent"
JSON = "application/json"


@pytest.fixture
def placed(setup, candidate, employer):
    return place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=today_jst() - dt.timedelta(days=100),
    )


def _seeker(email: str) -> User:
    return User.objects.create_user(email=email, password="pw-Long-enough-1", role=Role.SEEKER)


# 「求人の紹介を希望する」 -------------------------------------------------------------------------------------------


def test_she_asks_for_jobs_through_the_api_as_on_her_page(setup, candidate, placed, client):
    client.force_login(candidate.user)
    [mine] = client.get(f"{API}/me/registrations").json()
    lock_until = services.placement_lock_until(candidate)
    assert lock_until is not None and lock_until > today_jst()
    assert (mine["id"], mine["status"], mine["job_request_at"]) == (candidate.pk, "active", None)
    assert mine["lock_until"] == lock_until.isoformat()
    OutboxMessage.objects.all().delete()
    resp = client.post(f"{API}/me/registrations/{candidate.pk}/job-request")
    assert resp.status_code == 200 and resp.json()["job_request_at"]
    candidate.refresh_from_db()
    assert candidate.job_request_at is not None
    assert candidate.audit.filter(action=AuditAction.JOB_REQUEST, actor=candidate.user).exists()
    # Her adviser and the office's 責任者 are told, once: pressed again the same day it is the same request.
    told = set(
        OutboxMessage.objects.filter(subject__contains="求人の紹介の希望").values_list("to_email", flat=True)
    )
    assert told == {setup.ca.email, setup.boss.email}
    assert client.post(f"{API}/me/registrations/{candidate.pk}/job-request").status_code == 200
    assert OutboxMessage.objects.filter(subject__contains="求人の紹介の希望").count() == 2


def test_her_request_is_refused_in_the_pages_words_outside_the_lock_and_once_withdrawn(
    setup, candidate, client
):
    client.force_login(candidate.user)
    url = f"{API}/me/registrations/{candidate.pk}/job-request"
    resp = client.post(url)
    assert resp.status_code == 422 and "この紹介会社からは、申出がなくても" in resp.json()["detail"]
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    resp = client.post(url)
    assert resp.status_code == 422 and resp.json()["detail"] == "登録中の紹介会社にだけ申し出られます。"
    candidate.refresh_from_db()
    assert candidate.job_request_at is None


def test_nobody_else_can_ask_in_her_name(setup, candidate, placed, employer, client):
    url = f"{API}/me/registrations/{candidate.pk}/job-request"
    for someone in (_seeker("other@test.example"), setup.ca, setup.boss, employer):
        client.force_login(someone)
        assert client.post(url).status_code == 404
        assert client.get(f"{API}/me/registrations").json() == []
    client.logout()
    assert client.post(url).status_code == 401
    candidate.refresh_from_db()
    assert (
        candidate.job_request_at is None
        and not OutboxMessage.objects.filter(subject__contains="求人の紹介の希望").exists()
    )


# The 申出s her advisers read -------------------------------------------------------------------------------------


def test_her_adviser_reads_her_pending_request_and_those_recorded_on_proposals(
    setup, candidate, placed, employer, client
):
    services.job_request_record(user=candidate.user, candidate=candidate)
    client.force_login(setup.ca)
    url = f"{API}/candidates/{candidate.pk}/job-requests"
    got = client.get(url).json()
    assert got["bonavi_request_at"] and got["requests"] == []
    lock_until = services.placement_lock_until(candidate)
    assert lock_until is not None and got["lock_until"] == lock_until.isoformat()
    # Proposed on her request: it is used (ADR 0113) and listed with the 申出 it rests on.
    posting = make_posting(employer.organization, title="経理（別の求人）")
    services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=posting.pk,
        initiated_by="candidate",
        request=services.JobRequest(channel="bonavi"),
    )
    asked = today_jst() - dt.timedelta(days=2)
    other = make_posting(employer.organization, title="総務（別の求人）")
    services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=other.pk,
        initiated_by="candidate",
        request=services.JobRequest(on=asked, channel="phone", note="総務も見たいと電話"),
    )
    got = client.get(url).json()
    assert got["bonavi_request_at"] is None
    assert [(r["title"], r["request_channel"], r["request_on"]) for r in got["requests"]] == [
        ("総務（別の求人）", "phone", asked.isoformat()),
        ("経理（別の求人）", "bonavi", today_jst().isoformat()),
    ]
    assert got["requests"][0]["label"] == f"{day_ja(asked)}・電話"
    assert got["requests"][0]["request_note"] == "総務も見たいと電話"
    # The agency's own proposals (the 推薦 that placed her) carry no 申出 and are not listed.
    assert placed.referral.proposal_id not in {r["proposal"] for r in got["requests"]}
    # Reading her records is in her audit trail, as every read of her data by staff.
    assert candidate.audit.filter(actor=setup.ca, detail="求職の申出の記録を閲覧").exists()
    client.force_login(setup.boss)  # the office's 責任者 sees every candidate of the office
    assert len(client.get(url).json()["requests"]) == 2


def test_staff_who_may_not_see_her_get_404_and_others_403(setup, candidate, placed, employer, client):
    url = f"{API}/candidates/{candidate.pk}/job-requests"
    elsewhere = make_agency(slug="other-agency", name="株式会社よそキャリア")
    for staff in (setup.ra, elsewhere.ca, elsewhere.boss):  # not her adviser; another agency
        client.force_login(staff)
        assert client.get(url).status_code == 404
    for someone in (employer, candidate.user):
        client.force_login(someone)
        assert client.get(url).status_code == 403
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    client.force_login(setup.ca)
    assert client.get(url).status_code == 404  # once she withdrew, nobody reads her registration here
    assert not candidate.audit.filter(detail="求職の申出の記録を閲覧").exists()
