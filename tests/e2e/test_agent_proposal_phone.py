"""The candidate reads a proposal's working conditions on a 390 px phone: each label on one line above its value,
as on a job page, not squeezed into a two-character column."""

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
