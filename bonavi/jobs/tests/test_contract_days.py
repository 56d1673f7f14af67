"""A fixed term under one month (日雇い・短期) is given in days (ADR 0115): through the form, the API and the bulk
import alike, shown as 「14日」 in the conditions, and never together with a term in months."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.core.contract_terms import CONTRACT_DAYS_RANGE
from bonavi.jobs import bulk_import
from bonavi.jobs.conditions import conditions_items
from bonavi.jobs.facts import posting_facts
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_bulk_import import check, csv_bytes, problems_of, row
from bonavi.jobs.tests.test_posting_input import api_payload, form_payload

pytestmark = pytest.mark.django_db

SHORT = {"employment_type": "part", "fixed_term": True, "renewal": "none", "wage_unit": "hour"}
SHORT_WAGE = {"wage_min": 1_300, "wage_max": None}


@pytest.fixture
def employer_client(client: Client, employer: Any) -> Client:
    client.force_login(employer)
    return client


def test_a_term_in_days_is_saved_from_the_form_and_shown_in_days(employer_client: Client) -> None:
    payload = form_payload(**SHORT, **SHORT_WAGE, contract_days=14)
    response = employer_client.post(reverse("jobs:employer_create"), payload)
    assert response.status_code == 302, response.content.decode()[:3000]
    posting = JobPosting.objects.get()
    assert (posting.contract_months, posting.contract_days, posting.contract_term) == (None, 14, "14日")
    preview = employer_client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    assert "期間の定めあり（14日）" in preview
    # the checker reads the term as stated (「契約期間」 is shown), not as missing
    assert posting_facts(posting).contract_term == "14日"


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        # one term in one unit: both given would leave the yearly report not knowing which it is
        ({"contract_months": 1, "contract_days": 20}, "contract_days", "どちらか一方"),
        ({"contract_days": 31}, "contract_days", "1〜30日で入力してください"),
        ({"contract_days": 0}, "contract_days", "1〜30日で入力してください"),
        ({"contract_days": None}, "contract_months", "1か月未満の契約は契約期間（日）に入力"),
        ({"fixed_term": False, "renewal": "", "contract_days": 14}, "fixed_term", "期間の定めあり"),
    ],
)
def test_a_bad_term_in_days_is_refused_by_name_and_stores_nothing(
    employer_client: Client, over: dict[str, Any], field: str, message: str
) -> None:
    payload = form_payload(**{**SHORT, **SHORT_WAGE, **over})
    response = employer_client.post(reverse("jobs:employer_create"), payload)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    assert not JobPosting.objects.exists()


def test_a_term_out_of_its_bounds_is_said_once(employer_client: Client) -> None:
    """The posting's field validators say a term's bounds; its length check (terms.term_length_problems) does not say
    them again — it does only for the placement, which has no such field (bounded=True)."""
    refused = employer_client.post(
        "/api/v1/employer/postings",
        api_payload(**SHORT, **SHORT_WAGE, contract_days=31),
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["errors"]["contract_days"] == [CONTRACT_DAYS_RANGE]


def test_the_api_takes_and_gives_the_term_in_days(employer_client: Client) -> None:
    created = employer_client.post(
        "/api/v1/employer/postings",
        api_payload(**SHORT, **SHORT_WAGE, contract_days=10),
        content_type="application/json",
    )
    assert created.status_code in (200, 201), created.content
    assert created.json()["contract_days"] == 10 and created.json()["contract_months"] is None
    both = employer_client.post(
        "/api/v1/employer/postings",
        api_payload(**SHORT, **SHORT_WAGE, contract_months=2, contract_days=10),
        content_type="application/json",
    )
    assert both.status_code == 422 and "contract_days" in both.json()["errors"]
    assert JobPosting.objects.count() == 1


def test_the_json_check_takes_the_term_in_days_as_the_api_does(client: Client) -> None:
    """The same 日雇 posting through the JSON import format (/api/v1/postings/check, /check/'s JSON): its
    contract_days is a key of the format, and the term it gives is not reported missing."""
    from django.core.cache import cache

    cache.clear()  # the check's rate limit lives in the cache
    posting = {
        k: v
        for k, v in api_payload(**SHORT, **SHORT_WAGE, contract_days=14).items()
        if not k.startswith("insurance_")  # the format names its insurances in one list
    }
    checked = client.post(
        "/api/v1/postings/check",
        {"posting": {**posting, "insurances": ["労災保険"]}},
        content_type="application/json",
    )
    assert checked.status_code == 200, checked.content
    assert "契約期間" not in {f["item"] for f in checked.json()["findings"]}
    posting.pop("contract_days")  # the same posting not saying its term is told so
    unsaid = client.post(
        "/api/v1/postings/check",
        {"posting": {**posting, "insurances": ["労災保険"]}},
        content_type="application/json",
    )
    assert "契約期間" in {f["item"] for f in unsaid.json()["findings"]}


def test_the_bulk_import_reads_a_term_in_days(employer: Any) -> None:
    cells = {
        "雇用形態": "パート・アルバイト",
        "期間の定めあり（有期契約）": "あり",
        "契約更新": "更新なし",
        "賃金の単位": "時給",
        "賃金（下限・円）": "1,300",
        "賃金（上限・円）": "",
    }
    ok = row(**cells, **{"契約期間（日・1か月未満の場合）": "14日"})
    typo = row(**cells, **{"社内管理番号": "B", "契約期間（日・1か月未満の場合）": "2か月"})
    report = check(employer, csv_bytes([ok, typo]))
    assert problems_of(report, 2) == []
    # a unit of another column is refused, not read as 2 days
    column, message = problems_of(report, 3)[0]
    assert column == "契約期間（日・1か月未満の場合）（Q列）" and "日数" in message
    outcome = bulk_import.import_run(user=employer, filename="x.csv", data=csv_bytes([ok]), dry_run=False)
    assert JobPosting.objects.get(pk=outcome.ids[0]).contract_days == 14


def test_a_term_in_months_reads_as_before(employer: Any) -> None:
    posting = make_posting(
        employer.organization,
        employment_type="keiyaku",
        fixed_term=True,
        contract_months=6,
        renewal="possible",
        renewal_criteria="勤務成績",
        renewal_cap="通算3年",
    )
    term = {i.label: i.value for s in conditions_items(posting) for i in s.items}["契約期間"]
    assert term == "期間の定めあり（6か月）" and posting.contract_term == "6か月"
