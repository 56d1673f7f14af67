"""「郵便番号から住所を入力」 in the documents editor at 390 px: it asks core's /postal/ (POST, the form's CSRF token),
shows its messages — the same words as the profile's 「住所を検索」 — and fills 都道府県・市区町村・町域."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.core import postal
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Kyushoku-Sha-2026"


def test_the_editor_fills_the_address_parts_with_the_shared_messages(
    live_server, new_page, shot, transactional_db
) -> None:
    user = User.objects.create_user(email="yubin-doc@example.jp", password=PASSWORD, role=Role.SEEKER)
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("郵便番号の確認")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")
    page.goto(f"{page.url.split('#')[0]}?open=basics#sec-basics")

    lookup = page.get_by_role("button", name="郵便番号から住所を入力")
    page.locator("#id_postal_code").fill("12345")
    lookup.click()
    page.get_by_text(postal.BAD_CODE).wait_for()  # the profile's wording, no longer 「7桁で入力してください」
    page.locator("#id_postal_code").fill("０００００００")
    lookup.click()
    page.get_by_text(postal.NOT_FOUND).wait_for()
    assert page.locator("#id_region").input_value() == ""

    page.locator("#id_postal_code").fill("３３０－００６３")
    lookup.click()
    page.get_by_text(postal.FILLED).wait_for()
    assert page.locator("#id_postal_code").input_value() == "330-0063"
    assert page.locator("#id_region").input_value() == "埼玉県"
    assert page.locator("#id_city").input_value() == "さいたま市浦和区"
    assert page.locator("#id_address").input_value() == "高砂"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#id_city").scroll_into_view_if_needed()
    shot(page, "documents-postal-filled-390", full_page=False)

    # A 住所 typed for another 〒 is kept, and the message says so (it said 「住所を入力しました」 and overwrote
    # 都道府県・市区町村 while keeping 町域).
    page.locator("#id_region").fill("東京都")
    page.locator("#id_city").fill("港区")
    page.locator("#id_address").fill("芝公園4-2-8")
    lookup.click()
    page.get_by_text("入力済みの住所は変更していません").wait_for()
    assert page.locator("#id_region").input_value() == "東京都"
    assert page.locator("#id_city").input_value() == "港区"
