"""Test helpers shared by the pages that say whether a booked interview is still to come or held (ADR 0123)."""

from __future__ import annotations

import datetime as dt
import re
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


def client_of(user: Any) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def page_of(user: Any, path: str) -> str:
    response = client_of(user).get(path)
    assert response.status_code == 200
    return response.content.decode()


def row_expected(starts: dt.datetime, when: str) -> str:
    """What her lists say under the step at WHEN[when] of an interview starting at `starts`, written out by hand:
    「面接日時：12月3日（木）14:00」 until it is over (under way included), then 「面接済み（12月3日（木））」."""
    if when == "after":
        return f"面接済み（{day_ja(starts)}）"
    return f"面接日時：{day_ja(starts)}{starts:%H:%M}"


def interview_rows(page: str) -> list[str]:
    """The text of each line under a step on her own lists (「面接日時：…」 or 「面接済み（…）」, ADR 0123 addendum),
    links stripped."""
    return [
        re.sub(r"<[^>]+>", "", row)
        for row in re.findall(r'<(?:p|span) class="interview-row">(.*?)</(?:p|span)>', page)
    ]
