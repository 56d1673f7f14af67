"""bench_search at a tiny size: the command runs end to end on the suite's database and reports every class."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

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


@pytest.mark.bench_smoke
@pytest.mark.django_db
def test_bench_search_zero_result_classes(tmp_path):
    """The zero-result classes really find nothing, and their time includes the help's alternatives."""
    report = tmp_path / "bench.json"
    call_command(
        "bench_search",
        postings=300,
        repeat=3,
        baseline_repeat=0,
        no_migrate=True,
        no_recall=True,
        classes="0件:条件語,0件:3語",
        json=str(report),
        stdout=StringIO(),
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    assert list(data["classes"]) == ["0件:条件語", "0件:3語"]
    for c in data["classes"].values():
        assert c["median_total"] == 0 and c["median_hints"] > 0 and c["baseline_p50"] == "-"
    assert data["recall"] == {}
    with pytest.raises(CommandError, match="クエリ種別「ほげ」はありません"):
        call_command("bench_search", postings=300, no_migrate=True, classes="ほげ", stdout=StringIO())
