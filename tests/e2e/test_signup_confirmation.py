"""Sign-up on a phone (390 px) with an address that already has an account, and the pages a confirmation link
leads to when it is expired, used or altered (ADR 0071). The mails go to Django's locmem outbox: the live server
runs in this process."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from bonavi.accounts.models import PendingSignup, Role, User

PASSWORD = "Touroku-Kakunin-2026"


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _sign_up(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_label("パスワード（確認）").fill(PASSWORD)
    page.get_by_label("利用規約とプライバシーポリシー").check()
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state()


def test_sign_up_pages_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    page, base = phone, live_server.url
    User.objects.create_user(email="taken@example.jp", password="Moto-No-Pass-2025", role=Role.SEEKER)

    # A refused sign-up (passwords that differ) answers 422 like every other refused form, and says why.
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("メールアドレス").fill("new@example.jp")
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_label("パスワード（確認）").fill(PASSWORD + "x")
    page.get_by_label("利用規約とプライバシーポリシー").check()
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="登録する").click()
    assert sent.value is not None and sent.value.status == 422
    assert page.get_by_text("確認用のパスワードが一致しません").first.is_visible()
    shot(page, "signup-refused-phone")
    _no_sideways_scroll(page)
    assert not PendingSignup.objects.exists()

    # A registered address: the same page as for a new one; the mail points to login and password reset.
    _sign_up(page, base, "taken@example.jp")
    assert page.get_by_role("heading", name="確認メールを送信しました").is_visible()
    _no_sideways_scroll(page)
    shot(page, "signup-sent-phone")
    (notice,) = mail.outbox
    assert notice.to == ["taken@example.jp"] and "既に登録があります" in notice.body

    # A new address; its link is opened only after 24 hours.
    _sign_up(page, base, "late@example.jp")
    link = re.search(r"/accounts/signup/confirm/\S+/", mail.outbox[-1].body)
    assert link is not None
    # The clock moves, not the row: the link names the row's creation time (ADR 0107).
    real_now = timezone.now
    with pytest.MonkeyPatch.context() as later:
        later.setattr(timezone, "now", lambda: real_now() + dt.timedelta(hours=25))
        page.goto(base + link.group(0))
        assert page.get_by_role("heading", name="リンクが無効です").is_visible()
        assert page.get_by_text("有効期限（送信から24時間）が切れています").is_visible()
    _no_sideways_scroll(page)
    shot(page, "signup-link-expired-phone")
    page.get_by_role("link", name="もう一度登録する").click()
    page.wait_for_load_state()
    assert page.url.endswith("/accounts/signup/")

    # Signing up again gives a fresh link that works; opened a second time it points to login.
    _sign_up(page, base, "late@example.jp")
    fresh = re.search(r"/accounts/signup/confirm/\S+/", mail.outbox[-1].body)
    assert fresh is not None and fresh.group(0) != link.group(0)
    page.goto(base + fresh.group(0))
    page.get_by_role("button", name="本登録を完了する").click()
    page.wait_for_load_state()
    assert page.get_by_text("本登録が完了しました").is_visible()
    page.goto(base + fresh.group(0))
    assert page.get_by_role("heading", name="登録済みのメールアドレスです").is_visible()
    assert page.get_by_role("link", name="ログインする").is_visible()
    _no_sideways_scroll(page)
    shot(page, "signup-link-used-phone")

    # An altered link.
    page.goto(base + fresh.group(0)[:-3] + "x/")
    assert page.get_by_text("この確認リンクは使用済みか、正しくありません").is_visible()
    _no_sideways_scroll(page)
    shot(page, "signup-link-invalid-phone")


pytestmark = pytest.mark.browser
