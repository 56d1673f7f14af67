"""Bulk import of postings from a CSV or Excel (.xlsx) file, with a validation report (ADR 0082).

Two steps: `import_prepare` reads the file, checks every row with the gate that publishing uses and keeps the
cells on the server (PostingImportUpload); `import_commit` checks them again and stores the rows without a
problem as drafts (or publishes those that pass the publishing gate), all in one transaction. The API runs both
at once (`import_run`). Columns are the fields of the posting form, headed by their Japanese labels.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import functools
import hashlib
import io
import itertools
import json
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction

from bonavi.core import clock
from bonavi.core.dates import DATE, parse_date
from bonavi.core.downloads import excel_csv
from bonavi.core.money import YenError, parse_yen
from bonavi.core.prefectures import PREFECTURES, prefecture_codes_in
from bonavi.core.text import nfkc, strip_control, too_long, unix_breaks
from bonavi.core.uploads import mb_label
from bonavi.core.validators import reject_markup

from . import selectors, services
from .catalog import FAMILIES, SUBROLE_BY_CODE, SUBROLES, SubRole
from .facts import form_field_for
from .forms import FIELDS
from .models import (
    REFERENCE_MAX,
    JobPosting,
    PostingImportKey,
    PostingImportUpload,
    PostingStatus,
    WageUnit,
    reference_normal,
)
from .signals import postings_bulk_loaded

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Said to the employer (the upload form, the column guide, the API's description) as the reader enforces it.
LIMITS_TEXT = f"{mb_label(MAX_BYTES)}・{MAX_ROWS:,}行まで"
TOO_LARGE = f"ファイルが大きすぎます（上限{mb_label(MAX_BYTES)}）。行を分けてください。"
MAX_COLUMNS = 200
# An .xlsx is a zip: 2 MB of it can unpack to gigabytes. The declared sizes are checked before openpyxl opens it
# (Python's zipfile never inflates a member past its declared size, so the check holds for a lying header too).
MAX_SHEET_XML = 20 * 1024 * 1024
MAX_UNZIPPED = 40 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
MAX_CELL_CHARS = 5_000_000  # all cells together; a CSV within 2 MB never comes near
UPLOAD_TTL = dt.timedelta(hours=2)
HEADER_SEARCH_ROWS = 10
REF_MAX = REFERENCE_MAX


class ImportFileInvalid(Exception):
    """The file as a whole cannot be read; the message says why in Japanese."""


# Columns ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str  # JobPosting field
    header: str
    kind: str  # text, choice, bool, int, money, decimal, time, date, prefecture, subrole, ref
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (code, label) in display order
    aliases: dict[str, str] = dataclasses.field(default_factory=dict)  # other words people write → code
    example: str = ""
    # The wage unit a file's header says (「月給」 heading 賃金（下限・円）): set per file by _map_headers.
    header_unit: str | None = None


def _key(text: str) -> str:
    """How a header or a choice is compared: NFKC, no spaces, lower case."""
    return "".join(nfkc(text).split()).lower()


# The words that say a wage's unit, before an amount (「月給250,000円」) or as the amount column's header.
_UNIT_WORDS = {
    "時給": "hour",
    "日給": "day",
    "月給": "month",
    "月収": "month",
    "年俸": "year",
    "年収": "year",
}


# Words for each choice besides its label; a label's short form (before its （…） or ：) is also accepted.
_ALIASES: dict[str, dict[str, str]] = {
    "employment_type": {"正職員": "seishain", "契約職員": "keiyaku", "嘱託社員": "keiyaku", "派遣": "haken",
                        "パート": "part", "アルバイト": "part", "パートタイマー": "part"},
    "visibility": {"公開": "public", "非公開": "private"},
    "telework": {"出社": "none", "一部在宅": "partial", "在宅可": "partial", "リモート": "full", "完全在宅": "full"},
    "renewal": {"なし": "none", "あり": "possible", "更新あり": "possible"},
    "holiday_pattern": {"シフト": "shift", "土日祝": "weekends", "土日祝日": "weekends", "土日祝休": "weekends",
                        "土日祝日休み": "weekends", "完全週休2日制（土日祝）": "weekends"},
    "smoking_measure": {"喫煙専用室あり": "indoor_room"},
    "wage_unit": {"年収": "year"},
}  # fmt: skip

_EXAMPLE = {
    "title": "経理事務（未経験歓迎）",
    "subrole": "経理事務",
    "employment_type": "正社員",
    "is_dispatch": "なし",
    "duties": "請求書の発行、会計ソフトへの仕訳入力、月次決算の補助",
    "duties_change_scope": "会社の定める業務",
    "appeal": "経理チームは5名です。月末の締め以外は定時に帰る人がほとんどです。",
    "ideal_candidate": "数字を丁寧に確かめられる方",
    "visibility": "公開求人",
    "prefecture": "東京都",
    "municipality": "千代田区",
    "address": "丸の内1-1-1",
    "nearest_station": "東京駅から徒歩5分",
    "telework": "一部在宅可",
    "work_place_change_scope": "会社の定める場所（テレワークを含む）",
    "fixed_term": "なし",
    "has_probation": "あり",
    "probation_months": "3",
    "probation_conditions": "本採用と同条件",
    "start_time": "9:00",
    "end_time": "18:00",
    "break_minutes": "60",
    "overtime_exists": "あり",
    "overtime_monthly_hours": "10",
    "holiday_pattern": "土日祝休み",
    "annual_holidays": "125",
    "holidays_note": "夏季休暇、年末年始休暇、有給休暇",
    "wage_unit": "月給",
    "wage_min": "230,000",
    "wage_max": "280,000",
    "allowances": "通勤手当（月3万円まで）",
    "fixed_overtime": "なし",
    "raise_info": "年1回",
    "bonus_info": "年2回",
    "insurance_employment": "あり",
    "insurance_accident": "あり",
    "insurance_health": "あり",
    "insurance_pension": "あり",
    "smoking_measure": "屋内禁煙",
    "inexperienced_welcome": "あり",
    "age_limit": "なし",
    "selection_process": "書類選考→面接1回",
    "valid_through": "",
}
_REQUIRED = {"title", "subrole", "employment_type", "prefecture", "wage_unit", "wage_min"}
_MONEY = {"wage_min", "wage_max", "fixed_overtime_amount"}


def _model_field(name: str) -> models.Field[Any, Any]:
    f = JobPosting._meta.get_field(name)
    assert isinstance(f, models.Field)
    return f


def _column_for(name: str) -> Column:
    f = _model_field(name)
    header = str(f.verbose_name)
    kind = "text"
    choices: tuple[tuple[str, str], ...] = ()
    if name == "prefecture":
        kind = "prefecture"
    elif name == "subrole":
        kind = "subrole"
        choices = tuple((s.code, s.name) for s in SUBROLES)
    elif f.choices:
        kind = "choice"
        choices = tuple((str(c), str(label)) for c, label in f.choices)
    elif isinstance(f, models.BooleanField):
        kind = "bool"
    elif name in _MONEY:
        kind = "money"
    elif isinstance(f, models.DecimalField):
        kind = "decimal"
    elif isinstance(f, models.IntegerField):
        kind = "int"
    elif isinstance(f, models.TimeField):
        kind = "time"
    elif isinstance(f, models.DateField):
        kind = "date"
    return Column(
        field=name,
        header=header,
        kind=kind,
        required=name in _REQUIRED,
        choices=choices,
        aliases=_ALIASES.get(name, {}),
        example=_EXAMPLE.get(name, ""),
    )


# The reference (社内管理番号) stays the first column, where the spreadsheet's key usually is, though the form shows
# it last; it is read as a key (kind "ref"), not as text.
REF_HEADER = str(_model_field("reference").verbose_name)
# The company's own words (ADR 0128) are the template's last columns, though the form shows them after 業務内容:
# optional prose, added after employers had filled sheets laid out on the template, whose other columns keep the
# letters they had (a block pasted by position still lands in its columns).
LAST_COLUMNS = ("appeal", "ideal_candidate")
COLUMNS: list[Column] = [
    Column(field="reference", header=REF_HEADER, kind="ref", example="A-001"),
    *(_column_for(name) for name in FIELDS if name != "reference" and name not in LAST_COLUMNS),
    *(_column_for(name) for name in LAST_COLUMNS),
]
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS if c.field}
# The words the brief and people use for some columns, besides the form's own label.
_HEADER_ALIASES = {
    "管理番号": REF_HEADER,  # the template's header before ADR 0085
    "求人番号": REF_HEADER,
    "求人管理番号": REF_HEADER,
    "社内番号": REF_HEADER,
    "管理No": REF_HEADER,
    "管理No.": REF_HEADER,
    # The "raise the wages" sheet heads its amounts with the unit: the header then says it, as 「月給250,000円」 does.
    **dict.fromkeys(_UNIT_WORDS, COLUMN_BY_FIELD["wage_min"].header),
    "仕事内容": COLUMN_BY_FIELD["duties"].header,
    "業務内容": COLUMN_BY_FIELD["duties"].header,
    # The company's own words (ADR 0128) under the headings other job sites give them.
    "仕事の魅力": COLUMN_BY_FIELD["appeal"].header,
    "仕事のやりがい": COLUMN_BY_FIELD["appeal"].header,
    "職場の雰囲気": COLUMN_BY_FIELD["appeal"].header,
    "求める人材": COLUMN_BY_FIELD["ideal_candidate"].header,
    "給与の単位": COLUMN_BY_FIELD["wage_unit"].header,
    "給与下限": COLUMN_BY_FIELD["wage_min"].header,
    "給与上限": COLUMN_BY_FIELD["wage_max"].header,
    "賃金下限": COLUMN_BY_FIELD["wage_min"].header,
    "賃金上限": COLUMN_BY_FIELD["wage_max"].header,
    "試用期間": COLUMN_BY_FIELD["has_probation"].header,
}
_HEADER_INDEX: dict[str, Column] = {_key(c.header): c for c in COLUMNS}
_HEADER_INDEX.update({_key(alias): _HEADER_INDEX[_key(h)] for alias, h in _HEADER_ALIASES.items()})


def _choice_words(column: Column) -> dict[str, str]:
    words: dict[str, str] = {}
    for code, label in column.choices:
        words[_key(code)] = code
        words[_key(label)] = code
        for sep in ("(", ":"):
            short = nfkc(label).split(sep)[0]
            words.setdefault(_key(short), code)
    if column.kind == "subrole":
        for s in SUBROLES:
            words[_key(f"{s.family}｜{s.name}")] = s.code
    words.update({_key(w): code for w, code in column.aliases.items()})
    return words


_CHOICE_WORDS = {c.field: _choice_words(c) for c in COLUMNS if c.choices}


def allowed_values(column: Column) -> str:
    """What a person may write in the column, for the column guide and the messages."""
    if column.kind == "subrole":
        return (
            "、".join(label for _, label in column.choices)
            + "（「経理」「総務」のような短い書き方も、当たる職種が1つなら読み取ります）"
        )
    if column.kind == "choice":
        return "、".join(label for _, label in column.choices)
    return {
        "ref": (
            f"貴社で管理している番号（{REF_MAX}文字まで・任意）。登録済みの求人と同じ番号の行はその求人を更新し、"
            "新しい番号の行はその番号で新しく登録します"
        ),
        "text": "文章",
        "bool": "あり／なし（はい／いいえ、○／×、1／0 も可）",
        "int": "数字（全角も可。「3か月」「60分」のように、その列の単位を付けても可）",
        "money": "円の金額（250000、２５００００、250,000円、25万円、月給250,000円）",
        "decimal": "数字（小数第1位まで、例：160.5）",
        "time": "時刻（9:00、09:00、9時30分）",
        "date": "日付（2026/4/1、2026-04-01、令和8年4月1日）",
        "prefecture": "都道府県名（東京都・東京）またはJISコード（13）",
    }.get(column.kind, "")


# Reading the file -------------------------------------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the spreadsheet, header = 1; cells)
    formulas: set[tuple[int, int]] = dataclasses.field(
        default_factory=set
    )  # (row number, column index) of xlsx formulas
    # (row number, column index) of xlsx date cells: in a column that is not a date, Excel turned what was typed
    # (「2-8-1」, 「1/2」) into a date, and the text it shows is not what the person wrote.
    dates: set[tuple[int, int]] = dataclasses.field(default_factory=set)
    sheet: str = ""  # the .xlsx sheet read, and all the workbook's sheets (said on the report when several)
    sheets: list[str] = dataclasses.field(default_factory=list)
    # CSV only: the header line's number of fields, and (row number → its number of fields) for each row with
    # fewer fields than the header has columns or more fields than the header line. Such a row lost or gained a
    # separator (a cell deleted by hand, 1,200 typed without quotes), so every cell after it sits in the wrong
    # column; it is refused as a whole (_wrong_width_row) rather than checked field by field. An .xlsx cell has
    # its own column, so a sheet's rows cannot be short or long.
    header_width: int = 0
    wrong_widths: dict[int, int] = dataclasses.field(default_factory=dict)
    # CSV only: the row whose quoted cell (「"…」) is never closed, so it runs to the end of the file (0: none).
    unclosed_quote: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "headers": self.headers,
            "rows": self.rows,
            "formulas": sorted(self.formulas),
            "dates": sorted(self.dates),
            "sheet": self.sheet,
            "sheets": self.sheets,
            "header_width": self.header_width,
            "wrong_widths": sorted(self.wrong_widths.items()),
            "unclosed_quote": self.unclosed_quote,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(
            headers=list(data["headers"]),
            rows=[(int(n), list(cells)) for n, cells in data["rows"]],
            formulas={(int(r), int(c)) for r, c in data.get("formulas", [])},
            dates={(int(r), int(c)) for r, c in data.get("dates", [])},
            sheet=str(data.get("sheet", "")),
            sheets=[str(n) for n in data.get("sheets", [])],
            header_width=int(data.get("header_width", 0)),
            wrong_widths={int(n): int(w) for n, w in data.get("wrong_widths", [])},
            unclosed_quote=int(data.get("unclosed_quote", 0)),
        )


def _clean_cell(value: str) -> str:
    # Control characters (NUL included) are paste accidents or attacks: dropped, as the forms do.
    return strip_control(unix_breaks(value)).strip()


def read_table(name: str, data: bytes, *, sheet: str = "") -> Table:
    """The header and the non-empty rows of a CSV or .xlsx file, every cell a stripped string. `sheet` names the
    .xlsx sheet to read (a CSV has only one); without it the first sheet with the header near its top is read."""
    if len(data) > MAX_BYTES:
        raise ImportFileInvalid(TOO_LARGE)
    if not data.strip():
        raise ImportFileInvalid("ファイルが空です。")
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise ImportFileInvalid(
            "PDFファイルは読み込めません。Excel（.xlsx）かCSVで保存したファイルを選んでください。"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileInvalid(
            "古い形式のExcelファイル（.xls）は読み込めません。Excelで「.xlsx」またはCSVとして保存し直してください。"
        )
    if head.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, sheet)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileInvalid(
            "Excelファイル（.xlsx）として読み込めません。ファイルが壊れているか、別の形式です。"
        )
    else:
        table = _read_csv(data)
    if not any(table.headers):
        raise ImportFileInvalid("1行目に見出しがありません。テンプレートの見出し行をそのまま使ってください。")
    if sum(len(c) for _, cells in table.rows for c in cells) > MAX_CELL_CHARS:
        raise ImportFileInvalid("ファイルの文字数が多すぎます。行を分けてください。")
    return table


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]  # Excel's 「Unicode テキスト」
    else:
        # Excel for Windows saves CSV in Shift_JIS (cp932, with its NEC/IBM extensions such as ①, ㈱, 髙).
        encodings = ["utf-8", "cp932"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileInvalid(
        "文字コードを読み取れません。CSVはUTF-8かShift_JIS（Excelの「CSV（コンマ区切り）」）で保存してください。"
    )


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if text.count("\x00") > len(text) // 100:
        raise ImportFileInvalid(
            "CSVファイル（文字のファイル）ではありません。ExcelかCSVのファイルを選んでください。"
        )
    text = text.replace("\x00", "")
    # The header line has the most separators of the top lines (a title line above it may have none); Excel saves
    # 「テキスト（タブ区切り）」 with tabs and a European-locale Excel its CSV with semicolons.
    top = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    delimiter = max(",\t;", key=lambda d: max(line.count(d) for line in top))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    widths: list[int] = []  # each record's number of fields, before _trimmed drops the empty ones at its end
    lines: list[tuple[int, int]] = []  # each record's first and last line of the file
    # Record number → its cells that hold a line break, as read (before _clean_cell trims a tab at an end).
    broken: dict[int, list[tuple[int, str]]] = {}

    def rows() -> Iterator[_RawRow]:
        for row in reader:
            widths.append(len(row))
            lines.append(((lines[-1][1] if lines else 0) + 1, reader.line_num))
            if multi := [(i, unix_breaks(c)) for i, c in enumerate(row) if "\n" in c or "\r" in c]:
                broken[len(widths)] = multi
            yield [_clean_cell(c) for c in row], set(), set()

    try:
        table = _collect(rows(), widths=widths)
    except csv.Error as exc:
        raise ImportFileInvalid('CSVとして読み込めません（引用符 " の閉じ忘れなど）。') from exc
    table.unclosed_quote = _unclosed_quote_row(text, delimiter)
    _refuse_swallowed_rows(table, broken, lines, delimiter)
    return table


def _holds_rows(cell: str, delimiter: str, width: int) -> bool:
    """The cell, opened with 「"」 and not closed where it should have been, ran over line ends to a later 「"」:
    its lines are pieces of the file's rows — the rest of its own row, whole rows, the start of the row whose
    「"」 closed it. It then holds a whole row's worth of separators (width − 1): on one line between its first and
    last, or on those two together (the rest of one row and the start of the next come to one row when the later
    「"」 stands in the same column, which is what gives the record the right width). A 仕事内容 or 住所 written
    over several lines — which the template allows — holds a few commas at most, never a row's worth (66 for the
    template's 67 columns); and no 「"」 can stand on the lines it swallowed, or the first would have closed it."""
    parts = cell.split("\n")
    if len(parts) < 2 or width < 2:
        return False
    seps = [part.count(delimiter) for part in parts]
    return any(n >= width - 1 for n in seps[1:-1]) or seps[0] + seps[-1] >= width - 1


def _refuse_swallowed_rows(
    table: Table, broken: dict[int, list[tuple[int, str]]], lines: list[tuple[int, int]], delimiter: str
) -> None:
    """Refuse the whole file when a record of the right width has a cell that swallowed rows (_holds_rows). Its
    width hid it: the rows inside the cell were gone without a word, and importing the rest would leave them out
    unnoticed — nothing is imported, the message names the row, its cell and the lines read into it. A row of the
    wrong width keeps its own message (_wrong_width_row), which already says the same."""
    width = len(table.headers)
    for number, _cells in table.rows:
        if number in table.wrong_widths:
            continue
        for index, cell in broken.get(number, []):
            if not _holds_rows(cell, delimiter, width):
                continue
            header = table.headers[index] if index < len(table.headers) else ""
            # What she typed in it: up to the first separator (the rest of its line is her row's later cells).
            start = cell.strip().split("\n", 1)[0].split(delimiter, 1)[0][:20]
            first, last = lines[number - 1]
            to = "ファイルの終わり" if table.unclosed_quote == number else '後の行の「"」'
            raise ImportFileInvalid(
                f'{number}行目：「"」が閉じていません。{_letter(index)}列'
                + (f"「{header}」" if header else "")
                + f'のセルが「"{start}」で始まり、{to}までのファイルの{first}〜{last}行目（{last - first + 1}行）が'
                "1つのセルとして読まれました。その間の行の求人が読み込まれないため、ファイル全体を読み込んでいません。"
                'このセルの値の最後に「"」を付けて閉じるか、値の中の「"」は「""」と2つ重ねてから、もう一度'
                "アップロードしてください。"
            )


def _unclosed_quote_row(text: str, delimiter: str) -> int:
    """The number of the record whose quoted cell is never closed, or 0. The lenient reader above takes such a
    cell to the end of the file without a word; a strict one stops there with 「unexpected end of data」."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, _row in enumerate(strict, start=1):  # noqa: B007 — the count is what is wanted
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return number + 1
    return 0


def _header_word(header: str) -> str:
    return _key(header.rstrip("*＊※").replace("（必須）", "").replace("(必須)", ""))


def _header_column(header: str) -> Column | None:
    return _HEADER_INDEX.get(_header_word(header))


def _looks_like_header(cells: list[str]) -> bool:
    # Two known column names: a title line such as 「2026年度 求人一覧」 above the header has at most one.
    return sum(1 for c in cells if c and _header_column(c) is not None) >= 2


def _trimmed(cells: list[str]) -> list[str]:
    cells = cells[:MAX_COLUMNS]
    while cells and not cells[-1]:
        cells.pop()  # a read-only sheet pads every row to the widest; CSV rows may end in empty cells
    return cells


# A row as read: its cells, and the indexes of its formula cells and of its date cells (xlsx only).
_RawRow = tuple[list[str], set[int], set[int]]


def _collect(rows: Iterator[_RawRow], *, widths: list[int] | None = None) -> Table:
    """Header and non-empty rows, numbered as the spreadsheet shows them; stops past the row limit.

    The header is the first of the top HEADER_SEARCH_ROWS rows that names known columns (people put a title and a
    blank line above it); without one, row 1 is taken as the header and the column check says what is wrong.
    `widths` (CSV) fills in as `rows` is read: record n's number of fields is widths[n - 1].
    """
    table = Table(headers=[], rows=[])
    numbered = enumerate(rows, start=1)
    top: list[tuple[int, list[str], set[int], set[int]]] = []
    for number, (cells, formula_cols, date_cols) in numbered:
        top.append((number, _trimmed(cells), formula_cols, date_cols))
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    at = next((i for i, (_, cells, _, _) in enumerate(top) if _looks_like_header(cells)), 0)
    if top:
        table.headers = top[at][1]
        if widths is not None:
            table.header_width = widths[top[at][0] - 1]
    rest = ((number, _trimmed(cells), formulas, dates) for number, (cells, formulas, dates) in numbered)
    for number, cells, formula_cols, date_cols in itertools.chain(top[at + 1 :], rest):
        if not any(cells):
            continue  # blank lines between rows, or Excel's formatted-but-empty rows
        if widths is not None:
            # Fewer fields than named columns, or more than the header line has (Excel writes every row of a
            # sheet with as many fields; a header line ending in empty fields is no reason to refuse a row).
            width = widths[number - 1]
            if width < len(table.headers) or width > table.header_width:
                table.wrong_widths[number] = width
        if len(table.rows) >= MAX_ROWS:
            raise ImportFileInvalid(
                f"行が多すぎます（1ファイル{MAX_ROWS:,}行まで）。ファイルを分けてアップロードしてください。"
            )
        table.rows.append((number, cells))
        table.formulas.update((number, col) for col in formula_cols)
        table.dates.update((number, col) for col in date_cols)
    return table


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, wanted: str = "") -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFileInvalid(
            "Excelファイル（.xlsx）として読み込めません。ファイルが壊れています。"
        ) from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise ImportFileInvalid(
            "Excelファイル（.xlsx）ではありません。ExcelかCSVのファイルを選んでください。"
        )
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/")]
    if (
        len(members) > MAX_ZIP_MEMBERS
        or sum(m.file_size for m in members) > MAX_UNZIPPED
        or any(m.file_size > MAX_SHEET_XML for m in sheets)
    ):
        raise ImportFileInvalid("Excelファイルの展開後の大きさが上限を超えています。行を分けてください。")
    import openpyxl  # only the upload needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            # read_only streams the sheet; data_only=False gives a formula as its text, so nothing is calculated.
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (
        Exception
    ) as exc:  # openpyxl raises many types for a broken package (KeyError, TypeError, XML errors)
        raise ImportFileInvalid(
            "Excelファイル（.xlsx）として読み込めません。ファイルが壊れています。"
        ) from exc
    try:
        if not wb.worksheets:
            raise ImportFileInvalid("Excelファイルにシートがありません。")
        titles = [str(ws.title) for ws in wb.worksheets]
        if wanted.strip():
            # Compared as headers are (full-width, spaces, case): 「求人　一覧」 finds 「求人一覧」.
            chosen = [ws for ws in wb.worksheets if _key(str(ws.title)) == _key(wanted)]
            if not chosen:
                raise ImportFileInvalid(
                    f"シート「{wanted.strip()[:31]}」がありません。このファイルのシート：{'、'.join(titles)}"
                )
            sheet = chosen[0]
        else:
            sheet = _data_sheet(wb.worksheets)
        # Excel shows a merged cell's value across the whole range; the file keeps it in the top-left cell only.
        covered = _merged_cells(data, getattr(sheet, "_worksheet_path", ""))
        anchors: dict[tuple[int, int], tuple[str, bool, bool]] = {}

        def rows() -> Iterator[_RawRow]:
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                cells, formulas, dates = [], set(), set()
                for i, cell in enumerate(row):
                    text = _clean_cell(_xlsx_text(cell.value))
                    is_formula = getattr(cell, "data_type", "") == "f"
                    is_date = isinstance(cell.value, dt.date)  # a datetime is a date too; a time is not
                    if (number, i) in covered:
                        anchor = covered[(number, i)]
                        if anchor == (number, i):
                            anchors[anchor] = (text, is_formula, is_date)
                        else:
                            text, is_formula, is_date = anchors.get(anchor, ("", False, False))
                    if is_formula:
                        formulas.add(i)
                    if is_date:
                        dates.add(i)
                    cells.append(text)
                yield cells, formulas, dates

        try:
            table = _collect(rows())
            table.sheet, table.sheets = str(sheet.title), titles
            return table
        except ImportFileInvalid:
            raise
        except Exception as exc:  # a malformed sheet XML fails only while it is read
            raise ImportFileInvalid(
                "Excelファイル（.xlsx）のシートを読み込めません。ファイルが壊れています。"
            ) from exc
    finally:
        wb.close()


def _data_sheet(sheets: list[Any]) -> Any:
    """The first sheet with the header near its top (a 表紙 or メモ sheet may come first), else the first sheet."""
    if len(sheets) == 1:
        return sheets[0]
    for sheet in sheets:
        try:
            top = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True)
            if any(_looks_like_header([_clean_cell(_xlsx_text(v)) for v in row]) for row in top):
                return sheet
        except Exception:  # a malformed sheet: the next one may be the data; the first one is reported
            continue
    return sheets[0]


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')
MAX_MERGED_CELLS = 100_000


def _merged_cells(data: bytes, sheet_path: str) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column index) of every cell inside a merged range → its range's top-left cell, within the limits."""
    from openpyxl.utils.cell import coordinate_to_tuple

    if not sheet_path:
        return {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            xml = zf.read(sheet_path.lstrip("/"))  # its size was checked against MAX_SHEET_XML
        except KeyError:
            return {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for m in _MERGE_RE.finditer(xml):
        top, left = coordinate_to_tuple(m.group(1).decode())
        bottom, right = coordinate_to_tuple(m.group(2).decode())
        for r in range(top, bottom + 1):
            for c in range(left, min(right, MAX_COLUMNS) + 1):
                if len(covered) >= MAX_MERGED_CELLS:
                    raise ImportFileInvalid("結合されたセルが多すぎます。セルの結合を解除してください。")
                covered[(r, c - 1)] = (top, left - 1)
    return covered


# Reading the cells ------------------------------------------------------------------------------------------


class _Bad(ValueError):
    def __init__(self, message: str, *, guide: str = "") -> None:
        super().__init__(message)
        self.guide = guide


_TRUE = {
    "あり",
    "有",
    "有り",
    "はい",
    "○",
    "〇",
    "◯",
    "yes",
    "y",
    "true",
    "1",
    "する",
    "可",
    "加入",
    "✓",
    "✔",
}
_FALSE = {
    "なし",
    "無",
    "無し",
    "いいえ",
    "×",
    "✕",
    "✖",
    "☓",
    "x",  # a Latin x typed for ×
    "no",
    "n",
    "false",
    "0",
    "しない",
    "不可",
    "-",
    "ー",
    "未加入",
}
_TRUE_KEYS = {_key(w) for w in _TRUE}
_FALSE_KEYS = {_key(w) for w in _FALSE}
# A trailing 〜 (「25万円〜」) is how ads write a lower bound; the column already says it is one. The amount itself is
# read by core.money.parse_yen, as the agents' forms read it.
_MONEY_RE = re.compile(rf"^({'|'.join(_UNIT_WORDS)})?:?(.*?)[~〜]?$")
_RANGE_RE = re.compile(r"^\D*\d[^~〜]*[~〜]\D*\d")  # 「25万～30万円」: two amounts with a 〜 between
_INT_RE = re.compile(r"^(\d+)(\D*)$")
_MONTHS = ("か月", "か月間", "ヶ月", "ヶ月間", "カ月", "カ月間", "ヵ月", "ヵ月間", "ケ月", "ケ月間", "箇月")
# The unit words a number column takes after its number, with the unit and an example for the message. A unit of
# another column is refused, not dropped: 「1時間」 in 休憩時間（分） was stored as 1 minute, 「90日」 in 試用期間（か月）
# as 90 months.
_INT_UNITS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "contract_months": (_MONTHS, "月数", "6、6か月"),
    "contract_days": (("日", "日間"), "日数", "14、14日"),
    "probation_months": (_MONTHS, "月数", "3、3か月"),
    "break_minutes": (("分", "分間"), "分", "60、60分"),
    "overtime_monthly_hours": (("時間",), "時間", "10、10時間"),
    "annual_holidays": (("日",), "日数", "120、120日"),
    "fixed_overtime_hours": (("時間", "時間分"), "時間", "20、20時間"),
    "age_min": (("歳", "才"), "年齢", "18、18歳"),
    "age_max": (("歳", "才"), "年齢", "59、59歳"),
}
_DECIMAL_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:時間)?$")
_TIME_RE = re.compile(r"^(\d{1,2})(?::|時)(?:(\d{1,2})分?)?(?::\d{1,2})?$")


def _compact(value: str) -> str:
    return "".join(nfkc(value).replace(",", "").split()).lower()


def _money(value: str) -> tuple[int, str | None]:
    compact = _compact(value)
    m = _MONEY_RE.match(compact)
    assert m is not None  # every group is optional
    try:
        amount = parse_yen(m.group(2))
    except YenError as exc:
        if _RANGE_RE.match(compact):
            raise _Bad(
                "1つのセルに金額の範囲は書けません。金額を1つだけ入力してください"
                "（賃金の上限は「賃金（上限・円）」の列に入力します）。"
            ) from exc
        if exc.reason in {"unreadable", "empty"}:
            raise _Bad("金額として読み取れません。例：250000、250,000円、25万円、月給250,000円") from exc
        raise _Bad(str(exc)) from exc
    return amount, _UNIT_WORDS.get(m.group(1) or "")


def _date(value: str) -> dt.date:
    # Read as the compliance checker reads dates in a posting's text (令和/平成/R/H/元 as well as 2026/4/1), so a
    # date the checker understands in a description is understood in a cell too. Its era letters are capitals.
    m = DATE.fullmatch(nfkc(value).strip().upper())
    if m is None:
        raise _Bad("日付として読み取れません。例：2026/4/1、2026-04-01、令和8年4月1日")
    date = parse_date(m)
    if date is None:  # 2026/2/30, 令和8年13月1日: said with what was typed, so the cell is found and fixed
        raise _Bad(f"「{value}」という日付はありません。月と日を確かめてください（例：2026/4/1）。")
    return date


def _time(value: str) -> dt.time:
    m = _TIME_RE.match(_compact(value))
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise _Bad("時刻として読み取れません。例：9:00、18:30、9時30分")
    return dt.time(int(m.group(1)), int(m.group(2) or 0))


def _subrole_matches(value: str) -> list[SubRole]:
    """The sub-roles whose name contains `value` (「経理」 → 経理事務, 経理課長（管理職）). When an ordinary post is
    among several, the 管理職 ones drop out: nobody writes 「経理」 for 経理課長."""
    k = _key(value)
    matches = [s for s in SUBROLES if k and k in _key(s.name)]
    plain = [s for s in matches if "管理職" not in s.name]
    return plain if len(matches) > 1 and plain else matches


def _subrole(value: str) -> str:
    """The sub-role code for a 職種 cell: a name or family｜name as listed, or a shorthand that only one sub-role's
    name contains (「経理」「総務」「人事」「給与計算」). Refused, the message lists only the sub-roles that fit what was
    typed (those containing it, else its family's) and points to the column guide, not all 22 names."""
    code = _CHOICE_WORDS["subrole"].get(_key(value))
    if code is not None:
        return code
    matches = _subrole_matches(value)
    if len(matches) == 1 and len(_key(value)) >= 2:  # one character is too little to go on (「事」)
        return matches[0].code
    shown = value[:30]
    if len(matches) > 1:
        names = "、".join(s.name for s in matches)
        raise _Bad(
            f"「{shown}」に当たる職種が1つに決まりません。次のいずれかを入力してください：{names}",
            guide="subrole",
        )
    k = _key(value)
    # 「人事労務」「経理担当」: no name contains it, but it names a family (or a part of one).
    families = [
        code
        for code, label in FAMILIES.items()
        if k and (k in _key(label).replace("・", "") or any(part in k for part in _key(label).split("・")))
    ]
    suggested = matches or [s for s in SUBROLES if s.family in families]
    if suggested:
        names = "、".join(s.name for s in suggested)
        raise _Bad(f"「{shown}」は選べません。次のいずれかを入力してください：{names}", guide="subrole")
    raise _Bad(
        f"「{shown}」は選べません。職種の名前（例：経理事務、総務事務、一般事務）を入力してください。",
        guide="subrole",
    )


def _parse(column: Column, value: str) -> Any:
    """The cell's value for the posting; raises _Bad with a Japanese message."""
    kind = column.kind
    if kind == "text" or kind == "ref":
        try:
            reject_markup(value)
        except ValidationError as exc:
            raise _Bad(exc.messages[0]) from exc
        return value
    if kind == "subrole":
        return _subrole(value)
    if kind == "choice":
        code = _CHOICE_WORDS[column.field].get(_key(value))
        if code is None:
            raise _Bad(
                f"「{value[:30]}」は選べません。次のいずれかを入力してください：{allowed_values(column)}"
            )
        return code
    if kind == "bool":
        k = _key(value)
        if k in _TRUE_KEYS:
            return True
        if k in _FALSE_KEYS:
            return False
        raise _Bad(f"「{value[:30]}」は読み取れません。「あり」か「なし」を入力してください。")
    if kind == "int":
        m = _INT_RE.match(_compact(value))
        if not m:
            raise _Bad("数字で入力してください。")
        if m.group(2):
            units, unit_name, example = _INT_UNITS.get(column.field, ((), "", ""))
            if m.group(2) not in units:
                raise _Bad(
                    f"「{value[:30]}」は読み取れません。この列は{unit_name}で入力します（例：{example}）。"
                    if units
                    else "数字で入力してください。"
                )
        return int(m.group(1))
    if kind == "decimal":
        m = _DECIMAL_RE.match(_compact(value))
        if not m:
            raise _Bad("数字で入力してください（例：160.5）。")
        try:
            return Decimal(m.group(1))
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only plain decimals
            raise _Bad("数字で入力してください。") from exc
    if kind == "time":
        return _time(value)
    if kind == "date":
        return _date(value)
    if kind == "prefecture":
        v = _compact(value)
        if v.isdigit():
            if v.zfill(2) in PREFECTURES:
                return v.zfill(2)
            raise _Bad(f"都道府県コード「{value[:10]}」はありません（01〜47、例：東京都は13）。")
        codes = prefecture_codes_in(nfkc(value))
        if not codes:
            raise _Bad(f"「{value[:30]}」は都道府県として読み取れません。例：東京都、大阪府、13")
        # 「東京都・神奈川県」 was read as 東京都 alone: a posting has one prefecture, which the person picks.
        if len(codes) > 1:
            raise _Bad(
                f"「{value[:30]}」には都道府県が2つ以上あります。勤務地の都道府県を1つだけ入力してください"
                "（勤務地ごとに1行にします）。"
            )
        (code,) = codes
        return code
    raise AssertionError(kind)


# Checking the rows ------------------------------------------------------------------------------------------


@dataclass
class RowResult:
    row: int
    title: str
    key: str
    status: str = "ok"  # ok (a new posting) / update / unchanged / error / duplicate
    publishable: bool = False
    problems: list[dict[str, str]] = dataclasses.field(default_factory=list)
    posting: JobPosting | None = None
    reference: str = ""
    data: dict[str, Any] = dataclasses.field(default_factory=dict)  # what an update row sets (posting_update)
    target: int | None = None  # the posting an update row updates, and its 情報更新日 when it was checked
    target_version: dt.datetime | None = None
    changes: list[str] = dataclasses.field(default_factory=list)  # the changed columns' headers

    def add(self, column: str, message: str, level: str = "error", *, guide: str = "") -> None:
        problem = {"column": column, "message": message, "level": level}
        if guide:  # the field whose row of the column guide lists what may be written
            problem["guide"] = guide
        self.problems.append(problem)

    @property
    def has_errors(self) -> bool:
        return any(p["level"] == "error" for p in self.problems)


_STATUS_LABELS = {
    "ok": "新規",
    "update": "更新",
    "unchanged": "変更なし",
    "error": "エラー",
    "duplicate": "登録済み",
}


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def renamed_columns(headers: list[str]) -> dict[str, tuple[int, str]]:
    return _renamed_columns(tuple(headers))


@functools.lru_cache(maxsize=8)  # asked for each row's findings about an absent column: one file, one answer
def _renamed_columns(headers: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """(field → (index, header)) for each column the file lacks that one of its unknown headers probably is: the
    unknown header standing where the template has that column (a sheet made from the template, one heading
    retyped — 「給料」 over 業務内容), else the absent column whose header or accepted word it most resembles. Without
    it the report said 「F列「給料」は読み込みません」 and, on every row, 「業務内容（雇入れ直後）（列なし）」, two messages
    a person could not connect."""
    present = {c.field for h in headers if h and (c := _header_column(h)) is not None}
    absent = [c for c in COLUMNS if c.field not in present]
    guesses: dict[str, tuple[int, str]] = {}
    for i, header in enumerate(headers):
        if not header or _header_column(header) is not None:
            continue
        # By place only between two headings at their template places: a short hand-made file's 4th column
        # (「社内メモ」) is not the template's 4th.
        in_place = all(
            0 <= j < min(len(headers), len(COLUMNS)) and _header_column(headers[j]) == COLUMNS[j]
            for j in (i - 1, i + 1)
        )
        by_place = COLUMNS[i] if in_place and COLUMNS[i] in absent else None
        if by_place is None:
            word = _header_word(header)
            scored = [
                (difflib.SequenceMatcher(a=word, b=_header_word(c.header)).ratio(), c.header, c)
                for c in absent
            ]
            best = max(scored, default=None, key=lambda t: (t[0], t[1]))
            by_place = best[2] if best is not None and best[0] >= 0.6 else None
        if by_place is not None and by_place.field not in guesses:
            guesses[by_place.field] = (i, header)
    return guesses


def _renamed_words(column: Column, at: int, header: str) -> str:
    """One sentence for an unknown header and the absent column it probably is."""
    return (
        f"{_letter(at)}列「{header[:30]}」は求人の項目にないため読み込みません。ファイルには「{column.header}」の列が"
        f"ありません。{_letter(at)}列が{column.header}なら、見出しを「{column.header}」に直してください。"
    )


def _map_headers(headers: list[str]) -> tuple[dict[int, Column], list[str]]:
    mapping: dict[int, Column] = {}
    notes: list[str] = []
    seen: dict[str, int] = {}
    renamed = {at: COLUMN_BY_FIELD[field] for field, (at, _header) in renamed_columns(headers).items()}
    for i, header in enumerate(headers):
        if not header:
            continue
        column = _header_column(header)
        if column is None:
            if i in renamed:
                notes.append(_renamed_words(renamed[i], i, header))
            else:
                notes.append(f"{_letter(i)}列「{header[:30]}」は求人の項目にないため読み込みません。")
            continue
        if column.header in seen:
            raise ImportFileInvalid(
                f"列「{column.header}」が2つあります（{_letter(seen[column.header])}列と{_letter(i)}列）。"
                "どちらか一方にしてください。"
            )
        seen[column.header] = i
        unit = _UNIT_WORDS.get(_header_word(header))
        mapping[i] = dataclasses.replace(column, header_unit=unit) if unit else column
    if not mapping:
        raise ImportFileInvalid(
            "1行目の見出しが求人の項目と一致しません（例：求人タイトル、職種、雇用形態）。"
            "テンプレートの見出し行をそのまま使ってください。"
        )
    missing = _missing_columns(mapping)
    if missing and _ref_index(mapping) is None:
        # Without a 社内管理番号 column every row would be new, and none could be.
        raise ImportFileInvalid(
            f"必須の列がありません：{'、'.join(missing)}。テンプレートの見出しを使ってください"
            "（登録済みの求人を更新するだけなら、社内管理番号の列と変える列だけで足ります）。"
        )
    if missing:
        notes.append(
            f"{'・'.join(missing)}の列がないため、社内管理番号が登録済みの求人と同じ行だけを更新します"
            "（新規登録はできません）。"
        )
    return mapping, notes


def _missing_columns(mapping: dict[int, Column]) -> list[str]:
    """The headers of the required columns the file lacks: a row that creates a posting needs them all; a row
    that updates one keeps the posting's values for them (the "raise the wages" file has two columns)."""
    present = {c.field for c in mapping.values()}
    return [c.header for c in COLUMNS if c.required and c.field not in present]


def _row_key(ref: str, data: dict[str, Any]) -> str:
    if ref:
        return f"ref:{ref}"
    canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def _unit_conflicts(said_units: list[tuple[str, str, str]]) -> Iterator[tuple[str, str, str]]:
    """(field, label, message) for every amount of the row that says another unit than the row's first one
    (「月給25万円」 as the 下限 and 「時給1,500円」 as the 上限): a posting has one wage unit, and taking the first
    would read 1,500 as 1,500円 a month."""
    if not said_units:
        return
    _field, first_label, first_unit = said_units[0]
    for field, label, unit in said_units[1:]:
        if unit != first_unit:
            yield (
                field,
                label,
                f"{first_label}は「{WageUnit(first_unit).label}」、{label}は「{WageUnit(unit).label}」の金額です。"
                "1つの求人の金額は同じ単位で入力してください。",
            )


def _check_row(
    user: Any,
    number: int,
    cells: list[str],
    mapping: dict[int, Column],
    table: Table,
    targets: dict[str, JobPosting],
) -> RowResult:
    """One row read and checked. A row whose reference is in `targets` (the organisation's postings by reference;
    the one used is taken out, so no other row can change it too) is checked as an update of that posting."""
    data: dict[str, Any] = {}
    labels: dict[str, str] = {}
    bad_fields: set[str] = set()
    ref = ""
    result = RowResult(row=number, title="", key="")
    # The unit each amount says (its cell's word, else its column's header), in column order, with the column:
    # an amount is never read at another unit than the one written beside it (_unit_conflicts).
    said_units: list[tuple[str, str, str]] = []  # (field, label, unit)
    for i, column in mapping.items():
        label = f"{column.header}（{_letter(i)}列）"
        labels[column.field] = label
        value = cells[i] if i < len(cells) else ""
        if (number, i) in table.formulas:
            result.add(label, "数式は計算せずに読み込みません。値を入力してください（「値の貼り付け」）。")
            bad_fields.add(column.field)
            continue
        if (number, i) in table.dates and column.kind not in {"date", "time"}:
            result.add(
                label,
                f"Excelが入力を日付に変換しています（{value}）。セルの書式を「文字列」にしてから入力し直してください。",
            )
            bad_fields.add(column.field)
            continue
        if not value:
            if column.required and column.field != "wage_unit":
                result.add(label, "必須の項目です。入力してください。")
                bad_fields.add(column.field)
            elif column.kind in {"text", "choice"} and _model_field(column.field).blank:
                data[column.field] = ""
            elif column.kind in {"int", "money", "decimal", "time", "date"}:
                data[column.field] = None
            continue  # a blank yes/no or a choice with a default keeps the form's default
        try:
            if column.kind == "money":
                if column.field == "wage_max" and _compact(value).endswith(("~", "〜")):
                    # 「30万円〜」 means "from 30万": a lower limit typed into the upper limit's column.
                    raise _Bad(
                        f"「{value[:30]}」は「〜から」（下限）の書き方です。上限の金額を〜なしで入力してください"
                        "（下限は「賃金（下限・円）」の列に入力します）。"
                    )
                data[column.field], unit = _money(value)
                if unit and column.header_unit and unit != column.header_unit:
                    raise _Bad(
                        f"{_letter(i)}列の見出しは「{table.headers[i][:30]}」ですが、このセルは"
                        f"「{WageUnit(unit).label}」の金額です（{value[:30]}）。見出しの単位の金額を入力してください"
                        "（単位を変える求人は、見出しが「賃金（下限・円）」の列と「賃金の単位」の列で登録します）。"
                    )
                if unit or column.header_unit:
                    said_units.append((column.field, label, unit or str(column.header_unit)))
            elif column.kind == "ref":
                read = _parse(column, reference_normal(value))
                if len(read) > REF_MAX:
                    raise _Bad(too_long("社内管理番号", REF_MAX, given=len(read)))
                ref = data[column.field] = read
            else:
                data[column.field] = _parse(column, value)
                if column.kind == "subrole" and _key(value) not in _CHOICE_WORDS["subrole"]:
                    # A shorthand read as one sub-role: said, so a wrong guess is seen before 登録.
                    name = SUBROLE_BY_CODE[data[column.field]].name
                    result.add(label, f"「{value[:30]}」を「{name}」として読み取りました。", "info")
        except _Bad as exc:
            result.add(label, str(exc), guide=exc.guide)
            bad_fields.add(column.field)
    result.reference = ref
    target = targets.pop(ref, None) if ref else None
    # A file without a title column still names the posting a row updates on the report.
    result.title = str(data.get("title") or (target.title if target is not None else ""))
    if target is None and (missing := _missing_columns(mapping)):
        # A file that only updates (社内管理番号 and 月給, say) cannot make a posting of a row nobody has.
        result.status, result.key = "error", _row_key(ref, data)
        if "reference" in bad_fields:
            return result  # the number could not be read: said beside it; which posting it means is unknown
        why = f"社内管理番号「{ref}」の求人は登録されていないため" if ref else "社内管理番号が空欄のため"
        columns = "".join(f"「{h}」" for h in missing)
        ref_at = _ref_index(mapping)
        where = f"{REF_HEADER}（{_letter(ref_at)}列）" if ref_at is not None else "全体"
        result.add(where, f"{why}新規登録になりますが、新規登録には列{columns}が必要です。")
        return result
    implied_unit = said_units[0][2] if said_units else None
    for field, label, message in _unit_conflicts(said_units):
        result.add(label, message)
        bad_fields.add(field)
    unit_label = labels.get("wage_unit", COLUMN_BY_FIELD["wage_unit"].header)
    if not data.get("wage_unit") and "wage_unit" not in bad_fields:
        if implied_unit:
            data["wage_unit"] = implied_unit  # 「月給250,000円」 says the unit itself
        elif target is not None and "wage_unit" not in labels:
            pass  # an update from a file without the column keeps the posting's unit
        else:
            result.add(unit_label, "必須の項目です。入力してください（時給・日給・月給・年俸）。")
            bad_fields.add("wage_unit")
    elif implied_unit and data.get("wage_unit") and implied_unit != data["wage_unit"]:
        result.add(
            unit_label,
            f"「{WageUnit(data['wage_unit']).label}」と金額の「{WageUnit(implied_unit).label}」が合いません。",
        )
        bad_fields.add("wage_unit")
    # The key of a row without a reference is its values' hash as before ADR 0085 (the stored keys still match).
    result.key = _row_key(ref, data)

    def label_of(name: str) -> str:
        name = form_field_for(name)
        if name in labels:
            return labels[name]
        if name in COLUMN_BY_FIELD:
            header = COLUMN_BY_FIELD[name].header
            if name in (guess := renamed_columns(table.headers)):
                at, typed = guess[name]
                # the column the file probably has under another heading, named where the row's finding is said
                return (
                    f"{header}（列なし：{_letter(at)}列「{typed[:30]}」がこの列なら、見出しを「{header}」に）"
                )
            return f"{header}（列なし）"
        return "全体"

    live = False
    if target is None:
        posting = services.posting_build(user=user, data=data)
    else:
        # An update sets the file's columns only: a column the file lacks keeps the posting's value.
        # An empty 募集者 cell names the organisation, as for a new row (services.employer_defaults).
        defaults = services.employer_defaults(user.organization)
        data = {
            name: (value or defaults[name]) if name in defaults else value for name, value in data.items()
        }
        posting = target
        result.target, result.target_version, result.data = posting.pk, posting.updated_at, data
        result.changes = [
            COLUMN_BY_FIELD[name].header for name, value in data.items() if getattr(posting, name) != value
        ]
        if not result.changes and not result.has_errors:
            result.status = "unchanged"
            return result
        services.posting_apply(posting, data)
        # A published posting stays lawful through an import as through the form (posting_update's gate).
        live = posting.status == PostingStatus.PUBLISHED
    if posting.subrole in SUBROLE_BY_CODE:
        posting.family = SUBROLE_BY_CODE[posting.subrole].family  # save() would; bulk_create does not
    posting.updated_at = clock.now()  # what saving sets: the 情報更新日 the checker looks for
    try:
        # The same gate as the form and the API (a field with an unreadable cell is not reported twice). Not its
        # look-up of the 社内管理番号: `_targets` looked every number of the file up in one query, and a number
        # taken by another import meanwhile is the constraint's to refuse (_store).
        services.posting_gate(posting, live=False, check_reference=False)
    except services.PostingInvalid as exc:
        for name, messages in exc.errors.items():
            if form_field_for(name) not in bad_fields:
                for message in messages:
                    result.add(label_of(name), message)
    for finding in services.posting_findings(posting):
        if finding.field and form_field_for(finding.field) in bad_fields:
            continue
        text = finding.advice
        result.add(label_of(finding.field) if finding.field else "全体", text, finding.severity)
    if live and not result.has_errors:
        try:
            services.posting_gate(posting, live=True, check_reference=False)
        except services.PostingInvalid as exc:
            for name, messages in exc.errors.items():
                for message in messages:
                    result.add(label_of(name), f"公開中の求人のため更新できません：{message}")
    if result.has_errors:
        result.status = "error"
        return result
    result.posting = posting
    if target is not None:
        result.status = "update"
        return result
    try:
        services.posting_gate(posting, live=True, check_reference=False)
    except services.PostingInvalid as exc:
        for name, messages in exc.errors.items():
            for message in messages:
                result.add(label_of(name), f"公開する場合：{message}", "warning")
    else:
        result.publishable = True
    return result


@dataclass
class Report:
    filename: str
    notes: list[str]
    rows: list[RowResult]
    upload_id: str = ""
    # What re-checking a row under the commit's lock needs (not kept in the stored report).
    table: Table | None = None
    mapping: dict[int, Column] = dataclasses.field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "upload_id": self.upload_id,
            "sheet": self.table.sheet if self.table else "",
            "sheets": self.table.sheets if self.table else [],
            "total": len(self.rows),
            "ok": self.count("ok"),
            "updates": self.count("update"),
            "unchanged": self.count("unchanged"),
            "errors": self.count("error"),
            "duplicates": self.count("duplicate"),
            "publishable": sum(1 for r in self.rows if r.status == "ok" and r.publishable),
            "notes": self.notes,
            "rows": [
                {
                    "row": r.row,
                    "title": r.title,
                    "reference": r.reference,
                    "status": r.status,
                    "status_label": _STATUS_LABELS[r.status],
                    "publishable": r.publishable and r.status == "ok",
                    "changes": r.changes if r.status == "update" else [],
                    "problems": r.problems,
                }
                for r in self.rows
            ],
        }


def _check_table(user: Any, table: Table, filename: str) -> Report:
    report = _check_rows(user, table, filename)
    _mark_duplicates(user, report)
    return report


def _ref_index(mapping: dict[int, Column]) -> int | None:
    return next((i for i, c in mapping.items() if c.kind == "ref"), None)


def _targets(user: Any, refs: set[str], *, lock: bool = False) -> dict[str, JobPosting]:
    """The user's organisation's postings with these references (one query). Another organisation's reference
    is simply not found: the row is then a new posting, as for a number nobody uses."""
    if not refs:
        return {}
    postings = selectors.employer_postings(user=user).filter(reference__in=sorted(refs))
    if lock:
        postings = postings.select_for_update()
    return {p.reference: p for p in postings}


def _check_rows(user: Any, table: Table, filename: str) -> Report:
    """Every row read and checked (the slow part: ~1 ms a row); an update row against its posting as it is now."""
    mapping, notes = _map_headers(table.headers)
    at = _ref_index(mapping)
    # A row of the wrong width is not read (its 社内管理番号 may be another column's cell): it names no posting.
    refs = {
        n: reference_normal(cells[at])
        for n, cells in table.rows
        if at is not None and at < len(cells) and n not in table.wrong_widths
    }
    targets = _targets(user, set(refs.values()) - {""})
    # Found before any row is checked: the first row takes the posting out of `targets`, and a later row with
    # its number, checked after it, was judged a new posting (「…は別の求人で使われています」, 「…登録されていない
    # ため新規登録になりますが…」) next to the repeat it is.
    repeats = _repeated_references(refs)
    results: list[RowResult] = []
    by_row: dict[int, RowResult] = {}
    for n, cells in table.rows:
        if n in table.wrong_widths:
            result = _wrong_width_row(n, cells, mapping, table)
        elif n in repeats:
            assert at is not None  # a repeated reference was read from the reference column
            result = _repeated_row(n, cells, mapping, at, refs[n], by_row[repeats[n]])
        else:
            result = _check_row(user, n, cells, mapping, table, targets)
        results.append(result)
        by_row[n] = result
    if not results:
        raise ImportFileInvalid("見出しの下にデータの行がありません。2行目から1行に1件ずつ入力してください。")
    return Report(filename=filename, notes=notes, rows=results, table=table, mapping=mapping)


def _repeated_references(refs: dict[int, str]) -> dict[int, int]:
    """Row → the earlier row with the same reference, for every row but the first with it."""
    first_row: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for n, ref in refs.items():
        if not ref:
            continue
        if ref in first_row:
            repeats[n] = first_row[ref]
        else:
            first_row[ref] = n
    return repeats


def _wrong_width_row(number: int, cells: list[str], mapping: dict[int, Column], table: Table) -> RowResult:
    """A CSV row with fewer or more fields than the header: one message saying so, and no field checks — with a
    separator lost or added every later cell is read into the wrong column, and checking them would list the
    columns it shifted into (「労働時間が書かれていません」 eight times) instead of what is wrong."""
    found = table.wrong_widths[number]
    expected = len(table.headers) if found < len(table.headers) else table.header_width
    title_at = next((i for i, c in mapping.items() if c.field == "title"), None)
    title = cells[title_at] if title_at is not None and title_at < len(cells) else ""
    # Keyed by its cells: two different short rows are not "the same content" (_mark_duplicates).
    result = RowResult(row=number, title=title, key=_row_key("", {"cells": cells}), status="error")
    # The cell that ran to the end of the file (its row's last), or one that swallowed line ends and separators
    # up to a later 「"」 that closed it by chance.
    unclosed = (
        len(cells) - 1
        if table.unclosed_quote == number and cells
        else next((i for i, c in enumerate(cells) if "\n" in c and any(d in c for d in ",\t;")), None)
    )
    if unclosed is not None:
        # A cell opened with 「"」 and never closed runs over the line ends into the next lines, their separators
        # and all (Python's csv reads it so): the row is short and the lines after it are gone into that cell.
        # 「列が足りません…カンマ」 sent the person looking for a lost comma.
        header = table.headers[unclosed] if unclosed < len(table.headers) else ""
        start = cells[unclosed].split("\n", 1)[0][:20]
        swallowed = (
            "次の行以降までが1つのセルとして読まれたため、この行と続く行は"
            if "\n" in cells[unclosed]
            else "行の終わりまでが1つのセルとして読まれたため、この行は"
        )
        result.add(
            "全体",
            f'{number}行目：「"」が閉じていません。{_letter(unclosed)}列'
            + (f"「{header}」" if header else "")
            + f'のセルが「"{start}」で始まり、{swallowed}読み込んでいません。'
            '値の最後に「"」を付けて閉じるか、値の中の「"」は「""」と2つ重ねてください'
            "（Excelで開いて保存し直すと直ります）。",
        )
        return result
    if found < expected:
        what = "列が足りません"
        fix = "区切りのカンマ（,）が抜けていないか、セルを消したときに列を詰めていないか確認してください。"
    else:
        what = "列が多すぎます"
        fix = '「1,200」のようにカンマ（,）を含む値は "1,200" と " で囲んでください（Excelで保存すれば囲まれます）。'
    result.add(
        "全体",
        f"{number}行目は{what}（見出しは{expected}列、この行は{found}列）。列がずれて別の項目として読まれるため、"
        f"この行は読み込んでいません。{fix}",
    )
    return result


def _repeated_row(
    number: int, cells: list[str], mapping: dict[int, Column], at: int, ref: str, first: RowResult
) -> RowResult:
    """A reference on two rows cannot say which of them the posting should be: the later row is an error, and
    only that (it is neither a new posting nor a second update of the first row's)."""
    title_at = next((i for i, c in mapping.items() if c.field == "title"), None)
    title = cells[title_at] if title_at is not None and title_at < len(cells) else first.title
    result = RowResult(row=number, title=title, key=_row_key(ref, {}), status="error", reference=ref)
    result.add(
        f"{mapping[at].header}（{_letter(at)}列）",
        f"{first.row}行目と同じ社内管理番号です。1つの番号は1行だけにしてください。",
    )
    return result


def _mark_duplicates(user: Any, report: Report) -> None:
    """Rows without a reference already imported by the organisation, or repeated in the file, are marked not
    to be stored (one query). A row with a reference is a new posting or an update, never a duplicate."""
    results = [r for r in report.rows if not r.reference]
    keys = [r.key for r in results]
    existing = dict(
        PostingImportKey.objects.filter(organization_id=user.organization_id, key__in=keys).values_list(
            "key", "posting__title"
        )
    )
    first_row: dict[str, int] = {}
    for r in results:
        if r.key in existing:
            r.status, r.posting, r.publishable = "duplicate", None, False
            r.problems.insert(0, {
                "column": "全体", "level": "info",
                "message": f"登録済みです（同じ内容の求人「{existing[r.key][:40]}」）。この行は登録しません。",
            })  # fmt: skip
        elif r.key in first_row:
            r.status, r.posting, r.publishable = "duplicate", None, False
            r.problems.insert(0, {
                "column": "全体", "level": "info",
                "message": f"{first_row[r.key]}行目と同じ内容です。この行は登録しません。",
            })  # fmt: skip
        else:
            first_row[r.key] = r.row


def _recheck_changed_targets(user: Any, report: Report) -> dict[str, JobPosting]:
    """Under the commit's lock: the postings the rows' references name now, locked until the end of the
    transaction. A row whose posting appeared, went or was edited since the check is checked again here against
    the posting as it now is (few rows; the others keep their result). Returns the locked postings."""
    storable = {"ok", "update", "unchanged"}
    refs = {r.reference for r in report.rows if r.reference and r.status in storable}
    current = _targets(user, refs, lock=True)
    assert report.table is not None
    cells_of = dict(report.table.rows)
    for i, r in enumerate(report.rows):
        if not r.reference or r.status not in storable:
            continue
        now = current.get(r.reference)
        if (now.pk if now else None) == r.target and (now.updated_at if now else None) == r.target_version:
            continue
        targets = {r.reference: now} if now is not None else {}
        report.rows[i] = _check_row(user, r.row, cells_of[r.row], report.mapping, report.table, targets)
    return current


# Services -----------------------------------------------------------------------------------------------------


class ImportSaveFailed(Exception):
    """Storing the rows failed; nothing was stored."""


class ImportConflict(ImportSaveFailed):
    """Another operation stored one of the file's new 社内管理番号 meanwhile; nothing was stored, and sending the
    same file again updates those postings (the API answers 409, not the 503 of a failure on our side)."""


def _require_importer(user: Any) -> None:
    if not getattr(user, "is_employer", False) or getattr(user, "organization_id", None) is None:
        raise PermissionDenied("採用担当のアカウントでご利用ください。")


def _store(user: Any, report: Report, *, publish: bool) -> tuple[list[int], int]:
    """Insert the new rows without an error in one go (call inside a transaction); returns (ids, published)."""
    rows = [r for r in report.rows if r.status == "ok" and r.posting is not None]
    postings: list[JobPosting] = []
    published = 0
    for r in rows:
        assert r.posting is not None
        if publish and r.publishable:
            services.mark_published(r.posting)
            published += 1
        postings.append(r.posting)
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL answers no query in a failed transaction
            created = JobPosting.objects.bulk_create(postings)
    except IntegrityError:
        _refuse_numbers_taken_meanwhile(user, rows)
        raise
    ids = [p.pk for p in created]
    # A row with a reference is found by it next time; a row without one by the hash of its values.
    PostingImportKey.objects.bulk_create(
        PostingImportKey(organization_id=user.organization_id, key=r.key, posting_id=p.pk)
        for r, p in zip(rows, created, strict=True)
        if not r.reference
    )
    # bulk_create skips post_save: tell the search index (and anyone else) in this same transaction.
    postings_bulk_loaded.send(sender=JobPosting, ids=ids)
    return ids, published


def _refuse_numbers_taken_meanwhile(user: Any, rows: list[RowResult]) -> None:
    """After the unique constraint refused the new rows: another import or a save in the form or the API stored
    one of their 社内管理番号 after this commit had looked them up under its lock (a number nobody had yet cannot be
    locked). The numbers taken now, read under the lock, are named, so the person knows the next try updates
    those postings; nothing is stored. Returns when none is (another constraint failed: the general message)."""
    taken = sorted(_targets(user, {r.reference for r in rows if r.reference}, lock=True))
    if taken:
        numbers = "".join(f"「{ref}」" for ref in taken[:5]) + (
            f"ほか{len(taken) - 5}件" if len(taken) > 5 else ""
        )
        raise ImportConflict(
            f"社内管理番号{numbers}の求人が、この登録の途中に別の操作で登録されたため、1件も登録・更新していません。"
            "もう一度登録すると、その行は登録された求人の更新になります。"
        )


def _update(user: Any, report: Report, locked: dict[str, JobPosting]) -> list[int]:
    """Apply the update rows through posting_update, one save each: the search index, the agents' notice of
    changed conditions (5条の3③) and the feed's 情報更新日 follow as for an edit in the form. The status is
    left as it is: a draft stays a draft, a closed or expired posting is not published again."""
    ids = []
    for r in report.rows:
        if r.status == "update":
            posting = services.posting_update(user=user, posting=locked[r.reference], data=r.data)
            ids.append(posting.pk)
    return ids


def _commit(user: Any, report: Report, *, publish: bool) -> tuple[list[int], list[int], int]:
    """Inside the transaction: what is stored now is looked up under the lock, then new rows are inserted and
    update rows applied. Returns (created ids, updated ids, published)."""
    locked = _recheck_changed_targets(user, report)
    _mark_duplicates(user, report)
    ids, published = _store(user, report, publish=publish)
    return ids, _update(user, report, locked), published


_SAVE_FAILED = "登録中に問題が起きたため、1件も登録・更新していません。時間をおいてもう一度お試しください。"


def import_prepare(*, user: Any, filename: str, data: bytes, sheet: str = "") -> PostingImportUpload:
    """Step 1: read and check the file; keep its cells and report on the server for step 2."""
    _require_importer(user)
    report = _check_table(user, table := read_table(filename, data, sheet=sheet), filename)
    with transaction.atomic():
        # Uploads nobody went on with are of no use once expired; each new upload clears its organisation's at
        # once (the worker clears everyone's hourly: import_uploads_purge).
        PostingImportUpload.objects.filter(
            organization_id=user.organization_id, created_at__lt=clock.now() - UPLOAD_TTL
        ).delete()
        upload = PostingImportUpload.objects.create(
            organization_id=user.organization_id,
            created_by=user,
            filename=filename[:200],
            table=table.as_json(),
            report=report.as_dict(),
        )
    return upload


@dataclass
class ImportOutcome:
    created: int
    published: int
    report: dict[str, Any]
    ids: list[int] = dataclasses.field(default_factory=list)
    updated_ids: list[int] = dataclasses.field(default_factory=list)

    @property
    def updated(self) -> int:
        return len(self.updated_ids)


def import_commit(*, user: Any, upload_id: Any, publish: bool = False) -> ImportOutcome:
    """Step 2: check the kept cells again and store every row without an error, all or nothing.

    Raises Http404-worthy LookupError for an upload not of the user's organisation, ImportFileInvalid when it
    was already imported or has expired, ImportSaveFailed when saving failed (then nothing is stored).
    """
    _require_importer(user)
    uploads = PostingImportUpload.objects.filter(pk=upload_id, organization_id=user.organization_id)
    upload = _usable_upload(uploads.first())
    # Checked again (the rules, the date may have changed since), outside the transaction: a 1,000-row check
    # takes a second or more, and on SQLite a write transaction holds the whole site's write lock meanwhile.
    report = _check_rows(user, Table.from_json(upload.table), upload.filename)
    try:
        with transaction.atomic():
            # Claimed under the lock: a second commit of the same upload (a double click, two tabs) stops here,
            # and what this organisation imported or edited meanwhile is looked up here (_commit).
            _usable_upload(uploads.select_for_update().first())
            ids, updated, published = _commit(user, report, publish=publish)
            upload.used_at = clock.now()
            upload.report = report.as_dict()
            upload.save(update_fields=["used_at", "report"])
    except (DatabaseError, services.PostingInvalid) as exc:
        raise ImportSaveFailed(_SAVE_FAILED) from exc
    return ImportOutcome(
        created=len(ids), published=published, report=report.as_dict(), ids=ids, updated_ids=updated
    )


def _usable_upload(upload: PostingImportUpload | None) -> PostingImportUpload:
    if upload is None:
        raise LookupError("upload")
    if upload.used_at is not None:
        raise ImportFileInvalid("このファイルは登録済みです。")
    if upload.created_at < clock.now() - UPLOAD_TTL:
        raise ImportFileInvalid("アップロードから時間が経ったため、もう一度アップロードしてください。")
    return upload


def import_run(
    *, user: Any, filename: str, data: bytes, dry_run: bool, publish: bool = False, sheet: str = ""
) -> ImportOutcome:
    """Both steps at once for the API: the report, and unless `dry_run` the rows without an error stored."""
    _require_importer(user)
    table = read_table(filename, data, sheet=sheet)
    if dry_run:
        return ImportOutcome(created=0, published=0, report=_check_table(user, table, filename).as_dict())
    # Checked outside the transaction, as in import_commit: on SQLite a write transaction holds the whole site's
    # write lock, and a 1,000-row check takes a second or more. What is stored is looked up under the lock.
    report = _check_rows(user, table, filename)
    try:
        with transaction.atomic():
            ids, updated, published = _commit(user, report, publish=publish)
    except (DatabaseError, services.PostingInvalid) as exc:
        raise ImportSaveFailed(_SAVE_FAILED) from exc
    return ImportOutcome(
        created=len(ids), published=published, report=report.as_dict(), ids=ids, updated_ids=updated
    )


def import_uploads_purge(*, now: dt.datetime | None = None) -> int:
    """Delete every upload past UPLOAD_TTL, imported or not. An upload keeps every cell of the spreadsheet (a
    担当者's name and telephone among them) and is of no use once it cannot be imported; waiting for the
    organisation's next upload kept it for good when none came. Run hourly by `bonavi run_worker` and by
    `bonavi outbox_retention`; idempotent."""
    cutoff = (now or clock.now()) - UPLOAD_TTL
    deleted, _ = PostingImportUpload.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# The report page's row filters (?show=): key, link text, the row statuses it lists.
REPORT_FILTERS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("all", "すべて", frozenset(_STATUS_LABELS)),
    ("errors", "エラーのある行だけ", frozenset({"error"})),
    ("updates", "更新", frozenset({"update"})),
    ("duplicates", "登録済み", frozenset({"duplicate"})),
)
# Listed only when some row has the status: most files update nothing, and on a phone the links wrap.
_FILTERS_WHEN_ANY = {"updates"}


@dataclass
class ReportRows:
    show: str
    rows: list[dict[str, Any]]
    filters: list[dict[str, Any]]  # key, label, count, current


def report_rows(report: dict[str, Any], show: str | None) -> ReportRows:
    """The rows the report page lists for `?show=`. Without one (or an unknown one) a report with errors lists
    only the rows in error: they are what the person has to act on, and among 1,000 rows they would be lost in
    the rows that need nothing (those are counted in the summary and stored by the button anyway)."""
    rows = report.get("rows", [])
    keys = {key for key, _label, _statuses in REPORT_FILTERS}
    if show not in keys:
        show = "errors" if any(r["status"] == "error" for r in rows) else "all"
    filters = []
    listed: list[dict[str, Any]] = []
    for key, label, statuses in REPORT_FILTERS:
        matching = [r for r in rows if r["status"] in statuses]
        if key in _FILTERS_WHEN_ANY and not matching and key != show:
            continue
        filters.append({"key": key, "label": label, "count": len(matching), "current": key == show})
        if key == show:
            listed = matching
    # Each row's problems in two lists: what stops the row from being stored, and what is only to be checked
    # (warnings, how a cell was read). Mixed in one list, a 「（確認）」 line read as one more error.
    listed = [
        {
            **r,
            "errors": [p for p in r["problems"] if p["level"] == "error"],
            "checks": [p for p in r["problems"] if p["level"] != "error"],
        }
        for r in listed
    ]
    return ReportRows(show=show, rows=listed, filters=filters)


def upload_for(*, user: Any, upload_id: Any) -> PostingImportUpload | None:
    """An upload the user may see: one of their own organisation's."""
    if not getattr(user, "is_employer", False) or getattr(user, "organization_id", None) is None:
        return None
    return PostingImportUpload.objects.filter(pk=upload_id, organization_id=user.organization_id).first()


# Templates ----------------------------------------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    return [[c.header for c in COLUMNS], [c.example for c in COLUMNS]]


def template_csv() -> bytes:
    # Our own headers and examples, nobody's typed text: written as they are (an example may start with 「-」).
    return excel_csv(template_rows(), safe=False).encode("utf-8")


def template_xlsx() -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "求人"
    for row in template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    guide = wb.create_sheet("記入方法")
    guide.append(["列", "必須（新規登録の行）", "入力する値"])
    for c in COLUMNS:
        guide.append([c.header, "必須" if c.required else "", allowed_values(c)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
