"""A CSV row with fewer or more fields than the header is one clear error naming the row and the column counts,
before any field is checked; and the report page lists a row's errors and the things only to check apart."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from bonavi.jobs import bulk_import
from bonavi.jobs.tests.test_bulk_import import EXAMPLE, HEADERS, check, csv_bytes, row

pytestmark = pytest.mark.django_db


def lines(*rows: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADERS, *rows])
    return out.getvalue().encode("utf-8")


def full(ref: str = "A-1") -> list[str]:
    return [ref if h == "社内管理番号" else EXAMPLE[h] for h in HEADERS]


def only_problem(report, number: int) -> dict[str, str]:
    (r,) = [r for r in report["rows"] if r["row"] == number]
    assert r["status"] == "error"
    (problem,) = r["problems"]
    return problem


def test_a_short_row_is_one_message_with_the_counts_not_a_list_of_missing_disclosures(employer):
    report = check(employer, lines(full("A-1"), full("A-2")[:10], full("A-3")))
    short = only_problem(report, 3)
    assert short["level"] == "error" and short["column"] == "全体"
    assert short["message"].startswith(f"3行目は列が足りません（見出しは{len(HEADERS)}列、この行は10列）。")
    assert [r["status"] for r in report["rows"]] == ["ok", "error", "ok"]  # the rows around it are read
    # its title is read for the report's heading: the first columns are where they belong
    assert report["rows"][1]["title"] == EXAMPLE["求人タイトル"]


def test_a_long_row_says_to_quote_a_value_with_a_comma(employer):
    cells = full("A-2")
    wage_at = HEADERS.index("賃金（下限・円）")
    cells[wage_at : wage_at + 1] = ["200", "000"]  # what 200,000 typed without quotes is read as
    data = lines(full("A-1"), cells)
    long = only_problem(check(employer, data), 3)
    assert long["message"].startswith(
        f"3行目は列が多すぎます（見出しは{len(HEADERS)}列、この行は{len(HEADERS) + 1}列）。"
    )
    assert '"1,200"' in long["message"]


def test_empty_trailing_cells_and_a_header_ending_in_empty_fields_are_not_short(employer):
    # Excel writes every empty cell of a row; a hand-made file may stop after the last value only when the header
    # line also has empty fields after its last column.
    header = ",".join([*HEADERS, "", ""])
    body = ",".join(f'"{c}"' for c in full())
    report = check(employer, f"{header}\r\n{body}\r\n".encode())
    assert [r["status"] for r in report["rows"]] == ["ok"]


def test_an_xlsx_row_cannot_be_short(employer):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append(full()[:10])
    out = io.BytesIO()
    wb.save(out)
    report = check(employer, out.getvalue(), "求人.xlsx")
    assert not any("列が足りません" in p["message"] for p in report["rows"][0]["problems"])


def test_the_width_survives_the_stored_upload_and_the_commit_stores_only_the_good_row(employer):
    upload = bulk_import.import_prepare(
        user=employer, filename="a.csv", data=lines(full("A-1"), full("A-2")[:10])
    )
    assert (upload.report["ok"], upload.report["errors"]) == (1, 1)
    outcome = bulk_import.import_commit(user=employer, upload_id=upload.pk)
    assert outcome.created == 1
    assert "列が足りません" in outcome.report["rows"][1]["problems"][0]["message"]


def test_the_report_page_lists_errors_and_checks_apart(employer, client):
    client.force_login(employer)
    # row 2: a warning only (it can be stored); row 3: an error and a warning
    data = csv_bytes(
        [row(社内管理番号="1", 職種="経理"), row(社内管理番号="2", 職種="経理", 求人タイトル="")]
    )
    upload = bulk_import.import_prepare(user=employer, filename="a.csv", data=data)
    html = client.get(
        reverse("jobs:employer_import_report", args=[upload.pk]), {"show": "all"}
    ).content.decode()
    assert "（確認）" not in html
    second, third = html.split('id="row-2"')[1].split('id="row-3"')
    assert "エラー（" not in second and "確認してください（1件）" in second
    errors, checks = third.split("確認してください（")
    assert "エラー（1件）" in errors and "必須の項目です" in errors
    assert "として読み取りました" in checks and "必須の項目です" not in checks
