"""ADR 0113: the 求職の申出 that lifts the 2-year lock is a record (day, channel, note, or her own BOナビ request),
shown to her; the complaint register has a status, a 面談日 and the registration it concerns."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents import selectors, services
from bonavi.agents.models import AuditAction, Complaint, ComplaintStatus, Proposal
from bonavi.agents.tests.html import error_beside
from bonavi.core.clock import day_ja, today_jst
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

# `placed` (conftest): joined 100 days ago, well inside the 2-year lock


@pytest.fixture
def another(employer):
    return make_posting(employer.organization, title="経理（別の求人）")


def _propose(client, candidate, posting, **request):
    data = {"posting": [posting.pk], "candidate_request": "on", **request}
    return client.post(f"/agent/candidates/{candidate.pk}/propose/", data)


def test_a_candidate_request_during_the_lock_needs_its_day_channel_and_note(
    setup, candidate, placed, another, client
):
    client.force_login(setup.ca)
    # the tick alone no longer lifts the lock: each missing item said beside its field, nothing proposed
    page = _propose(client, candidate, another).content.decode()
    assert "求職の申出の日付を入力してください" in error_beside(page, "request_on")
    assert "方法（来社・電話・メールなど）を選んでください" in error_beside(page, "request_channel")
    assert "内容を短く入力してください" in error_beside(page, "request_note")
    tomorrow = (today_jst() + dt.timedelta(days=1)).isoformat()
    before_joining = (placed.joined_on - dt.timedelta(days=1)).isoformat()
    for day, why in ((tomorrow, "今日より後の日付"), (before_joining, "入社日")):
        resp = _propose(
            client, candidate, another, request_on=day, request_channel="phone", request_note="経理希望"
        )
        assert resp.status_code == 422 and why in error_beside(resp.content.decode(), "request_on")
    assert not Proposal.objects.filter(posting=another).exists()
    asked = placed.joined_on + dt.timedelta(days=10)
    resp = _propose(
        client,
        candidate,
        another,
        request_on=asked.isoformat(),
        request_channel="phone",
        request_note="経理の求人希望",
    )
    assert resp.status_code == 302
    proposal = Proposal.objects.get(posting=another)
    assert (proposal.initiated_by, proposal.request_on, proposal.request_channel, proposal.request_note) == (
        "candidate",
        asked,
        "phone",
        "経理の求人希望",
    )
    label = f"{day_ja(asked)}・電話"
    assert candidate.audit.filter(detail__contains=f"求職の申出 {label}").exists()
    # her proposal page names the 申出 and where to say it never happened
    client.force_login(candidate.user)
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    assert f"あなたからの求職の申出（{label}）にもとづく提案です" in page
    assert f'href="/me/agency/{candidate.pk}/#complaint"' in page
    assert client.get("/api/v1/agent/me/proposals").json()[0]["job_request"] == label


def test_her_own_request_on_bonavi_is_the_evidence_with_nothing_typed(
    setup, candidate, placed, another, client
):
    client.force_login(candidate.user)
    page = client.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "求人の紹介を希望する</button>" in page
    resp = client.post(f"/me/agency/{candidate.pk}/", {"action": "job_request"}, follow=True)
    assert "求人の紹介の希望を担当者に伝えました" in resp.content.decode()
    candidate.refresh_from_db()
    assert candidate.job_request_at is not None
    assert candidate.audit.filter(action=AuditAction.JOB_REQUEST, actor=candidate.user).exists()
    assert OutboxMessage.objects.filter(
        to_email=setup.ca.email, subject__contains="求人の紹介の希望"
    ).exists()
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert '<option value="bonavi" selected>' in page  # offered as the 申出
    assert _propose(client, candidate, another, request_channel="bonavi").status_code == 302
    proposal = Proposal.objects.get(posting=another)
    assert proposal.request_on == today_jst() and proposal.request_channel == "bonavi"
    assert "求人の紹介を希望する" in proposal.request_note


def test_no_bonavi_request_no_bonavi_channel_and_no_button_without_a_lock(setup, candidate, another, client):
    with pytest.raises(services.AgentError, match="この紹介会社からは、申出がなくても"):
        services.job_request_record(user=candidate.user, candidate=candidate)
    client.force_login(candidate.user)
    assert "求人の紹介を希望する</button>" not in client.get(f"/me/agency/{candidate.pk}/").content.decode()
    # an agency proposal outside the lock needs no 申出 at all
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=another.pk)


def test_the_api_asks_for_the_request_during_the_lock(setup, candidate, placed, another, client):
    client.force_login(setup.ca)
    url = f"/api/v1/agent/candidates/{candidate.pk}/proposals"
    body = {"posting_id": another.pk, "initiated_by": "candidate"}
    resp = client.post(url, body, content_type="application/json")
    assert resp.status_code == 422 and set(resp.json()["errors"]) >= {"request_on", "request_channel"}
    resp = client.post(url, {**body, "request_channel": "bonavi"}, content_type="application/json")
    assert resp.status_code == 422 and "押した記録がありません" in resp.json()["detail"]
    ok = {
        **body,
        "request_on": today_jst().isoformat(),
        "request_channel": "visit",
        "request_note": "来社して相談",
    }
    assert client.post(url, ok, content_type="application/json").status_code == 201
    assert Proposal.objects.get(posting=another).request_channel == "visit"


def _file(setup, user, **over):
    data = {
        "from_name": "山田 花子",
        "contact": "hanako@example.jp",
        "body": "連絡が遅い",
        "wants_in_person": True,
    }
    return services.complaint_file(user=user, agency_slug=setup.agency.slug, **{**data, **over})


def test_a_complaint_asked_in_person_stays_open_until_its_interview_and_result(setup, candidate, client):
    complaint = _file(setup, candidate.user)
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.candidate == candidate
    client.force_login(setup.boss)
    page = client.get("/agent/records/").content.decode()
    assert f'href="/agent/candidates/{candidate.pk}/"' in page and "受付" in page
    url = f"/agent/complaints/{complaint.pk}/"
    resp = client.post(url + "resolve/", {"resolution": "電話で説明した"})
    assert resp.status_code == 422 and "面談日を記録してから" in resp.content.decode()
    before = (today_jst() - dt.timedelta(days=1)).isoformat()
    resp = client.post(url + "progress/", {"interview_on": before})
    assert resp.status_code == 422 and "受付日" in error_beside(resp.content.decode(), "interview_on")
    client.post(url + "progress/", {"interview_on": today_jst().isoformat()})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_PROGRESS and complaint.interview_on == today_jst()
    assert "面談日：" in client.get("/agent/records/").content.decode()
    client.post(url + "resolve/", {"resolution": "面談で謝罪し担当を変更"})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED and complaint.resolved_at is not None
    resp = client.post(url + "progress/", {"interview_on": ""}, follow=True)  # a stale tab
    assert "この苦情は対応済みです" in resp.content.decode()
    assert Complaint.objects.get().status == ComplaintStatus.RESOLVED
    # the linked registration is the 責任者's only: another adviser cannot act on it
    client.force_login(setup.ca)
    assert client.post(url + "progress/", {"interview_on": ""}).status_code == 403


def test_an_anonymous_complaint_links_no_candidate_and_can_be_closed_without_a_meeting(setup):
    complaint = _file(setup, None, wants_in_person=False)
    assert complaint.candidate is None
    services.complaint_progress(user=setup.boss, complaint=complaint, interview_on=None)
    assert Complaint.objects.get().status == ComplaintStatus.IN_PROGRESS
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution="メールで回答")
    assert Complaint.objects.get().status == ComplaintStatus.RESOLVED


def test_the_public_form_is_filled_from_her_registration(setup, candidate, client):
    client.force_login(candidate.user)
    page = client.get(f"/agent/agencies/{setup.agency.slug}/").content.decode()
    form = page.split('id="complaint"', 1)[1]
    assert f'value="{candidate.user.email}"' in form
    assert f'value="{candidate.display_name}"' in form


def test_the_register_is_closed_to_staff_who_are_no_longer_responsible(setup):
    """The selector is the register's gate itself: a caller passing a plain adviser's Staff (not what
    `responsible_of` returned) reads nothing, even the complaints once routed to them as 責任者."""
    staff = setup.boss.agency_staff
    Complaint.objects.create(
        agency=setup.agency,
        office=setup.office,
        routed_to=staff,
        from_name="申出 太郎",
        contact="03",
        body="遅い",
    )
    assert selectors.complaints_for_responsible(staff).count() == 1
    staff.is_responsible = False
    staff.save(update_fields=["is_responsible"])
    assert not selectors.complaints_for_responsible(staff).exists()
    assert not selectors.complaints_for_responsible(setup.ca.agency_staff).exists()
