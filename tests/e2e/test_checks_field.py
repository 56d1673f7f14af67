"""On a 390 px phone the hearing sheet and the profile lay their checkbox lists out alike, in two columns of 44 px
targets: the only rule aimed at a <ul> Django no longer renders, and lived in seekers.css, which the hearing page
never loaded, so the 47 prefectures were one long column. The prefectures are by region as on the search page
(includes/prefecture_regions.html), the rules in site.css, which every page loads."""

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
    page.locator("#field-desired_prefectures summary", has_text="関東").click()
    profile = _columns(page, "#field-desired_prefectures details[open] .checks")
    profile_box = page.locator("#field-desired_prefectures").bounding_box()
    page.context.clear_cookies()

    log_in(page, live_server.url, world["setup"].ca.email, world["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    group = page.get_by_role("group", name="希望勤務地")
    summaries = group.locator("summary")
    assert summaries.count() == 6 and all(summaries.nth(i).bounding_box()["height"] >= 44 for i in range(6))
    # the candidate's 東京都・神奈川県 (from her registration): 関東 arrives open, the other regions folded
    assert group.locator("details[open] > summary").all_inner_texts() == ["関東（2件選択中）"]
    assert group.get_by_role("checkbox").count() == 7
    summaries.filter(has_text="近畿").focus()
    page.keyboard.press("Enter")  # a region opens from the keyboard
    assert group.get_by_role("checkbox").count() == 14
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "24"  # 三重県, 近畿's first
    hearing = _columns(page, "#field-desired_prefectures details[open] .checks")
    assert hearing == profile and hearing["display"] == "grid" and hearing["columns"] == 2
    assert hearing["tap"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert profile_box is not None and profile_box["height"] < 800  # the flat list was about 1,200 px open
    page.locator("#field-desired_prefectures").scroll_into_view_if_needed()
    shot(page, "hearing-prefectures-by-region-phone", full_page=False)
