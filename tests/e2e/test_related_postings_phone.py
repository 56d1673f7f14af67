"""「この企業の他の求人」, 「似た求人」 and the company page on a 390 px phone (ADR 0089): from a posting to another
company's similar one, then from its company name to that company's page and back to one of its postings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bonavi.accounts.models import Organization
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.browser


def test_related_postings_and_company_page_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    sakura = Organization.objects.create(name="株式会社さくら会計", address="東京都新宿区西新宿1-1-1")
    aoba = Organization.objects.create(name="青葉ホールディングス株式会社", address="東京都港区芝公園2-2-2")

    def post(org: Organization, title: str, days_ago: int, **over: object):
        return make_posting(
            org,
            title=title,
            employer_name=org.name,
            date_posted=timezone.now() - dt.timedelta(days=days_ago),
            **over,
        )

    seen = post(sakura, "経理スタッフ（月次決算の補助から）", 9)
    post(sakura, "人事労務アシスタント（給与計算・社会保険）", 2, subrole="payroll")
    similar = post(aoba, "経理担当（連結決算・開示資料の作成）", 1)
    post(aoba, "財務担当（資金繰り・銀行折衝）", 3, subrole="finance")
    post(aoba, "経理事務（大阪本社）", 0, prefecture="27", municipality="大阪市北区")
    post(aoba, "非公開の経理課長", 0, visibility="private")

    phone.goto(f"{live_server.url}/jobs/{seen.pk}/")
    own = phone.locator("section[aria-labelledby=related-company-h] .job-card h3")
    assert own.all_inner_texts() == ["人事労務アシスタント（給与計算・社会保険）"]
    cards = phone.locator("section[aria-labelledby=related-similar-h] .job-card")
    assert cards.locator("h3").all_inner_texts() == [
        "経理担当（連結決算・開示資料の作成）",
        "経理事務（大阪本社）",
        "財務担当（資金繰り・銀行折衝）",
    ]
    assert "同じ職種・同じ都道府県" in cards.nth(0).inner_text()
    assert "非公開の経理課長" not in phone.inner_text("main")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "related-postings-phone")

    cards.nth(0).get_by_role("link", name=aoba.name).click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1).inner_text() == aoba.name
    main = phone.inner_text("main")
    assert "東京都港区芝公園2-2-2" in main and "公開中の求人（3件・新着順）" in main
    assert "非公開の経理課長" not in main
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "company-page-phone")

    phone.get_by_role("link", name=similar.title, exact=True).click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1).inner_text() == similar.title
