"""An interview whose time has come reads as held, not as the next step (s14): the 応募者 list showed
「面接（12月3日（木）14:00）」 and both sides' application pages the card with its URL and 「カレンダーに追加」 long after
the day. Every page asks InterviewBase.is_held (the complement of is_upcoming, core.clock's now) and says
「面接済み（12月3日（木））」. Time is moved on with core.clock.now, as the pages' own reading of now."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.tests.interview_time import day_ja, move_now, page_of
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

URL = "https://meet.example.com/interview-42"


@pytest.fixture
def starts() -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=7), dt.time(14), tzinfo=JST)


@pytest.fixture
def at_interview(employer: User, application: Application, starts: dt.datetime) -> Application:
    services.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={"starts_at": starts, "format": "online", "url": URL},
    )
    return application


def _badges(page: str) -> list[str]:
    return re.findall(r'<span class="status-badge s-[a-z]+">([^<]+)</span>', page)


def _card(page: str) -> str:
    return page.split('id="interview"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("past", [False, True], ids=["future", "past"])
def test_the_applicants_list_says_a_held_interview_was_held(
    employer: User,
    at_interview: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    past: bool,
) -> None:
    move_now(monkeypatch, starts, past=past)
    badges = _badges(page_of(employer, "/applicants/"))
    assert badges == [f"面接済み（{day_ja(starts)}）" if past else f"面接（{day_ja(starts)}14:00）"]


@pytest.mark.parametrize("past", [False, True], ids=["future", "past"])
@pytest.mark.parametrize("side", ["employer", "seeker"])
def test_the_application_pages_card_says_a_held_interview_was_held(
    employer: User,
    profiled_seeker: User,
    at_interview: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    side: str,
    past: bool,
) -> None:
    move_now(monkeypatch, starts, past=past)
    if side == "employer":
        page = page_of(employer, f"/applicants/{at_interview.pk}/")
    else:
        page = page_of(profiled_seeker, f"/me/applications/{at_interview.pk}/")
    card = _card(page)
    if past:
        assert f'面接済み（<time datetime="{starts.isoformat()}">{day_ja(starts)}</time>）' in card
        # Nothing of it offered as a date to come: no link to join, no calendar entry to add.
        assert URL not in card and "カレンダーに追加" not in card
    else:
        assert "面接済み" not in card
        assert f"{day_ja(starts)}14:00〜" in card and URL in card and "カレンダーに追加" in card


def test_held_is_what_is_not_upcoming_of_a_booked_interview(
    employer: User, at_interview: Application, starts: dt.datetime
) -> None:
    """The pages' test and the moves' test split every moment the same way; a called-off one is neither."""
    interview = at_interview.interview
    for now in (starts - dt.timedelta(minutes=1), starts, starts + dt.timedelta(days=30)):
        assert interview.is_held(now) is (not interview.is_upcoming(now))
    assert interview.is_held(starts) and not interview.is_held(starts - dt.timedelta(minutes=1))
    services.interview_cancel(user=employer, application=at_interview)
    interview.refresh_from_db()
    assert not interview.is_held(starts + dt.timedelta(days=1))
    assert not interview.is_upcoming(starts - dt.timedelta(days=1))
