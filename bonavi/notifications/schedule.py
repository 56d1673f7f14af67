"""When a saved search is next due, by frequency. Times are computed in Asia/Tokyo and stored in UTC."""

from __future__ import annotations

import datetime as dt

from bonavi.core.clock import JST

from .models import Frequency

DIGEST_HOUR_JST = 7  # 毎日・毎週 digests arrive before the working day starts
WEEKLY_WEEKDAY = 0  # Monday
# A posting's date_posted is set a moment before its transaction commits. A pass only covers postings at least
# this old, so one still committing is never skipped: it falls into the next window instead.
SETTLE = dt.timedelta(seconds=60)
# How often `run_worker` looks for due digests; with SETTLE this keeps 即時 within 15 minutes.
INSTANT_INTERVAL = dt.timedelta(minutes=5)


def next_due(frequency: str, *, after: dt.datetime) -> dt.datetime | None:
    """The first moment strictly after `after` at which a search of this frequency is due (None when 停止)."""
    if frequency == Frequency.OFF:
        return None
    if frequency == Frequency.INSTANT:
        return after
    local = after.astimezone(JST)
    slot = local.replace(hour=DIGEST_HOUR_JST, minute=0, second=0, microsecond=0)
    if slot <= local:
        slot += dt.timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        slot += dt.timedelta(days=(WEEKLY_WEEKDAY - slot.weekday()) % 7)
    return slot.astimezone(dt.UTC)
