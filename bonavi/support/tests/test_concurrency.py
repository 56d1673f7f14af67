"""Two identical complaints at the same moment (a double click reaching two workers) on PostgreSQL, with threads.

On SQLite the IMMEDIATE transactions serialise writers, so the same rule is tested one after the other
(test_form.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.notifications.models import OutboxMessage
from bonavi.support import services
from bonavi.support.models import Category, Complaint

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]


def _file() -> Any:
    return services.complaint_file(
        user=None,
        client="ip192.0.2.7",
        category=Category.OTHER,
        posting=None,
        body="同時に二度押された苦情です。",
        reply_email="twice@example.jp",
        name="二重",
    )


def test_two_identical_posts_at_once_file_one_complaint_and_mail_once() -> None:
    n = 4
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = _file()
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert all(isinstance(r, tuple) for r in results), results
    assert Complaint.objects.count() == 1
    only = Complaint.objects.get()
    assert {r[0].pk for r in results} == {only.pk}
    assert sorted(created for _, created in results) == [False] * (n - 1) + [True]
    assert OutboxMessage.objects.filter(to_email="twice@example.jp").count() == 1
