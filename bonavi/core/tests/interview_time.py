"""Test helpers shared by the pages that say whether a booked interview is still to come or held (ADR 0123)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from bonavi.core import clock


def day_ja(starts: dt.datetime) -> str:
    """「12月3日（木）」 written out by hand, so the pages' own formatter is checked, not reused."""
    return f"{starts.month}月{starts.day}日（{'月火水木金土日'[starts.weekday()]}）"


# When the pages are read, from the interview's start: the day before, ten minutes in (a seeker joining late
# still needs the URL), the day after.
WHEN = {"before": dt.timedelta(days=-1), "under_way": dt.timedelta(minutes=10), "after": dt.timedelta(days=1)}


def move_now(monkeypatch: pytest.MonkeyPatch, starts: dt.datetime, when: str) -> None:
    """Now: `starts` moved by WHEN[when]."""
    moment = starts + WHEN[when]
    monkeypatch.setattr(clock, "now", lambda: moment)


def page_of(user: Any, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()
