"""An employer on a phone uploads a Shift_JIS CSV of three postings, reads the report (one row below the minimum
wage, named with the checker's words), stores the two good rows as drafts and finds them in the list."""

from __future__ import annotations

import csv
import io

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs import bulk_import
from bonavi.jobs.models import JobPosting, PostingStatus
from tests.e2e.helpers import log_in

PASSWORD = "Saiyou-Tantou-2026"


@pytest.fixture
def employer_account(transactional_db) -> User:
    org = Organization.objects.create(
        name="株式会社みなと会計サービス", address="東京都港区2-2", phone="03-1111-2222"
    )
    return User.objects.create_user(
        email="saiyou@minato-kaikei.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )


HEADERS = [c.header for c in bulk_import.COLUMNS]
EXAMPLE = {c.header: c.example for c in bulk_import.COLUMNS}


def _csv(rows: list[dict[str, str]] | None = None) -> bytes:
    headers, example = HEADERS, EXAMPLE
    rows = rows or [
        example,
        {**example, "社内管理番号": "A-002", "求人タイトル": "総務事務（港区）", "職種": "総務事務"},
        {**example, "社内管理番号": "A-003", "求人タイトル": "データ入力（短時間）", "雇用形態": "パート・アルバイト",
         "賃金の単位": "時給", "賃金（下限・円）": "900円", "賃金（上限・円）": ""},
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[r.get(h, "") for h in headers] for r in rows])
    return out.getvalue().encode("cp932")  # as Excel for Windows saves 「CSV（コンマ区切り）」


def test_employer_imports_postings_on_a_phone(live_server, phone, shot, employer_account) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/")
    page.get_by_role("link", name="Excel・CSVで一括登録").click()
    page.get_by_label("ExcelまたはCSVファイル").set_input_files(
        files=[{"name": "求人一覧.csv", "mimeType": "text/csv", "buffer": _csv()}]
    )
    page.get_by_role("button", name="アップロードして確認する").click()
    page.wait_for_url("**/jobs/manage/import/*/")

    summary = page.locator("#import-summary")
    assert "3行のうち、登録できる行 2行・エラーのある行 1行" in summary.inner_text()
    bad = page.locator("#row-4")
    assert "エラー" in bad.inner_text()
    assert "賃金（下限・円）（AI列）" in bad.inner_text() and "最低賃金" in bad.inner_text()
    # The report fits the phone's width: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "bulk-import-report-390")
    # With an error the report lists the rows in error only; the links (no script) list the others.
    assert page.locator(".import-row").count() == 1
    page.get_by_role("link", name="すべて（3行）").click()
    # count() does not wait: let the new report load before counting its rows.
    page.wait_for_url("**/?show=all#import-filter")
    assert page.locator(".import-row").count() == 3 and page.locator("#row-2").is_visible()
    assert page.locator('#import-filter [aria-current="page"]').inner_text() == "すべて（3行）"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "bulk-import-report-all-390")

    page.get_by_role("button", name="問題のない行を下書きとして登録（2件）").click()
    page.wait_for_url("**/jobs/manage/")
    assert "2件を下書きとして登録しました" in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="総務事務（港区）").first.is_visible()
    shot(page, "bulk-import-done-390")
    titles = set(JobPosting.objects.values_list("title", flat=True))
    assert titles == {"経理事務（未経験歓迎）", "総務事務（港区）"}
    assert set(JobPosting.objects.values_list("status", flat=True)) == {PostingStatus.DRAFT}

    # The same spreadsheet, kept up to date: A-002's title and wage changed, A-001 as it was, A-004 is new.
    page.goto(f"{live_server.url}/jobs/manage/import/")
    updated = [
        EXAMPLE,
        {**EXAMPLE, "社内管理番号": "A-002", "求人タイトル": "総務事務（港区・月給24万円）", "職種": "総務事務",
         "賃金（下限・円）": "240,000"},
        {**EXAMPLE, "社内管理番号": "A-004", "求人タイトル": "給与計算スタッフ", "職種": "給与計算"},
    ]  # fmt: skip
    page.get_by_label("ExcelまたはCSVファイル").set_input_files(
        files=[{"name": "求人一覧.csv", "mimeType": "text/csv", "buffer": _csv(updated)}]
    )
    page.get_by_role("button", name="アップロードして確認する").click()
    page.wait_for_url("**/jobs/manage/import/*/")
    assert "3行のうち、新規 1行・更新 1行・変更なし 1行" in page.locator("#import-summary").inner_text()
    update_row = page.locator("#row-3")
    assert "更新" in update_row.inner_text() and "社内管理番号：A-002" in update_row.inner_text()
    assert "変わる列：求人タイトル、賃金（下限・円）" in update_row.inner_text()
    assert "変更なし" in page.locator("#row-2").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    update_row.scroll_into_view_if_needed()
    shot(page, "bulk-import-update-report-390")
    page.get_by_role("button", name="新規1件を下書きで登録・1件を更新").click()
    page.wait_for_url("**/jobs/manage/")
    done = page.locator(".messages").inner_text()
    assert "1件を下書きとして登録しました" in done and "1件の求人を更新しました" in done
    assert page.get_by_text("社内管理番号：A-002").is_visible()
    shot(page, "bulk-import-update-done-390")
    assert JobPosting.objects.get(reference="A-002").title == "総務事務（港区・月給24万円）"
    assert JobPosting.objects.count() == 3

    # The "raise the wages" sheet: two columns only. A-001 is updated; A-009, unknown, cannot be created from it.
    page.goto(f"{live_server.url}/jobs/manage/import/")
    wages = '社内管理番号,月給\r\nA-001,"250,000"\r\nA-009,"240,000"\r\n'.encode("cp932")
    page.get_by_label("ExcelまたはCSVファイル").set_input_files(
        files=[{"name": "賃上げ.csv", "mimeType": "text/csv", "buffer": wages}]
    )
    page.get_by_role("button", name="アップロードして確認する").click()
    page.wait_for_url("**/jobs/manage/import/*/")
    assert "更新 1行" in page.locator("#import-summary").inner_text()
    refused = page.locator("#row-3").inner_text()
    assert "社内管理番号「A-009」の求人は登録されていないため新規登録になりますが" in refused
    assert "新規登録には列「求人タイトル」「職種」「雇用形態」「都道府県」「賃金の単位」が必要です" in refused
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "bulk-import-wages-only-390")
    page.get_by_role("link", name="すべて（2行）").click()
    page.wait_for_url("**/?show=all#import-filter")
    assert "変わる列：賃金（下限・円）" in page.locator("#row-2").inner_text()
    page.get_by_role("button", name="1件の求人を更新").click()
    page.wait_for_url("**/jobs/manage/")
    assert "1件の求人を更新しました" in page.locator(".messages").inner_text()
    assert JobPosting.objects.get(reference="A-001").wage_min == 250000
    assert JobPosting.objects.count() == 3
