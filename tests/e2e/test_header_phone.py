"""The site header on a phone: one row for a visitor (ロゴ, ログイン, 新規登録 and a menu holding 求人を探す and キャリア)
and for each of the four roles signed in, every link and the menu a 44 px target, nothing past the screen's edge.
Logged out, the five links took two rows at 390 px and pushed every page down by 54 px. Screenshots:
test-artifacts/header-<who>-<width>.png."""

from __future__ import annotations

from typing import Any

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents.tests.factories import PASSWORD, make_agency
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

# Each control of the bar as drawn: a closed menu's links are not shown (checkVisibility) and are left out.
BAR_JS = """() => [...document.querySelectorAll('header.site .bar a, header.site .bar summary, header.site .bar button')]
    .filter(e => e.checkVisibility()).map(e => [e, e.getBoundingClientRect()])
    .map(([e, r]) => ({text: e.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                       w: r.width, h: r.height}))"""


def _check_bar(page: Any, width: int, expected: list[str]) -> None:
    items = page.evaluate(BAR_JS)
    assert [i["text"] for i in items] == expected, items
    header = page.locator("header.site").bounding_box()
    assert header["height"] < 72, header  # one row of 44 px targets and the bar's padding, not two
    middles = [(i["top"] + i["bottom"]) / 2 for i in items]
    assert max(middles) - min(middles) < 4, items  # on one line
    small = [i for i in items if i["h"] < 44 or i["w"] < 44]
    assert not small, small
    assert all(i["left"] >= 0 and i["right"] <= width for i in items), items
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 360])
def test_a_visitors_header_is_one_row_on_a_phone(
    live_server, new_page, shot, transactional_db, width
) -> None:
    page = new_page(width, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    page.goto(f"{live_server.url}/search/")
    _check_bar(page, width, ["BOナビ", "ログイン", "新規登録", "メニュー"])
    shot(page, f"header-visitor-{width}", full_page=False)
    # the two links moved into the menu are one tap away, without JavaScript
    page.locator("details.menu.guest summary").click()
    menu = page.get_by_role("navigation", name="サイトメニュー")
    assert menu.get_by_role("link", name="求人を探す").is_visible()
    shot(page, f"header-visitor-menu-{width}", full_page=False)
    links = menu.get_by_role("link")
    assert [b["height"] >= 44 for b in (links.nth(i).bounding_box() for i in range(links.count()))] == [
        True,
        True,
    ]
    menu.get_by_role("link", name="キャリア").click()
    assert "/careers" in page.url
    # ログイン still keeps the page she was on
    assert "next=" in (page.get_by_role("link", name="ログイン").get_attribute("href") or "")


def test_a_visitors_header_on_a_desktop_shows_every_link(live_server, desktop, transactional_db) -> None:
    desktop.goto(f"{live_server.url}/")
    _check_bar(desktop, 1280, ["BOナビ", "求人を探す", "キャリア", "ログイン", "新規登録"])
    assert not desktop.locator("details.menu.guest").is_visible()


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER, Role.AGENT, Role.OPERATOR])
def test_a_signed_in_header_stays_one_row_on_a_phone(
    live_server, new_page, shot, transactional_db, role
) -> None:
    if role == Role.AGENT:
        email = make_agency().ca.email
    elif role == Role.OPERATOR:
        email = User.objects.create_superuser(email="ops@bonavi.example", password=PASSWORD).email
    else:
        org = Organization.objects.create(name="株式会社ヘッダー") if role == Role.EMPLOYER else None
        email = User.objects.create_user(
            email=f"{role}@header.example", password=PASSWORD, role=role, organization=org
        ).email
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, live_server.url, email, PASSWORD)
    page.goto(f"{live_server.url}/search/")
    _check_bar(page, 390, ["BOナビ", "求人を探す", "キャリア", "メニュー"])
    assert not page.locator("details.menu.guest").count()
    page.locator("details.menu summary").click()
    shot(page, f"header-{role}-390", full_page=False)
    assert page.get_by_role("link", name="アカウント").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
