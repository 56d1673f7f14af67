"""The preview's caution that the 最低賃金 table is behind (ADR 0134): the walk's `46_posting_preview` opened a
月給250,000円 posting with it. It is shown only when the pay is less than 10 % above the rate it was checked against
(compliance.wages.near_minimum), and it says truthfully how the table is updated — with a release of BOナビ, not by
an operator's button that does not exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.compliance.minimum_wage import latest_fiscal_year, minimum_wage
from bonavi.compliance.wages import near_minimum
from bonavi.jobs.facts import posting_facts
from bonavi.jobs.models import JobPosting

from .test_posting_input import form_payload

pytestmark = pytest.mark.django_db

AFTER_REVISION = dt.date(latest_fiscal_year() + 1, 10, 15)


def _preview(client: Client, employer: User, monkeypatch: pytest.MonkeyPatch, **over: Any) -> str:
    from bonavi.core import clock

    client.force_login(employer)
    assert client.post(reverse("jobs:employer_create"), form_payload(**over)).status_code == 302
    monkeypatch.setattr(clock, "today_jst", lambda: AFTER_REVISION)
    posting = JobPosting.objects.order_by("-pk").first()
    assert posting is not None
    return client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()


def test_a_pay_well_above_the_minimum_opens_without_the_caution(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _preview(client, employer, monkeypatch, wage_min=250_000)  # 1,562円/h in 東京都
    assert 'id="minimum-wage-notice"' not in html and "月給250,000円" in html


def test_a_pay_near_the_minimum_keeps_the_caution_and_says_how_the_table_is_updated(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _preview(client, employer, monkeypatch, wage_min=205_000)  # 1,281円/h, 4 % above 東京都's rate
    notice = html.split('id="minimum-wage-notice"', 1)[1].split("</div>", 1)[0]
    assert "新しい年度の額はBOナビの更新版で追加されます" in notice
    assert "運営者が表を更新すると解消します" not in html


@pytest.mark.parametrize(
    ("unit", "amount", "near"),
    [
        ("hour", 1_300, True),  # 6 % above 1,226
        ("hour", 1_349, False),  # 10 % above, rounded up
        ("month", 215_000, True),  # ÷ 160 h = 1,343
        ("month", 230_000, False),  # 1,437
    ],
)
def test_near_is_within_ten_per_cent_of_the_rate_checked(
    employer: User, unit: str, amount: int, near: bool
) -> None:
    from .factories import posting_data

    posting = JobPosting(organization=employer.organization, **{**posting_data(), "wage_unit": unit})
    posting.wage_min = amount
    posting.wage_max = None
    assert minimum_wage("13", AFTER_REVISION) == 1_226
    assert near_minimum(posting_facts(posting), AFTER_REVISION) is near


def test_without_a_pay_the_caution_stays(employer: User) -> None:
    from .factories import posting_data

    posting = JobPosting(organization=employer.organization, **{**posting_data(), "wage_min": None})
    assert near_minimum(posting_facts(posting), AFTER_REVISION)
