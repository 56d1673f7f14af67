"""A CSV cell opened with 「"」 and not closed on its line runs over the line ends to the next 「"」 in the file. When
that later 「"」 stands in the same column, the record comes out with the right number of columns: the rows in
between vanished into one cell and the rest was imported without a word (ADR 0134 left it undone). Such a cell —
a line break and a whole row's worth of separators — now refuses the file, naming the row; a 仕事内容 or an address
written over several lines, which the template allows, still imports."""

from __future__ import annotations

import csv
import io

import pytest

from bonavi.jobs import bulk_import
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.test_bulk_import import HEADERS, check, refused
from bonavi.jobs.tests.test_bulk_import_widths import full

pytestmark = pytest.mark.django_db

ADDRESS = HEADERS.index("番地・建物名")
DUTIES = HEADERS.index("業務内容（雇入れ直後）")
APPEAL = HEADERS.index("仕事の魅力・職場の様子")
LAST = len(HEADERS) - 1


def plain(ref: str) -> list[str]:
    """The template's example row without the quotes csv puts round 「230,000」: every 「"」 in a file below is
    the test's own."""
    return [c.replace(",", "") for c in full(ref)]


def line(cells: list[str], *, raw: dict[int, str] | None = None) -> str:
    """One CSV line: `raw` cells written as they are (a 「"」 opened and not closed), the others as csv writes them."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    written = out.getvalue()
    if not raw:
        return written
    parts = written.split(",")  # plain() rows hold no comma and no quote: each field is one part
    for i, text in raw.items():
        parts[i] = text
    return ",".join(parts)


def file(*rows: str) -> bytes:
    return "\r\n".join([",".join(HEADERS), *rows, ""]).encode()


def _late_closed() -> bytes:
    """Row 3's 番地 opens 「"丸の内1-1-1」 and forgets to close it; row 5 quotes its 番地 properly, and that 「"」
    closes row 3's cell: rows 3–5 read as one record of exactly the header's 67 columns."""
    return file(
        line(plain("A-2")),
        line(plain("A-3"), raw={ADDRESS: '"丸の内1-1-1'}),
        line(plain("A-4")),
        line(plain("A-5"), raw={ADDRESS: '"丸の内2-2-2"'}),
        line(plain("A-6")),
    )


def test_the_later_quote_gives_a_row_of_the_right_width() -> None:
    """The case itself, as Python's csv (and Excel) read it: no record is short, so no width check can see it."""
    records = list(csv.reader(io.StringIO(_late_closed().decode(), newline="")))
    assert [len(r) for r in records] == [len(HEADERS)] * 4  # header, A-2, the swallowing
    assert "A-4" in records[2][ADDRESS] and records[3][0] == "A-6"


def test_a_cell_closed_by_a_later_row_s_quote_refuses_the_file_naming_the_row(employer) -> None:
    message = refused(employer, _late_closed())
    letter = bulk_import._letter(ADDRESS)
    assert message.startswith(
        f'3行目：「"」が閉じていません。{letter}列「番地・建物名」のセルが「"丸の内1-1-1」で始まり、'
        '後の行の「"」までのファイルの3〜5行目（3行）が1つのセルとして読まれました。'
    )
    assert "ファイル全体を読み込んでいません" in message
    with pytest.raises(bulk_import.ImportFileInvalid):
        bulk_import.import_run(user=employer, filename="求人.csv", data=_late_closed(), dry_run=False)
    assert not JobPosting.objects.exists()  # not A-2 nor A-6 either: nothing


def test_one_swallowed_line_is_found_too(employer) -> None:
    """Closed by the very next row's 「"」: no whole row inside the cell, but the rest of row 3 and the start of row
    4 are a row's worth of separators."""
    data = file(
        line(plain("A-2")),
        line(plain("A-3"), raw={DUTIES: '"請求書の発行'}),
        line(plain("A-4"), raw={DUTIES: '"月次決算の補助"'}),
    )
    assert refused(employer, data).startswith('3行目：「"」が閉じていません。')


def test_a_quote_opened_in_the_last_column_and_running_to_the_end_is_refused(employer) -> None:
    """Opened in the last column, the cell runs to the end of the file and the record still has 67 columns: it was
    imported with the rows after it inside 求める人物像."""
    data = file(line(plain("A-2"), raw={LAST: '"数字に強い方'}), line(plain("A-3")), line(plain("A-4")))
    message = refused(employer, data)
    assert message.startswith('2行目：「"」が閉じていません。')
    assert "ファイルの終わりまでのファイルの2〜4行目（3行）" in message


def test_cells_written_over_several_lines_still_import(employer) -> None:
    """仕事内容 and 仕事の魅力 over several lines, with commas in them (the 住所 must be one line)."""
    duties = "・請求書の発行, 入金の確認\n・会計ソフトへの仕訳入力\n・月次決算の補助（売上, 経費, 固定資産）"
    appeal = "経理チームは5名です。\n月末の締め以外は, 定時に帰る人がほとんどです。\n\n在宅勤務は週2日まで。"
    rows = [plain("A-2"), plain("A-3"), plain("A-4")]
    rows[1][DUTIES], rows[1][APPEAL] = duties, appeal
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADERS, *rows])
    report = check(employer, out.getvalue().encode())
    assert all(r["status"] != "error" for r in report["rows"])
    assert [r["row"] for r in report["rows"]] == [2, 3, 4]
    outcome = bulk_import.import_run(
        user=employer, filename="求人.csv", data=out.getvalue().encode(), dry_run=False
    )
    assert outcome.created == 3
    stored = JobPosting.objects.get(reference="A-3")
    assert stored.duties == duties and stored.appeal == appeal


def test_a_multi_line_cell_with_a_few_tabs_in_a_tab_file_still_imports(employer) -> None:
    rows = [plain("A-2"), plain("A-3")]
    rows[1][DUTIES] = "・請求書の発行\t入金の確認\n・仕訳入力\t月次決算"
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows([HEADERS, *rows])
    report = check(employer, out.getvalue().encode())
    assert [r["row"] for r in report["rows"]] == [2, 3]
    assert all(r["status"] != "error" for r in report["rows"])
