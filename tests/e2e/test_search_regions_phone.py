"""/search/ on a phone: 都道府県 are checkboxes in a <details> per region (the multi-select wanted 「Ctrl / ⌘」), used
with taps or the keyboard alone; an old link (pref=13&pref=27) opens with its regions open and its boxes ticked; the
search help is folded under 「検索のコツ」 and says each rule with an example."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from bonavi.accounts.models import Organization
from bonavi.jobs.tests.factories import make_posting


@pytest.fixture
def postings(transactional_db):
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-0000-0000"
    )
    make_posting(org, title="経理担当（東京）")
    make_posting(org, title="経理担当（神奈川）", prefecture="14", municipality="横浜市西区")
    make_posting(org, title="経理担当（大阪）", prefecture="27", municipality="大阪市北区")


def test_prefectures_by_region_with_the_keyboard(live_server, phone, shot, postings) -> None:
    page = phone
    page.goto(f"{live_server.url}/search/?q=%E7%B5%8C%E7%90%86")
    page.get_by_text("条件で絞り込む").click()
    regions = page.locator("details.region")
    assert regions.count() == 6 and all(regions.nth(i).get_attribute("open") is None for i in range(6))
    for i in range(6):  # each region's summary a 44 px tap target
        box = regions.nth(i).locator("summary").bounding_box()
        assert box is not None and box["height"] >= 44
    # Keyboard only: Enter opens 関東, Tab goes through its boxes, Space ticks.
    kanto = page.locator("details.region > summary", has_text="関東")
    kanto.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("checkbox", name="東京都", exact=True).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "08"  # 茨城県, the region's first
    for _ in range(5):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "13"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # 神奈川県
    shot(page, "search-regions-390-kanto")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="この条件で検索").click()
    page.wait_for_load_state()
    assert parse_qs(urlparse(page.url).query)["pref"] == ["13", "14"]
    assert page.locator(".total").inner_text() == "2"


def test_an_old_link_opens_its_regions_ticked(live_server, phone, shot, postings) -> None:
    page = phone
    page.goto(f"{live_server.url}/search/?q=%E7%B5%8C%E7%90%86&pref=13&pref=27")
    assert page.locator(".total").inner_text() == "2"
    page.get_by_text("条件で絞り込む").click()
    open_regions = page.locator("details.region[open] > summary")
    assert open_regions.all_inner_texts() == ["関東（1件選択中）", "近畿（1件選択中）"]
    assert page.get_by_role("checkbox", name="東京都", exact=True).is_checked()
    assert page.get_by_role("checkbox", name="大阪府", exact=True).is_checked()
    assert not page.get_by_role("checkbox", name="神奈川県", exact=True).is_checked()
    shot(page, "search-regions-390-old-link")
    # Unticking 大阪府 and searching again leaves 東京都 alone.
    page.get_by_role("checkbox", name="大阪府", exact=True).uncheck()
    page.get_by_role("button", name="この条件で検索").click()
    page.wait_for_load_state()
    assert parse_qs(urlparse(page.url).query)["pref"] == ["13"]


def test_the_search_tips_unfold_with_an_example_each(live_server, phone, shot, postings) -> None:
    page = phone
    page.goto(f"{live_server.url}/search/")
    tips = page.locator("details.search-tips")
    assert not tips.locator("li").first.is_visible()
    tips.locator("summary").focus()
    page.keyboard.press("Enter")
    assert tips.locator("li").count() == 4 and tips.locator("li").nth(1).is_visible()
    assert "その語順のまま探します" in tips.inner_text()
    shot(page, "search-tips-390")
