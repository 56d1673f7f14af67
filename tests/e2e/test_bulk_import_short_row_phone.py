"""On a phone, a CSV with a row cut short reads as one message naming the row and the column counts, and a row's
errors and the things only to check are two lists under their own headings."""

from __future__ import annotations

import csv
import io

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs import bulk_import
from tests.e2e.helpers import log_in

PASSWORD = "Saiyou-Tantou-2026"
HEADERS = [c.header for c in bulk_import.COLUMNS]
EXAMPLE = {c.header: c.example for c in bulk_import.COLUMNS}


@pytest.fixture
def employer_account(transactional_db) -> User:
    org = Organization.objects.create(
        name="株式会社みなと会計サービス", address="東京都港区2-2", phone="03-1111-2222"
    )
    return User.objects.create_user(
        email="saiyou@minato-kaikei.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )


def _csv() -> bytes:
    def cells(**over: str) -> list[str]:
        return [over.get(h, EXAMPLE[h]) for h in HEADERS]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerow(cells(社内管理番号="A-001", 職種="経理"))  # read as 経理事務: to check, not an error
    writer.writerow(cells(社内管理番号="A-002")[:10])  # cut short
    writer.writerow(
        cells(社内管理番号="A-003", 職種="経理", 求人タイトル="")
    )  # an error and a thing to check
    return out.getvalue().encode("utf-8")


@pytest.mark.browser
def test_a_short_row_and_the_two_lists_on_a_phone(live_server, phone, shot, employer_account) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/import/")
    page.get_by_label("ExcelまたはCSVファイル").set_input_files(
        files=[{"name": "求人一覧.csv", "mimeType": "text/csv", "buffer": _csv()}]
    )
    page.get_by_role("button", name="アップロードして確認する").click()
    page.wait_for_url("**/jobs/manage/import/*/")
    short = page.locator("#row-3")
    assert f"3行目は列が足りません（見出しは{len(HEADERS)}列、この行は10列）" in short.inner_text()
    assert short.locator(".problems li").count() == 1
    both = page.locator("#row-4")
    assert both.get_by_role("heading", name="エラー（1件）").is_visible()
    assert both.get_by_role("heading", name="確認してください（1件）").is_visible()
    assert "（確認）" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "bulk-import-short-row-390")
