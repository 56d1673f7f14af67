"""The 職業紹介責任者 reads the 成約 table on a 390 px phone: its headers on one line each (they wrapped one
character per line when the ten columns were squeezed into the screen), the table scrolling sideways inside its
own box, not the page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser


def test_placements_table_is_readable_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents.tests.factories import place, register

    w = agency_world
    setup = w["setup"]
    candidate = register(setup, w["seeker"])
    place(setup, candidate, w["order"].posting_id, joined_on=dt.date.today() - dt.timedelta(days=10))

    page = phone
    log_in(page, live_server.url, setup.boss.email, w["password"])
    page.goto(f"{live_server.url}/agent/records/")
    table = page.locator("#placements")
    for header in ("予定年収", "6か月確認", "雇用期間"):
        th = table.get_by_role("columnheader", name=header)
        box = th.bounding_box()
        line = float(th.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24"))
        assert box is not None and box["height"] < line * 1.6 + 16, (header, box)  # one line (+ padding)
    # the job's title wraps in a column of its own width, not one character per line
    title = table.get_by_role("cell", name="経理リーダー候補（非公開求人）")
    title_box = title.bounding_box()
    assert title_box is not None and title_box["width"] > 150, title_box
    assert page.get_by_text("成約（就職）の一覧").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not scroll
    box = page.locator(".table-scroll").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its box
    shot(page, "agent-records-390")
