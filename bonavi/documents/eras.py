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

# The eras themselves are core's: core.dates reads 和暦 days in every date box and in postings' text, and core reads a
# 年月 typed in 和暦 (設立 on the company profile, the month boxes here). The names marked are this app's imports
# of them (review, the tests).
from bonavi.core.eras import (
    ERA_BY_LETTER,  # noqa: F401
    ERA_BY_NAME,  # noqa: F401
    ERAS,
    Era,
    NoSuchEraMonth,  # noqa: F401
    era_month_exists,
    era_to_western,  # noqa: F401
    parse_wareki_ym,  # noqa: F401
    to_int,  # noqa: F401
)
from bonavi.core.eras import year_text as _year_text


def era_of(day: dt.date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise ValueError("明治より前の日付は和暦で表せません")


def era_year(era: Era, year: int) -> int:
    return year - era.start.year + 1


def wareki_date(day: dt.date) -> str:
    era = era_of(day)
    return f"{era.name}{_year_text(era_year(era, day.year))}年{day.month}月{day.day}日"


def wareki_ym(year: int, month: int) -> str:
    """A month in 和暦. The era is the one in force on the month's last day (see the module docstring)."""
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    era = era_of(last)
    return f"{era.name}{_year_text(era_year(era, year))}年{month}月"


def era_year_exists(era: Era, era_year_number: int) -> bool:
    return any(era_month_exists(era, era_year_number, m) for m in range(1, 13))


# 和暦 written in free text: 令和5年, 平成元年4月, R5, H31.4, S64年 (the letter forms are abbreviations too).
WAREKI_IN_TEXT: Final = re.compile(
    r"(?P<era>令和|平成|昭和|大正)\s*(?P<year>元|[0-9０-９]{1,2})\s*年(?:\s*(?P<month>[0-9０-９]{1,2})\s*月)?"
)
ERA_LETTER_IN_TEXT: Final = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ])(?P<letter>[RHSＲＨＳ])\s*(?P<year>[0-9０-９]{1,2})(?:\s*[年./](?:\s*(?P<month>[0-9０-９]{1,2}))?|(?![0-9０-９A-Za-z]))"
)
WESTERN_YEAR_IN_TEXT: Final = re.compile(r"(?<![0-9０-９])(?P<year>(?:19|20|１９|２０)[0-9０-９]{2})\s*年")
