"""On a 390 px phone the hearing sheet and the profile lay their checkbox lists out alike, in two columns of 44 px
targets: the only rule aimed at a <ul> Django no longer renders, and lived in seekers.css, which the hearing page
never loaded, so the 47 prefectures were one long column."""

from __future__ import annotations

from bonavi.agents.tests.factories import register
from tests.e2e.helpers import log_in


def _columns(page, selector: str) -> dict:
    """How the choices' wrapper is laid out: display, number of grid columns, a choice's height."""
    return page.evaluate(
        """s => { const ul = document.querySelector(s);
                  const cs = getComputedStyle(ul);
                  return {display: cs.display, columns: cs.gridTemplateColumns.split(' ').length,
                          tap: ul.querySelector('label').getBoundingClientRect().height}; }""",
        selector,
    )


def test_hearing_sheet_checkboxes_in_two_columns_like_the_profile(
    live_server, phone, shot, agency_world
) -> None:
    world = agency_world
    candidate = register(world["setup"], world["seeker"])
    page = phone

    log_in(page, live_server.url, world["seeker"].email, world["password"])
    page.goto(f"{live_server.url}/me/profile/")
    page.locator("#field-desired_prefectures summary").click()
    profile = _columns(page, "#field-desired_prefectures .checks > div")
    page.context.clear_cookies()

    log_in(page, live_server.url, world["setup"].ca.email, world["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    summary = page.locator("#field-desired_prefectures summary")
    summary.focus()
    page.keyboard.press("Enter")  # the folded 47 prefectures open from the keyboard
    group = page.get_by_role("group", name="希望勤務地")
    assert group.get_by_role("checkbox").count() == 47
    hearing = _columns(page, "#field-desired_prefectures .checks > div")
    assert hearing == profile and hearing["display"] == "grid" and hearing["columns"] == 2
    assert hearing["tap"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#field-employment_types").scroll_into_view_if_needed()
    shot(page, "hearing-checkboxes-phone", full_page=False)
