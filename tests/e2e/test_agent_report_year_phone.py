"""The 職業紹介責任者 switches the 職業紹介事業報告 to another year on a 390 px phone, with the keyboard and without
JavaScript (a GET form), and downloads that year's CSV for Excel; a year typed into the address is refused beside
the switch, which takes the focus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser


def test_the_report_year_is_switched_and_exported_on_a_phone(
    live_server, new_page, shot, agency_world
) -> None:
    from bonavi.agents import books
    from bonavi.agents.tests.factories import place, register
    from bonavi.core.clock import today_jst

    w = agency_world
    setup = w["setup"]
    today = today_jst()
    published, current = books.published_fiscal_year(today), books.fiscal_year_of(today)
    place(setup, register(setup, w["seeker"]), w["order"].posting_id, joined_on=today)

    page = new_page(390, 844, accept_downloads=True, java_script_enabled=False)
    log_in(page, live_server.url, setup.boss.email, w["password"])
    page.goto(f"{live_server.url}/agent/records/")
    assert page.locator("#report-year").inner_text().startswith(f"{published}年度")
    year = page.get_by_label("年度", exact=True)
    year.select_option(str(current))
    year.focus()
    with page.expect_navigation():
        page.keyboard.press("Tab")  # to 「この年度を表示」
        page.keyboard.press("Enter")
    assert f"year={current}" in page.url
    assert page.locator("#report-year").inner_text().startswith(f"{current}年度（集計中")
    row = page.locator("#report-table tr", has=page.get_by_role("rowheader", name="就職件数（常用・国内）"))
    assert row.get_by_role("cell").inner_text() == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not scroll
    shot(page, "agent-report-year-390")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"{current}年度の事業報告をCSVで出力（Excelで開けます）").click()
    download = info.value
    assert download.suggested_filename.startswith(f"事業報告_{current}年度_")
    body = Path(download.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf") and "就職件数（常用・国内）,1" in body.decode("utf-8-sig")

    page.goto(f"{live_server.url}/agent/records/?year=2001")
    refused = page.get_by_label("年度", exact=True)
    assert "2001" in page.locator("#id_year_error").inner_text()
    assert page.locator("#report-table").count() == 0
    assert page.evaluate("document.activeElement.name") == "year" or refused.evaluate(
        "e => e.closest('.field').contains(document.activeElement)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-report-year-refused-390")
