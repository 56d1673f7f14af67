"""Session-7 review by use: dates typed by hand into the books' records (入社日, 従業者教育の実施日)."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents import services
from bonavi.agents.models import Placement, Referral, Staff, StaffTraining, Stage
from bonavi.agents.tests.factories import backdate, offer_as_posted
from bonavi.agents.tests.html import error_beside
from bonavi.core.clock import date_ja
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

PLACE_OK = {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "4200000", "fee": "1260000"}


@pytest.fixture
def accepted(setup, referral, employer):
    for stage in (Stage.INTERVIEW1, Stage.OFFER):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=employer, referral=referral, to_stage=stage, offer=offer)
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED)
    backdate(referral, dt.date(2026, 4, 1))  # the forms below place the person on 2026-04-01
    OutboxMessage.objects.all().delete()
    return referral


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # <input type="date"> takes a year typed as 「26」 as 0026; 1899 is a slip of the keyboard.
        ("0026-04-01", "入社日（0026-04-01）が5年以上前です。日付を確かめてください。"),
        ("1899-01-01", "入社日（1899-01-01）が5年以上前です。日付を確かめてください。"),
        ("2099-04-01", "入社日（2099-04-01）が1年以上先です。日付を確かめてください。"),
    ],
)
def test_an_absurd_joining_date_is_refused_beside_the_field(setup, accepted, client, typed, message):
    """It was recorded: a 入社日 of 1899 put the placement in no fiscal year's figures and its 6-month check
    was due more than a century ago; 2099 kept it out of the disclosure for ever."""
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{accepted.pk}/", {**PLACE_OK, "joined_on": typed})
    assert resp.status_code == 422
    form = resp.content.decode().split('value="place"', 1)[1].split("</form>", 1)[0]
    assert message in error_beside(form, "joined_on")
    assert not Placement.objects.exists() and not OutboxMessage.objects.exists()
    assert Referral.objects.get(pk=accepted.pk).stage == Stage.OFFER_ACCEPTED


def test_a_joining_date_within_the_bounds_is_recorded(setup, accepted, client):
    client.force_login(setup.ca)
    assert client.post(f"/agent/referrals/{accepted.pk}/", PLACE_OK).status_code == 302
    assert Placement.objects.get().joined_on.isoformat() == "2026-04-01"


@pytest.mark.parametrize("typed", ["1899-01-01", "0026-04-01"])
def test_a_staff_training_dated_long_ago_is_refused(setup, client, typed):
    """It was recorded and counted in no yearly report (従業員教育の実施回数)."""
    ca = Staff.objects.get(user=setup.ca)
    client.force_login(setup.boss)
    page = client.post(
        "/agent/offices/",
        {
            "action": "training",
            "office": setup.office.pk,
            "held_on": typed,
            "topic": "均等待遇",
            "attendees": [ca.pk],
        },
    )
    assert page.status_code == 422
    assert f"実施日（{typed}）が5年以上前です。日付を確かめてください。" in page.content.decode()
    assert not StaffTraining.objects.exists()


def test_the_six_month_check_cannot_be_answered_before_it_is_due(setup, candidate, employer, client):
    """It could: on the day of joining the adviser could record 「在職」 for the 6か月定着確認, and a person who then
    left in month 4 stayed 「在職」 in the check (32条の16③ counts who left within six months)."""
    from bonavi.agents.models import FollowUp
    from bonavi.agents.tests.factories import place, private_order
    from bonavi.core.clock import today_jst

    placement = place(
        setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=today_jst()
    )
    due = FollowUp.objects.get(placement=placement).due_on
    client.force_login(setup.ca)
    resp = client.post(
        f"/agent/referrals/{placement.referral_id}/", {"action": "followup", "outcome": "employed"}
    )
    assert resp.status_code == 422
    form = resp.content.decode().split('value="followup"', 1)[1].split("</form>", 1)[0]
    assert f"6か月定着確認は確認期日（{due.isoformat()}）から記録できます。" in error_beside(form, "outcome")
    assert FollowUp.objects.get(placement=placement).outcome == FollowUp.Outcome.PENDING


def test_the_candidate_page_offers_the_six_month_check_only_from_its_due_day(
    setup, candidate, employer, client
):
    from bonavi.agents.models import FollowUp
    from bonavi.agents.tests.factories import place, private_order
    from bonavi.core.clock import today_jst

    placement = place(
        setup, candidate, private_order(setup, employer.organization).posting_id, joined_on=today_jst()
    )
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    due = FollowUp.objects.get(placement=placement).due_on
    assert f"6か月定着確認（{date_ja(due)}）：確認期日から記録できます。" in page
    assert 'value="followup"' not in page
    FollowUp.objects.filter(placement=placement).update(due_on=today_jst())
    assert 'value="followup"' in client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
