"""Session-7 review by use: the 離職日 of a placement is a day that has come, on or after the 入社日."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents.models import FollowUp
from bonavi.agents.tests.factories import place, private_order
from bonavi.agents.tests.html import error_beside, focused
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(setup, candidate, employer):
    """Joined a month ago: the 6-month check is still ahead."""
    joined = today_jst() - dt.timedelta(days=30)
    return place(setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=joined)


def _exit(client, placement, exit_on: dt.date):
    return client.post(
        f"/agent/referrals/{placement.referral_id}/",
        {"action": "exit", "exit_on": exit_on.isoformat(), "reason": "resignation", "refund": "0"},
    )


@pytest.mark.parametrize("ahead", [dt.timedelta(days=1), dt.timedelta(days=60), None])
def test_an_exit_dated_in_the_future_is_refused_beside_the_field(setup, placed, client, ahead):
    """It was recorded, and a 離職日 before the check's due day closed the 6-month check as 「離職」 at once,
    for someone still at work (2099 was taken too)."""
    day = today_jst() + ahead if ahead else dt.date(2099, 4, 1)
    client.force_login(setup.ca)
    resp = _exit(client, placed, day)
    assert resp.status_code == 422
    form = resp.content.decode().split('value="exit"', 1)[1].split("</form>", 1)[0]
    message = f"離職日（{day.isoformat()}）が未来の日付です。離職した後に記録してください。"
    assert message in error_beside(form, "exit_on") and focused(form, "exit_on")
    placed.refresh_from_db()
    assert placed.exit_on is None and placed.exit_reason == ""
    assert FollowUp.objects.get(placement=placed).outcome == FollowUp.Outcome.PENDING


def test_an_exit_before_joining_is_refused_beside_the_field(setup, placed, client):
    client.force_login(setup.ca)
    resp = _exit(client, placed, placed.joined_on - dt.timedelta(days=1))
    assert resp.status_code == 422
    form = resp.content.decode().split('value="exit"', 1)[1].split("</form>", 1)[0]
    assert "離職日が入社日より前です。" in error_beside(form, "exit_on")
    placed.refresh_from_db()
    assert placed.exit_on is None


@pytest.mark.parametrize("days_back", [0, 10])
def test_an_exit_today_or_earlier_closes_the_check(setup, placed, client, days_back):
    client.force_login(setup.ca)
    day = today_jst() - dt.timedelta(days=days_back)
    assert _exit(client, placed, day).status_code == 302
    placed.refresh_from_db()
    assert placed.exit_on == day
    assert FollowUp.objects.get(placement=placed).outcome == FollowUp.Outcome.LEFT
