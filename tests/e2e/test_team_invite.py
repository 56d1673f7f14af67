"""採用担当の管理 on a 390 px phone (ADR 0078): an employer invites a colleague, the colleague accepts the mailed
link in their own browser (name, password, consent) and lands logged in; the first employer then removes them,
the box ticked first, and the colleague's open session is logged out. Mails go to the locmem outbox (the live
server runs in this process)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from bonavi.accounts.models import Organization, Role, User
from tests.e2e.helpers import log_in

PASSWORD = "Saiyou-Tantou-2026"
JOINER_PASSWORD = "Atarashii-Dōryō-77"


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_invite_accept_and_remove_a_colleague_on_a_phone(
    live_server, new_page, shot, transactional_db
) -> None:
    org = Organization.objects.create(
        name="株式会社みなと会計", address="東京都港区2-2", phone="03-1111-2222"
    )
    User.objects.create_user(
        email="jinji@minato.example",
        password=PASSWORD,
        role=Role.EMPLOYER,
        organization=org,
        display_name="人事 花子",
    )
    base = live_server.url
    inviter = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(inviter, base, "jinji@minato.example", PASSWORD)

    inviter.goto(f"{base}/accounts/")
    inviter.get_by_role("link", name="採用担当の管理").click()
    inviter.wait_for_load_state()
    assert inviter.get_by_role("heading", name="採用担当の管理").is_visible()
    inviter.get_by_label("招待する方のメールアドレス").fill("keiri@minato.example")
    inviter.get_by_label("お名前（任意）").fill("経理 一郎")
    inviter.get_by_role("button", name="招待メールを送る").click()
    inviter.wait_for_load_state()
    assert "keiri@minato.example に招待メールを送りました" in inviter.locator(".messages").inner_text()
    assert inviter.locator(".team-invitation").get_by_text("keiri@minato.example").is_visible()
    _no_sideways_scroll(inviter)
    shot(inviter, "team-invited-phone")

    # The colleague, in a browser of their own, opens the link from the mail.
    (invite,) = mail.outbox
    link = re.search(r"/accounts/team/join/\S+/", invite.body)  # on SITE_URL; opened on the live server
    assert link is not None
    joiner = new_page(390, 844, is_mobile=True, has_touch=True)
    joiner.goto(base + link.group(0))
    assert joiner.get_by_role("heading", name="採用担当として参加").is_visible()
    assert joiner.get_by_text("株式会社みなと会計").first.is_visible()
    assert joiner.get_by_label("お名前（表示名）").input_value() == "経理 一郎"
    joiner.get_by_label("パスワード", exact=True).fill(JOINER_PASSWORD)
    joiner.get_by_label("パスワード（確認）").fill(JOINER_PASSWORD)
    joiner.get_by_label("利用規約とプライバシーポリシー").check()
    _no_sideways_scroll(joiner)
    shot(joiner, "team-join-form-phone")
    joiner.get_by_role("button", name="参加する").click()
    joiner.wait_for_load_state()
    assert "株式会社みなと会計の採用担当として登録しました" in joiner.locator(".messages").inner_text()
    colleague = User.objects.get(email="keiri@minato.example")
    assert colleague.organization_id == org.pk and colleague.role == Role.EMPLOYER

    # The inviter sees them on the team and removes them: the box first, then the button.
    inviter.reload()
    member = inviter.locator(f"#member-{colleague.pk}")
    assert member.get_by_role("heading", name="経理 一郎").is_visible()
    assert inviter.locator(".team-invitation").count() == 0
    form = member.locator("form")
    form.get_by_role("button", name="採用担当から外す").click()
    assert inviter.evaluate("document.activeElement.name") == "confirm"  # the browser stops at the box
    form.evaluate("f => { f.noValidate = true }")  # a browser that does not check `required`
    with inviter.expect_navigation():
        form.get_by_role("button").click()
    member = inviter.locator(f"#member-{colleague.pk}")
    assert "チェックを入れてください" in member.locator(".errorlist").inner_text()
    assert inviter.evaluate("document.activeElement.name") == "confirm"
    _no_sideways_scroll(inviter)
    shot(inviter, "team-remove-refused-phone", full_page=False)
    member.get_by_role("checkbox").check()
    with inviter.expect_navigation():
        member.get_by_role("button", name="採用担当から外す").click()
    assert "経理 一郎 さんを採用担当から外しました" in inviter.locator(".messages").inner_text()
    assert inviter.locator(f"#member-{colleague.pk}").get_by_text("停止中").is_visible()
    _no_sideways_scroll(inviter)
    shot(inviter, "team-removed-phone")
    colleague.refresh_from_db()
    assert not colleague.is_active

    # The colleague's open session no longer gets in.
    joiner.goto(base + reverse("jobs:employer_list"))
    assert "/accounts/login/" in joiner.url


pytestmark = pytest.mark.browser
