"""/search/'s 都道府県 are checkboxes grouped by region, each region a <details> open when one of its boxes is ticked —
the multi-select they replace wanted 「Ctrl / ⌘」, which a phone has not. The parameter is still pref=13&pref=27, so
saved searches and old links open with their boxes ticked. The search help says each rule in plain words with one
example."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.core.prefectures import PREFECTURES, REGIONS
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _regions(html: str) -> dict[str, tuple[bool, list[str], list[str]]]:
    """Each region → (open, its prefecture codes, the ticked ones)."""
    out = {}
    for attrs, summary, body in re.findall(
        r'<details class="region"([^>]*)>\s*<summary>(.*?)</summary>(.*?)</details>', html, flags=re.S
    ):
        name = re.sub(r"<.*", "", summary)
        codes = re.findall(r'<input type="checkbox" name="pref" value="(\d\d)"', body)
        ticked = re.findall(r'<input type="checkbox" name="pref" value="(\d\d)" checked', body)
        out[name] = ("open" in attrs, codes, ticked)
    return out


def test_regions_cover_every_prefecture_once_in_jis_order() -> None:
    assert [code for _, codes in REGIONS for code in codes] == list(PREFECTURES)
    assert [name for name, _ in REGIONS] == [
        "北海道・東北",
        "関東",
        "中部",
        "近畿",
        "中国・四国",
        "九州・沖縄",
    ]


def test_an_old_link_opens_with_its_prefectures_ticked_and_their_regions_open(client: Client) -> None:
    html = client.get("/search/?pref=13&pref=27").content.decode()
    assert 'name="pref" multiple' not in html and "Ctrl" not in html and "⌘" not in html
    regions = _regions(html)
    assert list(regions) == [name for name, _ in REGIONS]
    assert regions["関東"] == (True, REGIONS[1][1], ["13"])
    assert regions["近畿"] == (True, REGIONS[3][1], ["27"])
    assert all(
        not regions[name][0] and not regions[name][2] for name in ("北海道・東北", "中部", "九州・沖縄")
    )
    assert '関東<span class="ticked">（1件選択中）</span>' in html
    # a page without prefectures: every region folded
    plain = _regions(client.get("/search/").content.decode())
    assert not any(opened or ticked for opened, _, ticked in plain.values())


def test_ticked_boxes_search_as_the_multi_select_did(client: Client, employer) -> None:
    make_posting(employer.organization, title="経理（東京）")
    make_posting(employer.organization, title="経理（大阪）", prefecture="27", municipality="大阪市北区")
    make_posting(employer.organization, title="経理（福岡）", prefecture="40", municipality="福岡市中央区")
    html = client.get("/search/", {"q": "経理", "pref": ["13", "27"]}).content.decode()
    assert "経理（東京）" in html and "経理（大阪）" in html and "経理（福岡）" not in html


def test_the_search_help_says_each_rule_with_an_example(client: Client) -> None:
    html = client.get("/search/").content.decode()
    tips = re.search(r'<details class="search-tips">.*?</details>', html, flags=re.S)
    assert tips is not None
    text = re.sub(r"<[^>]+>", "", tips.group())
    for said in (
        "経理 東京 のように言葉をスペースで区切ると、すべての言葉を含む求人を探します。",
        '"給与計算" のように引用符（"）で囲むと、その語順のまま探します。',
        "-派遣 のように言葉の前に「-」（マイナス）を付けると、その言葉を含む求人を除きます。",
        "経理 OR 財務 のように「OR」でつなぐと、どちらかを含む求人を探します。",
    ):
        assert said in text.replace("&quot;", '"'), said
    assert "で語順どおり" not in html and "でいずれか" not in html
