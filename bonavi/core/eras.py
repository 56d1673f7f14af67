"""The Japanese eras (和暦) from 明治, with their letters and first and last days: one table for reading dates
(core.dates: date boxes, the bulk import, the compliance checker) and printing them (documents.eras)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date
    end: dt.date | None  # inclusive; None while current


ERAS: Final[tuple[Era, ...]] = (
    Era("令和", "R", dt.date(2019, 5, 1), None),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    # Documents accept months from 1900 (明治33), so 明治 is needed; its start before 1873's calendar change
    # never matters here.
    Era("明治", "M", dt.date(1868, 10, 23), dt.date(1912, 7, 29)),
)
ERA_BY_NAME: Final[dict[str, Era]] = {e.name: e for e in ERAS}
ERA_BY_LETTER: Final[dict[str, Era]] = {e.letter: e for e in ERAS}


def year_text(n: int) -> str:
    """An era year as written: 元 for the first."""
    return "元" if n == 1 else str(n)


def era_month_exists(era: Era, era_year_number: int, month: int) -> bool:
    """Whether 「<era><n>年<month>月」 names a month in which the era was in force on at least one day."""
    if era_year_number < 1 or not 1 <= month <= 12:
        return False
    year = era.start.year + era_year_number - 1
    first = dt.date(year, month, 1)
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    if last < era.start:
        return False
    return not (era.end is not None and first > era.end)


def era_to_western(era: Era, era_year_number: int) -> int:
    return era.start.year + era_year_number - 1


# A whole 年月 field typed (already NFKC-folded): 2005-04 (a month box), 2005/4, 2005.4, 2005年4月 ...
_WESTERN_YM: Final = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
# ... or in 和暦: 令和3年4月, 平成元年12月, R3.4, h3/4, 明治45-7.
_WAREKI_YM: Final = re.compile(
    rf"(?P<era>{'|'.join(e.name for e in ERAS)}|[{''.join(e.letter for e in ERAS)}])\s*(?P<year>元|\d{{1,2}})"
    r"\s*[-/.年]\s*(?P<month>\d{1,2})\s*月?"
)


class NoSuchEraMonth(ValueError):
    """A 和暦 month its era never had (平成32年1月, 令和元年4月; the message says the era's span, in Japanese), or no
    month at all (令和6年13月)."""


def parse_wareki_ym(text: str) -> tuple[int, int] | None:
    """The western (year, month) of a 年月 typed in 和暦, or None when the text is no 和暦 month (the caller's reader
    then says what it expects). Raises NoSuchEraMonth for a month outside its era, and for a month 13 or 0 —
    「令和6年13月はありません。」, as the callers say a western 「2026年13月」 (ADR 0137): shaped as a month, it got the
    reader's 「読めません…"2021-04" のように」, which asks for a form she already used."""
    m = _WAREKI_YM.fullmatch(text.upper() if text[:1].isascii() else text)
    if m is None:
        return None
    era = ERA_BY_NAME.get(m["era"]) or ERA_BY_LETTER[m["era"]]
    year, month = to_int(m["year"]), int(m["month"])
    if not 1 <= month <= 12:
        raise NoSuchEraMonth(f"{era.name}{year_text(year)}年{month}月はありません。")
    if not era_month_exists(era, year, month):
        until = f"{era.end.year}年{era.end.month}月{era.end.day}日まで" if era.end else ""
        raise NoSuchEraMonth(
            f"{era.name}{year_text(year)}年{month}月はありません"
            f"（{era.name}は{era.start.year}年{era.start.month}月{era.start.day}日から{until}）。"
        )
    return era_to_western(era, year), month


def to_int(text: str) -> int:
    return 1 if text == "元" else int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def year_month(text: str) -> tuple[int, int] | None:
    """The western (year, month) of a 年月 typed in a form (NFKC-folded, stripped) in either calendar, or None when
    it is no year and month. A western month is returned as typed (13 too) for the caller to refuse in its own
    words; a 和暦 month outside its era raises NoSuchEraMonth. The documents editor's month boxes and the company
    profile's 設立 read months by this one rule."""
    if m := _WESTERN_YM.fullmatch(text):
        return int(m.group(1)), int(m.group(2))
    return parse_wareki_ym(text)
