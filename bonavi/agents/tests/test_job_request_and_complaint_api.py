"""The API of ADR 0113's records (ADR 0117): her own 「求人の紹介を希望する」 through the same service as her agency
page, the 申出s her advisers may read, and the complaint register moved by the 職業紹介責任者 it is routed to with the
records page's rules. Everyone else gets 403 or 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import AuditAction, Complaint, ComplaintStatus, Office, Staff
from bonavi.agents.tests.factories import TRAINED, make_agency
from bonavi.core.clock import day_ja, today_jst
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

API = "/api/v1/agent"
JSON = "application/json"


def _seeker(email: str) -> User:
    return User.objects.create_user(email=email, password="pw-Long-enough-1", role=Role.SEEKER)


def _responsible(agency, office, email: str) -> User:
    user = User.objects.create_user(
        email=email, password="pw-Long-enough-1", role=Role.AGENT, display_name="別の責任者"
    )
    Staff.objects.create(
        user=user,
        agency=agency,
        office=office,
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=TRAINED,
    )
    return user


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


# The complaint register ------------------------------------------------------------------------------------------


def _file(setup, user, **over):
    data = {
        "from_name": "山田 花子",
        "contact": "hanako@example.jp",
        "body": "連絡が遅い",
        "wants_in_person": True,
    }
    return services.complaint_file(user=user, agency_slug=setup.agency.slug, **{**data, **over})


def test_the_responsible_moves_a_complaint_through_the_api_with_the_pages_rules(setup, candidate, client):
    complaint = _file(setup, candidate.user)
    client.force_login(setup.boss)
    listed = client.get(f"{API}/complaints").json()
    assert listed["total"] == 1
    [got] = listed["results"]
    assert (got["id"], got["status"], got["candidate"], got["wants_in_person"]) == (
        complaint.pk,
        "received",
        candidate.pk,
        True,
    )
    assert got["body"] == "連絡が遅い" and got["contact"] == "hanako@example.jp"
    url = f"{API}/complaints/{complaint.pk}"
    # Asked in person: no 対応結果 before a 面談日 on or before today, in the page's words.
    resp = client.post(f"{url}/resolve", {"resolution": "電話で説明した"}, content_type=JSON)
    assert resp.status_code == 422 and "面談日を記録してから" in resp.json()["errors"]["resolution"][0]
    before = (today_jst() - dt.timedelta(days=1)).isoformat()
    resp = client.post(f"{url}/progress", {"interview_on": before}, content_type=JSON)
    assert resp.status_code == 422 and "受付日" in resp.json()["errors"]["interview_on"][0]
    far = (today_jst() + dt.timedelta(days=120)).isoformat()
    resp = client.post(f"{url}/progress", {"interview_on": far}, content_type=JSON)
    assert resp.status_code == 422 and "3か月以内" in resp.json()["errors"]["interview_on"][0]
    assert Complaint.objects.get().status == ComplaintStatus.RECEIVED
    # A meeting fixed ahead: 対応中, and still no 対応結果 until the day has come.
    ahead = today_jst() + dt.timedelta(days=3)
    resp = client.post(f"{url}/progress", {"interview_on": ahead.isoformat()}, content_type=JSON)
    assert resp.status_code == 200
    assert (resp.json()["status"], resp.json()["interview_on"]) == ("in_progress", ahead.isoformat())
    resp = client.post(f"{url}/resolve", {"resolution": "面談で謝罪"}, content_type=JSON)
    assert resp.status_code == 422
    resp = client.post(f"{url}/progress", {"interview_on": today_jst().isoformat()}, content_type=JSON)
    assert resp.status_code == 200
    resp = client.post(f"{url}/resolve", {"resolution": "面談で謝罪し担当を変更"}, content_type=JSON)
    assert resp.status_code == 200
    assert (resp.json()["status"], resp.json()["resolution"]) == ("resolved", "面談で謝罪し担当を変更")
    assert resp.json()["resolved_at"]
    # 対応済み is the last state: neither a 面談日 nor a second result moves it.
    for path, body in (("progress", {}), ("resolve", {"resolution": "追記"})):
        resp = client.post(f"{url}/{path}", body, content_type=JSON)
        assert resp.status_code == 422 and resp.json()["detail"] == services.COMPLAINT_DONE
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED and complaint.resolution == "面談で謝罪し担当を変更"
    assert client.get(f"{API}/complaints?status=received").json()["total"] == 0
    assert client.get(f"{API}/complaints?status=resolved").json()["total"] == 1
    resp = client.get(f"{API}/complaints?status=done")
    assert resp.status_code == 422 and "status" in resp.json()["errors"]


def test_a_complaint_not_asked_in_person_is_taken_up_and_closed_without_a_meeting(setup, client):
    complaint = _file(setup, None, wants_in_person=False)
    client.force_login(setup.boss)
    url = f"{API}/complaints/{complaint.pk}"
    resp = client.post(f"{url}/progress", {"interview_on": None}, content_type=JSON)
    assert resp.status_code == 200 and resp.json()["status"] == "in_progress"
    assert resp.json()["candidate"] is None
    resp = client.post(f"{url}/resolve", {"resolution": "   "}, content_type=JSON)
    assert resp.status_code == 422 and resp.json()["errors"]["resolution"] == [
        "対応の内容を入力してください。"
    ]
    resp = client.post(f"{url}/resolve", {"resolution": "メールで回答", "status": "x"}, content_type=JSON)
    assert resp.status_code == 422 and "status" in resp.json()["errors"]  # an unknown name (ADR 0086)
    assert client.post(f"{url}/resolve", {"resolution": "メールで回答"}, content_type=JSON).status_code == 200


def test_only_the_responsible_it_is_routed_to_reads_or_moves_a_complaint(setup, candidate, employer, client):
    complaint = _file(setup, candidate.user)
    url = f"{API}/complaints/{complaint.pk}"
    osaka = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    other_head = _responsible(setup.agency, osaka, "head@osaka.example")
    elsewhere = make_agency(slug="other-agency", name="株式会社よそキャリア")
    # Staff who are not 職業紹介責任者, the employer, the person who complained: 403, in the words of the records
    # (reading) and of the complaint's handling (moving) — one rule, selectors.responsible_of.
    for someone in (setup.ca, setup.ra, employer, candidate.user):
        client.force_login(someone)
        listed = client.get(f"{API}/complaints")
        assert listed.status_code == 403 and listed.json()["detail"] == "職業紹介責任者のみ閲覧できます。"
        moved = client.post(f"{url}/progress", {}, content_type=JSON)
        assert moved.status_code == 403 and moved.json()["detail"] == "苦情の処理は職業紹介責任者が行います。"
        assert client.post(f"{url}/resolve", {"resolution": "x"}, content_type=JSON).status_code == 403
    # Another 責任者 (another office of the agency, another agency): not hers, 404, and not in her list.
    for head in (other_head, elsewhere.boss):
        client.force_login(head)
        assert client.get(f"{API}/complaints").json()["total"] == 0
        assert client.post(f"{url}/progress", {}, content_type=JSON).status_code == 404
        assert client.post(f"{url}/resolve", {"resolution": "x"}, content_type=JSON).status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.resolution == ""


def test_one_complaint_action_reads_the_responsible_once_and_the_service_once(setup, candidate, client):
    """The API's refusal, the complaint routed to her and the answer share one read of the 責任者
    (selectors.responsible_of); the service checks its own — two reads of Staff, not one per step."""
    complaint = _file(setup, candidate.user)
    client.force_login(setup.boss)
    table = Staff._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        resp = client.post(f"{API}/complaints/{complaint.pk}/progress", {}, content_type=JSON)
    assert resp.status_code == 200 and resp.json()["candidate"] == candidate.pk
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert sum(f'FROM "{table}"' in sql for sql in reads) == 2


def test_the_records_page_acts_only_on_the_complaints_it_lists(setup, client):
    """The page's forms and the API read the same complaints: a 責任者 of another office, who is not shown one,
    cannot post to it either (she could, by a hand-made post, before ADR 0117)."""
    complaint = _file(setup, None, wants_in_person=False)
    osaka = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    client.force_login(_responsible(setup.agency, osaka, "head@osaka.example"))
    assert f'id="c{complaint.pk}"' not in client.get("/agent/records/").content.decode()
    url = f"/agent/complaints/{complaint.pk}/"
    assert client.post(url + "progress/", {"interview_on": ""}).status_code == 404
    assert client.post(url + "resolve/", {"resolution": "回答した"}).status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED
