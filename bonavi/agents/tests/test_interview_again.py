"""再面接 of a 推薦 (ADR 0131): once a stage's interview is held (InterviewBase.is_held), the company — or the agency
staff who schedule her interviews (ADR 0105) — may book the same stage once more (she did not come, or the company
wants a second 1次). It is a new interview row with the next attempt: the held one stays as it was (面接済み, never
changed or called off), the new date is mailed once to each other party, the 経過 and her audit trail say so with
the company named. Only after a held interview, only by those who may schedule, on the pages and the API alike.
Time is moved on with core.clock.now, as the pages read it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.agents import interviews, services
from bonavi.agents.models import AuditEvent, Referral, ReferralInterview, StageEvent
from bonavi.agents.tests.factories import PASSWORD, make_agency
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.tests.interview_time import day_ja, move_now, page_of
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

URL = "https://meet.example.com/referral-42"
AGAIN_URL = "https://meet.example.com/again"
CA_WHO = "株式会社みなとキャリアの担当者（佐藤CA）"


@pytest.fixture
def starts() -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=6), dt.time(14), tzinfo=JST)


def _values(starts_at: dt.datetime, url: str = URL) -> dict[str, object]:
    return {"starts_at": starts_at, "ends_at": None, "format": "online", "place": "", "url": url, "notes": ""}


def _form(starts_at: dt.datetime, *, again: bool = True) -> dict[str, str]:
    data = {
        "stage": "interview1",
        "sched-starts_at": f"{starts_at:%Y-%m-%dT%H:%M}",
        "sched-format": "online",
        "sched-url": AGAIN_URL,
    }
    if again:
        data["again"] = "1"
    return data


@pytest.fixture
def at_first(referral: Referral, employer: User, starts: dt.datetime) -> Referral:
    services.referral_move(user=employer, referral=referral, to_stage="document")
    services.referral_move(user=employer, referral=referral, to_stage="interview1")
    interviews.referral_interview_set(user=employer, referral=referral, values=_values(starts))
    referral.refresh_from_db()
    return referral


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _counts(*users: User) -> dict[str, int]:
    return {u.email: OutboxMessage.objects.filter(to_email=u.email).count() for u in users}


def _new(user: User, before: dict[str, int]) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=user.email).order_by("pk"))[before[user.email] :]


@pytest.mark.parametrize("by", ["company", "agency"])
def test_after_the_held_1st_interview_the_same_stage_is_booked_again_mailed_once_and_logged(
    employer: User,
    seeker: User,
    setup,
    at_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    by: str,
) -> None:
    user = employer if by == "company" else setup.ca
    held = ReferralInterview.objects.get(referral=at_first)
    move_now(monkeypatch, starts, "after")
    before = _counts(seeker, setup.ca, employer)
    again_at = starts + dt.timedelta(days=3)

    booked = interviews.referral_interview_set(
        user=user, referral=at_first, values=_values(again_at, AGAIN_URL), stage="interview1", again=True
    )

    assert (booked.stage, booked.attempt, booked.news, booked.starts_at) == (
        "interview1",
        2,
        "again",
        again_at,
    )
    assert booked.pk != held.pk
    # The held one is as it was: same time, not called off, not bumped (its .ics entry stays in her calendar).
    kept = ReferralInterview.objects.get(pk=held.pk)
    assert (kept.starts_at, kept.cancelled_at, kept.sequence, kept.url) == (starts, None, held.sequence, URL)
    assert kept.row_line() == f"面接済み（{day_ja(starts)}）"
    # The stage's interview is now the new one: the lists, the card and the .ics read it.
    at_first.refresh_from_db()
    assert interviews.current_interview(at_first) == booked
    assert interviews.row_line(at_first).startswith("面接日時：")

    # Mailed once to each other party: her, her adviser (unless she made it), the company (when the agency did).
    told = [seeker, setup.ca] if by == "company" else [seeker, employer]
    for person in told:
        new = _new(person, before)
        assert len(new) == 1, person.email
        assert "1次面接：再面接の日程のお知らせ" in new[0].subject
        assert (
            AGAIN_URL in new[0].body_text
            and f"{day_ja(starts)}の1次面接の記録は変わりません" in new[0].body_text
        )
    silent = employer if by == "company" else setup.ca
    assert _new(silent, before) == []

    who = "企業" if by == "company" else CA_WHO
    event = StageEvent.objects.filter(referral=at_first).latest("at", "id")
    assert event.kind == StageEvent.Kind.INTERVIEW_AGAIN and event.step_display == "再面接の日程を設定"
    assert event.note.startswith(
        f"{who}が1次面接の再面接の日程を設定しました（{day_ja(starts)}の1次面接は面接済み）"
    )
    # Her trail names the job with its company (two jobs of one title at two companies read apart).
    line = AuditEvent.objects.filter(candidate=at_first.proposal.candidate).latest("at", "id")
    company = at_first.proposal.posting.employer_display
    assert line.detail.startswith(
        f"{who}が「{at_first.proposal.posting.title}」（{company}）の1次面接の再面接"
    )


def test_the_held_interview_stays_unchangeable_after_the_again(
    employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 再面接 is changed and called off as any interview still to come; the held one never is, and once the
    second is over too, a third may follow."""
    move_now(monkeypatch, starts, "after")
    again_at = starts + dt.timedelta(days=3)
    second = interviews.referral_interview_set(
        user=employer, referral=at_first, values=_values(again_at), stage="interview1", again=True
    )
    moved = interviews.referral_interview_set(
        user=employer, referral=at_first, values=_values(again_at + dt.timedelta(hours=2)), stage="interview1"
    )
    assert moved.pk == second.pk and moved.news == "changed"
    first = ReferralInterview.objects.get(referral=at_first, attempt=1)
    assert first.starts_at == starts and first.sequence == 0

    move_now(monkeypatch, again_at + dt.timedelta(hours=2), "after")
    third = interviews.referral_interview_set(
        user=employer,
        referral=at_first,
        values=_values(again_at + dt.timedelta(days=5)),
        stage="interview1",
        again=True,
    )
    assert third.attempt == 3
    assert ReferralInterview.objects.filter(referral=at_first).count() == 3


@pytest.mark.parametrize("when", ["before", "under_way"])
def test_a_stage_not_yet_held_cannot_use_the_again_path(
    employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    move_now(monkeypatch, starts, when)
    mails, events = OutboxMessage.objects.count(), StageEvent.objects.count()
    with pytest.raises(services.AgentError) as refused:
        interviews.referral_interview_set(
            user=employer,
            referral=at_first,
            values=_values(starts + dt.timedelta(days=2)),
            stage="interview1",
            again=True,
        )
    assert refused.value.errors["__all__"] == [
        f"1次面接（{day_ja(starts)}14:00）はまだ済んでいないため、再面接は設定できません。"
        "日程を変える場合は、その日程を変更してください。"
    ]
    assert ReferralInterview.objects.filter(referral=at_first).count() == 1
    assert (OutboxMessage.objects.count(), StageEvent.objects.count()) == (mails, events)


def test_no_interview_or_a_cancelled_one_cannot_use_the_again_path(
    referral: Referral, employer: User, starts: dt.datetime
) -> None:
    services.referral_move(user=employer, referral=referral, to_stage="document")
    services.referral_move(user=employer, referral=referral, to_stage="interview1")
    referral.refresh_from_db()
    expected = ["1次面接の日程がまだありません。再面接ではなく、1次面接の日程として設定してください。"]
    with pytest.raises(services.AgentError) as none:
        interviews.referral_interview_set(
            user=employer, referral=referral, values=_values(starts), stage="interview1", again=True
        )
    assert none.value.errors["__all__"] == expected
    interviews.referral_interview_set(user=employer, referral=referral, values=_values(starts))
    interviews.referral_interview_cancel(user=employer, referral=referral)
    with pytest.raises(services.AgentError) as cancelled:
        interviews.referral_interview_set(
            user=employer, referral=referral, values=_values(starts), stage="interview1", again=True
        )
    assert cancelled.value.errors["__all__"] == expected
    assert ReferralInterview.objects.filter(referral=referral).count() == 1


def test_a_held_interview_without_again_is_still_refused_and_says_how_to_repeat_it(
    employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_now(monkeypatch, starts, "after")
    with pytest.raises(services.AgentError) as refused:
        interviews.referral_interview_set(
            user=employer,
            referral=at_first,
            values=_values(starts + dt.timedelta(days=3)),
            stage="interview1",
        )
    assert refused.value.errors["__all__"][0].endswith(
        "1次面接をもう一度行う場合は、「1次面接をもう一度行う（再面接）」から新しい日程を設定してください。"
    )
    assert ReferralInterview.objects.filter(referral=at_first).count() == 1


def test_nobody_else_may_book_it_again_page_or_api(
    at_first: Referral,
    employer: User,
    other_employer: User,
    seeker: User,
    setup,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    move_now(monkeypatch, starts, "after")
    stranger = make_agency(slug="yoso-career", name="株式会社よそキャリア")
    another_seeker = User.objects.create_user(
        email="another@seeker.example", password=PASSWORD, role=Role.SEEKER
    )
    again_at = starts + dt.timedelta(days=3)
    outsiders = (setup.ra, stranger.ca, stranger.boss, seeker, another_seeker, other_employer)
    mails = OutboxMessage.objects.count()
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            interviews.referral_interview_set(
                user=user, referral=at_first, values=_values(again_at), stage="interview1", again=True
            )
        client = _client(user)
        for url in (
            f"/agent/employer/referrals/{at_first.pk}/interview/",
            f"/agent/referrals/{at_first.pk}/interview/",
        ):
            assert client.post(url, _form(again_at)).status_code == 404, (user, url)
        api = client.put(
            f"/api/v1/agent/referrals/{at_first.pk}/interview",
            {"starts_at": again_at.isoformat(), "format": "online", "url": AGAIN_URL, "again": True},
            content_type="application/json",
        )
        assert api.status_code == 404, user
    assert ReferralInterview.objects.filter(referral=at_first).count() == 1
    assert OutboxMessage.objects.count() == mails


def _fold(page: str, marker: str) -> str:
    return page.split(marker, 1)[1].split("</details>", 1)[0]


def test_the_company_page_offers_the_again_form_once_held_and_books_it(
    employer: User, seeker: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = f"/agent/employer/referrals/{at_first.pk}/"
    move_now(monkeypatch, starts, "before")
    assert 'id="interview-again-form"' not in page_of(employer, path)

    move_now(monkeypatch, starts, "after")
    fold = _fold(page_of(employer, path), 'id="interview-edit"')
    assert "<summary>次の面接の日程を決める</summary>" in fold
    assert "<h2>1次面接をもう一度行う（再面接）</h2>" in fold
    assert '<input type="hidden" name="again" value="1">' in fold
    assert f"{day_ja(starts)}の1次面接の記録は変わらず、経過に残ります。" in fold
    # Starts from the held one's 形式, not its time or URL (each interview's own).
    assert re.search(r'<input type="radio" name="sched-format" value="online"[^>]*checked', fold)
    assert URL not in fold

    again_at = starts + dt.timedelta(days=3)
    company = _client(employer)
    refused = company.post(
        f"/agent/employer/referrals/{at_first.pk}/interview/", {**_form(again_at), "sched-url": ""}
    )
    assert (
        refused.status_code == 422
        and "オンラインの面接は、参加するURLを入力してください。" in refused.content.decode()
    )
    assert 'id="interview-again-form"' in refused.content.decode()
    assert ReferralInterview.objects.filter(referral=at_first).count() == 1

    before = _counts(seeker)
    done = company.post(f"/agent/employer/referrals/{at_first.pk}/interview/", _form(again_at), follow=True)
    body = done.content.decode()
    assert "再面接の日程を保存し、求職者と紹介会社にお知らせしました。" in body
    assert "1次面接（再面接）の日程" in body and AGAIN_URL in body
    assert len(_new(seeker, before)) == 1
    # Her page shows the new date under the 再面接 heading, the 経過 the line.
    mine = page_of(seeker, f"/me/proposals/{at_first.proposal_id}/")
    assert "1次面接（再面接）の日程" in mine and "再面接の日程を設定" in mine


def test_the_company_page_without_again_still_refuses_a_held_change(
    employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tab opened before the day posts the old 変更 form (no again): refused, nothing booked."""
    move_now(monkeypatch, starts, "after")
    posted = _client(employer).post(
        f"/agent/employer/referrals/{at_first.pk}/interview/",
        _form(starts + dt.timedelta(days=3), again=False),
    )
    assert (
        posted.status_code == 422
        and "は済んでいるため、日程の変更や取り消しはできません。" in posted.content.decode()
    )
    assert ReferralInterview.objects.filter(referral=at_first).count() == 1


def test_the_advisers_card_offers_it_too_and_books_it(
    setup, employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = f"/agent/candidates/{at_first.proposal.candidate_id}/"
    move_now(monkeypatch, starts, "after")
    fold = _fold(page_of(setup.ca, path), f'id="r{at_first.pk}-interview-next"')
    assert "<summary>次の面接の日程を決める</summary>" in fold
    assert f'action="/agent/referrals/{at_first.pk}/interview/"' in fold and 'name="again" value="1"' in fold
    assert f'id="r{at_first.pk}_sched-starts_at"' in fold

    before = _counts(employer)
    done = _client(setup.ca).post(
        f"/agent/referrals/{at_first.pk}/interview/", _form(starts + dt.timedelta(days=3))
    )
    assert done.status_code == 302 and done["Location"].endswith(f"#r{at_first.pk}-interview")
    assert ReferralInterview.objects.filter(referral=at_first, attempt=2).exists()
    assert len(_new(employer, before)) == 1


def test_the_api_books_it_again_through_the_same_endpoint(
    employer: User, at_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_now(monkeypatch, starts, "after")
    client = _client(employer)
    url = f"/api/v1/agent/referrals/{at_first.pk}/interview"
    body = {
        "starts_at": (starts + dt.timedelta(days=3)).isoformat(),
        "format": "online",
        "url": AGAIN_URL,
        "stage": "interview1",
    }
    held = client.put(url, body, content_type="application/json")
    assert held.status_code == 422 and "済んでいるため" in held.json()["detail"]
    done = client.put(url, {**body, "again": True}, content_type="application/json")
    assert done.status_code == 200 and done.json()["url"] == AGAIN_URL
    assert ReferralInterview.objects.filter(referral=at_first).count() == 2
    # Not held any more (the 再面接 is ahead): a second again is refused, nothing booked.
    twice = client.put(url, {**body, "again": True}, content_type="application/json")
    assert twice.status_code == 422 and "まだ済んでいないため" in twice.json()["detail"]
    assert ReferralInterview.objects.filter(referral=at_first).count() == 2
    # Her own API reads the 再面接 as her stage's interview.
    mine = _client(at_first.proposal.candidate.user).get("/api/v1/agent/me/proposals").json()
    assert mine[0]["interview"]["url"] == AGAIN_URL
