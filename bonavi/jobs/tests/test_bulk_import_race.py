"""Two imports adding the same new 社内管理番号 at once, on PostgreSQL with real threads (ADR 0085).

A number nobody has cannot be locked, so both commits find it free under their locks; the unique constraint lets
only one insert it. On SQLite writers cannot interleave (one write lock), so the same refusal is tested there by
storing the number inside the commit (test_bulk_import_updates.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.jobs import bulk_import
from bonavi.jobs.models import JobPosting

from .test_bulk_import_updates import csv_bytes, row

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]


def test_two_imports_of_the_same_new_number_one_stores_it_the_other_names_it(employer, monkeypatch):
    both_looked_up = threading.Barrier(2, timeout=20)
    mark_duplicates = bulk_import._mark_duplicates

    def after_the_lock(user: Any, report: Any) -> None:
        mark_duplicates(user, report)
        both_looked_up.wait()  # each commit has found N-1 free under its lock before either inserts it

    monkeypatch.setattr(bulk_import, "_mark_duplicates", after_the_lock)
    results: list[Any] = [None, None]

    def load(i: int) -> None:
        try:
            data = csv_bytes([row(社内管理番号="N-1", 求人タイトル=f"経理事務 {i}")])
            results[i] = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=False)
        except Exception as exc:  # the refusal is the result
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=load, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stored = [r for r in results if isinstance(r, bulk_import.ImportOutcome)]
    refused = [r for r in results if isinstance(r, bulk_import.ImportSaveFailed)]
    assert len(stored) == 1 and stored[0].created == 1 and len(refused) == 1, results
    assert "社内管理番号「N-1」の求人が、この登録の途中に別の操作で登録されたため" in str(refused[0])
    assert JobPosting.objects.filter(reference="N-1").count() == 1
