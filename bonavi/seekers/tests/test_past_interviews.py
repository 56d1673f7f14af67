"""An interview that is over reads as held, not as the next step (s14): the 応募者 list showed
「面接（12月3日（木）14:00）」 and both sides' application pages the card with its URL and 「カレンダーに追加」 long after
the day. Every page asks InterviewBase.is_held (past its end, or an hour after its start without one; core.clock's
now) and says 「面接済み（12月3日（木））」; ten minutes in, the card still gives the URL (ADR 0123 addendum). Time is
moved on with core.clock.now, as the pages' own reading of now."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bonavi.accounts.models import User
from bonavi.core.tests.interview_time import WHEN, client_of, day_ja, move_now, page_of
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

URL = "https://meet.example.com/interview-42"


@pytest.fixture
def interview_details() -> dict[str, Any]:
    """Online: the card gives the URL until the interview is over."""
    return {"format": "online", "url": URL}


def _badges(page: str) -> list[str]:
    return re.findall(r'<span class="status-badge s-[a-z]+">([^<]+)</span>', page)


def _card(page: str) -> str:
    return page.split('id="interview"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("when", list(WHEN))
def test_the_applicants_list_says_a_held_interview_was_held(
    employer: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    past = when == "after"
    badges = _badges(page_of(employer, "/applicants/"))
    assert badges == [f"面接済み（{day_ja(starts)}）" if past else f"面接（{day_ja(starts)}14:00）"]


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("side", ["employer", "seeker"])
def test_the_application_pages_card_says_a_held_interview_was_held(
    employer: User,
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    side: str,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    past = when == "after"
    if side == "employer":
        page = page_of(employer, f"/applicants/{booked.pk}/")
    else:
        page = page_of(profiled_seeker, f"/me/applications/{booked.pk}/")
    card = _card(page)
    if past:
        assert f'面接済み（<time datetime="{starts.isoformat()}">{day_ja(starts)}</time>）' in card
        # Nothing of it offered as a date to come: no link to join, no calendar entry to add.
        assert URL not in card and "カレンダーに追加" not in card
    else:
        # Ahead, or ten minutes in: a seeker joining late still finds the link on the card.
        assert "面接済み" not in card
        assert f"{day_ja(starts)}14:00〜" in card and URL in card and "カレンダーに追加" in card


def test_held_once_over_upcoming_until_begun(
    employer: User, booked: Application, starts: dt.datetime
) -> None:
    """The moves' test (is_upcoming) ends at the start; the pages' (is_held) begins at the end, or an hour after the
    start when no end was given. Between them the interview is under way: neither. A called-off one is neither."""
    interview = booked.interview
    minute, hour = dt.timedelta(minutes=1), dt.timedelta(hours=1)
    assert interview.ends_at is None
    assert interview.is_upcoming(starts - minute) and not interview.is_held(starts - minute)
    for under_way in (starts, starts + dt.timedelta(minutes=10), starts + hour - minute):
        assert not interview.is_upcoming(under_way) and not interview.is_held(under_way)
    assert interview.is_held(starts + hour)
    interview.ends_at = starts + 2 * hour
    assert not interview.is_held(starts + 2 * hour - minute) and interview.is_held(starts + 2 * hour)
    services.interview_cancel(user=employer, application=booked)
    interview.refresh_from_db()
    assert not interview.is_held(starts + dt.timedelta(days=1))
    assert not interview.is_upcoming(starts - dt.timedelta(days=1))


@pytest.mark.parametrize("when", list(WHEN))
def test_the_api_says_whether_it_was_held_on_both_sides(
    employer: User,
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    """`held` is the pages' test (over, not begun: ten minutes in it is false, the URL still needed)."""
    move_now(monkeypatch, starts, when)
    held = when == "after"
    for user, path in (
        (profiled_seeker, f"/api/v1/me/applications/{booked.pk}"),
        (employer, f"/api/v1/employer/applications/{booked.pk}"),
    ):
        interview = client_of(user).get(path).json()["interview"]
        assert (interview["held"], interview["held_label"]) == (
            held,
            f"面接済み（{day_ja(starts)}）" if held else "",
        )


def test_the_api_never_calls_a_cancelled_interview_held(
    employer: User,
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.interview_cancel(user=employer, application=booked)
    move_now(monkeypatch, starts, "after")
    interview = client_of(profiled_seeker).get(f"/api/v1/me/applications/{booked.pk}").json()["interview"]
    assert (interview["cancelled"], interview["held"], interview["held_label"]) == (True, False, "")
