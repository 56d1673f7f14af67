"""core.dates: the one reader of days as written in Japan, with every era of the shared era table."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core.dates import DATE, as_written, parse_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026年4月1日", dt.date(2026, 4, 1)),
        ("令和8年4月1日", dt.date(2026, 4, 1)),
        ("R8.4.1", dt.date(2026, 4, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("昭和60年4月1日", dt.date(1985, 4, 1)),  # a birth date (the table had 令和 and 平成 only)
        ("S60.4.1", dt.date(1985, 4, 1)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        # Days that are not: the calendar's, and an era's outside its own span.
        ("2026年2月30日", None),
        ("令和0年4月1日", None),
        ("令和1年1月1日", None),  # still 平成31年
        ("平成31年5月1日", None),  # already 令和
        ("昭和64年1月8日", None),
    ],
)
def test_a_day_is_read_in_every_era_and_only_within_it(text: str, day: dt.date | None) -> None:
    m = DATE.fullmatch(text)
    assert m is not None
    assert parse_date(m) == day


def test_a_day_that_is_not_is_named_as_written() -> None:
    m = DATE.fullmatch("R1.1.1")
    assert m is not None and as_written(m) == "令和1年1月1日"
    m = DATE.fullmatch("2026-02-30")
    assert m is not None and as_written(m) == "2026年2月30日"
