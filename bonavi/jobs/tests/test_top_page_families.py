"""The top page's 職種 cards (session 16 walk, `01_top_anon`): each went straight to search. Now each says in one
plain line what the work is and links 「どんな仕事？」 to its ロードマップ, and a 「未経験から事務職へ」 block links the
適職診断 and the 経験の棚卸し (ADR 0134). Plain links: the page needs no JS."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.jobs.catalog import FAMILIES, FAMILY_LINES

pytestmark = pytest.mark.django_db


def test_each_family_card_says_what_the_work_is_and_links_its_roadmap(client: Client) -> None:
    page = client.get("/").content.decode()
    cards = page.split('class="family-grid family-cards"', 1)[1].split("</ul>", 1)[0]
    assert set(FAMILY_LINES) == set(FAMILIES)
    for key, name in FAMILIES.items():
        assert f'href="/search/?family={key}">{name}の求人</a>' in cards
        assert f"<p>{FAMILY_LINES[key]}</p>" in cards
    roads = re.findall(r'<a class="family-road" href="([^"]+)">どんな仕事？', cards)
    assert len(roads) == len(FAMILIES)
    for href in roads:
        assert client.get(href).status_code == 200, href  # every family has its roadmap


def test_the_into_office_block_links_the_assessment_and_the_translator(client: Client) -> None:
    page = client.get("/").content.decode()
    block = page.split('id="into-office-h"', 1)[1].split("</section>", 1)[0]
    assert "未経験から事務職へ" in block
    assert 'href="/careers/assessment/">適職診断</a>' in block
    assert 'href="/careers/translate/">経験の棚卸し' in block
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
