"""What later apps add to マイページ (/me/): selections in progress for the 応募状況 block, things waiting for
the seeker's answer (e.g. the agents app's 「エージェントからの提案」), and every selection she is in through someone
else for 応募の一覧 (/me/applications/), such as an agency's 推薦.

seekers must never import a later app, so a later app registers a function here from its AppConfig.ready(); it
gets the signed-in seeker and returns a MyPageActivity, or None when it has nothing to show. The function reads
only that person's own data, through its app's permission-checking selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ActivityRow:
    """One selection in progress outside direct applications (e.g. an agency's 推薦), for the 応募状況 block."""

    title: str
    url: str
    status: str  # as the seeker reads it, e.g. 「書類選考」
    via: str  # who runs it, e.g. 「〇〇エージェント経由」
    # Its interview as her direct applications' rows give it (core.interviews' row_line): 「面接日時：12月3日（木）
    # 18:00」 or 「面接済み（12月3日（木））」; "" without one.
    interview: str = ""


@dataclass(frozen=True)
class WaitingNotice:
    """Something waiting for the seeker's answer: a count badge and links to each item."""

    label: str  # 「エージェントからの提案」
    url: str  # the list
    items: tuple[tuple[str, str], ...]  # (title, url) of each waiting item

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class MyPageActivity:
    rows: list[ActivityRow] = field(default_factory=list)
    waiting: list[WaitingNotice] = field(default_factory=list)


ActivityFn = Callable[[Any], MyPageActivity | None]

_ACTIVITIES: list[ActivityFn] = []


def register_activity(fn: ActivityFn) -> ActivityFn:
    if fn not in _ACTIVITIES:
        _ACTIVITIES.append(fn)
    return fn


def activity_of(user: Any) -> MyPageActivity:
    """Every registered app's part for this seeker, in registration order."""
    out = MyPageActivity()
    for fn in _ACTIVITIES:
        part = fn(user)
        if part is not None:
            out.rows.extend(part.rows)
            out.waiting.extend(notice for notice in part.waiting if notice.count)
    return out


@dataclass(frozen=True)
class OtherApplication:
    """A selection the seeker is in without having applied here herself (an agency's 推薦), on 応募の一覧 beside her
    direct applications, closed ones included as theirs are."""

    title: str
    employer: str
    url: str  # its own page (the agency's proposal page, with the selection's steps)
    kind: str  # 「エージェント経由（〇〇エージェント）」
    date_label: str  # 「推薦日」, as a direct application's is 「応募日」
    at: datetime  # the list is newest first by this
    status: str  # as the seeker reads it, e.g. 「1次面接」
    updated_at: datetime
    interview: str = ""  # as ActivityRow.interview: the line under its step, "" without an interview


ApplicationsFn = Callable[[Any], list[OtherApplication]]

_APPLICATIONS: list[ApplicationsFn] = []


def register_applications(fn: ApplicationsFn) -> ApplicationsFn:
    """`fn(user)` gives that seeker's own selections of one kind, read through its app's permission-checking
    selectors (one query whatever her history: the list is not paged)."""
    if fn not in _APPLICATIONS:
        _APPLICATIONS.append(fn)
    return fn


def other_applications_of(user: Any) -> list[OtherApplication]:
    return [row for fn in _APPLICATIONS for row in fn(user)]
