"""The fixed-window counter behind the mail caps (sign-up, address change, invitations, password reset)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from bonavi.core import ratelimit


@pytest.mark.django_db
def test_counts_events_in_the_window() -> None:
    assert [ratelimit.hit("k", window_seconds=3600) for _ in range(4)] == [1, 2, 3, 4]
    assert ratelimit.hit("other", window_seconds=3600) == 1


@pytest.mark.django_db
def test_requests_at_the_same_moment_never_share_a_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """The database cache (the default) increments by reading and then writing, so two requests at the same moment
    can both read 0 and both be told "1": a cap of 3 mails would let every simultaneous request through. Here every
    increment is such a lost update; the counts handed out must still be 1, 2, 3, ... each once."""
    real_incr = cache.incr

    def lost_update(key: str, delta: int = 1, version: Any = None) -> int:
        real_incr(key, delta)
        return 1  # what each of many simultaneous readers would compute

    monkeypatch.setattr(cache, "incr", lost_update)
    assert [ratelimit.hit("k", window_seconds=3600) for _ in range(5)] == [1, 2, 3, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_threads_on_the_real_cache_get_distinct_counts() -> None:
    counts: list[int] = []
    start = threading.Barrier(8)

    def one() -> None:
        start.wait()
        try:
            counts.append(ratelimit.hit("threads", window_seconds=3600))
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(counts) == list(range(1, 9))


@pytest.mark.django_db
def test_typed_address_mail_allowance_is_one_counter_per_address() -> None:
    allowed = ratelimit.typed_address_mail_allowed
    limit = ratelimit.TYPED_ADDRESS_MAIL_LIMIT
    assert allowed("Someone@Example.jp")
    assert all(allowed(" someone@example.jp") for _ in range(limit - 1))  # the same address, folded
    assert not allowed("someone@example.jp")
    assert allowed("other@example.jp")


def _cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM bonavi_cache")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_refused_events_past_the_limit_write_no_new_cache_rows() -> None:
    """A flood of refused requests must not grow the cache table (the database cache counts it on every add)."""
    assert [ratelimit.hit("flood", window_seconds=3600, limit=3) for _ in range(4)] == [1, 2, 3, 4]
    rows = _cache_rows()
    counts = [ratelimit.hit("flood", window_seconds=3600, limit=3) for _ in range(20)]
    assert all(count > 3 for count in counts)
    assert _cache_rows() == rows
    assert all(
        ratelimit.typed_address_mail_allowed("a@example.com")
        for _ in range(ratelimit.TYPED_ADDRESS_MAIL_LIMIT)
    )
    rows = _cache_rows()
    assert not any(ratelimit.typed_address_mail_allowed("a@example.com") for _ in range(10))
    assert _cache_rows() == rows
