"""Logging in without a ?next= on a 390 px phone: each role lands where it works (a seeker on マイページ, an
employer on 求人管理, agency staff on their workbench), and a ?next= still wins."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.agents.tests.factories import PASSWORD as AGENT_PASSWORD
from bonavi.agents.tests.factories import make_agency
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_each_role_lands_where_it_works_on_a_phone(live_server, new_page, shot, transactional_db) -> None:
    base = live_server.url
    seeker = User.objects.create_user(email="hana@seeker.example", password=PASSWORD, role=Role.SEEKER)
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都新宿区1-1", phone="03-2222-3333"
    )
    employer = User.objects.create_user(
        email="hr@sakura.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    agency = make_agency()

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    assert page.url == f"{base}/me/"
    assert page.get_by_role("heading", name="マイページ", level=1).is_visible()
    _fits(page)
    shot(page, "login-landing-1-seeker-phone")

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, employer.email, PASSWORD)
    assert page.url == f"{base}/jobs/manage/"
    assert page.get_by_role("heading", name="求人管理", level=1).is_visible()
    _fits(page)
    shot(page, "login-landing-2-employer-phone")

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, agency.ca.email, AGENT_PASSWORD)
    assert page.url == f"{base}/agent/"
    assert page.get_by_role("heading", name="株式会社みなとキャリア｜本社", level=1).is_visible()
    _fits(page)
    shot(page, "login-landing-3-agent-phone")

    # A ?next= (the page that asked for the login) still wins.
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    page.goto(f"{base}/me/favorites/")
    page.get_by_label("メールアドレス").fill(seeker.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/me/favorites/"
