"""bench_search at a tiny size: the command runs end to end on the suite's database and reports every class."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.search.management.commands.bench_search import CLASSES


@pytest.mark.bench_smoke
@pytest.mark.django_db
def test_bench_search_smoke(tmp_path):
    out = StringIO()
    report = tmp_path / "bench.json"
    call_command(
        "bench_search",
        postings=300,
        repeat=3,
        baseline_repeat=1,
        no_migrate=True,
        json=str(report),
        stdout=out,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["postings"] == 300
    assert set(data["classes"]) == set(CLASSES)
    for c in data["classes"].values():
        assert c["p95"] > 0 and c["baseline_p95"] > 0
    # Recall of 2-kanji words against substring ground truth is 100% (the target).
    assert all(r["recall"] == 100.0 for r in data["recall"].values()), data["recall"]
    assert "再現率" in out.getvalue()
