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


def test_an_ended_posting_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    """A posting she looked at and favourited has ended (ADR 0132): her lists name it with 「掲載終了」, and its page
    says 「この求人の掲載は終了しました」 (410, noindex) with open postings like it, fitting 390 px."""
    from bonavi.jobs import services as jobs
    from bonavi.seekers import services as seekers

    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    closer = User.objects.create_user(
        email="saiyo@sakura.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    ended = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    open_one = make_posting(org, title="経理アシスタント（請求書の発行・入金確認）", employer_name=org.name)
    user = User.objects.create_user(email="owari@seeker.example", password=PASSWORD, role=Role.SEEKER)
    seekers.favorite_add(user=user, posting_id=ended.pk)
    log_in(phone, live_server.url, user.email, PASSWORD)
    phone.goto(f"{live_server.url}/jobs/{ended.pk}/")
    jobs.posting_close(user=closer, posting=ended)

    phone.goto(f"{live_server.url}/me/favorites/")
    card = phone.locator(".fav-item.ended")
    assert card.get_by_role("heading", level=2).inner_text() == ended.title
    assert "株式会社さくら会計" in card.inner_text() and "掲載終了" in card.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "ended-favourite-phone")

    card.get_by_role("link", name=ended.title).click()
    phone.wait_for_load_state()
    assert phone.get_by_text("この求人の掲載は終了しました").is_visible()
    assert phone.get_by_role("heading", level=1).inner_text() == ended.title
    assert phone.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert phone.get_by_role("link", name=open_one.title).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "ended-posting-phone")
    response = phone.request.get(f"{live_server.url}/jobs/{ended.pk}/")
    assert response.status == 410 and response.headers["x-robots-tag"] == "noindex"

    phone.goto(f"{live_server.url}/me/recent/")
    item = phone.locator(".recent-item").first
    assert (
        item.get_by_role("heading", level=2).inner_text() == ended.title and "掲載終了" in item.inner_text()
    )
    shot(phone, "ended-recent-view-phone")
