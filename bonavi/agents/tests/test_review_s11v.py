"""Review of the 申出/complaint change (ADR 0113) and the 求職管理簿's 住所・生年月日 (ADR 0114): a stale tab on a
resolved complaint, her BOナビ request mailed once and used once, a 面談日 that can be cleared, the records page's
queries and links, the texts, and what マイデータ and the books' anonymisation cover."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.agents import books, mydata, services
from bonavi.agents.models import AuditAction, Candidate, Complaint, ComplaintStatus, Proposal
from bonavi.agents.tests.factories import register
from bonavi.core.clock import today_jst
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers.mydata import mydata_export
from bonavi.seekers.services import profile_update

SUBJECT = "求人の紹介の希望"


@pytest.fixture
def jobs(employer):
    return [make_posting(employer.organization, title=f"経理（{n}）") for n in range(2)]


def _file(setup, user, **over):
    data = {
        "from_name": "山田 花子",
        "contact": "hanako@example.jp",
        "body": "連絡が遅い",
        "wants_in_person": False,
    }
    return services.complaint_file(user=user, agency_slug=setup.agency.slug, **{**data, **over})


def _mails(to: str) -> int:
    return OutboxMessage.objects.filter(to_email=to, subject__contains=SUBJECT).count()


# 1 -----------------------------------------------------------------------------------------------------------------


def test_resolving_from_a_stale_tab_says_it_was_resolved_already(setup, client):
    complaint = _file(setup, None)
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution="メールで回答")
    client.force_login(setup.boss)
    resp = client.post(
        f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": "別タブで書いた"}, follow=True
    )
    assert resp.status_code == 200 and "この苦情は対応済みです" in resp.content.decode()
    assert Complaint.objects.get().resolution == "メールで回答"
    client.force_login(setup.ca)  # not the 責任者: refused, stale or not
    assert client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": "x"}).status_code == 403


# 2, 3 --------------------------------------------------------------------------------------------------------------


def test_her_request_is_mailed_once_a_day_and_to_the_responsible_without_an_adviser(setup, candidate, placed):
    for _ in range(3):
        services.job_request_record(user=candidate.user, candidate=candidate)
    assert _mails(setup.ca.email) == 1 and _mails(setup.boss.email) == 1  # her adviser and the 責任者, once
    assert candidate.audit.filter(action=AuditAction.JOB_REQUEST).count() == 3  # each press is in her trail
    candidate.advisers.clear()
    Candidate.objects.filter(pk=candidate.pk).update(job_request_at=timezone.now() - dt.timedelta(days=1))
    candidate.refresh_from_db()
    services.job_request_record(user=candidate.user, candidate=candidate)  # a new day: a new request
    assert _mails(setup.boss.email) == 2 and _mails(setup.ca.email) == 1
    body = OutboxMessage.objects.filter(to_email=setup.boss.email, subject__contains=SUBJECT).last().body_text
    assert "「ご本人から求職の申出があった」にチェック" in body
    assert "「BOナビの「求人の紹介を希望する」」が選ばれて" in body


# 4, 7, 9 ------------------------------------------------------------------------------------------------------------


def test_her_request_backs_one_batch_of_proposals_checked_once(setup, candidate, placed, jobs, client):
    services.job_request_record(user=candidate.user, candidate=candidate)
    client.force_login(setup.ca)
    data = {"posting": [j.pk for j in jobs], "candidate_request": "on", "request_channel": "bonavi"}
    with mock.patch.object(services, "job_request_check", wraps=services.job_request_check) as check:
        resp = client.post(f"/agent/candidates/{candidate.pk}/propose/", data)
    assert resp.status_code == 302 and Proposal.objects.filter(posting__in=jobs).count() == 2
    # The page's check (each reason beside its field), then the batch's own, once for both jobs, in the transaction
    # the proposals are stored in: a copy checked outside it is never what is stored.
    assert check.call_count == 2
    candidate.refresh_from_db()
    assert candidate.job_request_at is None  # used: a later proposal needs a new request
    trail = candidate.audit.filter(action=AuditAction.PROPOSAL_CREATED).first().detail
    assert trail.count("求人の紹介を希望する") == 1 and " による" not in trail and "による）" in trail
    other = make_posting(jobs[0].organization, title="経理（3）")
    with pytest.raises(services.AgentError, match="押した記録がありません"):
        services.proposal_create(
            user=setup.ca,
            candidate=candidate,
            posting_id=other.pk,
            initiated_by="candidate",
            request=services.JobRequest(channel="bonavi"),
        )


def test_a_typed_request_keeps_its_note_in_her_trail_without_a_stray_space(setup, candidate, placed, jobs):
    request = services.JobRequest(on=today_jst(), channel="phone", note="経理の求人希望")
    services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=jobs[0].pk, initiated_by="candidate", request=request
    )
    assert candidate.audit.filter(detail__endswith="・電話：経理の求人希望による）").exists()


def test_withdrawing_or_registering_again_ends_her_request(setup, candidate, placed):
    services.job_request_record(user=candidate.user, candidate=candidate)
    services.candidate_withdraw(user=candidate.user, candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.job_request_at is None
    # a row withdrawn before this rule still holding one: registering again does not bring it back
    Candidate.objects.filter(pk=candidate.pk).update(job_request_at=timezone.now())
    again = services.candidate_apply(user=candidate.user, agency_slug=setup.agency.slug, consent=True)
    again.refresh_from_db()
    assert again.pk == candidate.pk and again.job_request_at is None


# 5 -----------------------------------------------------------------------------------------------------------------


def test_a_called_off_meeting_can_be_cleared_and_then_does_not_count_as_held(setup, client):
    complaint = _file(setup, None, wants_in_person=True)
    client.force_login(setup.boss)
    url = f"/agent/complaints/{complaint.pk}/"
    client.post(url + "progress/", {"interview_on": today_jst().isoformat()})
    assert Complaint.objects.get().interview_on == today_jst()
    client.post(url + "progress/", {"interview_on": ""})
    complaint.refresh_from_db()
    assert complaint.interview_on is None and complaint.status == ComplaintStatus.IN_PROGRESS
    resp = client.post(url + "resolve/", {"resolution": "面談した"})
    assert resp.status_code == 422 and "面談日を記録してから" in resp.content.decode()


# 6 -----------------------------------------------------------------------------------------------------------------

_n = iter(range(1000))


def _complain_as(setup, candidate: Candidate) -> None:
    # each from her own address (the same words from one address within a day are a duplicate, not filed)
    _file(setup, candidate.user, from_name="見本 さくら", contact=candidate.user.email)


def _registered(setup) -> Candidate:
    user = User.objects.create_user(
        email=f"c{next(_n)}@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    profile_update(user=user, data={"family_name": "見本", "given_name": "さくら"})
    return register(setup, user)


def test_records_names_each_complainant_without_a_query_each_and_links_only_who_she_may_see(setup, client):
    client.force_login(setup.boss)
    _complain_as(setup, _registered(setup))

    def grow() -> None:
        for _ in range(3):
            _complain_as(setup, _registered(setup))

    assert_flat(client, "/agent/records/", grow)
    assert Complaint.objects.count() == 4
    gone = _registered(setup)
    _complain_as(setup, gone)
    services.candidate_withdraw(user=gone.user, candidate=gone)
    page = client.get("/agent/records/").content.decode()
    assert f'href="/agent/candidates/{gone.pk}/"' not in page
    assert f"登録求職者：{gone.name}</p>" in page
    shown = Complaint.objects.exclude(candidate=gone).first().candidate_id
    assert f'href="/agent/candidates/{shown}/"' in page


# 10, 11 ------------------------------------------------------------------------------------------------------------


def test_mydata_carries_her_request_contact_wishes_and_complaints(setup, candidate, placed, jobs, client):
    Candidate.objects.filter(pk=candidate.pk).update(contact_channel="phone", quiet_from=21, quiet_until=9)
    candidate.refresh_from_db()
    request = services.JobRequest(on=today_jst(), channel="phone", note="経理の求人希望")
    services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=jobs[0].pk, initiated_by="candidate", request=request
    )
    services.job_request_record(user=candidate.user, candidate=candidate)
    _file(setup, candidate.user, body="担当者の連絡が遅い")
    data = mydata_export(user=candidate.user)
    reg = data["agency_registrations"][0]
    assert (
        reg["job_request_at"] and reg["contact"]["quiet_from"] == 21 and reg["contact"]["channel"] == "電話"
    )
    asked = next(p for p in reg["proposals"] if p["request_note"])
    assert (asked["request_on"], asked["request_channel"]) == (today_jst().isoformat(), "電話")
    assert data["agency_complaints"][0]["body"] == "担当者の連絡が遅い"
    client.force_login(candidate.user)
    page = client.get("/me/privacy/export/").content.decode()
    for said in (
        "連絡しない時間帯：21時〜9時",
        "経理の求人希望",
        "求人の紹介の希望（BOナビで申出）",
        "担当者の連絡が遅い",
    ):
        assert said in page
    assert "苦情処理の記録" in mydata.kept_after_deletion()


def test_books_anonymise_blanks_her_request_note_and_old_complaints(setup, candidate, jobs):
    request = services.JobRequest(on=today_jst(), channel="phone", note="経理の求人希望")
    services.proposal_create(
        user=setup.ca, candidate=candidate, posting_id=jobs[0].pk, initiated_by="candidate", request=request
    )
    complaint = _file(setup, candidate.user)
    services.complaint_resolve(user=setup.boss, complaint=complaint, resolution="電話で説明")
    fresh = _file(setup, None, body="別の苦情")
    services.complaint_resolve(user=setup.boss, complaint=fresh, resolution="回答")
    Complaint.objects.filter(pk=complaint.pk).update(resolved_at=timezone.now() - dt.timedelta(days=3 * 365))
    Candidate.objects.filter(pk=candidate.pk).update(valid_until=today_jst() - dt.timedelta(days=3 * 365))
    assert books.books_anonymise() == 1
    assert Proposal.objects.get(posting=jobs[0]).request_note == ""
    old = Complaint.objects.get(pk=complaint.pk)
    assert (old.from_name, old.contact, old.body, old.resolution, old.from_user) == (
        books.ANONYMISED,
        "",
        "",
        "",
        None,
    )
    assert Complaint.objects.get(pk=fresh.pk).body == "別の苦情"  # resolved today: kept as it is


# 13 ----------------------------------------------------------------------------------------------------------------


def test_a_name_change_reaches_the_book_while_she_is_registered(setup, candidate):
    profile_update(user=candidate.user, data={"family_name": "新姓", "given_name": "さくら"})
    candidate.refresh_from_db()
    assert candidate.display_name == "新姓 さくら"
    assert any(row[0] == "新姓 さくら" for row in books.seeker_book_rows(setup.office)[1:])
