"""`wait_for_open_writes` (ADR 0081 addendum s22) on the database the suite runs on: SQLite here, PostgreSQL in CI's
second run. A second thread holds a real write transaction open on its own connection."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.utils import timezone

from bonavi.core import db

pytestmark = pytest.mark.django_db(transaction=True)


class _Writer:
    """A transaction that has written a row and stays open until `release` (or 20 s)."""

    def __init__(self) -> None:
        self.written = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with transaction.atomic():
                Session.objects.create(session_key="held" * 8, session_data="", expire_date=timezone.now())
                self.written.set()
                self.release.wait(20)
        finally:
            connections.close_all()


@pytest.fixture
def writer() -> Iterator[_Writer]:
    held = _Writer()
    held.thread.start()
    assert held.written.wait(10)
    yield held
    held.release.set()
    held.thread.join(10)


def test_it_returns_once_the_transaction_open_at_the_call_has_committed(writer: _Writer) -> None:
    threading.Timer(0.5, writer.release.set).start()
    started = time.monotonic()
    db.wait_for_open_writes(timeout=10)
    assert time.monotonic() - started >= 0.4
    # Committed, so a read after the wait sees it.
    assert Session.objects.filter(session_key="held" * 8).exists()


def test_it_gives_up_after_the_timeout_while_the_transaction_is_still_open(writer: _Writer) -> None:
    started = time.monotonic()
    with pytest.raises(db.WritesStillOpen):
        db.wait_for_open_writes(timeout=0.3)
    assert time.monotonic() - started < 5
    assert not Session.objects.filter(session_key="held" * 8).exists()
    writer.release.set()
    writer.thread.join(10)
    db.wait_for_open_writes(timeout=0.3)  # nothing open now


def test_with_no_write_open_it_returns_at_once() -> None:
    started = time.monotonic()
    db.wait_for_open_writes(timeout=5)
    assert time.monotonic() - started < 1
