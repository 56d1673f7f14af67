"""The Japanese calendar day of a stored (UTC) moment."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core.clock import date_jst


def test_the_day_in_japan_starts_at_15_utc() -> None:
    assert date_jst(dt.datetime(2026, 3, 31, 14, 59, tzinfo=dt.UTC)) == dt.date(2026, 3, 31)
    assert date_jst(dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)) == dt.date(2026, 4, 1)


def test_a_naive_datetime_is_refused_rather_than_read_as_server_time() -> None:
    with pytest.raises(ValueError):
        date_jst(dt.datetime(2026, 3, 31, 15, 0))
