"""Proposing jobs from the candidate page on a 390 px phone (ADR 0125): the jobs that can be recommended first, the
comment before the cards and 「選んだ求人を提案する」 in reach at the bottom of the screen while the cards scroll —
it came after all twenty cards — and the whole of it done with the keyboard alone."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

HEIGHT = "document.documentElement.scrollHeight"


def test_propose_from_a_long_list_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents.models import Proposal
    from bonavi.agents.tests.factories import register
    from bonavi.jobs.tests.factories import make_posting

    w = agency_world
    candidate = register(w["setup"], w["seeker"])
    org = w["employer"].organization
    for i in range(10):  # a long list, none of them under an order
        make_posting(org, title=f"経理事務（公開・{i + 1}）", wage_min=300_000, wage_max=340_000)

    page = phone
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    cards = page.locator("li.match-item")
    assert cards.count() >= 12
    # The two jobs the agency holds orders for come first, labelled with nothing; the others say 「求人受理なし」.
    assert "求人受理なし" not in cards.nth(0).inner_text() and "求人受理なし" not in cards.nth(1).inner_text()
    assert "求人受理なし" in cards.nth(2).text_content()  # (folded: not rendered, so no inner_text)

    # The jobs without an order are folded under one line with their count (ADR 0125, s15): measured against the
    # same page with the fold open, in this run — twenty cards made the demo's page 14,662 px tall.
    fold = page.locator("#matches-more")
    assert fold.evaluate("d => d.open") is False and cards.nth(2).is_hidden()
    summary = page.locator("#matches-more > summary")
    assert f"推薦できない求人・提案済みの求人（{cards.count() - 2}件）" in summary.inner_text()
    folded = page.evaluate(HEIGHT)
    # 提案と選考 comes before the マッチ list, reached from the strip of links at the top.
    parts = page.locator("nav.page-parts")
    proposals_at, matches_at = (
        page.locator(f"#{p}").bounding_box() for p in ("proposals-part", "matches-part")
    )
    assert proposals_at is not None and matches_at is not None and proposals_at["y"] < matches_at["y"]
    parts.get_by_role("link", name="マッチする求人").click()
    assert page.url.endswith("#matches-part")
    shot(page, "agent-candidate-folded-390")
    summary.click()
    unfolded = page.evaluate(HEIGHT)
    assert folded < unfolded - 3000, (folded, unfolded)

    # The comment is before the cards; scrolled half-way down the list, the button is on the screen.
    page.get_by_label("コメント", exact=False).first.fill("ご希望の経理の求人です。")
    cards.nth(6).scroll_into_view_if_needed()
    button = page.get_by_role("button", name="選んだ求人を提案する")
    box = button.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    shot(page, "agent-propose-sticky-390", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Keyboard only: tick the first job with Space, then Tab on to the button and press Enter.
    first = cards.nth(0).get_by_role("checkbox")
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    for _ in range(200):
        if page.evaluate("document.activeElement.textContent.trim()") == "選んだ求人を提案する":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the keyboard never reached 「選んだ求人を提案する」")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "1件の求人を提案しました" in page.locator(".messages").inner_text()
    assert Proposal.objects.get(candidate=candidate).comment == "ご希望の経理の求人です。"
