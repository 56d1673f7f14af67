"""Account settings on a phone (390 px, ADR 0077): メールアドレス変更 through the link mailed to the new address,
and パスワード変更 with a mistake first. The mails travel over real SMTP (aiosmtpd on loopback)."""

from __future__ import annotations

import re

from bonavi.accounts.models import Role, User
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of
from tests.e2e.helpers import log_in

smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox

PASSWORD = "Settei-Henkou-2026"
NEW_PASSWORD = "Atarashii-Kagi-2027"


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_address_and_password_changes_on_a_phone(
    live_server, phone, shot, smtp_inbox, transactional_db
) -> None:
    page, base = phone, live_server.url
    User.objects.create_user(
        email="sato@example.jp", password=PASSWORD, role=Role.SEEKER, display_name="佐藤"
    )
    log_in(page, base, "sato@example.jp", PASSWORD)

    page.goto(f"{base}/accounts/")
    page.get_by_role("link", name="メールアドレスを変更する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="メールアドレス変更").is_visible()
    page.get_by_label("新しいメールアドレス").fill("sato.new@example.jp")
    page.get_by_label("現在のパスワード").fill(PASSWORD)
    _no_sideways_scroll(page)
    shot(page, "email-change-phone")
    page.get_by_role("button", name="確認メールを送る").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="確認メールを送信しました").is_visible()
    _no_sideways_scroll(page)
    shot(page, "email-change-sent-phone")

    [link_mail] = smtp_inbox.wait_for(1)
    assert link_mail["To"] == "sato.new@example.jp"
    found = re.search(r"/accounts/email/confirm/\S+/", text_of(link_mail))
    assert found is not None
    page.goto(base + found.group(0))
    assert page.get_by_text("sato.new@example.jp").is_visible()
    _no_sideways_scroll(page)
    shot(page, "email-change-confirm-phone")
    page.get_by_role("button", name="変更を完了する").click()
    page.wait_for_load_state()
    assert page.get_by_text("メールアドレスを sato.new@example.jp に変更しました").is_visible()
    outbox_drain()  # the worker's turn: the notice to the old address was queued with the change
    [_, notice] = smtp_inbox.wait_for(2)
    assert notice["To"] == "sato@example.jp" and "sa***@ex***.jp" in text_of(notice)
    smtp_inbox.clear()

    page.get_by_role("link", name="パスワードを変更する").click()
    page.wait_for_load_state()
    page.get_by_label("現在のパスワード").fill(PASSWORD)
    page.get_by_label("新しいパスワード", exact=True).fill("12345678901")
    page.get_by_label("新しいパスワード（確認）").fill("12345678901")
    page.get_by_role("button", name="パスワードを変更する").click()
    page.wait_for_load_state()
    assert page.get_by_text("数字だけのパスワードは使えません。英字や記号も入れてください。").is_visible()
    _no_sideways_scroll(page)
    shot(page, "password-change-error-phone")
    page.get_by_label("現在のパスワード").fill(PASSWORD)
    page.get_by_label("新しいパスワード", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("新しいパスワード（確認）").fill(NEW_PASSWORD)
    page.get_by_role("button", name="パスワードを変更する").click()
    page.wait_for_load_state()
    assert page.get_by_text("パスワードを変更しました").is_visible()
    shot(page, "password-changed-phone")
    outbox_drain()
    [changed] = smtp_inbox.wait_for(1)
    assert changed["To"] == "sato.new@example.jp" and NEW_PASSWORD not in text_of(changed)
    assert User.objects.get(email="sato.new@example.jp").check_password(NEW_PASSWORD)
