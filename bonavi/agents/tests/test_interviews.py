"""面接の日程 of a 推薦 (ADR 0102): the posting company sets, changes and cancels the interview of the stage the
referral is at; the candidate and her advisers are mailed once per change; the .ics is for the three sides only;
the day-before reminder goes to the candidate once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.agents import interviews, services
from bonavi.agents.models import Referral, ReferralInterview, StageEvent
from bonavi.agents.tests.factories import PASSWORD, make_agency, private_order, refer
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.tests.querycount import assert_flat
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(hour), tzinfo=JST)


def _values(**over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "starts_at": _at(6),
        "ends_at": _at(6, 15),
        "format": "online",
        "place": "",
        "url": "https://meet.example.com/minato",
        "notes": "カメラをオンにしてご参加ください",
    }
    values.update(over)
    return values


def _subjects(to: str) -> list[str]:
    return list(OutboxMessage.objects.filter(to_email=to).order_by("pk").values_list("subject", flat=True))


def test_set_change_cancel_mailed_to_candidate_and_adviser_once_each_and_logged(
    at_first, employer, seeker, setup
) -> None:
    seeker_before, ca_before = len(_subjects(seeker.email)), len(_subjects(setup.ca.email))
    first = interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    interviews.referral_interview_set(
        user=employer, referral=at_first, values=_values()
    )  # no change: no news
    moved = interviews.referral_interview_set(
        user=employer, referral=at_first, values=_values(starts_at=_at(7), ends_at=None)
    )
    cancelled = interviews.referral_interview_cancel(user=employer, referral=at_first)
    assert (
        first.pk == moved.pk == cancelled.pk and cancelled.sequence == 2 and cancelled.stage == "interview1"
    )
    for subjects in (_subjects(seeker.email)[seeker_before:], _subjects(setup.ca.email)[ca_before:]):
        assert len(subjects) == 3
        assert (
            "面接の日程のお知らせ" in subjects[0]
            and "変更されました" in subjects[1]
            and "取り消されました" in subjects[2]
        )
    notes = list(
        StageEvent.objects.filter(
            referral=at_first, from_stage="interview1", to_stage="interview1"
        ).values_list("note", flat=True)
    )
    # Who made it (ADR 0105: the agency may too): the company here.
    assert len(notes) == 3 and notes[0].startswith("企業が面接の日程を設定しました")
    # The company made it: it is not mailed about its own change.
    assert not any("面接の日程" in s for s in _subjects(employer.email))


def test_refused_in_japanese_nothing_stored(at_first, employer, other_employer, referral) -> None:
    with pytest.raises(services.AgentError) as bad:
        interviews.referral_interview_set(
            user=employer, referral=at_first, values=_values(starts_at=_at(-1), url="javascript:x")
        )
    assert "過ぎています" in bad.value.errors["starts_at"][0] and "https://" in bad.value.errors["url"][0]
    with pytest.raises(services.PermissionDenied):
        interviews.referral_interview_set(user=other_employer, referral=at_first, values=_values())
    assert not ReferralInterview.objects.exists()


def test_only_at_an_interview_stage(referral, employer) -> None:
    with pytest.raises(services.AgentError) as refused:
        interviews.referral_interview_set(user=employer, referral=referral, values=_values())
    assert "1次・2次・最終面接のときに設定できます" in refused.value.errors["__all__"][0]


def test_the_employer_page_sets_it_and_the_candidate_page_shows_it(at_first, employer, seeker) -> None:
    staff = Client()
    staff.force_login(employer)
    url = f"/agent/employer/referrals/{at_first.pk}/interview/"
    refused = staff.post(
        url,
        {
            "stage": "interview1",
            "sched-starts_at": f"{_at(6):%Y-%m-%dT%H:%M}",
            "sched-ends_at": f"{_at(6, 13):%Y-%m-%dT%H:%M}",
            "sched-format": "online",
            "sched-url": "https://meet.example.com/x",
        },
    )
    assert refused.status_code == 422 and "終了日時は開始日時より後にしてください" in refused.content.decode()
    assert not ReferralInterview.objects.exists()
    ok = staff.post(
        url,
        {
            "stage": "interview1",
            "sched-starts_at": f"{_at(6):%Y-%m-%dT%H:%M}",
            "sched-format": "online",
            "sched-url": "https://meet.example.com/x",
        },
    )
    assert ok.status_code == 302
    me = Client()
    me.force_login(seeker)
    page = me.get(f"/me/proposals/{at_first.proposal_id}/").content.decode()
    assert (
        "1次面接の日程" in page
        and "https://meet.example.com/x" in page
        and f"/agent/referrals/{at_first.pk}/interview.ics" in page
    )


def test_ics_for_candidate_employer_and_adviser_only(
    at_first, employer, other_employer, seeker, setup
) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    url = f"/agent/referrals/{at_first.pk}/interview.ics"
    uids = set()
    for user in (seeker, employer, setup.ca):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        body = response.content.decode().replace("\r\n ", "")
        assert f"DTSTART:{_at(6):%Y%m%d}T050000Z" in body and "SEQUENCE:0" in body
        # Each side's file links its own page (the side is decided from the loaded referral).
        own_page = {
            seeker: f"/me/proposals/{at_first.proposal_id}/",
            employer: f"/agent/employer/referrals/{at_first.pk}/",
            setup.ca: f"/agent/candidates/{at_first.proposal.candidate_id}/",
        }[user]
        assert f"URL:{settings.SITE_URL}{own_page}" in body
        uids.add(next(line for line in body.splitlines() if line.startswith("UID:")))
    assert len(uids) == 1  # one entry, whichever side imports it
    stranger_agency = make_agency(slug="yoso-career", name="株式会社よそキャリア")
    another_seeker = User.objects.create_user(
        email="another@seeker.example", password=PASSWORD, role=Role.SEEKER
    )
    # The same agency's staff who are not her advisers (the RA here) do not see her, so neither her interview.
    for user in (other_employer, stranger_agency.ca, another_seeker, setup.ra):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 404
    interviews.referral_interview_cancel(user=employer, referral=at_first)
    client = Client()
    client.force_login(seeker)
    cancelled = client.get(url).content.decode()
    assert (
        "METHOD:PUBLISH" in cancelled and "STATUS:CANCELLED" in cancelled and "METHOD:CANCEL" not in cancelled
    )


def test_reminder_once_through_smtp_and_none_when_the_stage_moved_on(
    at_first, employer, seeker, setup, smtp_inbox: Inbox
) -> None:
    interview = interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    # The candidate may have quiet hours; the mails of the test are due at once.
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    smtp_inbox.wait_for(2)
    smtp_inbox.clear()
    day_before = dt.datetime.combine(
        interview.starts_at.astimezone(JST).date() - dt.timedelta(days=1), dt.time(9), tzinfo=JST
    )
    assert interviews.referral_interview_reminders_send(now=day_before) == 1
    assert interviews.referral_interview_reminders_send(now=day_before + dt.timedelta(hours=1)) == 0
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    # The candidate's reminder and her adviser's (ADR 0105), one each; nothing more arrives.
    messages = {m["To"]: m for m in smtp_inbox.wait_for(3, timeout=1.0)}
    assert set(messages) == {seeker.email, setup.ca.email}
    assert "明日は1次面接です" in str(messages[seeker.email]["Subject"])
    assert "https://meet.example.com/minato" in text_of(messages[seeker.email])
    assert f"/agent/referrals/{at_first.pk}/interview.ics" in text_of(messages[seeker.email])
    # Moved on to 2次面接 before a new 1次 date: the old stage's interview is never reminded.
    ReferralInterview.objects.update(reminder_sent_at=None)
    services.referral_move(user=employer, referral=at_first, to_stage="interview2")
    assert interviews.referral_interview_reminders_send(now=day_before) == 0


def test_api_set_cancel_and_the_candidate_reads_it(at_first, employer, other_employer, seeker) -> None:
    staff = Client()
    staff.force_login(employer)
    url = f"/api/v1/agent/referrals/{at_first.pk}/interview"
    body = {"starts_at": _at(6).isoformat(), "format": "phone", "place": "こちらからお電話します"}
    bad = staff.put(url, {**body, "starts_at": _at(-1).isoformat()}, content_type="application/json")
    assert bad.status_code == 422 and "過ぎています" in bad.json()["detail"]
    stranger = Client()
    stranger.force_login(other_employer)
    assert stranger.put(url, body, content_type="application/json").status_code == 404
    assert not ReferralInterview.objects.exists()
    done = staff.put(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["format_label"] == "電話"
    me = Client()
    me.force_login(seeker)
    mine = next(p for p in me.get("/api/v1/agent/me/proposals").json() if p["id"] == at_first.proposal_id)
    assert mine["interview"]["place"] == "こちらからお電話します"
    assert mine["interview"]["ics"] == f"/agent/referrals/{at_first.pk}/interview.ics"
    assert staff.post(f"{url}/cancel").json()["cancelled"] is True


def test_the_candidates_mydata_lists_her_interviews(at_first, employer, seeker) -> None:
    from bonavi.seekers.mydata import mydata_export

    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    registration = mydata_export(user=seeker)["agency_registrations"][0]
    listed = [i for p in registration["proposals"] for i in p["interviews"]]
    assert [i["stage"] for i in listed] == ["1次面接"]
    assert dt.datetime.fromisoformat(listed[0]["starts_at"]) == _values()["starts_at"]


# Review mends (session 10) ----------------------------------------------------------------------------------------


def _bodies(to: str) -> list[str]:
    return list(OutboxMessage.objects.filter(to_email=to).order_by("pk").values_list("body_text", flat=True))


@pytest.mark.parametrize("to_stage", ["rejected", "interview2"])
def test_leaving_the_stage_calls_off_its_interview_still_to_come_in_the_moves_own_mails(
    at_first, employer, seeker, setup, to_stage
) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    seeker_before, ca_before = len(_bodies(seeker.email)), len(_bodies(setup.ca.email))
    services.referral_move(user=employer, referral=at_first, to_stage=to_stage)
    interview = ReferralInterview.objects.get()
    assert interview.is_cancelled and interview.sequence == 1
    ics = f"/agent/referrals/{at_first.pk}/interview.ics"
    for to, before in ((seeker.email, seeker_before), (setup.ca.email, ca_before)):
        (body,) = _bodies(to)[before:]  # the move's mail, no second one
        assert f"取り消された1次面接の日時：{interview.when_display}" in body and ics in body
    client = Client()
    client.force_login(seeker)
    assert "STATUS:CANCELLED" in client.get(ics).content.decode()  # the link in the mail serves it
    # The stall reminder has nothing booked to wait for any more.
    assert not ReferralInterview.objects.filter(cancelled_at__isnull=True).exists()


def test_a_past_interview_stays_when_the_stage_moves_on(at_first, employer) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    ReferralInterview.objects.update(starts_at=clock.now() - dt.timedelta(hours=3), ends_at=None)
    services.referral_move(user=employer, referral=at_first, to_stage="interview2")
    assert not ReferralInterview.objects.get().is_cancelled


def test_no_stall_reminder_while_the_stages_interview_is_booked(at_first, employer, setup) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    Referral.objects.filter(pk=at_first.pk).update(updated_at=clock.now() - dt.timedelta(days=8))
    assert services.referrals_stalled_remind() == 0
    interviews.referral_interview_cancel(user=employer, referral=at_first)
    Referral.objects.filter(pk=at_first.pk).update(updated_at=clock.now() - dt.timedelta(days=8))
    assert services.referrals_stalled_remind() == 1


def test_the_cancellation_mails_link_the_ics(at_first, employer, seeker, setup) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    interviews.referral_interview_cancel(user=employer, referral=at_first)
    for to in (seeker.email, setup.ca.email):
        assert f"/agent/referrals/{at_first.pk}/interview.ics" in _bodies(to)[-1]


def test_the_referral_form_says_who_sees_the_url(at_first, employer) -> None:
    client = Client()
    client.force_login(employer)
    page = client.get(f"/agent/employer/referrals/{at_first.pk}/").content.decode()
    assert interviews.URL_SEEN_BY in page and "応募者と貴社の採用担当だけ" not in page


def test_my_proposals_api_reads_the_interviews_without_a_query_per_proposal(
    at_first, employer, seeker, setup
) -> None:
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    client = Client()
    client.force_login(seeker)

    def grow() -> None:
        candidate = at_first.proposal.candidate
        for _ in range(3):
            referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
            services.referral_move(user=employer, referral=referral, to_stage="interview1")
            interviews.referral_interview_set(user=employer, referral=referral, values=_values())

    assert_flat(client, "/api/v1/agent/me/proposals", grow)
    answer = client.get("/api/v1/agent/me/proposals").json()
    assert sum(1 for p in answer if p["interview"]) == 4
