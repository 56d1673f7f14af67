"""「住所を検索」 on the profile at 390 px, with JavaScript (filled in place) and without (the form comes back with
住所 filled, nothing saved); a typed 住所 is replaced only when asked, and Enter in a field still saves."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bonavi.accounts.models import Role, User
from bonavi.seekers.models import SeekerProfile
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_postal_code_fills_the_address_with_and_without_javascript(
    live_server, new_page, shot, transactional_db
) -> None:
    base = live_server.url
    seeker = User.objects.create_user(email="yubin@seeker.example", password=PASSWORD, role=Role.SEEKER)

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/me/profile/")
    page.get_by_label("姓 応募に必要", exact=True).fill("山田")
    page.get_by_label("郵便番号").fill("３３０００６３")
    page.get_by_role("button", name="住所を検索").click()
    page.get_by_text("住所を入力しました。").wait_for()
    assert page.get_by_label("住所", exact=True).input_value() == "埼玉県さいたま市浦和区高砂"
    assert page.get_by_label("郵便番号").input_value() == "330-0063"
    assert page.url == f"{base}/me/profile/"  # filled in place: no round trip
    _fits(page)
    page.evaluate("document.getElementById('field-postal_code').scrollIntoView()")
    shot(page, "profile-postal-1-js-phone", full_page=False)
    # A typed address is kept; the offer replaces it when pressed.
    page.get_by_label("住所", exact=True).fill("東京都港区芝公園4-2-8")
    page.get_by_role("button", name="住所を検索").click()
    page.get_by_text("入力済みの住所は変更していません。").wait_for()
    assert page.get_by_label("住所", exact=True).input_value() == "東京都港区芝公園4-2-8"
    _fits(page)
    page.evaluate("document.getElementById('field-postal_code').scrollIntoView()")
    shot(page, "profile-postal-2-js-offer-phone", full_page=False)
    page.get_by_role("button", name="郵便番号の住所に置き換える").click()
    # The replacement is asked of the server (/postal/ with replace=1): wait for its answer, not a fixed moment.
    expect(page.get_by_label("住所", exact=True)).to_have_value("埼玉県さいたま市浦和区高砂")
    expect(page.get_by_role("button", name="郵便番号の住所に置き換える")).to_be_hidden()
    assert not SeekerProfile.objects.filter(user=seeker).exists()
    # Enter in a field saves (the form's first submit button is a hidden 保存する, not 「住所を検索」).
    page.get_by_label("住所", exact=True).fill("埼玉県さいたま市浦和区高砂3-15-1")
    page.get_by_label("住所", exact=True).press("Enter")
    page.get_by_text("プロフィールを保存しました").wait_for()
    assert SeekerProfile.objects.get(user=seeker).address == "埼玉県さいたま市浦和区高砂3-15-1"

    no_js = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(no_js, base, seeker.email, PASSWORD)
    no_js.goto(f"{base}/me/profile/")
    no_js.get_by_label("郵便番号").fill("100-0005")
    no_js.get_by_role("button", name="住所を検索").click()
    no_js.wait_for_load_state()
    assert no_js.url.endswith("/me/profile/#field-postal_code")  # back at 郵便番号, not the top of the page
    assert (
        no_js.get_by_label("住所", exact=True).input_value() == "埼玉県さいたま市浦和区高砂3-15-1"
    )  # typed: kept
    assert no_js.get_by_text("郵便番号の住所は「東京都千代田区丸の内」です。").is_visible()
    _fits(no_js)
    shot(no_js, "profile-postal-3-nojs-offer-phone", full_page=False)
    no_js.get_by_role("button", name="郵便番号の住所に置き換える").click()
    no_js.wait_for_load_state()
    assert no_js.get_by_label("住所", exact=True).input_value() == "東京都千代田区丸の内"
    assert no_js.get_by_text("住所を入力しました。").is_visible()
    shot(no_js, "profile-postal-4-nojs-filled-phone", full_page=False)
    # Nothing was saved by either press.
    assert SeekerProfile.objects.get(user=seeker).postal_code == "330-0063"
    no_js.get_by_label("住所", exact=True).fill("東京都千代田区丸の内1-1-1")
    no_js.get_by_role("button", name="保存する").click()
    no_js.wait_for_load_state()
    profile = SeekerProfile.objects.get(user=seeker)
    assert (profile.postal_code, profile.address) == ("100-0005", "東京都千代田区丸の内1-1-1")

    # A refused profile lists its reasons, each a link to its field (includes/error_links.html).
    no_js.get_by_label("電話番号").fill("abc")
    no_js.locator("#id_history-0-year").fill("1800")  # novalidate: the server says why
    no_js.get_by_role("button", name="保存する").click()
    no_js.wait_for_load_state()
    summary = no_js.locator("#form-errors")
    assert summary.get_by_role("link", name="学歴・職歴 1行目の年").is_visible()
    _fits(no_js)
    no_js.evaluate("document.getElementById('form-errors').scrollIntoView()")
    shot(no_js, "profile-errors-phone", full_page=False)
    summary.get_by_role("link", name="学歴・職歴 1行目の年").click()
    assert no_js.url.endswith("#id_history-0-year")
