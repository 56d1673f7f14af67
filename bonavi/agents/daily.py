"""The agency's daily duties, run by `bonavi run_worker` (registered in AgentsConfig.ready) or by
`bonavi agents_daily` from cron. Every step is idempotent, so running it hourly, twice, or on two workers at once
changes nothing the second time."""

from __future__ import annotations

import datetime as dt

from bonavi.core.clock import JST

from .books import books_anonymise
from .invitations import invitations_purge
from .services import follow_ups_expire, follow_ups_remind, referrals_stalled_remind

EVERY_SECONDS = 60 * 60  # hourly: a day's work is tiny, and a missed run is caught up within the hour


def agents_daily(*, today: dt.date | None = None) -> dict[str, int]:
    now = None
    if today is not None:  # tests pass a day; the stall check needs a moment on it
        now = dt.datetime.combine(today, dt.time(9), tzinfo=JST)
    return {
        "stalled": referrals_stalled_remind(now=now),
        "reminded": follow_ups_remind(today=today),
        "unknown": follow_ups_expire(today=today),
        "anonymised": books_anonymise(today=today),
        # 求職者の招待: the typed name and address, KEEP_DAYS after the link expired (ADR 0104).
        "invitations_deleted": invitations_purge(now=now),
    }
