"""Time as an interface so that tests and batch jobs can fix "now" (store UTC, show Asia/Tokyo)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

JST = ZoneInfo("Asia/Tokyo")


def now() -> dt.datetime:
    return timezone.now()


def today_jst() -> dt.date:
    return timezone.now().astimezone(JST).date()
