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


def move_now(monkeypatch: pytest.MonkeyPatch, starts: dt.datetime, *, past: bool) -> None:
    """Now: the day after the interview (`past`), or the day before it."""
    moment = starts + dt.timedelta(days=1 if past else -1)
    monkeypatch.setattr(clock, "now", lambda: moment)


def page_of(user: Any, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()
