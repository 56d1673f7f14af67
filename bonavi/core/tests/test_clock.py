"""The Japanese calendar day of a stored (UTC) moment."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core import clock
from bonavi.core.clock import date_jst, today_jst


def test_the_day_in_japan_starts_at_15_utc() -> None:
    assert date_jst(dt.datetime(2026, 3, 31, 14, 59, tzinfo=dt.UTC)) == dt.date(2026, 3, 31)
    assert date_jst(dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)) == dt.date(2026, 4, 1)


def test_a_naive_datetime_is_refused_rather_than_read_as_server_time() -> None:
    with pytest.raises(ValueError):
        date_jst(dt.datetime(2026, 3, 31, 15, 0))


def test_freezing_clock_now_moves_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # 15:00 UTC on 31 March is already 1 April in Japan, whatever the real date is.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2030, 3, 31, 15, 0, tzinfo=dt.UTC))
    assert today_jst() == clock.today_jst() == dt.date(2030, 4, 1)


def test_a_moment_is_written_in_japan_time_with_its_weekday() -> None:
    # 15:30 UTC on Wednesday 25 November is Thursday the 26th, 00:30, in Japan
    assert clock.moment_ja(dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)) == "2026年11月26日（木）00:30"
    with pytest.raises(ValueError):
        clock.moment_ja(dt.datetime(2026, 11, 25, 15, 30))


def test_tomorrow_window_is_the_next_japanese_day_from_eight_in_the_morning() -> None:
    # 2026-12-02 23:30 UTC is 12-03 08:30 in Japan: tomorrow there is 12-04.
    start, end = clock.tomorrow_window_jst(dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.UTC)) or (None, None)
    assert start == dt.datetime(2026, 12, 4, tzinfo=clock.JST) and end == dt.datetime(
        2026, 12, 5, tzinfo=clock.JST
    )
    # 07:59 in Japan: a day-before reminder waits for the morning rather than going out in the night.
    assert clock.tomorrow_window_jst(dt.datetime(2026, 12, 3, 7, 59, tzinfo=clock.JST)) is None
    assert clock.tomorrow_window_jst(dt.datetime(2026, 12, 3, 8, 0, tzinfo=clock.JST)) is not None


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    """The 6-month check's due day and the disclosure's 6か月以内 are counted with it."""
    assert clock.add_months(dt.date(2025, 5, 1), 6) == dt.date(2025, 11, 1)
    assert clock.add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert clock.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert clock.add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
    assert clock.add_months(dt.date(2026, 1, 31), -2) == dt.date(2025, 11, 30)


def test_month_day_ja_is_the_day_without_its_year() -> None:
    """One format for 「12月3日（木）」: the end of an interview's or an event's span on another day, and the
    interview's day on the applicants list."""
    from bonavi.core.clock import month_day_ja

    assert month_day_ja(dt.date(2026, 12, 3)) == "12月3日（木）"
    assert month_day_ja(dt.date(2027, 1, 8)) == "1月8日（金）"


def test_period_ja_is_when_a_booked_span_takes_place() -> None:
    """One wording for an interview's and a 企業説明会's time: the end's day only when it is another day in Japan,
    「〜」 alone without an end."""
    start = dt.datetime(2026, 12, 3, 5, 0, tzinfo=dt.UTC)  # 14:00 on Thursday 3 December in Japan
    assert clock.period_ja(start, start + dt.timedelta(minutes=90)) == "2026年12月3日（木）14:00〜15:30"
    assert clock.period_ja(start) == "2026年12月3日（木）14:00〜"
    # 12-03 23:00 to 12-04 01:00 in Japan (both 12-03 in UTC): the end's day is named
    late = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)
    across = clock.period_ja(late, late + dt.timedelta(hours=2))
    assert across == "2026年12月3日（木）23:00〜12月4日（金）01:00"
