"""A seeker on a phone (390 px) searches 経理, opens the filter drawer, narrows to 東京都 and 未経験歓迎, sees the
matched word highlighted and the URL holding the whole query, then opens a result."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from bonavi.accounts.models import Organization
from bonavi.jobs.models import Visibility
from bonavi.jobs.tests.factories import make_posting


@pytest.fixture
def postings(transactional_db):
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-0000-0000"
    )
    return {
        "tokyo": make_posting(org, title="経理担当者（未経験歓迎）", duties="伝票の入力と月次決算の補助。"),
        "osaka": make_posting(
            org, title="経理事務", prefecture="27", municipality="大阪市北区", inexperienced_welcome=False
        ),
        "senior": make_posting(org, title="経理リーダー", inexperienced_welcome=False),
        "secret": make_posting(org, title="経理マネージャー", visibility=Visibility.PRIVATE),
        "other": make_posting(org, title="人事スタッフ", subrole="hr_clerk", duties="入退社の手続き。"),
    }


def test_phone_search_filter_open(live_server, phone, shot, postings) -> None:
    page = phone
    page.goto(f"{live_server.url}/search/")
    page.fill("input[name=q]", "経理")
    page.get_by_role("button", name="検索", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".total").inner_text() == "3"
    assert page.locator(".job-card mark").first.inner_text() == "経理"
    assert "経理マネージャー" not in page.content()  # private posting: never for anonymous visitors
    shot(page, "search-phone-1-results")

    # The drawer is closed on a phone until asked for; choose 東京都 and 未経験歓迎.
    drawer = page.locator("details#filters")
    assert drawer.get_attribute("open") is None
    page.get_by_text("条件で絞り込む").click()
    page.locator("details.region > summary", has_text="関東").click()
    page.get_by_role("checkbox", name="東京都", exact=True).check()
    page.get_by_role("checkbox", name="未経験歓迎", exact=True).check()
    shot(page, "search-phone-2-drawer")
    page.get_by_role("button", name="この条件で検索").click()
    page.wait_for_load_state()
    assert page.locator(".total").inner_text() == "1"
    # The form's empty fields are dropped: the address bar holds the canonical, shareable query.
    assert urlparse(page.url).query == "q=%E7%B5%8C%E7%90%86&pref=13&inexp=1"
    query = parse_qs(urlparse(page.url).query)
    assert query["q"] == ["経理"] and query["pref"] == ["13"] and query["inexp"] == ["1"]
    assert page.locator(".chips").get_by_text("未経験歓迎").is_visible()
    shot(page, "search-phone-3-filtered")
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator(".job-card h3 a").first.click()
    page.wait_for_load_state()
    assert f"/jobs/{postings['tokyo'].pk}/" in page.url
    assert "経理担当者" in page.locator("h1").inner_text()
    shot(page, "search-phone-4-detail")

    # Zero results: the page says which filter to drop, with the count that gives.
    page.goto(f"{live_server.url}/search/?q=%E7%B5%8C%E7%90%86&pref=27&inexp=1")
    assert "見つかりませんでした" in page.content()
    assert page.get_by_text("未経験歓迎を外す").is_visible()
    shot(page, "search-phone-5-no-results")
