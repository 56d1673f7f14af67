"""Fixtures most agents tests start from: the agency (factories.make_agency), the seeker registered with it after
a hearing, one selection at 推薦 for a 非公開求人 (also at 1次面接, with or without its date), and an open-ended placement
100 days old (inside the 2-year lock, past the 6-month check's start). Modules that need another starting point
override them."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents.tests.factories import (
    book_first_interview,
    make_agency,
    place,
    private_order,
    refer,
    register,
    to_first_interview,
)
from bonavi.core.clock import JST, today_jst
from bonavi.notifications.tests.smtp import smtp_inbox, smtp_server  # noqa: F401  (fixtures)


@pytest.fixture
def setup(db):
    return make_agency()


@pytest.fixture
def candidate(setup, seeker):
    return register(setup, seeker)


@pytest.fixture
def referral(setup, candidate, employer):
    return refer(setup, candidate, private_order(setup, employer.organization).posting_id)


@pytest.fixture
def placed(setup, candidate, employer):
    return place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=today_jst() - dt.timedelta(days=100),
    )


@pytest.fixture
def at_first(referral, employer):
    """The 推薦 at 1次面接 (through 書類選考), no date set yet."""
    return to_first_interview(referral, employer)


@pytest.fixture
def starts() -> dt.datetime:
    """When `booked_first`'s interview begins: six days ahead, 14:00 in Japan (a weekday or not, any day will do)."""
    return dt.datetime.combine(today_jst() + dt.timedelta(days=6), dt.time(14), tzinfo=JST)


@pytest.fixture
def booked_first(referral, employer, starts):
    """The 推薦 at 1次面接 with its online interview booked at `starts` (factories.INTERVIEW_URL)."""
    return book_first_interview(referral, employer, starts)
