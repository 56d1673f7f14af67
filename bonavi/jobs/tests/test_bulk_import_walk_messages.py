"""The bulk import's messages the session 16 walk could not act on (`42_import_broken_csv`,
`43_import_report_badvals`): an unclosed 「"」 was reported as 「列が足りません…カンマ」, an impossible date did not say
which, and a renamed heading gave two messages nobody could connect."""

from __future__ import annotations

import pytest

from bonavi.jobs import bulk_import
from bonavi.jobs.tests.test_bulk_import import HEADERS, check, csv_bytes, row
from bonavi.jobs.tests.test_bulk_import_widths import full, lines, only_problem

pytestmark = pytest.mark.django_db


def _with_open_quote(*, then: list[list[str]]) -> bytes:
    """Row 3 opens a quote in 求人タイトル and never closes it; `then` are the lines after it."""
    good = lines(full("A-1")).decode()
    broken = 'A-3,"経理事務,経理,正社員'
    rest = "".join(",".join(cells) + "\r\n" for cells in then)
    return (good + broken + "\r\n" + rest).encode()


def test_an_unclosed_quote_on_the_last_line_is_said_as_such(employer):
    report = check(employer, _with_open_quote(then=[]))
    problem = only_problem(report, 3)
    title_letter = bulk_import._letter(HEADERS.index("求人タイトル"))
    assert problem["message"].startswith(
        f'3行目：「"」が閉じていません。{title_letter}列「求人タイトル」のセルが「"経理事務,経理,正社員」で始まり、'
    )
    assert "列が足りません" not in problem["message"] and "カンマ（,）が抜けて" not in problem["message"]
    assert [r["status"] for r in report["rows"]] == ["ok", "error"]


def test_an_unclosed_quote_says_the_lines_after_it_were_swallowed(employer):
    report = check(employer, _with_open_quote(then=[full("A-4")]))
    problem = only_problem(report, 3)
    assert '3行目：「"」が閉じていません。' in problem["message"]
    assert (
        "次の行以降までが1つのセルとして読まれたため、この行と続く行は読み込んでいません"
        in problem["message"]
    )
    assert bulk_import.read_table("x.csv", _with_open_quote(then=[])).unclosed_quote == 3


def test_a_short_row_without_a_quote_still_says_a_column_is_missing(employer):
    report = check(employer, lines(full("A-1"), full("A-2")[:10]))
    assert only_problem(report, 3)["message"].startswith("3行目は列が足りません")


def test_an_impossible_date_repeats_what_was_typed(employer):
    report = check(employer, csv_bytes([row(掲載期限="2027/2/30")]))
    (problem,) = [p for p in report["rows"][0]["problems"] if p["column"].startswith("掲載期限")]
    assert "「2027/2/30」という日付はありません。" in problem["message"]


def test_a_renamed_heading_is_one_message_naming_the_column_it_probably_is(employer):
    renamed = ["給料" if h == "業務内容（雇入れ直後）" else h for h in HEADERS]
    at = HEADERS.index("業務内容（雇入れ直後）")
    letter = bulk_import._letter(at)
    data = csv_bytes([row()]).decode().replace(",".join(HEADERS), ",".join(renamed), 1).encode()
    report = check(employer, data)
    assert (
        f"{letter}列「給料」は求人の項目にないため読み込みません。ファイルには「業務内容（雇入れ直後）」の列がありません。"
        f"{letter}列が業務内容（雇入れ直後）なら、見出しを「業務内容（雇入れ直後）」に直してください。"
    ) in report["notes"]
    columns = [p["column"] for p in report["rows"][0]["problems"]]
    assert (
        f"業務内容（雇入れ直後）（列なし：{letter}列「給料」がこの列なら、見出しを「業務内容（雇入れ直後）」に）"
        in columns
    )


def test_a_heading_like_an_absent_column_elsewhere_is_suggested_too():
    headers = [h for h in HEADERS if h != "最寄り駅・アクセス"] + ["最寄駅・アクセス方法"]
    guess = bulk_import.renamed_columns(headers)
    assert guess["nearest_station"] == (len(headers) - 1, "最寄駅・アクセス方法")
    assert bulk_import.renamed_columns(["社内管理番号", "求人タイトル", "職種", "社内メモ"]) == {}
