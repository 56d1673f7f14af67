"""最近見た求人 on a 390 px phone (ADR 0087): two postings looked at, listed newest first on the top page and on
マイページ; one entry deleted, then the whole history cleared — forms only, no JavaScript needed."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting

from .helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_recent_views_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    first = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    second = make_posting(org, title="人事労務アシスタント（給与計算・社会保険）", employer_name=org.name)
    user = User.objects.create_user(email="rireki@seeker.example", password=PASSWORD, role=Role.SEEKER)
    log_in(phone, live_server.url, user.email, PASSWORD)

    for posting in (first, second):
        phone.goto(f"{live_server.url}/jobs/{posting.pk}/")
        assert phone.get_by_role("heading", level=1).inner_text() == posting.title

    phone.goto(f"{live_server.url}/")
    top = phone.locator(".recent-short li a")
    assert top.nth(0).inner_text().startswith(second.title) and top.nth(1).inner_text().startswith(
        first.title
    )
    shot(phone, "recent-views-top-phone")

    phone.goto(f"{live_server.url}/me/recent/")
    titles = phone.locator(".recent-item h2")
    assert titles.all_inner_texts() == [second.title, first.title]  # newest first
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "recent-views-phone")

    phone.get_by_role("button", name=f"「{second.title}」を履歴から削除").click()
    phone.wait_for_load_state()
    assert "閲覧履歴から1件削除しました" in phone.locator(".messages").inner_text()
    assert titles.all_inner_texts() == [first.title]

    phone.get_by_role("button", name="閲覧履歴をすべて削除").click()
    phone.wait_for_load_state()
    assert titles.count() == 0 and phone.get_by_text("まだ閲覧履歴はありません").is_visible()
    shot(phone, "recent-views-cleared-phone")
