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


# The open account menu's links and button as drawn (the panel lies over the page, so scrollWidth does not see it
# leave the screen on the left: its own box is checked).
MENU_JS = """() => [...document.querySelectorAll('header.site details.menu nav a, header.site details.menu nav button')]
    .map(e => [e, e.getBoundingClientRect()])
    .map(([e, r]) => ({text: e.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                       w: r.width, h: r.height, shown: e.checkVisibility()}))"""
MENU_LINKS = {
    Role.SEEKER: ["マイページ", "応募書類", "おすすめ求人", "エージェントからの提案"],
    Role.EMPLOYER: ["求人管理", "応募者", "企業説明会", "求人原稿チェック"],
    Role.AGENT: ["エージェント業務", "求人原稿チェック"],
    Role.OPERATOR: ["運営管理画面"],
}


def _signed_in(role: str) -> str:
    if role == Role.AGENT:
        return make_agency().ca.email
    if role == Role.OPERATOR:
        return User.objects.create_superuser(email="ops@bonavi.example", password=PASSWORD).email
    org = Organization.objects.create(name="株式会社ヘッダー") if role == Role.EMPLOYER else None
    return User.objects.create_user(
        email=f"{role}@header.example", password=PASSWORD, role=role, organization=org
    ).email


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 900)], ids=["360", "1280"])
@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER, Role.AGENT, Role.OPERATOR])
def test_a_signed_in_header_fits_and_its_menu_is_reached_by_keyboard(
    live_server, new_page, shot, transactional_db, role, width, height
) -> None:
    """At 360×740 and 1280×900, on the page the role lands on and on 求人を探す: nothing wider than the screen,
    one row, every control of the bar and of the open menu inside the screen (44 px targets on the phone), and the
    menu reached, opened and walked with Tab and Enter alone, each of its links shown where it is focused."""
    phone = width < 600
    page = new_page(width, height, **({"is_mobile": True, "has_touch": True} if phone else {}))
    log_in(page, live_server.url, _signed_in(role), PASSWORD)
    # the operator lands in the admin, which has its own header (test_admin_phone): the site's top page instead
    landing = page.url if role != Role.OPERATOR else f"{live_server.url}/"
    for n, url in enumerate([landing, f"{live_server.url}/search/"]):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
        items = page.evaluate(BAR_JS)
        assert [i["text"] for i in items][-1] == "メニュー", items
        assert page.locator("header.site").bounding_box()["height"] < 72, url  # one row
        assert all(i["left"] >= 0 and i["right"] <= width for i in items), items
        if phone:
            assert not [i for i in items if i["h"] < 44 or i["w"] < 44], items
        # the keyboard: from the top of the page to 「メニュー」, Enter opens it, Tab walks its links
        stops: list[str] = []
        while len(stops) < 6:  # 本文へ移動, the bar's links, then the menu
            page.keyboard.press("Tab")
            stops.append(page.evaluate("document.activeElement.textContent.trim()"))
            if page.evaluate("document.activeElement.matches('header.site details.menu > summary')"):
                break
        else:
            raise AssertionError(f"{url}: 「メニュー」 not reached in 6 Tab presses: {stops}")
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('header.site details.menu').open")
        walked: list[str] = []
        for _ in range(len(MENU_LINKS[role]) + 2):  # the role's links, アカウント, ログアウト
            page.keyboard.press("Tab")
            walked.append(page.evaluate("document.activeElement.textContent.trim()"))
            assert page.evaluate("!!document.activeElement.closest('header.site details.menu nav')"), walked
            assert page.evaluate("document.activeElement.checkVisibility()"), walked
        assert walked == [*MENU_LINKS[role], "アカウント", "ログアウト"], walked
        menu = page.evaluate(MENU_JS)
        assert all(m["shown"] and m["left"] >= 0 and m["right"] <= width for m in menu), menu
        assert all(m["bottom"] <= height for m in menu), menu  # the whole open menu on the first screen
        if phone:
            assert not [m for m in menu if m["h"] < 44 or m["w"] < 44], menu
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
        shot(page, f"header-{role}-{width}-{'landing' if n == 0 else 'search'}-menu", full_page=False)
