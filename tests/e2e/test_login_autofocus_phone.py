"""The login page starts in its メールアドレス box (ADR 0160 addendum), on a 360×740 phone without JavaScript and on a
desktop: nothing is scrolled past (the title and the reason the page was shown stay in view above the box), and a
refused login puts the focus on its reason at the top of the form, not back in the box. Screenshots:
test-artifacts/login-autofocus-<variant>-*.png."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bonavi.accounts.models import Role, User
from tests.e2e.helpers import wait_until

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"
IN_VIEW_JS = """sel => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"""


@pytest.mark.parametrize(
    ("width", "height", "js"), [(360, 740, False), (1280, 900, True)], ids=["phone-nojs", "desktop"]
)
def test_the_login_page_starts_in_the_address_box_and_a_refusal_in_its_reason(
    live_server, new_page, shot, transactional_db, width: int, height: int, js: bool
) -> None:
    User.objects.create_user(email="hoshi@seeker.example", password=PASSWORD, role=Role.SEEKER)
    label = "phone-nojs" if width < 600 else "desktop"
    phone = {"is_mobile": True, "has_touch": True} if width < 600 else {}
    page = new_page(width, height, java_script_enabled=js, **phone)
    next_url = reverse("seekers:favorite_toggle", args=[1])
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    # autofocus runs at the browser's next rendering step, not at load
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.evaluate("scrollY") == 0
    for sel in ("main h1", "#login-reason", "#id_email"):
        assert page.evaluate(IN_VIEW_JS, sel), sel
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "login-reason"
    shot(page, f"login-autofocus-{label}-start", full_page=False)
    page.keyboard.type("hoshi@seeker.example")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_until(page, "document.activeElement !== document.body", timeout=3000)
    focused = page.evaluate("document.activeElement.innerText")
    assert "メールアドレスまたはパスワードが正しくありません" in focused, focused
    assert page.evaluate("document.activeElement.id") != "id_email"
    assert page.evaluate(IN_VIEW_JS, "main [role=alert]")
    shot(page, f"login-autofocus-{label}-refused", full_page=False)
