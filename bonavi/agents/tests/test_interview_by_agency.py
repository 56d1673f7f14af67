"""日程調整 by the agency (ADR 0105): the candidate's assigned advisers and the office's 職業紹介責任者 set, change and
cancel a 推薦's interview as the company can — page and API, same rules; the 経過 and her audit trail say who; the
other parties are mailed once; nobody else can. And the day-before reminder reaches her advisers too, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.agents import interviews, services
from bonavi.agents.models import AuditEvent, Candidate, ReferralInterview, Staff, StageEvent
from bonavi.agents.tests.factories import PASSWORD, make_agency
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db

CA_WHO = "株式会社みなとキャリアの担当者（佐藤CA）"


def _at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(hour), tzinfo=JST)


def _values(**over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "starts_at": _at(6),
        "ends_at": _at(6, 15),
        "format": "in_person",
        "place": "東京都港区芝1-2-3 5階受付",
        "url": "",
        "notes": "",
    }
    values.update(over)
    return values


def _form(**over: str) -> dict[str, str]:
    data = {
        "stage": "interview1",  # the stage the form was opened at (its hidden field)
        "sched-starts_at": f"{_at(6):%Y-%m-%dT%H:%M}",
        "sched-format": "online",
        "sched-url": "https://meet.example.com/ca",
    }
    data.update(over)
    return data


def _new(to: str, before: int) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=to).order_by("pk")[before:])


def _count(to: str) -> int:
    return OutboxMessage.objects.filter(to_email=to).count()


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_adviser_sets_changes_and_cancels_the_other_parties_mailed_once_her_quiet_hours_kept(
    at_first, employer, seeker, setup
) -> None:
    # She asked not to be contacted around now: her mail waits, the company's does not.
    hour = timezone.now().astimezone(JST).hour
    Candidate.objects.filter(pk=at_first.proposal.candidate_id).update(
        quiet_from=hour, quiet_until=(hour + 2) % 24
    )
    before = {to: _count(to) for to in (seeker.email, employer.email, setup.ca.email)}
    interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values())
    interviews.referral_interview_set(
        user=setup.ca, referral=at_first, values=_values()
    )  # no change: no news
    interviews.referral_interview_set(
        user=setup.ca, referral=at_first, values=_values(starts_at=_at(7), ends_at=None)
    )
    interview = interviews.referral_interview_cancel(user=setup.ca, referral=at_first)
    assert interview.sequence == 2 and interview.is_cancelled
    mine, company = _new(seeker.email, before[seeker.email]), _new(employer.email, before[employer.email])
    assert len(mine) == len(company) == 3
    assert not _new(setup.ca.email, before[setup.ca.email])  # she made the change: not told of it
    for sent in (mine, company):
        assert "面接の日程のお知らせ" in sent[0].subject and "変更されました" in sent[1].subject
        assert "取り消されました" in sent[2].subject
        assert f"{CA_WHO}が企業と調整した面接の日程" in sent[0].body_text
        assert "東京都港区芝1-2-3 5階受付" in sent[0].body_text
    assert f"/agent/employer/referrals/{at_first.pk}/" in company[0].body_text
    assert all(m.next_attempt_at > timezone.now() for m in mine)  # held for her quiet hours
    assert all(m.next_attempt_at <= timezone.now() for m in company)
    # The 経過 and her audit trail say it was the adviser, not the company.
    notes = list(
        StageEvent.objects.filter(referral=at_first, from_stage="interview1", to_stage="interview1")
        .order_by("pk")
        .values_list("note", flat=True)
    )
    assert [n.split("：")[0].split("（予定")[0] for n in notes] == [
        f"{CA_WHO}が面接の日程を設定しました",
        f"{CA_WHO}が面接の日程を変更しました",
        f"{CA_WHO}が面接の日程を取り消しました",
    ]
    me = _client(seeker)
    page = me.get(f"/me/proposals/{at_first.proposal_id}/").content.decode()
    assert f"{CA_WHO}が面接の日程を設定しました" in page
    trail = me.get("/me/proposals/audit/").content.decode()
    # The job with its company, as every line of her trail names it (ADR 0131).
    named = f"「{at_first.proposal.posting.title}」（{at_first.proposal.posting.employer_display}）"
    assert f"{CA_WHO}が{named}の面接の日程を設定しました" in trail
    assert AuditEvent.objects.filter(
        actor=setup.ca, detail__contains="面接の日程を設定しました", actor_label__contains="佐藤CA"
    ).exists()


def test_the_company_setting_it_says_so_and_mails_as_before(at_first, employer, seeker, setup) -> None:
    before = {to: _count(to) for to in (seeker.email, employer.email, setup.ca.email)}
    interviews.referral_interview_set(user=employer, referral=at_first, values=_values())
    assert (
        len(_new(seeker.email, before[seeker.email]))
        == len(_new(setup.ca.email, before[setup.ca.email]))
        == 1
    )
    assert not _new(employer.email, before[employer.email])
    assert StageEvent.objects.filter(
        referral=at_first, note__startswith="企業が面接の日程を設定しました"
    ).exists()


def test_the_office_responsible_may_set_it_and_the_adviser_is_told(at_first, seeker, setup) -> None:
    before = _count(setup.ca.email)
    interviews.referral_interview_set(user=setup.boss, referral=at_first, values=_values())
    (told,) = _new(setup.ca.email, before)
    assert "株式会社みなとキャリアの担当者（高橋責任者）が" in told.body_text


def test_nobody_else_may_set_or_cancel_it_nothing_stored(
    at_first, employer, other_employer, seeker, setup
) -> None:
    stranger = make_agency(slug="yoso-career", name="株式会社よそキャリア")
    another_seeker = User.objects.create_user(
        email="another@seeker.example", password=PASSWORD, role=Role.SEEKER
    )
    outsiders = (setup.ra, stranger.ca, stranger.boss, seeker, another_seeker, other_employer)
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            interviews.referral_interview_set(user=user, referral=at_first, values=_values())
        with pytest.raises(PermissionDenied):
            interviews.referral_interview_cancel(user=user, referral=at_first)
    pages = (
        f"/agent/referrals/{at_first.pk}/interview/",
        f"/agent/referrals/{at_first.pk}/interview/cancel/",
    )
    api = f"/api/v1/agent/referrals/{at_first.pk}/interview"
    body = {"starts_at": _at(6).isoformat(), "format": "phone", "place": "こちらからお電話します"}
    for user in outsiders:
        client = _client(user)
        for url in pages:
            assert client.post(url, _form()).status_code == 404, (user, url)
        assert client.put(api, body, content_type="application/json").status_code == 404, user
        assert client.post(f"{api}/cancel").status_code == 404, user
    assert not ReferralInterview.objects.exists()
    assert not StageEvent.objects.filter(note__contains="面接の日程").exists()


def test_same_rules_for_the_adviser(referral, at_first, setup) -> None:
    with pytest.raises(services.AgentError) as bad:
        interviews.referral_interview_set(
            user=setup.ca,
            referral=at_first,
            values=_values(starts_at=_at(-1), format="online", url="javascript:x"),
        )
    assert "過ぎています" in bad.value.errors["starts_at"][0] and "https://" in bad.value.errors["url"][0]
    services.referral_move(user=setup.ca, referral=at_first, to_stage="rejected")
    at_first.refresh_from_db()
    with pytest.raises(services.AgentError) as late:
        interviews.referral_interview_set(user=setup.ca, referral=at_first, values=_values())
    assert "1次・2次・最終面接のときに設定できます" in late.value.errors["__all__"][0]
    assert not ReferralInterview.objects.exists()


def test_the_referral_card_on_the_candidate_page_sets_changes_and_cancels_it(at_first, seeker, setup) -> None:
    client = _client(setup.ca)
    page_url = f"/agent/candidates/{at_first.proposal.candidate_id}/"
    page = client.get(page_url).content.decode()
    assert f'action="/agent/referrals/{at_first.pk}/interview/"' in page
    assert interviews.URL_SEEN_BY_STAFF in page and f'id="r{at_first.pk}_sched-starts_at"' in page
    url = f"/agent/referrals/{at_first.pk}/interview/"
    refused = client.post(url, _form(**{"sched-ends_at": f"{_at(6, 13):%Y-%m-%dT%H:%M}"}))
    body = refused.content.decode()
    assert refused.status_code == 422 and "終了日時は開始日時より後にしてください" in body
    assert f'value="{_at(6):%Y-%m-%dT%H:%M}"' in body  # what was typed, in this referral's card
    assert not ReferralInterview.objects.exists()
    done = client.post(url, _form())
    assert done.status_code == 302 and done["Location"].endswith(f"{page_url}#r{at_first.pk}-interview")
    page = client.get(page_url).content.decode()
    assert "https://meet.example.com/ca" in page and f"/agent/referrals/{at_first.pk}/interview.ics" in page
    assert f'action="/agent/referrals/{at_first.pk}/interview/cancel/"' in page
    assert client.post(f"{url}cancel/", {"stage": "interview1"}).status_code == 302
    assert ReferralInterview.objects.get().is_cancelled
    # The candidate sees the date the adviser set, as she sees the company's.
    mine = _client(seeker).get(f"/me/proposals/{at_first.proposal_id}/").content.decode()
    assert "この面接の日程は取り消されました" in mine


def test_the_agent_api_takes_the_same_body_from_the_adviser(at_first, employer, setup) -> None:
    client = _client(setup.ca)
    url = f"/api/v1/agent/referrals/{at_first.pk}/interview"
    body = {"starts_at": _at(6).isoformat(), "format": "phone", "place": "こちらからお電話します"}
    bad = client.put(url, {**body, "starts_at": _at(-1).isoformat()}, content_type="application/json")
    assert bad.status_code == 422 and "過ぎています" in bad.json()["detail"]
    unknown = client.put(url, {**body, "room": "3F"}, content_type="application/json")
    assert unknown.status_code == 422  # StrictIn: the same InterviewIn
    assert not ReferralInterview.objects.exists()
    done = client.put(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["format_label"] == "電話"
    assert StageEvent.objects.filter(note__startswith=f"{CA_WHO}が面接の日程を設定しました").exists()
    assert client.post(f"{url}/cancel").json()["cancelled"] is True


def test_the_reminder_reaches_each_adviser_once_with_the_facts(
    at_first, employer, seeker, setup, smtp_inbox: Inbox
) -> None:
    # Two advisers: the CA who did the hearing and the 責任者 added to her.
    Candidate.objects.get(pk=at_first.proposal.candidate_id).advisers.add(Staff.objects.get(user=setup.boss))
    interview = interviews.referral_interview_set(
        user=employer,
        referral=at_first,
        values=_values(format="online", place="", url="https://meet.example.com/minato"),
    )
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    smtp_inbox.wait_for(99, timeout=0.5)
    smtp_inbox.clear()
    day = interview.starts_at.astimezone(JST).date() - dt.timedelta(days=1)
    early = dt.datetime.combine(day, dt.time(7), tzinfo=JST)
    assert interviews.referral_interview_reminders_send(now=early) == 0  # not before 08:00 the day before
    at_nine = dt.datetime.combine(day, dt.time(9), tzinfo=JST)
    assert interviews.referral_interview_reminders_send(now=at_nine) == 1
    for later in (1, 2):
        assert interviews.referral_interview_reminders_send(now=at_nine + dt.timedelta(hours=later)) == 0
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    received = smtp_inbox.wait_for(4, timeout=1.0)
    assert sorted(m["To"] for m in received) == sorted([seeker.email, setup.ca.email, setup.boss.email])
    adviser = next(m for m in received if m["To"] == setup.ca.email)
    text = text_of(adviser)
    candidate = at_first.proposal.candidate
    posting = at_first.proposal.posting
    assert f"明日は{candidate.name}さんの1次面接です" in str(adviser["Subject"])
    for fact in (
        f"候補者：{candidate.name}",
        f"企業：{posting.employer_display}",
        f"求人：{posting.title}",
        f"日時：{interview.when_display}",
        "形式：オンライン",
        "URL：https://meet.example.com/minato",
        f"/agent/candidates/{candidate.pk}/#r{at_first.pk}-interview",
    ):
        assert fact in text, fact
