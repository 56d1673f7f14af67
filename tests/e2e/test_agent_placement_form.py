"""The adviser records a 入社 on a 390 px phone and types the fee as 「126万」: the server's Japanese refusal is said
beside the fee field, which takes the focus, the figures typed are kept, nothing is recorded; a fee one yen above
the agency's 手数料表 (30% of the 予定年収, said under the field) is refused naming the limit (ADR 0116); the fixed
figure is recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core.clock import today_jst
from tests.e2e.helpers import log_in


@pytest.mark.browser
def test_a_refused_placement_says_what_is_wrong_beside_the_fee(
    live_server, phone, shot, agency_world
) -> None:
    from bonavi.agents import services as agents
    from bonavi.agents.models import Placement, Stage
    from bonavi.agents.tests.factories import offer_as_posted, refer, register

    w = agency_world
    referral = refer(w["setup"], register(w["setup"], w["seeker"]), w["order"].posting_id)
    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        agents.referral_move(user=w["setup"].ca, referral=referral, to_stage=stage, offer=offer)
    page = phone
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{referral.proposal.candidate_id}/")
    card = page.locator(".proposal-item").first
    # A date after the 推薦 and the 内定承諾 (an earlier one is refused, ADR 0108).
    joined = (today_jst() + dt.timedelta(days=14)).isoformat()
    card.get_by_label("入社日").fill(joined)
    card.get_by_label("予定年収（円）").fill("4200000")
    card.get_by_label("手数料（円）").fill("126万5千")
    with page.expect_navigation():
        card.get_by_role("button", name="就職を記録").click()
    card = page.locator(".proposal-item").first
    fee = card.get_by_label("手数料（円）")
    assert page.evaluate("document.activeElement.name") == "fee"
    assert fee.get_attribute("aria-invalid") == "true"
    # the field is described by the agency's limit (its help) and by the reason it was refused
    help_id, error_id = (fee.get_attribute("aria-describedby") or "").split()
    assert page.locator(f"#{help_id}").inner_text() == "届出制手数料：予定年収の30%まで"
    described = page.locator(f"#{error_id}")
    assert described.inner_text() == "手数料は円単位の数字で入力してください（例：1260000、126万円）。"
    assert card.get_by_label("入社日").get_attribute("aria-invalid") is None
    assert card.get_by_label("入社日").input_value() == joined and fee.input_value() == "126万5千"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-placement-refused-390", full_page=False)
    assert not Placement.objects.exists()
    fee.fill("1,260,001")
    with page.expect_navigation():
        card.get_by_role("button", name="就職を記録").click()
    card = page.locator(".proposal-item").first
    fee = card.get_by_label("手数料（円）")
    assert page.evaluate("document.activeElement.name") == "fee"
    assert page.locator(f"#{(fee.get_attribute('aria-describedby') or '').split()[-1]}").inner_text() == (
        "手数料（1,260,001円）が手数料表の上限を超えています。届出制手数料の手数料率は予定年収の30%のため、"
        "予定年収4,200,000円では1,260,000円までです。"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not Placement.objects.exists()
    fee.fill("1,260,000")
    with page.expect_navigation():
        card.get_by_role("button", name="就職を記録").click()
    assert "記録しました" in page.locator(".messages").inner_text()
    assert Placement.objects.get().fee == 1_260_000
