"""Waiting for the write transactions open at a moment to end (ADR 0081 addendum s22).

A row's stamp (`updated_at`) is taken when it is saved and others see the row when its transaction commits. A reader
that must see every change stamped before some moment — the job feed's build, whose file is dated with its data time —
cannot tell from the stamps alone whether a write stamped earlier is still uncommitted. It reads its moment, calls
`wait_for_open_writes`, and only then reads the rows: every transaction that had written by the moment has ended, and
a transaction that writes after it stamps later.
"""

from __future__ import annotations

import time

from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction

# How often PostgreSQL's list of open transactions is looked at again while waiting.
POLL_SECONDS = 0.1


class WritesStillOpen(Exception):
    """A write transaction open at the call was still open when the wait ran out."""


def wait_for_open_writes(*, timeout: float) -> None:
    """Return once every write transaction of this database open at the call has committed or rolled back; raise
    WritesStillOpen after `timeout` seconds. This connection's own transaction is not waited for."""
    if connection.vendor == "postgresql":
        _wait_postgresql(timeout)
    elif connection.vendor == "sqlite":
        _wait_sqlite(timeout)
    else:  # pragma: no cover - the project runs on these two (docs/architecture.md)
        raise ImproperlyConfigured(f"wait_for_open_writes: {connection.vendor} is not supported")


def _wait_sqlite(timeout: float) -> None:
    # One writer at a time: taking the write lock (BEGIN IMMEDIATE, the project's transaction mode) waits for the
    # writer that holds it. Inside a transaction this connection is the writer, or takes the lock at its first
    # write; either way no other writer is open now.
    if connection.in_atomic_block:
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {max(int(timeout * 1000), 1)}")
        try:
            with transaction.atomic():
                cursor.execute("SELECT 1")
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            raise WritesStillOpen from error
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {before}")


def _wait_postgresql(timeout: float) -> None:
    # A session holds a transaction id from its first write until it ends; pg_stat_activity names them for this
    # database (other databases of a shared cluster are not waited for). The application's own role sees its own
    # sessions' ids; statistics are read afresh each time (they are cached per transaction otherwise).
    query = (
        "SELECT pid, backend_xid::text FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(query)
        open_then = {(pid, xid) for pid, xid in cursor.fetchall()}
        deadline = time.monotonic() + timeout
        while open_then:
            if time.monotonic() >= deadline:
                raise WritesStillOpen
            time.sleep(POLL_SECONDS)
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(query)
            open_then &= {(pid, xid) for pid, xid in cursor.fetchall()}
