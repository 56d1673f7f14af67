"""The hearing's 希望給与の単位 in the site's one set of wage units — jobs' 時給・日給・月給・年俸 — rather than its own
月給・年収・時給 (no 日給, and 年収 where postings and her profile say 年俸)."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services
from bonavi.agents.forms import HearingForm
from bonavi.agents.matching import person_facts_from_hearing
from bonavi.agents.tests.factories import HEARING
from bonavi.jobs.models import WageUnit

pytestmark = pytest.mark.django_db


def test_the_hearing_offers_the_sites_wage_units_in_its_order(setup, candidate, client) -> None:
    assert list(HearingForm().fields["pay_unit"].choices) == [
        ("hour", "時給"),
        ("day", "日給"),
        ("month", "月給"),
        ("year", "年俸"),
    ]
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    select = re.search(r'<select name="pay_unit".*?</select>', page, re.S)
    assert select is not None
    assert re.findall(r">([^<]+)</option>", select.group(0)) == ["時給", "日給", "月給", "年俸"]
    assert "年収" not in select.group(0)


def test_a_daily_wage_wish_is_saved_shown_and_matched_by_the_day(setup, candidate, client) -> None:
    client.force_login(setup.ca)
    data = {**HEARING, "pay_floor": "12000", "pay_unit": "day", "available_from": "", "years_experience": "3"}
    response = client.post(f"/agent/candidates/{candidate.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    candidate.hearing.refresh_from_db()
    assert (candidate.hearing.pay_unit, candidate.hearing.pay_floor) == ("day", 12000)
    assert candidate.hearing.get_pay_unit_display() == "日給"
    assert person_facts_from_hearing(candidate.hearing).pay_unit == WageUnit.DAY
    # The API's hearing takes the same units, and says them when one is not one of them.
    assert "pay_unit" not in services.hearing_problems({"pay_unit": "day"})
    assert services.hearing_problems({"pay_unit": "week"})["pay_unit"] == [
        "給与の単位は hour・day・month・year のいずれかです（時給・日給・月給・年俸）。"
    ]
