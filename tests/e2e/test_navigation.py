"""The header fits one line on a phone; the account menu opens by keyboard without JavaScript."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from tests.e2e.helpers import log_in

PASSWORD = "Menu-Check-2026"


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_menu_on_a_phone_without_javascript(live_server, browser, shot, transactional_db, role) -> None:
    org = Organization.objects.create(name="株式会社メニュー") if role == Role.EMPLOYER else None
    User.objects.create_user(email=f"{role}@menu.example", password=PASSWORD, role=role, organization=org)
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="ja-JP"
    )
    page = ctx.new_page()
    log_in(page, live_server.url, f"{role}@menu.example", PASSWORD)
    header = page.locator("header.site")
    assert header.bounding_box()["height"] < 80  # one line of header, not three
    expected = "マイページ" if role == Role.SEEKER else "求人管理"
    # (the header's own link: since login lands a seeker on マイページ, the page itself may link to it too)
    assert not header.get_by_role("link", name=expected).is_visible()
    page.locator("details.menu summary").focus()
    page.keyboard.press("Enter")
    link = header.get_by_role("link", name=expected)
    assert link.is_visible()
    shot(page, f"nav-menu-open-{role}-390", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    link.click()
    assert page.url.rstrip("/").endswith(("/me", "/jobs/manage"))
    ctx.close()
