"""Search backends behind one interface, chosen by the database vendor in use.

A backend stores IndexDocs (terms.py) and answers Plans (query.py). Both store the same terms; they differ only
in the engine: SQLite FTS5 (embedded mode) and PostgreSQL full text with a GIN index and day terms (server mode,
ADR 0025).
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from ..query import Access, Plan
from ..terms import IndexDoc


@dataclass
class RawResult:
    total: int
    ids: list[int]  # posting ids of the requested page, in order
    histogram: dict[int, int] = field(default_factory=dict)  # facet key → count over the whole result
    facets_approximate: bool = False  # counts scaled from a sample of the newest matches (they still add up)
    total_approximate: bool = False  # total estimated from that sample (PostgreSQL above its exact-count cap)


class SearchBackend(ABC):
    name: str = ""

    # Writes ---------------------------------------------------------------------------------------------------
    @abstractmethod
    def write(self, docs: Sequence[IndexDoc]) -> None:
        """Insert or replace these documents (inside the caller's transaction)."""

    @abstractmethod
    def delete(self, posting_ids: Iterable[int]) -> None: ...

    @abstractmethod
    def clear(self) -> None: ...

    def begin_rebuild(self) -> None:  # noqa: B027 - optional hook
        """Called before a full rebuild (after clear): e.g. drop indexes that are faster to build afterwards."""

    def finish_rebuild(self) -> None:  # noqa: B027 - optional hook
        """Called after a full rebuild (merge segments, analyse statistics)."""

    @abstractmethod
    def all_ids(self, plan: Plan, access: Access) -> list[int]:
        """Every matching posting id (benchmarks and tests; never for a page)."""

    # Reads ----------------------------------------------------------------------------------------------------
    @abstractmethod
    def search(
        self, plan: Plan, access: Access, *, sort: str, offset: int, limit: int, facets: bool = True
    ) -> RawResult: ...

    @abstractmethod
    def count(self, plan: Plan, access: Access) -> int: ...

    def count_estimate(self, plan: Plan, access: Access, *, bounded: bool = False) -> tuple[int, bool]:
        """(matches, whether estimated) for hints such as the "no results" help, where a broad relaxed query
        must not cost an exact count. Exact unless the backend estimates its large totals (PostgreSQL).
        `bounded`: a guess the help tries among several (a compound's part, the keyword without one word) —
        PostgreSQL then reads only the newest few weeks, as rare matches cost a full read (ADR 0025 addendum)."""
        return self.count(plan, access), False

    @abstractmethod
    def size_bytes(self) -> int: ...

    @abstractmethod
    def indexed_count(self) -> int: ...


def scale_histogram(sample: dict[int, int], total: int) -> dict[int, int]:
    """Scale sample counts to `total`, rounding so that the counts still add up (largest remainder)."""
    n = sum(sample.values())
    if not n:
        return {}
    exact = {k: v * total / n for k, v in sample.items()}
    out = {k: int(v) for k, v in exact.items()}
    short = total - sum(out.values())
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True)[:short]:
        out[k] += 1
    return out


def today_int(plan: Plan) -> int:
    d: dt.date = plan.today
    return d.year * 10000 + d.month * 100 + d.day


_backends: dict[str, SearchBackend] = {}


def get_backend(vendor: str | None = None) -> SearchBackend:
    vendor = vendor or connection.vendor
    if vendor not in _backends:
        if vendor == "sqlite":
            from .sqlite_fts5 import SqliteFts5Backend

            _backends[vendor] = SqliteFts5Backend()
        elif vendor == "postgresql":
            from .postgres import PostgresBackend

            _backends[vendor] = PostgresBackend()
        else:
            raise RuntimeError(
                f"検索は {vendor} データベースに対応していません（SQLite か PostgreSQL を使ってください）。"
            )
    return _backends[vendor]


ProgressFn = Callable[[int, int], None]
Any_ = Any
