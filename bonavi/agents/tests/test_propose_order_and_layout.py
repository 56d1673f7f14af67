"""Proposing from the candidate page at 390 px (ADR 0125): the jobs that can be recommended (an order in force) are
listed first — jobs without a 求人受理 ranked above them — and the comment comes before the cards, the button after
them in a bar kept at the bottom of the screen, so neither sits after twenty cards."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services
from bonavi.agents.tests.factories import private_order
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _match_titles(page: str) -> list[tuple[str, bool]]:
    """(title, has no order) of each card in the マッチ list, in page order."""
    form = page[page.index('id="propose"') : page.index("</form>", page.index('id="propose"'))]
    return [
        (re.sub(r"\s+", " ", title).strip(), "no-order-item" in classes)
        for classes, title in re.findall(
            r'<li class="card job-card match-item([^"]*)">.*?<strong>(.*?)</strong>', form, re.S
        )
    ]


def test_the_jobs_that_can_be_recommended_come_first(setup, candidate, employer, client) -> None:
    # Public jobs in her wished-for Tokyo with a better wage, no order from their company: they rank high.
    for i in range(4):
        make_posting(employer.organization, title=f"経理事務（公開{i}）", wage_min=300_000, wage_max=340_000)
    # The order the agency holds is for a job she matches less well (Osaka, lower pay).
    private_order(
        setup,
        employer.organization,
        title="経理スタッフ（非公開・大阪）",
        prefecture="27",
        municipality="大阪市北区",
        wage_min=200_000,
        wage_max=220_000,
    )
    proposed = make_posting(employer.organization, title="経理事務（提案済み）", wage_min=320_000)
    services.proposal_create(user=setup.ca, candidate=candidate, posting_id=proposed.pk)
    client.force_login(setup.ca)
    titles = _match_titles(client.get(f"/agent/candidates/{candidate.pk}/").content.decode())
    assert titles[0] == ("経理スタッフ（非公開・大阪）", False), titles
    assert titles[-1][0] == "経理事務（提案済み）"
    # The four public jobs between them (all() of an empty list is true: count them too).
    assert len(titles) == 6 and all(no_order for _, no_order in titles[1:-1]), titles


def test_the_comment_comes_before_the_cards_and_the_button_after_them_in_a_bar(
    setup, candidate, employer, client
) -> None:
    for i in range(3):
        make_posting(employer.organization, title=f"経理事務（公開{i}）")
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    form = page[page.index('id="propose"') : page.index("</form>", page.index('id="propose"'))]
    comment, first_card = form.index('name="comment"'), form.index("match-item")
    bar = form.index('class="sticky-actions"')
    button = form.index("選んだ求人を提案する</button>")
    assert comment < first_card < bar < button
    assert form.rindex("match-item") < bar  # after every card: the keyboard reaches each box, then the button
