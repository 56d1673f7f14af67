"""「求職者を招待」 on 390 px phones (ADR 0104): the adviser invites a person who phoned; she opens the mailed link,
creates an account (the sign-up keeps the link as ?next=), confirms it, comes back to the agency's page, reads the
purposes and registers with her consent; the adviser then sees her 登録済み and assigned to him. The sign-up's
confirmation goes to Django's locmem outbox (the live server runs in this process); the invitation is read from
the notifications outbox, as the worker would send it."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from bonavi.agents.models import Candidate, Invitation
from bonavi.notifications.models import OutboxMessage
from tests.e2e.helpers import log_in

HER_PASSWORD = "Denwa-De-Touroku-2026"


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_invite_sign_up_and_register_on_phones(live_server, new_page, shot, agency_world) -> None:
    setup, password, base = agency_world["setup"], agency_world["password"], live_server.url

    # The adviser invites her from the workbench.
    adv = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(adv, base, setup.ca.email, password)
    adv.goto(f"{base}/agent/")
    adv.get_by_role("link", name="求職者を招待").click()
    adv.wait_for_load_state()
    adv.get_by_label("お名前（ご本人から伺ったとおり）").fill("木村 さくら")
    adv.get_by_label("メールアドレス").fill("sakura@example.jp")
    adv.get_by_label("メモ（任意）").fill("電話で問い合わせ。経理の正社員を希望")
    adv.get_by_role("button", name="招待メールを送る").click()
    adv.wait_for_load_state()
    assert (
        "木村 さくら さん（sakura@example.jp）に招待メールを送りました"
        in adv.locator(".messages").inner_text()
    )
    row = adv.locator(".invitation-list .invitation").first
    assert "送信済み" in row.inner_text()
    _no_sideways_scroll(adv)
    shot(adv, "agent-invitation-sent-phone")

    # Her phone: the link from the mail leads to the agency's page with the invitation.
    body = OutboxMessage.objects.get(to_email="sakura@example.jp").body_text
    link = re.search(r"/agent/agencies/minato-career/\?invite=\S+", body)
    assert link is not None
    her = new_page(390, 844, is_mobile=True, has_touch=True)
    her.goto(base + link.group(0))
    assert her.get_by_role("heading", name="求職登録のご案内").is_visible()
    assert "13-ユ-312345" in her.content()
    _no_sideways_scroll(her)
    shot(her, "agent-invitation-landing-phone")
    her.get_by_role("link", name="アカウントを作成する").click()
    her.wait_for_load_state()
    her.get_by_label("メールアドレス").fill("sakura@example.jp")
    her.get_by_label("パスワード", exact=True).fill(HER_PASSWORD)
    her.get_by_label("パスワード（確認）").fill(HER_PASSWORD)
    her.get_by_label("お名前（表示名）").fill("木村 さくら")
    her.get_by_label("利用規約とプライバシーポリシー").check()
    her.get_by_role("button", name="登録する").click()
    her.wait_for_load_state()
    assert her.get_by_role("heading", name="確認メールを送信しました").is_visible()

    confirm = re.search(r"/accounts/signup/confirm/\S+/", mail.outbox[-1].body)
    assert confirm is not None
    her.goto(base + confirm.group(0))
    her.get_by_role("button", name="本登録を完了する").click()
    her.wait_for_load_state()
    # Back on the agency's page with the invitation: the consent is still hers to give.
    assert "/agent/agencies/minato-career/?invite=" in her.url
    assert her.get_by_role("heading", name="求職登録のご案内").is_visible()
    consent = her.locator("#apply input[name=consent]")
    assert not consent.is_checked()
    consent.scroll_into_view_if_needed()
    shot(her, "agent-invitation-consent-phone", full_page=False)
    consent.check()
    her.get_by_role("button", name="求職を申し込む").click()
    her.wait_for_url("**/me/proposals/")
    assert "求職の申込みを受け付けました" in her.locator(".messages").inner_text()
    _no_sideways_scroll(her)
    shot(her, "agent-invitation-registered-phone")
    candidate = Candidate.objects.get(user__email="sakura@example.jp")
    assert Invitation.objects.get().candidate == candidate
    # The link is single use: opened again, it says so plainly.
    her.goto(base + link.group(0))
    assert her.get_by_role("heading", name="招待リンクについて").is_visible()
    assert her.get_by_text("この招待リンクは使用済みです").is_visible()
    _no_sideways_scroll(her)
    shot(her, "agent-invitation-used-phone")

    # The adviser sees her 登録済み and assigned to him.
    adv.goto(f"{base}/agent/invitations/")
    row = adv.locator(f"#invitation-{Invitation.objects.get().pk}")
    assert "登録済み" in row.inner_text()
    _no_sideways_scroll(adv)
    shot(adv, "agent-invitation-registered-list-phone")
    row.get_by_role("link", name="木村 さくら").click()
    adv.wait_for_load_state()
    assert adv.locator("#advisers").inner_text() == "担当：佐藤CA（あなた）"
    adv.locator("#contact").get_by_role("link", name="連絡先を表示").click()  # on request (ADR 0125)
    adv.wait_for_load_state()
    assert "sakura@example.jp" in adv.locator("#contact").inner_text()
    _no_sideways_scroll(adv)
    shot(adv, "agent-invitation-candidate-phone", full_page=False)


pytestmark = pytest.mark.browser
