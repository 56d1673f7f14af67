"""Reading amounts of money, wages, dates, clock times and durations out of NFKC-normalised Japanese text.

Everything here works on normalised text (half-width digits, `~` for 〜, `:` for ：) and returns spans in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bonavi.core.dates import DATE, parse_date

from .facts import WageUnit

# One amount: 250,000円 / 25万円 / 25.5万円 / 25万5,000円 / 1100円 / 千円 is rare in ads and not handled.
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
AMOUNT = re.compile(
    rf"(?P<a>{_NUM})\s*(?:(?P<man>万)\s*(?:(?P<rest>\d{{1,3}}(?:,\d{{3}})|\d{{1,4}})\s*)?)?(?P<yen>円)?"
)
RANGE_SEP = r"\s*(?:~|-|から|〜|～)\s*"

UNIT_WORDS: dict[str, WageUnit] = {
    "時給": "hour", "時間給": "hour", "時間額": "hour",
    "日給": "day", "日額": "day", "日当": "day",
    "月給": "month", "月収": "month", "月額": "month", "月給制": "month", "基本給": "month", "固定給": "month",
    "年収": "year", "年俸": "year", "想定年収": "year", "年給": "year", "年額": "year",
}  # fmt: skip
_UNIT_ALT = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
# A wage: a unit word, a few non-digit characters (「：」「（月額）」), then an amount or a range of amounts.
WAGE = re.compile(
    rf"(?P<unit>{_UNIT_ALT})[^\d\n。、]{{0,6}}?(?P<lo>(?:{_NUM})\s*(?:万\s*(?:\d{{1,3}}(?:,\d{{3}})|\d{{1,4}})?)?\s*円?)"
    rf"(?:{RANGE_SEP}(?P<hi>(?:{_NUM})\s*(?:万\s*(?:\d{{1,3}}(?:,\d{{3}})|\d{{1,4}})?)?\s*円?))?"
)


def yen(text: str) -> int | None:
    """The integer yen of one amount as written (「25万5,000円」 → 255000), or None."""
    m = AMOUNT.fullmatch(text.strip())
    if not m:
        return None
    base = float(m.group("a").replace(",", ""))
    if m.group("man"):
        value = base * 10_000
        if m.group("rest"):
            value += int(m.group("rest").replace(",", ""))
        return round(value)
    return round(base)


@dataclass(frozen=True)
class WageMention:
    unit: WageUnit
    label: str  # the word that named the unit, e.g. 月給, 基本給
    low: int
    high: int | None
    start: int
    end: int


def wage_mentions(text: str) -> list[WageMention]:
    """Every 「時給1,100円」「月給25万〜30万円」 style wage in the text, in order."""
    found: list[WageMention] = []
    for m in WAGE.finditer(text):
        lo_text, hi_text = m.group("lo"), m.group("hi")
        # 「月給25万〜30万円」: the unit 万 of the upper bound applies to the lower bound too.
        if hi_text and "万" in hi_text and "万" not in lo_text and "円" not in lo_text:
            lo_text = lo_text + "万"
        low = yen(lo_text)
        if low is None or low == 0:
            continue
        # 「月給25」 without 円 or 万 is a day of the month or a count, not money — unless a range ends in 円.
        if (
            "円" not in lo_text
            and "万" not in lo_text
            and not (hi_text and ("円" in hi_text or "万" in hi_text))
        ):
            continue
        high = yen(hi_text) if hi_text else None
        found.append(WageMention(UNIT_WORDS[m.group("unit")], m.group("unit"), low, high, m.start(), m.end()))
    return found


def amounts(text: str) -> list[tuple[int, int, int]]:
    """(yen, start, end) for every amount that says 円 or 万円."""
    out = []
    for m in AMOUNT.finditer(text):
        if not (m.group("yen") or m.group("man")):
            continue
        # a figure followed by 時間/歳/日 is not money even if a 円 follows later
        value = yen(m.group(0))
        if value:
            out.append((value, m.start(), m.end()))
    return out


# Dates: read by core.dates (DATE, parse_date), which the bulk import and the date boxes share.


def dates(text: str) -> list[tuple[dt.date, int, int]]:
    out = []
    for m in DATE.finditer(text):
        d = parse_date(m)
        if d:
            out.append((d, m.start(), m.end()))
    return out


# Clock times and ranges: 9:00~18:00, 9時~18時, 9時30分~18時, 午前9時~午後6時
_CLOCK = r"(?:(?P<{p}ampm>午前|午後|AM|PM)\s*)?(?P<{p}h>\d{{1,2}})\s*(?::(?P<{p}m>\d{{2}})|時\s*(?:(?P<{p}m2>\d{{1,2}})\s*分|半)?)"
TIME_RANGE = re.compile(_CLOCK.format(p="s") + r"\s*(?:~|-|から|〜)\s*" + _CLOCK.format(p="e"))


def _clock(m: re.Match[str], p: str) -> dt.time | None:
    hour = int(m.group(f"{p}h"))
    minute_text = m.group(f"{p}m") or m.group(f"{p}m2")
    minute = int(minute_text) if minute_text else (30 if m.group(0).find("半") >= 0 and p == "e" else 0)
    ampm = m.group(f"{p}ampm")
    if ampm in ("午後", "PM") and hour < 12:
        hour += 12
    if hour == 24:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


@dataclass(frozen=True)
class TimeRange:
    start: dt.time
    end: dt.time
    span: tuple[int, int]

    @property
    def minutes(self) -> int:
        a = self.start.hour * 60 + self.start.minute
        b = self.end.hour * 60 + self.end.minute
        return b - a if b > a else b + 24 * 60 - a


def time_ranges(text: str) -> list[TimeRange]:
    out = []
    for m in TIME_RANGE.finditer(text):
        start, end = _clock(m, "s"), _clock(m, "e")
        if start is None or end is None or start == end:
            continue
        out.append(TimeRange(start, end, (m.start(), m.end())))
    return out


DURATION = re.compile(r"(?P<h>\d+(?:\.\d+)?)\s*時間\s*(?:(?P<m>\d{1,2})\s*分)?|(?P<only_m>\d{1,3})\s*分")


def minutes_in(text: str) -> int | None:
    """The first duration written in the text, in minutes (「1時間」「45分」「7時間45分」)."""
    m = DURATION.search(text)
    if not m:
        return None
    if m.group("only_m"):
        return int(m.group("only_m"))
    return round(float(m.group("h")) * 60) + (int(m.group("m")) if m.group("m") else 0)
