"""Reading a calendar day as people write it in Japan: 2026年11月1日, 2026/11/1, 2026-11-01, 2026.11.1, 令和8年11月1日,
R8.11.1, 昭和60年4月1日, S60.4.1. One reader for the compliance checker (dates inside a posting's text), the bulk
import's cells and every date box on the site (core.forms.DayField), so a day one of them understands the others
understand too."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from .eras import ERA_BY_LETTER, ERA_BY_NAME, ERAS, Era

DATE: Final = re.compile(
    rf"(?:(?P<era>{'|'.join(e.name for e in ERAS)}|[{''.join(e.letter for e in ERAS)}])\s*(?P<ey>\d{{1,2}}|元)"
    r"|(?P<y>20\d{2}|19\d{2}))\s*(?:年|/|-|\.)\s*(?P<m>\d{1,2})\s*(?:月|/|-|\.)\s*(?P<d>\d{1,2})\s*日?"
)


def _era(m: re.Match[str]) -> tuple[Era, int] | None:
    if not m.group("era"):
        return None
    ey = m.group("ey")
    return ERA_BY_NAME.get(m.group("era")) or ERA_BY_LETTER[m.group("era")], 1 if ey == "元" else int(ey)


def date_parts(m: re.Match[str]) -> tuple[int, int, int]:
    """The western year, month and day a DATE match names, whether or not that day exists (2026, 2, 30)."""
    era = _era(m)
    year = era[0].start.year - 1 + era[1] if era else int(m.group("y"))
    return year, int(m.group("m")), int(m.group("d"))


def as_written(m: re.Match[str]) -> str:
    """The day as the person wrote it, in words: 「2026年2月30日」, 「令和1年1月1日」 (for R1.1.1)."""
    _y, month, day = date_parts(m)
    era = _era(m)
    year = f"{era[0].name}{m.group('ey')}" if era else m.group("y")
    return f"{year}年{month}月{day}日"


def parse_date(m: re.Match[str]) -> dt.date | None:
    """The day a DATE match names, or None when it does not exist: 2026年2月30日, and an era day outside its era
    (令和0年, 令和1年1月1日 — still 平成 —, 平成32年)."""
    try:
        day = dt.date(*date_parts(m))
    except ValueError:
        return None
    era = _era(m)
    if era and (era[1] < 1 or day < era[0].start or (era[0].end is not None and day > era[0].end)):
        return None
    return day
