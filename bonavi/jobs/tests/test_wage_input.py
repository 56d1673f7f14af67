"""The posting form reads its yen fields as people type them (core.money.parse_yen), like the bulk import and
the agents' forms, and a refusal names the field and the ways an amount may be written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.test_posting_input import form_payload

pytestmark = pytest.mark.django_db

EXCESS = {"fixed_overtime_excess_paid": "on"}


@pytest.fixture
def employer_client(client: Client, employer: User) -> Client:
    client.force_login(employer)
    return client


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({"wage_min": "220,000", "wage_max": "280,000"}, (220_000, 280_000, None)),
        ({"wage_min": "22万", "wage_max": "28万円"}, (220_000, 280_000, None)),
        ({"wage_min": "２２００００", "wage_max": ""}, (220_000, None, None)),
        (
            {"fixed_overtime": "on", "fixed_overtime_amount": "4万", "fixed_overtime_hours": "20", **EXCESS},
            (230_000, 280_000, 40_000),
        ),
    ],
)
def test_wages_typed_with_commas_or_man_are_stored(employer_client: Client, typed, stored) -> None:
    """「220,000」 and 「22万」 were refused with a bare 「整数を入力してください。」."""
    response = employer_client.post(reverse("jobs:employer_create"), {**form_payload(), **typed})
    assert response.status_code == 302, response.content.decode()[:3000]
    posting = JobPosting.objects.get()
    assert (posting.wage_min, posting.wage_max, posting.fixed_overtime_amount) == stored


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        (
            "wage_min",
            "22万くらい",
            "賃金（下限）は円単位の数字で入力してください（例：220000、220,000円、22万円）。",
        ),
        (
            "wage_max",
            "abc",
            "賃金（上限）は円単位の数字で入力してください（例：220000、220,000円、22万円）。",
        ),
        ("wage_min", "1050.5", "賃金（下限）は1円単位の整数で入力してください。"),
        ("wage_min", "-1000", "賃金（下限）は0円以上で入力してください。"),
        ("wage_min", "", "賃金（下限）を入力してください。"),
        ("fixed_overtime_amount", "4千円", "固定残業代は円単位の数字で入力してください"),
    ],
)
def test_an_unreadable_wage_names_the_field_and_the_accepted_forms(
    employer_client: Client, field: str, typed: str, message: str
) -> None:
    over = (
        {"fixed_overtime": "on", "fixed_overtime_hours": "20", **EXCESS}
        if field == "fixed_overtime_amount"
        else {}
    )
    response = employer_client.post(reverse("jobs:employer_create"), {**form_payload(), **over, field: typed})
    html = response.content.decode()
    error = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error
    assert "整数を入力してください" not in html
    assert not JobPosting.objects.exists()


def test_the_wage_boxes_take_text_with_a_number_keyboard(employer_client: Client) -> None:
    html = employer_client.get(reverse("jobs:employer_create")).content.decode()
    for name in ("wage_min", "wage_max", "fixed_overtime_amount"):
        tag = html.split(f'name="{name}"', 1)[1].split(">", 1)[0]
        start = html.split(f'name="{name}"', 1)[0].rsplit("<input", 1)[1]
        assert 'type="text"' in start + tag and 'inputmode="numeric"' in start + tag
