"""☆ while logged out, then a sign-up instead of a login, on a 390 px phone (ADR 0136): the sign-up page says which
posting the confirmation will add; the confirmation mail arrives through a real SMTP server; its link opened in
another browser (the mail read on another device) and 本登録 pressed, she lands at the posting's top with
「お気に入りに追加しました」 once — no second page asking 「お気に入りに追加する／追加せずに戻る」."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from bonavi.accounts.models import Organization, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"
smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_logged_out_star_survives_sign_up_on_a_phone(
    live_server, phone, new_page, shot, smtp_inbox, transactional_db
) -> None:
    base = live_server.url
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    posting = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)

    phone.goto(f"{base}/jobs/{posting.pk}/")
    phone.get_by_role("link", name="お気に入りに追加（ログインが必要です）").first.click()
    phone.wait_for_load_state()
    phone.locator("main").get_by_role("link", name="新規登録").click()
    phone.wait_for_load_state()
    note = phone.locator("#signup-note")
    assert (
        note.is_visible()
        and f"「{posting.title}」（株式会社さくら会計）をお気に入りに追加します" in note.inner_text()
    )
    phone.get_by_label("メールアドレス").fill("hoshi-new@example.jp")
    phone.get_by_label("パスワード", exact=True).fill(PASSWORD)
    phone.get_by_label("パスワード（確認）").fill(PASSWORD)
    phone.get_by_label("利用規約とプライバシーポリシー").check()
    _fits(phone)
    shot(phone, "signup-intent-1-signup-phone")
    phone.get_by_role("button", name="登録する").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="確認メールを送信しました").is_visible()

    (confirmation,) = smtp_inbox.wait_for(1)
    link = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", text_of(confirmation))
    assert link is not None
    other = new_page(390, 844, is_mobile=True, has_touch=True)  # the mail opened on another device
    other.goto(base + urlsplit(link.group(0)).path)
    other.get_by_role("button", name="本登録を完了する").click()
    other.wait_for_load_state()

    assert other.url == f"{base}/jobs/{posting.pk}/"
    assert other.get_by_role("heading", name=posting.title, level=1).is_visible()
    assert other.get_by_role("link", name="追加せずに戻る").count() == 0
    assert other.get_by_text("お気に入りに追加しました").count() == 1
    assert other.get_by_text("お気に入りに追加しました").is_visible()
    user = User.objects.get(email="hoshi-new@example.jp")
    assert list(user.favorites.values_list("posting_id", flat=True)) == [posting.pk]
    _fits(other)
    shot(other, "signup-intent-2-favourited-phone")
