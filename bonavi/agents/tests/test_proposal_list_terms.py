"""Her list of proposals (/me/proposals/) says each one's company, 勤務地 and 給与 as proposed — from the snapshot she
was shown — so she can compare them without opening each (ADR 0125); it said only the title, agency and status."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.models import JobPosting

pytestmark = pytest.mark.django_db


def _card(page: str, title: str) -> str:
    found = re.search(rf'<li class="card proposal">(?:(?!</li>).)*{re.escape(title)}.*?</li>', page, re.S)
    assert found is not None, title
    return re.sub(r"<[^>]+>", "|", found.group(0))


def test_each_proposal_says_company_place_and_pay_as_proposed(
    setup, candidate, seeker, employer, client
) -> None:
    first = private_order(
        setup, employer.organization, title="経理（丸の内）", wage_min=240_000, wage_max=280_000
    )
    second = private_order(
        setup,
        employer.organization,
        title="総務（横浜）",
        prefecture="14",
        municipality="横浜市西区",
        address="みなとみらい2-2-1",
    )
    for order in (first, second):
        services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    posting = JobPosting.objects.get(job_orders=first)
    client.force_login(seeker)
    page = client.get("/me/proposals/").content.decode()
    card = _card(page, "経理（丸の内）")
    assert f"|会社||{posting.employer_display}|" in card
    assert f"|勤務地||{posting.prefecture_name}{posting.municipality}{posting.address}|" in card
    assert f"|給与||{posting.wage_display}|" in card
    assert "神奈川県" in _card(page, "総務（横浜）")
    # The company raises the pay after the proposal: the list keeps the pay as proposed, and says it changed.
    shown = posting.wage_display
    JobPosting.objects.filter(pk=posting.pk).update(wage_min=300_000, wage_max=320_000)
    card = _card(client.get("/me/proposals/").content.decode(), "経理（丸の内）")
    assert f"|給与||{shown}|" in card and "300,000" not in card
    assert "労働条件が変更されました" in card
