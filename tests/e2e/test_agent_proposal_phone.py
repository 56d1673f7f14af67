"""The candidate reads a proposal's working conditions on a 390 px phone: each label on one line above its value,
as on a job page, not squeezed into a two-character column; her list of proposals says each one's company, 勤務地
and 給与 as proposed."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser


def test_proposal_conditions_are_readable_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents import services
    from bonavi.agents.tests.factories import register

    w = agency_world
    candidate = register(w["setup"], w["seeker"])
    proposal = services.proposal_create(
        user=w["setup"].ca, candidate=candidate, posting_id=w["order"].posting_id
    )

    page = phone
    log_in(page, live_server.url, w["seeker"].email, w["password"])
    page.goto(f"{live_server.url}/me/proposals/{proposal.pk}/")
    label = page.get_by_text("業務の変更の範囲", exact=True).first
    box = label.bounding_box()
    assert box is not None and box["width"] > 100  # one line, not a column two characters wide
    line = float(label.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24"))
    assert box["height"] < line * 1.6
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-proposal-conditions-390")
    # Her list says each proposal's company, 勤務地 and 給与 as proposed (ADR 0125), each label beside its value.
    page.goto(f"{live_server.url}/me/proposals/")
    terms = page.get_by_label("提案時の条件").first
    assert proposal.snapshot["wage"] in terms.inner_text()
    label, value = terms.locator("dt").nth(2).bounding_box(), terms.locator("dd").nth(2).bounding_box()
    assert label is not None and value is not None and abs(label["y"] - value["y"]) < 4  # one line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-my-proposals-terms-390", full_page=False)
