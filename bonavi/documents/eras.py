"""和暦 (Japanese era) conversion. Dates are ISO inside the product; an era is only a way to print them.

Era boundaries are days, not years: 昭和64 ends 1989-01-07 and 平成 starts 1989-01-08; 平成31 ends 2019-04-30 and
令和 starts 2019-05-01. A month-only date (a 履歴書 row) belongs to the era in force on the first day of that month,
except where the month contains a change: then both spellings name a real month, and we print the later era
(1989年1月 → 平成元年1月, 2019年5月 → 令和元年5月 because 令和 began on the 1st).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

# The eras themselves are core's: core.dates reads 和暦 days in every date box and in postings' text.
from bonavi.core.eras import ERA_BY_LETTER, ERA_BY_NAME, ERAS, Era


def era_of(day: dt.date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError("明治より前の日付は和暦で表せません")


def era_year(era: Era, year: int) -> int:
    return year - era.start.year + 1


def _year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def wareki_date(day: dt.date) -> str:
    era = era_of(day)
    return f"{era.name}{_year_text(era_year(era, day.year))}年{day.month}月{day.day}日"


def wareki_ym(year: int, month: int) -> str:
    """A month in 和暦. The era is the one in force on the month's last day (see the module docstring)."""
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    era = era_of(last)
    return f"{era.name}{_year_text(era_year(era, year))}年{month}月"


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


def era_year_exists(era: Era, era_year_number: int) -> bool:
    return any(era_month_exists(era, era_year_number, m) for m in range(1, 13))


def era_to_western(era: Era, era_year_number: int) -> int:
    return era.start.year + era_year_number - 1


# 和暦 written in free text: 令和5年, 平成元年4月, R5, H31.4, S64年 (the letter forms are abbreviations too).
WAREKI_IN_TEXT: Final = re.compile(
    r"(?P<era>令和|平成|昭和|大正)\s*(?P<year>元|[0-9０-９]{1,2})\s*年(?:\s*(?P<month>[0-9０-９]{1,2})\s*月)?"
)
ERA_LETTER_IN_TEXT: Final = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ])(?P<letter>[RHSＲＨＳ])\s*(?P<year>[0-9０-９]{1,2})(?:\s*[年./](?:\s*(?P<month>[0-9０-９]{1,2}))?|(?![0-9０-９A-Za-z]))"
)
WESTERN_YEAR_IN_TEXT: Final = re.compile(r"(?<![0-9０-９])(?P<year>(?:19|20|１９|２０)[0-9０-９]{2})\s*年")


# A whole 年月 field typed in 和暦 (already NFKC-folded): 令和3年4月, 平成元年12月, R3.4, h3/4, 明治45-7.
_WAREKI_YM: Final = re.compile(
    rf"(?P<era>{'|'.join(e.name for e in ERAS)}|[{''.join(e.letter for e in ERAS)}])\s*(?P<year>元|\d{{1,2}})"
    r"\s*[-/.年]\s*(?P<month>\d{1,2})\s*月?"
)


class NoSuchEraMonth(ValueError):
    """A 和暦 month its era never had (平成32年1月, 令和元年4月); the message says the era's span, in Japanese."""


def parse_wareki_ym(text: str) -> tuple[int, int] | None:
    """The western (year, month) of a 年月 typed in 和暦, or None when the text is no 和暦 month (month 13 neither:
    the caller's reader then says what it expects). Raises NoSuchEraMonth for a month outside its era."""
    m = _WAREKI_YM.fullmatch(text.upper() if text[:1].isascii() else text)
    if m is None:
        return None
    era = ERA_BY_NAME.get(m["era"]) or ERA_BY_LETTER[m["era"]]
    year, month = to_int(m["year"]), int(m["month"])
    if not 1 <= month <= 12:
        return None
    if not era_month_exists(era, year, month):
        until = f"{era.end.year}年{era.end.month}月{era.end.day}日まで" if era.end else ""
        raise NoSuchEraMonth(
            f"{era.name}{_year_text(year)}年{month}月はありません"
            f"（{era.name}は{era.start.year}年{era.start.month}月{era.start.day}日から{until}）。"
        )
    return era_to_western(era, year), month


def to_int(text: str) -> int:
    return 1 if text == "元" else int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
