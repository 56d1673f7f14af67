"""Fixtures most agents tests start from: the agency (factories.make_agency), the seeker registered with it after
a hearing, one selection at 推薦 for a 非公開求人, and an open-ended placement 100 days old (inside the 2-year
lock, past the 6-month check's start). Modules that need another starting point override them."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents.tests.factories import make_agency, place, private_order, refer, register
from bonavi.core.clock import today_jst
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
