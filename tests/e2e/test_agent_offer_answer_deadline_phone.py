"""ADR 0117 in a browser at 390 px: the adviser relays a company's 内定 with its answer deadline from the card's
folded 「内定のときの労働条件・回答期限」 (no JS); a past day is refused beside the box, the group open and the box
focused; recorded, the card and her proposal page show the deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents.models import Referral, Stage
from tests.e2e.helpers import adviser_card_at_offer, log_in

pytestmark = pytest.mark.browser


def test_adviser_relays_the_answer_deadline_on_a_phone(live_server, phone, shot, agency_world) -> None:
    page = phone
    base = live_server.url
    referral, card = adviser_card_at_offer(page, base, agency_world)
    group = card.locator(f"#r{referral.pk}-offer-fields")
    group.locator("summary", has_text="回答期限").click()
    group.get_by_label("内定の回答期限（内定のとき・任意）").fill("2000-01-01")
    group.locator("input[name=start_on]").fill((dt.date.today() + dt.timedelta(days=40)).isoformat())
    with page.expect_navigation():
        card.get_by_role("button", name="選考状況を記録").click()
    group = page.locator(f"#r{referral.pk}-offer-fields")
    assert group.get_attribute("open") is not None
    assert "今日以降の日付で指定してください" in group.locator(".errorlist").inner_text()
    assert page.evaluate("document.activeElement.name") == "answer_by"
    assert Referral.objects.get().stage == Stage.INTERVIEW1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-answer-deadline-refused-390", full_page=False)
    deadline = dt.date.today() + dt.timedelta(days=10)
    group.get_by_label("内定の回答期限（内定のとき・任意）").fill(deadline.isoformat())
    with page.expect_navigation():
        page.locator(f"form:has(#r{referral.pk}-offer-fields)").get_by_role(
            "button", name="選考状況を記録"
        ).click()
    assert Referral.objects.get().offer_answer_by == deadline
    shown = page.locator(f"#r{referral.pk}-answer-by")
    assert f"{deadline.month}月{deadline.day}日" in shown.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shown.scroll_into_view_if_needed()
    shot(page, "agent-answer-deadline-card-390", full_page=False)

    page.context.clear_cookies()
    log_in(page, base, agency_world["seeker"].email, agency_world["password"])
    page.goto(f"{base}/me/proposals/{referral.proposal_id}/")
    assert "企業が設定した回答期限" in page.locator("#answer-by").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
