"""The build waits for the write transactions open when it read its data time (ADR 0081 addendum s22). A posting
made 非公開 in a transaction that had written before the build's data time and committed after the build read the
postings was in the built file as public, stamped older than the file: only the served copy's look-back
(LATE_COMMIT, s21) kept it out, and not at all past 10 minutes. Real transactions on a second connection, on the
suite's database (SQLite here, PostgreSQL in CI's second run)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from django.db import connections, transaction
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs import feed_files
from bonavi.jobs.models import FeedStaffChange, JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_feed import feed_dir  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db(transaction=True)


class _HidesPosting:
    """Makes a posting 非公開 (a real save: stamped now) in a transaction held open until `release`."""

    def __init__(self, posting: JobPosting) -> None:
        self.posting_pk = posting.pk
        self.written = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with transaction.atomic():
                posting = JobPosting.objects.get(pk=self.posting_pk)
                posting.visibility = Visibility.PRIVATE
                posting.save()
                self.written.set()
                self.release.wait(20)
        finally:
            connections.close_all()


@pytest.fixture
def postings(employer: User) -> Iterator[tuple[JobPosting, JobPosting]]:
    """A posting about to be hidden, and one whose committed stamp (5 s ahead) makes the build's data time newer
    than the hiding save's stamp: the late commit s21 found."""
    assert employer.organization is not None
    hidden, newest = (
        make_posting(employer.organization, prefecture="13", title=f"経理{n}") for n in range(2)
    )
    now = timezone.now()
    FeedStaffChange.objects.update(changed_at=now - dt.timedelta(hours=1))
    JobPosting.objects.filter(pk=newest.pk).update(updated_at=now + dt.timedelta(seconds=5))
    yield hidden, newest


def _in_file(posting: JobPosting) -> bool:
    return f"bonavi-{posting.pk}]".encode() in (feed_files.feed_dir() / "jobs.xml").read_bytes()


def test_the_build_waits_for_the_transaction_that_hid_a_posting_and_leaves_it_out(
    postings: tuple[JobPosting, JobPosting],
) -> None:
    hidden, newest = postings
    writer = _HidesPosting(hidden)
    writer.thread.start()
    assert writer.written.wait(10)
    threading.Timer(0.5, writer.release.set).start()
    started = time.monotonic()
    result = feed_files.feed_refresh(force=True)
    writer.thread.join(10)
    assert result is not None and time.monotonic() - started >= 0.4
    assert JobPosting.objects.get(pk=hidden.pk).updated_at < result.data_time  # stamped before the data time
    assert _in_file(newest) and not _in_file(hidden)


def test_a_transaction_open_past_the_wait_puts_the_build_off_and_the_next_round_builds(
    postings: tuple[JobPosting, JobPosting], monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden, newest = postings
    # Stamps as a real database has them (none ahead of now): the hiding save is newer than the first build.
    JobPosting.objects.filter(pk=newest.pk).update(updated_at=timezone.now() - dt.timedelta(seconds=30))
    first = feed_files.feed_refresh(force=True)
    assert first is not None and _in_file(hidden)
    before = (feed_files.feed_dir() / "jobs.xml").stat().st_mtime_ns
    monkeypatch.setattr(feed_files, "WRITES_WAIT", 0.3)
    writer = _HidesPosting(hidden)
    writer.thread.start()
    try:
        assert writer.written.wait(10)
        assert feed_files.feed_refresh(force=True) is None  # put off, nothing written
        assert (feed_files.feed_dir() / "jobs.xml").stat().st_mtime_ns == before
        assert not list(feed_files.feed_dir().glob("*.tmp"))
    finally:
        writer.release.set()
        writer.thread.join(10)
    assert feed_files.feed_stale()  # the hiding save is newer than the file on disk
    assert feed_files.feed_refresh() is not None
    assert _in_file(newest) and not _in_file(hidden)
