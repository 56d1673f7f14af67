"""ADR 0113 in a browser: during the 2-year lock the candidate asks for jobs on her phone, the adviser's proposal
form offers that request as the 申出 (nothing typed), her proposal page names it; the 職業紹介責任者 records a
面談日 for an in-person complaint, which stays 対応中 (records page at 1366 and 390 px)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser


def test_her_request_lifts_the_lock_and_is_shown_back(
    live_server, phone, new_page, shot, agency_world
) -> None:
    from bonavi.agents import services
    from bonavi.agents.models import Proposal
    from bonavi.agents.tests.factories import place, register

    w = agency_world
    setup = w["setup"]
    candidate = register(setup, w["seeker"])
    place(setup, candidate, w["order"].posting_id, joined_on=dt.date.today() - dt.timedelta(days=60))
    services.complaint_file(
        user=candidate.user,
        agency_slug=setup.agency.slug,
        from_name="山田 花子",
        contact=candidate.user.email,
        body="担当者からの連絡が夜遅くに来ます。",
        wants_in_person=True,
    )

    log_in(phone, live_server.url, w["seeker"].email, w["password"])
    phone.goto(f"{live_server.url}/me/agency/{candidate.pk}/")
    phone.get_by_role("button", name="求人の紹介を希望する").click()
    expect(phone.locator("#job-request-at")).to_be_visible()  # waits for the posted form's answer

    desk = new_page(1366, 900)
    log_in(desk, live_server.url, setup.ca.email, w["password"])
    desk.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    desk.locator("#propose input[name=posting]:not([disabled])").first.check()
    desk.get_by_label("ご本人から求職の申出があった").check()
    assert desk.get_by_label("申出の方法").input_value() == "bonavi"
    shot(desk, "agent-candidate-job-request-1366")
    desk.get_by_role("button", name="選んだ求人を提案する").click()
    expect(desk.get_by_text("件の求人を提案しました")).to_be_visible()
    proposal = Proposal.objects.get(initiated_by="candidate")

    phone.goto(f"{live_server.url}/me/proposals/{proposal.pk}/")
    notice = phone.locator("#job-request")
    assert "あなたからの求職の申出" in notice.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "agent-job-request-proposal-390")

    log_in(desk, live_server.url, setup.boss.email, w["password"])
    desk.goto(f"{live_server.url}/agent/records/")
    desk.get_by_label("面談日").fill(dt.date.today().isoformat())
    desk.get_by_role("button", name="面談日を記録（対応中）").click()
    assert desk.locator(".complaint-item .tag").first.inner_text() == "対応中"
    shot(desk, "agent-records-complaint-1366")
    boss_phone = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(boss_phone, live_server.url, setup.boss.email, w["password"])
    boss_phone.goto(f"{live_server.url}/agent/records/")
    assert boss_phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(boss_phone, "agent-records-complaint-390")
