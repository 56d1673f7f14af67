"""Reading a calendar day as people write it in Japan: 2026年11月1日, 2026/11/1, 2026-11-01, 2026.11.1, 令和8年11月1日,
R8.11.1. One reader for the compliance checker (dates inside a posting's text), the bulk import's cells and every
date box on the site (core.forms.DayField), so a day one of them understands the others understand too."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

_ERA: Final = {"令和": 2018, "平成": 1988, "R": 2018, "H": 1988}
DATE: Final = re.compile(
    r"(?:(?P<era>令和|平成|R|H)\s*(?P<ey>\d{1,2}|元)|(?P<y>20\d{2}|19\d{2}))\s*(?:年|/|-|\.)\s*(?P<m>\d{1,2})\s*"
    r"(?:月|/|-|\.)\s*(?P<d>\d{1,2})\s*日?"
)


def date_parts(m: re.Match[str]) -> tuple[int, int, int]:
    """The western year, month and day a DATE match names, whether or not that day exists (2026, 2, 30)."""
    if m.group("era"):
        ey = m.group("ey")
        year = _ERA[m.group("era")] + (1 if ey == "元" else int(ey))
    else:
        year = int(m.group("y"))
    return year, int(m.group("m")), int(m.group("d"))


def parse_date(m: re.Match[str]) -> dt.date | None:
    """The day a DATE match names, or None when it does not exist (2026年2月30日)."""
    try:
        return dt.date(*date_parts(m))
    except ValueError:
        return None
