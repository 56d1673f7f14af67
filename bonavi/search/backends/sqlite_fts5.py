"""SQLite FTS5 over analyser terms (embedded mode).

Layout (see ADR 0020): `search_fts` is a contentless FTS5 table whose rowid is the posting's sort key
(minutes since 2020 | facet key | posting id), so
- "newest first" is FTS5's native rowid order (ORDER BY rowid DESC LIMIT n reads only n entries),
- "posted within N days" is a rowid range, and
- facet counts (prefecture × category × employment type) come from the rowid itself: one grouped pass over the
  matching rowids with no table lookups.
`search_doc` keeps, per posting, what the FTS row cannot: the exact values needed at query time (expiry date,
exact posting time, wage) and the indexed text, which a contentless table needs to delete a row.
"""

from __future__ import annotations

import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, cast

from django.db import DatabaseError, connection

from .. import terms as T
from ..query import Access, Clause, Plan
from ..terms import IndexDoc
from . import RawResult, SearchBackend, scale_histogram, today_int

RELEVANCE_WINDOW = 200  # relevance ranks the newest N matches; later pages continue newest-first
EVERYTHING_CACHE_SECONDS = 30.0
FACET_SAMPLE = 5_000
ONE_PASS_MAX = 50_000  # estimated matches up to which total and facet sample are read in one pass
_SEP = "\x1e"

DDL = [
    """CREATE TABLE IF NOT EXISTS search_doc (
        posting_id INTEGER PRIMARY KEY, key INTEGER NOT NULL, published INTEGER NOT NULL,
        valid_through INTEGER, posted_us INTEGER NOT NULL, wage_unit TEXT NOT NULL,
        wage_min INTEGER NOT NULL, annual_wage INTEGER NOT NULL, terms BLOB NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS search_doc_key ON search_doc(key)",
    "CREATE INDEX IF NOT EXISTS search_doc_expiry ON search_doc(published, valid_through)",
    "CREATE INDEX IF NOT EXISTS search_doc_wage ON search_doc(wage_unit, wage_min)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title, body, qual, filt, content='', detail=full,
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
]
DROP = ["DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_doc"]


def _q(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _phrase(p: tuple[str, ...]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in p) + '"'


def _clause(c: Clause) -> str:
    alts = " OR ".join(_phrase(p) for p in c.alternatives)
    body = f"({alts})"
    if c.column == "qual":
        return f"qual : {body}"
    return body  # every column: title, body, qualifications (filter terms start with "_" and never collide)


class Head(NamedTuple):
    """The newest matching keys (descending) that a search already read, and the exact total."""

    keys: list[int]
    total: int


def match_expression(
    plan: Plan,
    access: Access,
    *,
    extra: list[str] | None = None,
    skip_facets: bool = False,
    title_only: bool = False,
) -> str:
    parts: list[str] = []
    for c in plan.positive:
        if title_only and c.column != "qual":
            alts = " OR ".join(_phrase(p) for p in c.alternatives)
            parts.append(f"title : ({alts})")
        else:
            parts.append(_clause(c))
    parts += [_q(t) for t in plan.required]
    facet_terms = {t for g in plan.facet_groups.values() for t in g}
    for g in plan.any_of:
        if skip_facets and set(g) <= facet_terms:
            continue
        parts.append("(" + " OR ".join(_q(t) for t in g) + ")")
    parts += extra or []
    if not parts:
        parts = [_q(T.ALL)]
    expr = " AND ".join(parts)
    for c in plan.negative:
        expr = f"({expr}) NOT ({_clause(c)})"
    if access.kind == "all":
        return f"({expr}) NOT {_q(T.NOT_PUBLISHED)}"
    public = f"({expr}) NOT {_q(T.RESTRICTED)}"
    if access.kind == "org" and access.org_id:
        own = f"({expr}) AND ({_q(T.org_term(access.org_id))} NOT {_q(T.NOT_PUBLISHED)})"
        return f"({public}) OR ({own})"
    return public


class SqliteFts5Backend(SearchBackend):
    name = "sqlite-fts5"

    def __init__(self) -> None:
        self._everything_cache: dict[str, tuple[float, int, dict[int, int], bool]] = {}

    # Writes ---------------------------------------------------------------------------------------------------
    def write(self, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        self.delete([d.posting_id for d in docs])
        # Ascending rowids within a transaction: FTS5 flushes its pending segment whenever a rowid goes
        # backwards, which made bulk loads 3-5x slower.
        docs = sorted(docs, key=lambda d: d.key)
        fts_rows = []
        doc_rows = []
        for d in docs:
            cols = (" ".join(d.title), " ".join(d.body), " ".join(d.qual), " ".join(d.filters))
            fts_rows.append((d.key, *cols))
            doc_rows.append(
                (
                    d.posting_id,
                    d.key,
                    int(d.published),
                    d.valid_through,
                    d.posted_us,
                    d.wage_unit,
                    d.wage_min,
                    d.annual_wage,
                    zlib.compress(_SEP.join(cols).encode(), 1),
                )
            )
        with connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO search_fts(rowid, title, body, qual, filt) VALUES (%s, %s, %s, %s, %s)", fts_rows
            )
            cur.executemany("INSERT INTO search_doc VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", doc_rows)
        self._everything_cache.clear()

    def delete(self, posting_ids: Iterable[int]) -> None:
        ids = list(posting_ids)
        if not ids:
            return
        with connection.cursor() as cur:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cur.execute(f"SELECT key, terms FROM search_doc WHERE posting_id IN ({marks})", chunk)
                old = cur.fetchall()
                if not old:
                    continue
                rows = []
                for key, blob in old:
                    cols = zlib.decompress(bytes(blob)).decode().split(_SEP)
                    rows.append((key, *cols))
                cur.executemany(
                    "INSERT INTO search_fts(search_fts, rowid, title, body, qual, filt) "
                    "VALUES ('delete', %s, %s, %s, %s, %s)",
                    rows,
                )
                cur.execute(f"DELETE FROM search_doc WHERE posting_id IN ({marks})", chunk)
        self._everything_cache.clear()

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cur.execute("DELETE FROM search_doc")
        self._everything_cache.clear()

    def begin_rebuild(self) -> None:
        with connection.cursor() as cur:  # merge once at the end instead of while loading
            cur.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0)")

    def finish_rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            # Statistics for the planner, also for the postings table: without them SQLite reads the page's
            # 20 postings through the (status, visibility) index instead of by primary key (0.8 s at 1M).
            cur.execute("ANALYZE")
            cur.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 4)")
            cur.execute("ANALYZE search_doc")

    # Reads ----------------------------------------------------------------------------------------------------
    def _exclusions(self, plan: Plan) -> list[int]:
        """Keys the terms cannot rule out: expired since indexing, same-minute-but-earlier, off-ladder wages."""
        out: list[int] = []
        with connection.cursor() as cur:
            # Postings past 掲載期限 but not yet marked expired by the nightly job.
            cur.execute(
                "SELECT key FROM search_doc WHERE published = 1 AND valid_through < %s", [today_int(plan)]
            )
            out += [r[0] for r in cur.fetchall()]
            if plan.posted_after is not None and plan.key_min is not None:
                posted_us = int((plan.posted_after - T.EPOCH).total_seconds() * 1_000_000)
                cur.execute(
                    "SELECT key FROM search_doc WHERE key >= %s AND key < %s AND posted_us <= %s",
                    [plan.key_min, plan.key_min + (1 << T.DATE_SHIFT), posted_us],
                )
                out += [r[0] for r in cur.fetchall()]
            if plan.wage_exact:
                unit, floor, amount = plan.wage_exact
                cur.execute(
                    "SELECT key FROM search_doc WHERE wage_unit = %s AND wage_min >= %s AND wage_min < %s",
                    [unit, floor, amount],
                )
                out += [r[0] for r in cur.fetchall()]
        return out

    def _where(self, plan: Plan, excl: list[int]) -> tuple[str, list[Any]]:
        sql, args = "", cast(list[Any], [])
        if plan.key_min is not None:
            sql += " AND rowid >= %s"
            args.append(plan.key_min)
        if excl:
            sql += " AND rowid NOT IN (SELECT value FROM json_each(%s))"
            args.append("[" + ",".join(map(str, excl)) + "]")
        return sql, args

    def _histogram(
        self, expr: str, where: str, args: list[Any], *, everything: bool = False
    ) -> tuple[int, dict[int, int], bool, list[int] | None]:
        """(total, facet-key histogram, approximate?, newest matching keys) in one or two passes over the matches.

        The total is always exact. Grouping costs far more per row than counting (SQLite sorts the group keys),
        so above FACET_SAMPLE matches the facet counts come from the newest FACET_SAMPLE matches, scaled to the
        total and shown as approximate (「約」) — the way large search engines sample aggregations.

        Passes (ADR 0023): the newest FACET_SAMPLE keys (FTS5's native rowid order stops there), which also serve
        the page and the relevance window; then the total and the sample together in one aggregate pass — or, for
        broad results, a bare count and a grouped pass over the sample only. Same figures as before, fewer walks.
        """
        cache_key = expr + where + repr(args)
        # The landing page (no keyword, no filter) groups every live posting; that one answer is cached briefly.
        if everything:
            hit = self._everything_cache.get(cache_key)
            if hit and time.monotonic() - hit[0] < EVERYTHING_CACHE_SECONDS:
                return hit[1], dict(hit[2]), hit[3], None
        sample_size = FACET_SAMPLE
        mask = (1 << T.FKEY_BITS) - 1
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where} ORDER BY rowid DESC LIMIT %s",
                [expr, *args, sample_size],
            )
            head = [r[0] for r in cur.fetchall()]
            # The sample is every match at or above the newest-first list's last key (all matches when that list
            # is short), read from an ascending scan rather than taken from `head`: SQLite 3.40's FTS5 can skip a
            # few AND matches when iterating newest-first (ADR 0023), and counts must not depend on that.
            full = len(head) == sample_size
            lowest = head[-1] if full else -(1 << 63)
            fkey = f"(rowid >> {T.ID_BITS}) & {mask}"
            if not full or self._estimated_total(cur, head) <= ONE_PASS_MAX:
                # Total and sample in one pass: an aggregate FILTER needs no sort, unlike GROUP BY, and costs
                # ≈ 40 ns per match more than a bare count — cheaper than a second walk up to the sample's end.
                cur.execute(
                    f"SELECT count(*), group_concat({fkey}) FILTER (WHERE rowid >= %s) "
                    f"FROM search_fts WHERE search_fts MATCH %s{where}",
                    [lowest, expr, *args],
                )
                n, keys = cur.fetchone()
                total = int(n)
                counts = Counter(int(k) for k in keys.split(",")) if keys else Counter()
                sample = dict(sorted(counts.items()))
            else:
                # Broad results: the bare count, then group only the sample (FTS5 seeks to its first key).
                cur.execute(
                    f"SELECT count(*) FROM search_fts WHERE search_fts MATCH %s{where}", [expr, *args]
                )
                total = int(cur.fetchone()[0])
                cur.execute(
                    f"SELECT {fkey} AS k, count(*) FROM search_fts WHERE search_fts MATCH %s{where} "
                    "AND rowid >= %s GROUP BY k",
                    [expr, *args, lowest],
                )
                sample = dict(cur.fetchall())
        # `sample` is in ascending facet key, as GROUP BY returns it: scale_histogram breaks rounding ties by order.
        approximate = total > sample_size
        hist = scale_histogram(sample, total) if approximate else sample
        if everything:
            self._everything_cache[cache_key] = (time.monotonic(), total, hist, approximate)
        return total, hist, approximate, head

    @staticmethod
    def _estimated_total(cur: Any, head: list[int]) -> int:
        """Matches extrapolated from how much of the index's date span the newest len(head) matches cover (keys
        are date-major). Only chooses between two exact ways of counting; never shown."""
        cur.execute("SELECT min(key) FROM search_doc")
        oldest = cur.fetchone()[0]
        if oldest is None or head[0] <= head[-1]:
            return 0
        return int(len(head) * max(1, head[0] - oldest) / (head[0] - head[-1]))

    def count(self, plan: Plan, access: Access) -> int:
        expr = match_expression(plan, access)
        where, args = self._where(plan, self._exclusions(plan))
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM search_fts WHERE search_fts MATCH %s{where}", [expr, *args])
            return int(cur.fetchone()[0])

    def search(
        self, plan: Plan, access: Access, *, sort: str, offset: int, limit: int, facets: bool = True
    ) -> RawResult:
        expr = match_expression(plan, access)
        where, args = self._where(plan, self._exclusions(plan))
        approximate = False
        head: list[int] | None = None  # newest matching keys, when a pass already read them
        if facets:
            everything = not (plan.clauses or plan.required or plan.any_of) and plan.key_min is None
            total, hist, approximate, head = self._histogram(expr, where, args, everything=everything)
        else:
            hist = {}
            with connection.cursor() as cur:
                cur.execute(
                    f"SELECT count(*) FROM search_fts WHERE search_fts MATCH %s{where}", [expr, *args]
                )
                total = int(cur.fetchone()[0])
        if total == 0 or offset >= total:
            return RawResult(total, [], hist, approximate)
        read = Head(head, total) if head is not None else None
        if sort == "salary":
            keys = self._by_salary(plan, access, expr, where, args, offset, limit)
        elif sort == "relevance" and plan.positive:
            keys = self._by_relevance(plan, access, expr, where, args, offset, limit, read)
        else:
            keys = self._newest(expr, where, args, offset, limit, read=read)
        return RawResult(total, [T.id_of(k) for k in keys], hist, approximate)

    def _newest(
        self,
        expr: str,
        where: str,
        args: list[Any],
        offset: int,
        limit: int,
        below: int | None = None,
        read: Head | None = None,
    ) -> list[int]:
        # The facet pass already read the newest matches in this order: slice them when they cover the ask. Only
        # from the top: a `rowid < below` query starts its own newest-first walk, which may differ (ADR 0023).
        if (
            read is not None
            and below is None
            and (offset + limit <= len(read.keys) or len(read.keys) == read.total)
        ):
            return read.keys[offset : offset + limit]
        extra, extra_args = "", []
        if below is not None:
            extra, extra_args = " AND rowid < %s", [below]
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where}{extra} "
                "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [expr, *args, *extra_args, limit, offset],
            )
            return [r[0] for r in cur.fetchall()]

    def _by_relevance(
        self,
        plan: Plan,
        access: Access,
        expr: str,
        where: str,
        args: list[Any],
        offset: int,
        limit: int,
        read: Head | None = None,
    ) -> list[int]:
        """Rank the newest RELEVANCE_WINDOW matches: all keywords in the title first, then the rest, then those
        that refuse a keyword (「未経験不可」), each newest first. Ranking a bounded recent window keeps broad words
        (事務) as cheap as rare ones."""
        window = self._newest(expr, where, args, 0, RELEVANCE_WINDOW, read=read)
        if not window:
            return []
        lowest = window[-1]
        title_expr = match_expression(plan, access, title_only=True)
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where} AND rowid >= %s",
                [title_expr, *args, lowest],
            )
            in_title = {r[0] for r in cur.fetchall()}
            refusing: set[int] = set()
            if phrases := plan.refusing_phrases():
                cur.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid >= %s",
                    [" OR ".join(_phrase(p) for p in phrases), lowest],
                )
                refusing = {r[0] for r in cur.fetchall()}
        # A posting that rules the keyword out (「未経験不可」 for 未経験) last, even with the keyword in its title.
        ranked = sorted(window, key=lambda k: (k in refusing, k not in in_title, -k))
        if offset + limit <= len(ranked):
            return ranked[offset : offset + limit]
        head = ranked[offset:] if offset < len(ranked) else []
        rest_offset = max(0, offset - len(ranked))
        if len(window) < RELEVANCE_WINDOW:
            return head
        return head + self._newest(expr, where, args, rest_offset, limit - len(head), below=lowest)

    def _by_salary(
        self, plan: Plan, access: Access, expr: str, where: str, args: list[Any], offset: int, limit: int
    ) -> list[int]:
        """Highest pay first (yearly equivalent, see terms.ANNUAL_FACTOR): walk salary bands from the top until
        enough postings are found, then order only those exactly. Exact, and cheap because top bands are small."""
        need = offset + limit
        bands: list[int] = []
        seen = 0
        with connection.cursor() as cur:
            for band in range(T.SALARY_BAND_MAX, -1, -1):
                band_expr = f"({expr}) AND {_q(T.band_term(band))}"
                cur.execute(
                    f"SELECT count(*) FROM search_fts WHERE search_fts MATCH %s{where}", [band_expr, *args]
                )
                n = int(cur.fetchone()[0])
                if n:
                    bands.append(band)
                    seen += n
                if seen >= need:
                    break
            if not bands:
                return []
            band_expr = f"({expr}) AND (" + " OR ".join(_q(T.band_term(b)) for b in bands) + ")"
            cur.execute(
                f"SELECT d.key FROM search_doc d WHERE d.key IN (SELECT rowid FROM search_fts "
                f"WHERE search_fts MATCH %s{where}) ORDER BY d.annual_wage DESC, d.key DESC "
                "LIMIT %s OFFSET %s",
                [band_expr, *args, limit, offset],
            )
            return [r[0] for r in cur.fetchall()]

    def all_ids(self, plan: Plan, access: Access) -> list[int]:
        expr = match_expression(plan, access)
        where, args = self._where(plan, self._exclusions(plan))
        with connection.cursor() as cur:
            cur.execute(f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{where}", [expr, *args])
            return [T.id_of(r[0]) for r in cur.fetchall()]

    # Introspection --------------------------------------------------------------------------------------------
    def size_bytes(self) -> int:
        with connection.cursor() as cur:
            try:
                cur.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%%'")
                return int(cur.fetchone()[0] or 0)
            except DatabaseError:  # dbstat is an optional compile-time feature (absent from pysqlite3-binary)
                pass
            # Without dbstat, add up what the index consists of: FTS5's segment blobs, and search_doc's term
            # blobs plus its eight integer/text columns (≈ 64 bytes a row; secondary indexes not counted).
            cur.execute("SELECT coalesce(sum(length(block)), 0) FROM search_fts_data")
            fts = int(cur.fetchone()[0])
            cur.execute("SELECT coalesce(sum(length(terms) + 64), 0) FROM search_doc")
            return fts + int(cur.fetchone()[0])

    def indexed_count(self) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM search_doc")
            return int(cur.fetchone()[0])
