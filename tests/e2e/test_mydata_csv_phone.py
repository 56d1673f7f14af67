"""マイデータ's CSV download on a 390 px phone (ADR 0158): from the マイデータ page she gets
「BOナビ_マイデータ_<day>.zip」, and the ZIP holds her 応募 as a CSV Excel reads (BOM) with a README."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from bonavi.core import clock

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_she_downloads_her_data_as_csv_on_a_phone(live_server, new_page, shot, transactional_db) -> None:
    _hr, seeker, application = direct_application(PASSWORD, message="よろしくお願いします。")

    page = new_page(390, 844)
    log_in(page, live_server.url, seeker.email, PASSWORD)
    page.goto(f"{live_server.url}/me/privacy/")
    link = page.get_by_role("link", name="CSV（Excel用）でダウンロード")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    link.scroll_into_view_if_needed()
    shot(page, "mydata-csv-link-phone")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"BOナビ_マイデータ_{clock.today_jst():%Y%m%d}.zip"
    with open(download.path(), "rb") as got, zipfile.ZipFile(io.BytesIO(got.read())) as zf:
        names = zf.namelist()
        raw = zf.read("応募.csv")
    assert "README.txt" in names and "応募_経過.csv" in names
    assert raw.startswith(b"\xef\xbb\xbf")
    header, row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))[:2]
    applied = dict(zip(header, row, strict=True))
    assert applied["求人"] == application.posting.title
    assert applied["応募時のメッセージ"] == "よろしくお願いします。"
