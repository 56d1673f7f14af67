"""PostgreSQL full text over the same analyser terms (server mode).

The tsvector is built from our terms directly (never `to_tsvector`, which knows no Japanese): title terms carry
weight A, qualification terms B, the rest D, and filter values are lexemes like any other. One GIN index on it.

Reads follow the SQLite backend's design (ADR 0025): the newest matches (at least FACET_SAMPLE) give the page, the
relevance window and the facet sample; facet counts are scaled to the total above the sample (「約」). What differs
is how the newest matches are found without touching every match, which on PostgreSQL costs a table visit each
(≈ 0.35 µs even on the narrow row; 15.20 no longer skips all-visible pages in bitmap scans):
- every document also carries a **day term** `_d<day>` (days since 2020, from its sort key; PostgreSQL only, never
  shown or typed), and the table is kept in key order (CLUSTER after a rebuild; new postings arrive in date order);
- a search asks GIN for `query & (_d<today> | …)` over the newest day, then the 4, 16 … days before, until it has
  FACET_SAMPLE matches; GIN skips through long posting lists (事務: 380k postings) to the few pages that hold those
  days, so a broad word costs what its newest matches cost;
- if the walk reaches the oldest day it has seen every match: total and facets are exact. Otherwise the total is
  estimated as matches × rows / rows in the days walked (a btree count) and flagged `total_approximate` (「約」).
Conditions the terms cannot express (掲載期限 passed since indexing, the exact minute of "posted after", off-ladder
wages) are applied to the rows read. Phrases and weights are rechecked against the tsvector (no positions in GIN).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from django.db import connection, transaction

from .. import terms as T
from ..query import Access, Clause, Plan
from ..terms import IndexDoc
from . import RawResult, SearchBackend, scale_histogram, today_int

RELEVANCE_WINDOW = 200  # relevance ranks the newest N matches; later pages continue newest-first
# Newest matches read per search: page, relevance window, facet sample and the base of the estimate. Smaller than
# SQLite's 5,000: here each costs a table visit (a TOAST read too when a phrase is rechecked); 1,000 keeps every
# class under 100 ms at 1M (docs/benchmarks.md) and estimates within a few per cent on the benchmark's queries.
FACET_SAMPLE = 1_000
DAY_MINUTES = 1440
MAX_WALK_STEPS = 3  # steps by day terms; then every remaining match in one step
MAX_STEP_DAYS = 16  # an OR of more day terms costs more than reading every remaining match
# Rows the "no results" help reads per guess (_walk_newest_rows): 2% of 1,000,000 postings, one day of the
# benchmark's data; a guess found nowhere in them is not offered.
HINT_ROWS = 20_000
# Day steps a guess may take to reach HINT_ROWS rows. The full walk's 3 reach at most 33 days, which holds fewer
# than HINT_ROWS rows on a site posting under ~600 a day; 12 steps of ≤16 days reach ~180 days, the longest
# listing period, each step over fewer rows the sparser the site.
MAX_HINT_STEPS = 12
EXACT_ROWS_MAX = 100_000  # rows in the walked days: counted exactly up to here, else the planner's estimate
# Counting bitmaps must stay exact (one bit per row): a lossy page would be rechecked against the table.
COUNT_WORK_MEM = "64MB"

# The row is kept narrow (≈ 130 bytes instead of ≈ 1.2 KB), because every search visits a row per counted match
# (PostgreSQL 15.13+ no longer skips all-visible pages in bitmap scans) and one per sampled match. PostgreSQL only
# moves a value out of line when the whole row exceeds ≈ 2 KB, whatever toast_tuple_target says; `pad` (2,100 zero
# bytes, STORAGE MAIN) pushes every new row over that limit, the toaster then moves `tsv` (STORAGE EXTERNAL) to the
# TOAST table and compresses `pad` to ≈ 35 bytes. The tsvector is read back only for rechecks (phrases, weights).
PAD_BYTES = 2100
DDL_TABLE = [
    f"""CREATE TABLE IF NOT EXISTS search_doc (
        posting_id integer PRIMARY KEY, key bigint NOT NULL UNIQUE, published boolean NOT NULL,
        valid_through integer, posted_us bigint NOT NULL, wage_unit text NOT NULL, wage_min integer NOT NULL,
        annual_wage bigint NOT NULL, tsv tsvector NOT NULL,
        pad bytea NOT NULL DEFAULT decode(repeat('00', {PAD_BYTES}), 'hex'))""",
    "ALTER TABLE search_doc ALTER COLUMN tsv SET STORAGE EXTERNAL",
    "ALTER TABLE search_doc ALTER COLUMN pad SET STORAGE MAIN",
    "ALTER TABLE search_doc SET (toast_tuple_target = 128)",
    "CREATE INDEX IF NOT EXISTS search_doc_expiry ON search_doc (valid_through) WHERE published",
    "CREATE INDEX IF NOT EXISTS search_doc_wage ON search_doc (wage_unit, wage_min)",
]
# fastupdate off: no pending list, so every search sees the same index shape (and CLUSTER keeps key order).
DDL_GIN = ["CREATE INDEX IF NOT EXISTS search_doc_gin ON search_doc USING gin (tsv) WITH (fastupdate = off)"]
DROP = ["DROP TABLE IF EXISTS search_doc"]


def _lex(term: str, weight: str = "") -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (f":{weight}" if weight else "")


def tsvector_literal(doc: IndexDoc) -> str:
    """title → A, qualifications → B, body and filters → D; a gap between fields so no phrase spans two."""
    positions: dict[tuple[str, str], list[int]] = {}
    pos = 1
    for terms, weight in ((doc.title, "A"), (doc.body, "D"), (doc.qual, "B"), (doc.filters, "D")):
        for t in terms:
            if pos <= 16383:
                positions.setdefault((t, weight), []).append(pos)
            pos += 1
        pos += 1
    by_term: dict[str, list[str]] = {}
    for (t, weight), ps in positions.items():
        suffix = "" if weight == "D" else weight
        by_term.setdefault(t, []).extend(f"{p}{suffix}" for p in ps[:256])
    lexemes = " ".join(f"{_lex(t)}:{','.join(ps)}" for t, ps in by_term.items())
    return f"{lexemes} {_lex(day_term(day_of(doc.key)))}"  # no position: never part of a phrase


def day_of(key: int) -> int:
    return (key >> T.DATE_SHIFT) // DAY_MINUTES


def day_term(day: int) -> str:
    return f"_d{day}"


def day_floor(day: int) -> int:
    """Smallest sort key of that day."""
    return (day * DAY_MINUTES) << T.DATE_SHIFT


def _phrase(p: tuple[str, ...], weights: str = "") -> str:
    return "(" + " <-> ".join(_lex(t, weights) for t in p) + ")"


def _clause(c: Clause, *, title_only: bool = False) -> str:
    weights = "B" if c.column == "qual" else ("A" if title_only else "")
    return "(" + " | ".join(_phrase(p, weights) for p in c.alternatives) + ")"


def tsquery(plan: Plan, access: Access, *, extra: list[str] | None = None, title_only: bool = False) -> str:
    parts = [_clause(c, title_only=title_only) for c in plan.positive]
    parts += [_lex(t) for t in plan.required]
    parts += ["(" + " | ".join(_lex(t) for t in g) + ")" for g in plan.any_of]
    parts += extra or []
    if not parts:
        parts = [_lex(T.ALL)]
    parts += ["!" + _clause(c) for c in plan.negative]
    if access.kind == "all":
        parts.append("!" + _lex(T.NOT_PUBLISHED))
    elif access.kind == "org" and access.org_id:
        parts.append(
            f"(!{_lex(T.RESTRICTED)} | ({_lex(T.org_term(access.org_id))} & !{_lex(T.NOT_PUBLISHED)}))"
        )
    else:
        parts.append("!" + _lex(T.RESTRICTED))
    return " & ".join(parts)


class Walk(NamedTuple):
    """The newest matching keys (descending) a search read, whether they are all the matches, and the smallest
    key of the days walked."""

    keys: list[int]
    complete: bool
    floor: int


class PostgresBackend(SearchBackend):
    name = "postgresql-gin"

    def write(self, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        rows = [
            (
                d.posting_id,
                d.key,
                d.published,
                d.valid_through,
                d.posted_us,
                d.wage_unit,
                d.wage_min,
                d.annual_wage,
                tsvector_literal(d),
            )
            for d in docs
        ]
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_doc (posting_id, key, published, valid_through, posted_us, wage_unit, "
                "wage_min, annual_wage, tsv) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector) "
                "ON CONFLICT (posting_id) DO UPDATE SET key = EXCLUDED.key, published = EXCLUDED.published, "
                "valid_through = EXCLUDED.valid_through, posted_us = EXCLUDED.posted_us, "
                "wage_unit = EXCLUDED.wage_unit, wage_min = EXCLUDED.wage_min, "
                # the uncompressed pad again, so the new row version is toasted (narrow) like an insert
                "annual_wage = EXCLUDED.annual_wage, tsv = EXCLUDED.tsv, pad = EXCLUDED.pad",
                rows,
            )

    def delete(self, posting_ids: Iterable[int]) -> None:
        ids = list(posting_ids)
        if ids:
            with connection.cursor() as cur:
                cur.execute("DELETE FROM search_doc WHERE posting_id = ANY(%s)", [ids])

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute("TRUNCATE search_doc")

    def begin_rebuild(self) -> None:
        # Building GIN once over a full table is much faster than maintaining it row by row.
        with connection.cursor() as cur:
            cur.execute("DROP INDEX IF EXISTS search_doc_gin")
            cur.execute("DROP INDEX IF EXISTS search_doc_rum")  # ADR 0021's index, if still there

    def finish_rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            for sql in DDL_GIN:
                cur.execute(sql)
            if connection.in_atomic_block:  # VACUUM cannot run in a transaction (tests: a few rows, no order)
                cur.execute("ANALYZE search_doc")
            else:
                # Key order on disk: a day's rows share pages, and GIN's posting lists (in row order) keep each
                # day together, which is what lets a walk skip the older days.
                cur.execute("CLUSTER search_doc USING search_doc_key_key")
                cur.execute("VACUUM (ANALYZE) search_doc")

    # Reads ----------------------------------------------------------------------------------------------------
    def all_ids(self, plan: Plan, access: Access) -> list[int]:
        where, args = self._where(plan, access, tsquery(plan, access))
        with connection.cursor() as cur:
            cur.execute(f"SELECT posting_id FROM search_doc WHERE {where}", args)
            return [r[0] for r in cur.fetchall()]

    def _where(self, plan: Plan, access: Access, query: str) -> tuple[str, list[Any]]:
        """Every condition: the tsquery for GIN, the rest checked on the rows read."""
        # No 掲載期限 means no end (jobs.selectors): `valid_through < today` is NULL there, and NOT NULL drops a row.
        sql = "tsv @@ %s::tsquery AND NOT (published AND valid_through IS NOT NULL AND valid_through < %s)"
        args: list[Any] = [query, today_int(plan)]
        if plan.key_min is not None:
            sql += " AND key >= %s"
            args.append(plan.key_min)
        if plan.posted_after is not None:
            sql += " AND posted_us > %s"
            args.append(int((plan.posted_after - T.EPOCH).total_seconds() * 1_000_000))
        if plan.wage_exact:
            sql += " AND wage_min >= %s"
            args.append(plan.wage_exact[2])
        return sql, args

    def _count(self, cur: Any, plan: Plan, query: str) -> int:
        """Exact number of matches of `query` (a full bitmap scan: for counts that must be exact)."""
        where, args = self._where(plan, Access(), query)
        with transaction.atomic():  # SET LOCAL lasts until the end of this block
            cur.execute(f"SET LOCAL work_mem = '{COUNT_WORK_MEM}'")
            cur.execute(f"SELECT count(*) FROM search_doc WHERE {where}", args)
            return int(cur.fetchone()[0])

    def count(self, plan: Plan, access: Access) -> int:
        with connection.cursor() as cur:
            return self._count(cur, plan, tsquery(plan, access))

    def count_estimate(self, plan: Plan, access: Access, *, bounded: bool = False) -> tuple[int, bool]:
        """The search page's total for the plan: the newest FACET_SAMPLE matches walked day by day, exact when
        the walk reaches the oldest day and estimated otherwise — so the cost is bounded like a search's.
        `bounded`: only the newest HINT_ROWS rows are read (_walk_newest_rows)."""
        with connection.cursor() as cur:
            walk = self._walk(cur, plan, tsquery(plan, access), FACET_SAMPLE, bounded=bounded)
            return self._total(cur, plan, walk)

    def _walk(self, cur: Any, plan: Plan, query: str, need: int, *, bounded: bool = False) -> Walk:
        """The newest matches, at least `need` of them, read a few days at a time; all of them when the walk
        reaches the oldest day.

        First the newest day; from the matches per day seen so far, the next step asks for as many more days as
        should hold the rest (× 1.3). When that would be more than MAX_STEP_DAYS days (an OR of many day terms
        costs more than reading every match), or half of what is left, the last step reads every remaining match
        instead — and the walk is complete, so the total and facets are exact. `bounded`: _walk_newest_rows."""
        if bounded:
            return self._walk_newest_rows(cur, plan, query, need)
        span_days = self._days_held(cur, plan)
        if span_days is None:
            return Walk([], True, 0)
        newest, oldest = span_days
        day, span = newest, 1
        keys: list[int] = []
        for _step in range(MAX_WALK_STEPS):
            first = day - span + 1
            if first <= oldest:
                break
            days = " | ".join(_lex(day_term(d)) for d in range(first, day + 1))
            keys += self._keys(cur, plan, f"({query}) & ({days})")
            if len(keys) >= need:
                keys.sort(reverse=True)
                return Walk(keys, False, day_floor(first))
            day = first - 1
            per_day = max(1, len(keys)) / (newest - day)
            span = math.ceil((need - len(keys)) / per_day * 1.3)
            if span > MAX_STEP_DAYS or span * 2 > day - oldest + 1:
                break
        # Every remaining match, with no day terms.
        keys += self._keys(cur, plan, query, below=day_floor(day + 1))
        keys.sort(reverse=True)
        return Walk(keys, True, day_floor(oldest))

    def _days_held(self, cur: Any, plan: Plan) -> tuple[int, int] | None:
        """(newest, oldest) day the index holds within the plan's key floor; None for an empty index."""
        cur.execute("SELECT min(key), max(key) FROM search_doc")
        lo_key, hi_key = cur.fetchone()
        if hi_key is None:
            return None
        return day_of(hi_key), day_of(max(lo_key, plan.key_min or 0))

    def _walk_newest_rows(self, cur: Any, plan: Plan, query: str, need: int) -> Walk:
        """The "no results" help's guesses (a compound's part, the keyword without one word, a condition word):
        matches among the postings of the newest days that hold about HINT_ROWS rows, an estimate beyond them —
        0 when none of them matched, and the guess is not offered.

        _walk ends, when matches are few, with a read of every match, and a rare phrase's matches are every posting
        holding its words, each rechecked: 担当者, a part of 経理担当者, matches nothing and took 420–520 ms at
        1,000,000 postings; the help tries several guesses for one page. Here a guess costs at most the rows of
        the newest days (≈ one search step), whatever the index size (docs/benchmarks.md)."""
        span_days = self._days_held(cur, plan)
        if span_days is None:
            return Walk([], True, 0)
        newest, oldest = span_days
        day, span = newest, 1
        keys: list[int] = []
        for _step in range(MAX_HINT_STEPS):
            first = max(day - span + 1, oldest)
            days = " | ".join(_lex(day_term(d)) for d in range(first, day + 1))
            keys += self._keys(cur, plan, f"({query}) & ({days})")
            if first == oldest:  # every day read: exact
                keys.sort(reverse=True)
                return Walk(keys, True, day_floor(oldest))
            # Only decides whether to go on. Counted exactly while under HINT_ROWS (an index-only count of at most
            # that many keys, ≈1 ms), so a small site's walk stops at the rows it has really read; the planner's
            # histogram estimate, over by a row or two there, stopped it a step short and hid a match.
            walked = self._rows_from(cur, day_floor(first), exact_max=HINT_ROWS)
            if len(keys) >= need or walked >= HINT_ROWS:
                break
            day = first - 1
            # As many more days as should hold the rest of HINT_ROWS, at the rows per day seen so far.
            span = max(1, min(MAX_STEP_DAYS, (HINT_ROWS - walked) * (newest - day) // max(1, walked)))
        else:
            # Few rows a day (a small site): when the whole index holds no more than HINT_ROWS, read the rest.
            if self._rows_from(cur, day_floor(oldest)) <= HINT_ROWS:
                keys += self._keys(cur, plan, query, below=day_floor(first))
                keys.sort(reverse=True)
                return Walk(keys, True, day_floor(oldest))
        keys.sort(reverse=True)
        return Walk(keys, False, day_floor(first))

    def _keys(self, cur: Any, plan: Plan, query: str, below: int | None = None) -> list[int]:
        where, args = self._where(plan, Access(), query)
        if below is not None:
            where += " AND key < %s"
            args.append(below)
        with transaction.atomic():  # SET LOCAL lasts until the end of this block
            cur.execute(f"SET LOCAL work_mem = '{COUNT_WORK_MEM}'")
            cur.execute(f"SELECT key FROM search_doc WHERE {where}", args)
            return [r[0] for r in cur.fetchall()]

    def _rows_from(self, cur: Any, key: int, exact_max: int = EXACT_ROWS_MAX) -> int:
        """Rows with a key at or above `key`: counted on the key's btree (index-only) when the planner expects
        few, else the planner's own estimate from the key histogram (a count over most of the table costs tens
        of milliseconds, and the result only scales an estimate)."""
        cur.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM search_doc WHERE key >= %s", [key])
        plan = cur.fetchone()[0]
        expected = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
        if expected > exact_max:
            return expected
        cur.execute("SELECT count(*) FROM search_doc WHERE key >= %s", [key])
        return int(cur.fetchone()[0])

    def _total(self, cur: Any, plan: Plan, walk: Walk) -> tuple[int, bool]:
        """(matches, estimated?): exact when the walk read every match (it reached the oldest day)."""
        if walk.complete:
            return len(walk.keys), False
        return self._estimate(cur, plan, walk), True

    def _estimate(self, cur: Any, plan: Plan, walk: Walk) -> int:
        """Matches ≈ matches in the days walked × rows / rows in those days. Assumes a query matches about as
        often among older postings as among newer ones."""
        if not walk.keys:  # nothing matched in the days walked (a bounded walk): nothing to scale
            return 0
        walked_rows = max(1, self._rows_from(cur, walk.floor))
        if plan.key_min is not None:
            rows = self._rows_from(cur, plan.key_min)
        else:  # statistics (VACUUM/ANALYZE keep it close); exact enough for an estimate
            cur.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'search_doc'::regclass")
            rows = int(cur.fetchone()[0])
        return max(len(walk.keys), round(len(walk.keys) * max(rows, walked_rows) / walked_rows))

    def search(
        self, plan: Plan, access: Access, *, sort: str, offset: int, limit: int, facets: bool = True
    ) -> RawResult:
        q = tsquery(plan, access)
        hist: dict[int, int] = {}
        with connection.cursor() as cur:
            need = max(
                FACET_SAMPLE if facets else 0,
                RELEVANCE_WINDOW if sort == "relevance" and plan.positive else 0,
                offset + limit,
            )
            walk = self._walk(cur, plan, q, need)
            total, total_approximate = self._total(cur, plan, walk)
            approximate = total > len(walk.keys)
            if facets:
                sample = dict(sorted(Counter(T.fkey_of(k) for k in walk.keys).items()))
                hist = scale_histogram(sample, total) if approximate else sample
            else:
                approximate = False
            if total == 0 or offset >= total:
                return RawResult(total, [], hist, approximate, total_approximate)
            if sort == "salary":
                keys = self._by_salary(cur, plan, access, q, offset, limit, walk)
            elif sort == "relevance" and plan.positive:
                keys = self._by_relevance(cur, plan, access, offset, limit, walk)
            else:
                keys = walk.keys[offset : offset + limit]
        return RawResult(total, [T.id_of(k) for k in keys], hist, approximate, total_approximate)

    def _by_relevance(
        self, cur: Any, plan: Plan, access: Access, offset: int, limit: int, walk: Walk
    ) -> list[int]:
        """Rank the newest RELEVANCE_WINDOW matches: all keywords in the title first, then the rest, then those
        that refuse a keyword (「未経験不可」), each newest first; later pages continue newest first after the window."""
        window = walk.keys[:RELEVANCE_WINDOW]
        if not window:
            return []
        # Among the window only, in one pass: a lookup by key each (OFFSET 0: not a scan of every title match),
        # whether all keywords are in the title and whether the posting refuses one (NULL, so no posting, when
        # these keywords have no refusal phrase).
        phrases = plan.refusing_phrases()
        cur.execute(
            "SELECT key, tsv @@ %s::tsquery, coalesce(tsv @@ %s::tsquery, false) "
            "FROM (SELECT key, tsv FROM search_doc WHERE key = ANY(%s) OFFSET 0) w",
            [
                tsquery(plan, access, title_only=True),
                " | ".join(_phrase(p) for p in phrases) if phrases else None,
                window,
            ],
        )
        in_title: set[int] = set()
        refusing: set[int] = set()
        for key, titled, refuses in cur.fetchall():
            if titled:
                in_title.add(key)
            if refuses:
                refusing.add(key)
        # A posting that rules the keyword out (「未経験不可」 for 未経験) last, even with the keyword in its title.
        ranked = sorted(window, key=lambda k: (k in refusing, k not in in_title, -k))
        if offset + limit <= len(ranked) or len(window) < RELEVANCE_WINDOW:
            return ranked[offset : offset + limit]
        part = ranked[offset:] if offset < len(ranked) else []
        start = max(offset, len(ranked))
        return part + walk.keys[start : start + limit - len(part)]

    def _by_salary(
        self, cur: Any, plan: Plan, access: Access, query: str, offset: int, limit: int, walk: Walk
    ) -> list[int]:
        """Highest pay first (yearly equivalent): count salary bands from the top until they hold the page, then
        sort only the rows of those bands."""
        need = offset + limit
        bands: list[int] = []
        seen = 0
        if walk.complete:  # every match is in hand: sort those rows only
            where, args = "key = ANY(%s)", [walk.keys]
        else:
            for band in range(T.SALARY_BAND_MAX, -1, -1):
                n = self._count(cur, plan, f"({query}) & {_lex(T.band_term(band))}")
                if n:
                    bands.append(band)
                    seen += n
                if seen >= need:
                    break
            query = f"({query}) & (" + " | ".join(_lex(T.band_term(b)) for b in bands) + ")"
            where, args = self._where(plan, access, query)
        cur.execute(
            f"SELECT key FROM search_doc WHERE {where} ORDER BY annual_wage DESC, key DESC LIMIT %s OFFSET %s",
            [*args, limit, offset],
        )
        return [r[0] for r in cur.fetchall()]

    def size_bytes(self) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size('search_doc')")
            return int(cur.fetchone()[0] or 0)

    def indexed_count(self) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM search_doc")
            return int(cur.fetchone()[0])
