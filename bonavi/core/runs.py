"""Runs of like rows read as one line: the access logs a person reads (her プロフィールの閲覧記録 in seekers, her
agency's log in agents, ADR 0109) store every read, and show a run of the same read as one line with its count and
span (core.clock.span_ja) — every load of a page is a read, and a dozen identical rows buried the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from bonavi.core.clock import span_ja

T = TypeVar("T")


@dataclass(frozen=True)
class Run(Generic[T]):
    row: T  # the newest row of the run: the line is said in its words
    first: dt.datetime  # the earliest moment of the run
    last: dt.datetime  # the latest
    count: int

    @property
    def when(self) -> str:
        """「2026年11月26日（木）21:25〜21:27」 for a run within a day; one moment for a single row (or a run within a
        minute: 「21:47〜21:47」 said nothing) — core.clock.span_ja."""
        return span_ja(self.first, self.last)


def merge_runs(
    rows: Iterable[T], *, key: Callable[[T], Hashable | None], at: Callable[[T], dt.datetime]
) -> list[Run[T]]:
    """`rows` newest first, consecutive rows with the same `key` merged into one Run. A key of None is never
    merged (an event that is not a view keeps its own line, even when the next one is the same)."""
    runs: list[Run[T]] = []
    previous: Hashable | None = None
    for row in rows:
        k = key(row)
        if k is not None and runs and k == previous:
            # newest first: each row merged is earlier than the run's
            runs[-1] = replace(runs[-1], first=at(row), count=runs[-1].count + 1)
        else:
            runs.append(Run(row, at(row), at(row), 1))
        previous = k
    return runs
