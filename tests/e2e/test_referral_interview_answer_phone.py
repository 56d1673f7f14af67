"""Her answer to a 推薦's interview date on a 390 px phone (ADR 0154): under the card on her proposal page she asks for
another date with her words (the fold opens without scripts' help, the box has its label), the page says her adviser
was told, and her adviser's card reads her words."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core.clock import JST, today_jst

from .helpers import log_in

pytestmark = pytest.mark.browser

REASON = "その日は前職の出社日です。翌週の午後なら伺えます。"


def test_she_asks_her_adviser_for_another_date_on_her_phone(
    live_server, new_page, shot, agency_world
) -> None:
    from bonavi.agents.tests.factories import book_first_interview, refer, register

    world = agency_world
    setup, seeker, employer = world["setup"], world["seeker"], world["employer"]
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, world["order"].posting_id)
    starts = dt.datetime.combine(today_jst() + dt.timedelta(days=5), dt.time(14), tzinfo=JST)
    book_first_interview(referral, employer, starts)

    mine = new_page(390, 844)
    log_in(mine, live_server.url, seeker.email, world["password"])
    mine.goto(f"{live_server.url}/me/proposals/{referral.proposal_id}/")
    answer = mine.locator("#interview-answer")
    assert answer.get_by_role("button", name="この日程で参加します").is_visible()
    answer.locator("summary", has_text="日程の変更をお願いする").click()
    answer.get_by_label("変更をお願いする理由と、ご都合のよい日時").fill(REASON)
    answer.get_by_role("button", name="日程の変更をお願いする").click()
    mine.wait_for_load_state()
    assert "担当者にお知らせしました" in mine.locator(".messages").inner_text()
    assert REASON in mine.locator("#interview-answer").inner_text()
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "referral-interview-answer-phone")

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, setup.ca.email, world["password"])
    theirs.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    seen = theirs.locator(f"#r{referral.pk}-interview-answer").inner_text()
    assert "ご本人の回答：日程変更の依頼あり" in seen and REASON in seen
