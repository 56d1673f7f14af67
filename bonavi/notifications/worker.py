"""The background worker: a loop that runs registered duties at their intervals (ADR 0040).

Built in: sending the outbox (every tick), the digest pass (every INSTANT_INTERVAL), the outbox retention
(hourly, ADR 0044), deleting week-old pending sign-ups (hourly, ADR 0071) and expired bulk-import uploads
(hourly, ADR 0082), and rebuilding the XML job feed when postings changed (every 10 minutes, ADR 0081). Another app
adds a duty
with `register_duty` from its AppConfig.ready(), so this module never imports a later app.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections

from bonavi.accounts.services import pending_signups_purge, team_invitations_purge
from bonavi.jobs.bulk_import import import_uploads_purge
from bonavi.jobs.feed_files import REFRESH_SECONDS as FEED_REFRESH_EVERY
from bonavi.jobs.feed_files import feed_refresh_in_background

from .digests import digests_prepare
from .outbox import outbox_drain
from .retention import EVERY_SECONDS as RETENTION_EVERY
from .retention import outbox_retention
from .schedule import INSTANT_INTERVAL

log = logging.getLogger(__name__)


@dataclass
class Duty:
    name: str
    every: float  # seconds
    run: Callable[[], object]


_DUTIES: dict[str, Duty] = {}


def register_duty(name: str, *, every: float) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def wrap(fn: Callable[[], object]) -> Callable[[], object]:
        _DUTIES[name] = Duty(name, every, fn)
        return fn

    return wrap


def duties() -> list[Duty]:
    return list(_DUTIES.values())


register_duty("digests", every=INSTANT_INTERVAL.total_seconds())(digests_prepare)
register_duty("outbox", every=0)(outbox_drain)
register_duty("outbox_retention", every=RETENTION_EVERY)(outbox_retention)
# Sign-ups never confirmed keep an address and a password hash: gone after a week (ADR 0071).
register_duty("pending_signups_purge", every=RETENTION_EVERY)(pending_signups_purge)
# Team invitations keep an address of someone who may never have joined: gone after a week (ADR 0078).
register_duty("team_invitations_purge", every=RETENTION_EVERY)(team_invitations_purge)
# The XML job feed's files, rebuilt when a posting changed since the last build (ADR 0081); in a thread of its own,
# since a big build takes minutes and the outbox must keep going meanwhile.
register_duty("job_feed", every=FEED_REFRESH_EVERY)(feed_refresh_in_background)
# A bulk-import upload keeps every cell of the employer's spreadsheet: gone when it expires (2 hours, ADR 0082).
register_duty("import_uploads_purge", every=RETENTION_EVERY)(import_uploads_purge)


def run_worker(
    *, stop: threading.Event, tick: float = 5.0, report: Callable[[str, object], None] | None = None
) -> None:
    """Run every duty when due until `stop` is set. A failing duty is logged and retried at its next turn."""
    last: dict[str, float] = {}
    while not stop.is_set():
        for duty in duties():
            if stop.is_set():
                break
            if time.monotonic() - last.get(duty.name, -1e18) < duty.every:
                continue
            last[duty.name] = time.monotonic()
            close_old_connections()
            try:
                result = duty.run()
            except Exception:  # a worker must outlive a bad minute of the database or the mail server
                log.exception("worker duty %s failed", duty.name)
                continue
            if report is not None:
                report(duty.name, result)
        stop.wait(tick)
