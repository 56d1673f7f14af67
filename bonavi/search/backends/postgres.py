"""PostgreSQL full text over the same analyser terms (server mode).

The tsvector is built from our terms directly (never `to_tsvector`, which knows no Japanese): title terms carry
weight A, qualification terms B, the rest D, and filter values are lexemes like any other. Two indexes:
- RUM (`rum_tsvector_addon_ops` with the sort key attached) answers "match, newest first, first page" by walking
  the index in key order and stopping after the page — the case where GIN + sort collapses on broad words;
- the same RUM index serves the bitmap scans that count and facet the matches. The heap row is kept narrow
  (the tsvector is stored out of line) so counting a broad word reads few pages.
If the rum extension is not installed the migration falls back to GIN (correct, slower on broad words).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from .. import terms as T
from ..query import Access, Clause, Plan
from ..terms import IndexDoc
from . import RawResult, SearchBackend, today_int

RELEVANCE_WINDOW = 200
MAX_KEY = (1 << 63) - 1

DDL_TABLE = [
    """CREATE TABLE IF NOT EXISTS search_doc (
        posting_id integer PRIMARY KEY, key bigint NOT NULL UNIQUE, published boolean NOT NULL,
        valid_through integer, posted_us bigint NOT NULL, wage_unit text NOT NULL, wage_min integer NOT NULL,
        annual_wage bigint NOT NULL, tsv tsvector NOT NULL)""",
    "ALTER TABLE search_doc ALTER COLUMN tsv SET STORAGE EXTERNAL",
    "ALTER TABLE search_doc SET (toast_tuple_target = 128)",
    "CREATE INDEX IF NOT EXISTS search_doc_expiry ON search_doc (valid_through) WHERE published",
    "CREATE INDEX IF NOT EXISTS search_doc_wage ON search_doc (wage_unit, wage_min)",
]
DDL_RUM = [
    "CREATE EXTENSION IF NOT EXISTS rum",
    "CREATE INDEX IF NOT EXISTS search_doc_rum ON search_doc USING rum (tsv rum_tsvector_addon_ops, key) "
    "WITH (attach = 'key', to = 'tsv')",
]
DDL_GIN = ["CREATE INDEX IF NOT EXISTS search_doc_gin ON search_doc USING gin (tsv)"]
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
    return " ".join(f"{_lex(t)}:{','.join(ps)}" for t, ps in by_term.items())


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


class PostgresBackend(SearchBackend):
    name = "postgresql-rum"

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
                "INSERT INTO search_doc VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector) "
                "ON CONFLICT (posting_id) DO UPDATE SET key = EXCLUDED.key, published = EXCLUDED.published, "
                "valid_through = EXCLUDED.valid_through, posted_us = EXCLUDED.posted_us, "
                "wage_unit = EXCLUDED.wage_unit, wage_min = EXCLUDED.wage_min, "
                "annual_wage = EXCLUDED.annual_wage, tsv = EXCLUDED.tsv",
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
        # Building RUM/GIN once over a full table is several times faster than maintaining it row by row.
        with connection.cursor() as cur:
            cur.execute("DROP INDEX IF EXISTS search_doc_rum")
            cur.execute("DROP INDEX IF EXISTS search_doc_gin")

    def finish_rebuild(self) -> None:
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
            for sql in DDL_RUM if cur.fetchone() else DDL_GIN:
                cur.execute(sql)
            cur.execute("ANALYZE search_doc")

    def all_ids(self, plan: Plan, access: Access) -> list[int]:
        where, args = self._where(plan, access, tsquery(plan, access))
        with connection.cursor() as cur:
            cur.execute(f"SELECT posting_id FROM search_doc WHERE {where}", args)
            return [r[0] for r in cur.fetchall()]

    def _where(self, plan: Plan, access: Access, query: str) -> tuple[str, list[Any]]:
        sql = "tsv @@ %s::tsquery AND NOT (published AND valid_through < %s)"
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

    def count(self, plan: Plan, access: Access) -> int:
        where, args = self._where(plan, access, tsquery(plan, access))
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM search_doc WHERE {where}", args)
            return int(cur.fetchone()[0])

    def search(
        self, plan: Plan, access: Access, *, sort: str, offset: int, limit: int, facets: bool = True
    ) -> RawResult:
        q = tsquery(plan, access)
        where, args = self._where(plan, access, q)
        with connection.cursor() as cur:
            if facets:
                cur.execute(
                    f"SELECT (key >> {T.ID_BITS}) & {(1 << T.FKEY_BITS) - 1}, count(*) FROM search_doc "
                    f"WHERE {where} GROUP BY 1",
                    args,
                )
                hist = {int(k): int(n) for k, n in cur.fetchall()}
                total = sum(hist.values())
            else:
                hist = {}
                cur.execute(f"SELECT count(*) FROM search_doc WHERE {where}", args)
                total = int(cur.fetchone()[0])
            if total == 0 or offset >= total:
                return RawResult(total, [], hist)
            if sort == "salary":
                cur.execute(
                    f"SELECT posting_id FROM search_doc WHERE {where} "
                    "ORDER BY annual_wage DESC, key DESC LIMIT %s OFFSET %s",
                    [*args, limit, offset],
                )
                ids = [r[0] for r in cur.fetchall()]
            elif sort == "relevance" and plan.positive:
                ids = self._by_relevance(cur, plan, access, where, args, offset, limit)
            else:
                ids = self._newest(cur, where, args, offset, limit)
        return RawResult(total, ids, hist)

    def _newest(self, cur, where: str, args: list[Any], offset: int, limit: int) -> list[int]:
        # key <=> MAX_KEY orders by distance from the largest key, i.e. newest first, straight from RUM.
        cur.execute(
            f"SELECT posting_id FROM search_doc WHERE {where} ORDER BY key <=> %s::bigint LIMIT %s OFFSET %s",
            [*args, MAX_KEY, limit, offset],
        )
        return [r[0] for r in cur.fetchall()]

    def _by_relevance(
        self,
        cur,
        plan: Plan,
        access: Access,
        where: str,
        args: list[Any],
        offset: int,
        limit: int,
    ) -> list[int]:
        title_q = tsquery(plan, access, title_only=True)
        cur.execute(
            f"SELECT posting_id, key, tsv @@ %s::tsquery FROM search_doc WHERE {where} "
            "ORDER BY key <=> %s::bigint LIMIT %s",
            [title_q, *args, MAX_KEY, RELEVANCE_WINDOW],
        )
        window = cur.fetchall()
        ranked = [r[0] for r in sorted(window, key=lambda r: (not r[2], -r[1]))]
        if offset + limit <= len(ranked) or len(window) < RELEVANCE_WINDOW:
            return ranked[offset : offset + limit]
        head = ranked[offset:] if offset < len(ranked) else []
        rest = self._newest(cur, where, args, max(offset, len(ranked)), limit - len(head))
        return head + rest

    def size_bytes(self) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size('search_doc')")
            return int(cur.fetchone()[0] or 0)

    def indexed_count(self) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM search_doc")
            return int(cur.fetchone()[0])
