"""The embedded mode runs on a SQLite whose FTS5 returns every match in newest-first order (ADR 0024)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_bundled_sqlite_is_in_use() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run")
    # 3.40 (Debian 12) drops matches of AND queries under ORDER BY rowid DESC; the bundled build does not.
    assert connection.Database.sqlite_version_info >= (3, 45, 0)


@pytest.mark.django_db
def test_fts5_and_query_newest_first_returns_every_match() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run")
    with connection.cursor() as cur:
        cur.execute("CREATE VIRTUAL TABLE t_fts USING fts5(body)")
        rows = [
            (i, " ".join(w for w, k in (("a", 2), ("b", 3), ("c", 7)) if i % k == 0) or "z")
            for i in range(1, 30001)
        ]
        cur.executemany("INSERT INTO t_fts(rowid, body) VALUES (%s, %s)", rows)
        cur.execute("SELECT count(*) FROM t_fts WHERE t_fts MATCH 'a AND b'")
        total = cur.fetchone()[0]
        cur.execute("SELECT rowid FROM t_fts WHERE t_fts MATCH 'a AND b' ORDER BY rowid DESC")
        desc = [r[0] for r in cur.fetchall()]
        cur.execute("DROP TABLE t_fts")
    assert total == 5000 and len(desc) == total and desc == sorted(desc, reverse=True)


@pytest.mark.django_db
def test_index_size_is_reported(employer) -> None:
    from bonavi.jobs.tests.factories import make_posting
    from bonavi.search.backends import get_backend

    make_posting(employer.organization, title="経理事務")
    assert get_backend().size_bytes() > 0
