"""/search/ with one 職種 family chosen (a top-page card) opens with a short intro to the work and its ロードマップ
(ADR 0134); with none or several, no intro."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.jobs.catalog import FAMILY_LINES

pytestmark = pytest.mark.django_db


def test_one_family_gets_its_line_and_roadmap_link(client: Client) -> None:
    page = client.get("/search/?family=accounting").content.decode()
    intro = page.split('id="family-intro"', 1)[1].split("</div>", 1)[0]
    assert FAMILY_LINES["accounting"] in intro
    assert 'href="/careers/roadmaps/accounting/">経理・財務はどんな仕事？（ロードマップ）</a>' in intro


@pytest.mark.parametrize("query", ["", "?family=accounting&family=hr_labor", "?q=経理", "?family=nonsense"])
def test_no_intro_without_exactly_one_family(client: Client, query: str) -> None:
    assert 'id="family-intro"' not in client.get(f"/search/{query}").content.decode()
