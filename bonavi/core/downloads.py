"""A file answered as a download (CSV, JSON, PDF, iCalendar), with its name written once, by Django.

`content_disposition_header` quotes an ASCII name and writes any other (「履歴書.pdf」) as RFC 6266's `filename*`,
which every current browser reads; a name built by hand got the quoting wrong in one place or another. What the
name may hold is `file_stem`'s one rule, for every download named from what a person typed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.http import content_disposition_header

# What no file name on Windows or macOS may hold (a browser renames or cuts the name at them), with the path
# separators: 株式会社A/B's 「/」.
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]')


def file_stem(text: str, max_len: int) -> str:
    """`text` made a plain file name (before its extension) of at most `max_len` characters, "" when nothing is
    left: no control or format characters (U+202E would show 「fdp.exe」 as 「exe.pdf」), each character a file name
    cannot hold made 「_」 — which keeps the words of 「議事録 2026/11/26」 apart, where dropping it would run them
    together — and no leading or trailing spaces or dots (a leading dot hides a file; trailing ones Windows drops)."""
    name = unicodedata.normalize("NFC", text)
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _NOT_IN_FILE_NAMES.sub("_", name).strip(" .")
    return name[:max_len].strip(" .")


def attachment(body: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """`body` as a download saved under `filename`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# A cell Excel (or LibreOffice) would run as a formula: =, +, -, @ as OWASP lists them, and tab / CR, which some
# versions skip before looking at the next character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: str, *, numbers: bool = True) -> str:
    """A cell Excel will not run: text from seekers and employers that starts like a formula (=HYPERLINK(…)) gets a
    leading 「'」. With `numbers` a negative amount written as text (a 返戻金 「-30000」) stays a number; without, where
    every string is someone's typed text (マイデータ), 「-1」 is defused too."""
    if value.startswith(FORMULA_START) and not (numbers and value.lstrip("-").isdigit()):
        return "'" + value
    return value


def excel_csv(rows: Iterable[Iterable[str]], *, safe: bool = True) -> str:
    """CSV text for Excel: the BOM first (without it Excel reads UTF-8 as Shift_JIS), CRLF line ends, each cell
    through excel_safe unless the caller writes only its own text (`safe=False`: an import template's headers)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([excel_safe(cell) for cell in row] if safe else list(row) for row in rows)
    return buffer.getvalue()
