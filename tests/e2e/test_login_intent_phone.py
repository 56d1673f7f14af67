"""☆ while logged out, on a 390 px phone: the login page says why it is shown, its 新規登録 link keeps the way
back, a seeker's sign-up form shows only a seeker's fields (with and without JavaScript), and after login the
posting is favourited by that login (its CSRF-checked POST; a GET changes nothing) and shown from its top. The 利用規約 page it links to fits."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_logged_out_star_survives_login_on_a_phone(
    live_server, phone, new_page, shot, transactional_db
) -> None:
    base = live_server.url
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    posting = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    user = User.objects.create_user(email="hoshi@seeker.example", password=PASSWORD, role=Role.SEEKER)

    phone.goto(f"{base}/jobs/{posting.pk}/")
    phone.get_by_role("link", name="お気に入りに追加（ログインが必要です）").first.click()
    phone.wait_for_load_state()
    assert phone.get_by_text("お気に入りに追加するにはログインしてください").is_visible()
    _fits(phone)
    shot(phone, "login-intent-1-login-phone")

    # 新規登録 from here keeps the way back, and shows a seeker only a seeker's form.
    phone.locator("main").get_by_role("link", name="新規登録").click()
    phone.wait_for_load_state()
    assert f"/me/favorites/{posting.pk}/" in phone.url
    assert phone.get_by_label("会社名").count() == 0
    assert phone.get_by_text("個人情報の利用目的（求職者の方").is_visible()
    assert phone.get_by_text("個人情報の利用目的（採用担当の方").count() == 0
    assert phone.get_by_role("link", name="利用規約").first.get_attribute("href") == "/terms/"
    _fits(phone)
    shot(phone, "login-intent-2-signup-seeker-phone")
    no_js = new_page(390, 844, java_script_enabled=False)
    no_js.goto(f"{base}/accounts/signup/")
    assert no_js.get_by_label("会社名").count() == 0
    no_js.get_by_role("link", name="採用担当の新規登録").click()
    no_js.wait_for_load_state()
    assert no_js.get_by_label("会社名").is_visible()
    assert no_js.get_by_text("個人情報の利用目的（求職者の方").count() == 0
    _fits(no_js)
    shot(no_js, "login-intent-3-signup-employer-nojs-phone")
    no_js.goto(f"{base}/terms/")
    assert no_js.get_by_role("heading", name="利用規約", level=1).is_visible()
    _fits(no_js)
    shot(no_js, "terms-phone")

    # Back to the login page (the way it came), log in: favourited by that login and back on the posting, with no
    # second page asking 「お気に入りに追加する／追加せずに戻る」 (ADR 0132).
    phone.go_back()
    phone.wait_for_load_state()
    phone.get_by_label("メールアドレス").fill(user.email)
    phone.get_by_label("パスワード").fill(PASSWORD)
    phone.get_by_role("button", name="ログイン").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("link", name="追加せずに戻る").count() == 0
    # at the job's top, its title in sight, said once (ADR 0121; it opened at #job-<id> and said it twice)
    assert phone.url == f"{base}/jobs/{posting.pk}/"
    assert phone.get_by_role("heading", name=posting.title, level=1).is_visible()
    assert phone.evaluate("window.scrollY") == 0
    assert phone.get_by_text("お気に入りに追加しました").count() == 1
    assert phone.get_by_text("お気に入りに追加しました").is_visible()
    assert list(user.favorites.values_list("posting_id", flat=True)) == [posting.pk]
    shot(phone, "login-intent-5-favourited-phone")
