"""merge_runs: the one run-merging of the access logs her pages show (seekers' 閲覧記録, agents' audit lines)."""

from __future__ import annotations

import datetime as dt

from bonavi.core.runs import Run, merge_runs

T0 = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_consecutive_rows_with_one_key_are_one_run_said_by_the_newest() -> None:
    rows = [("a", 9), ("a", 8), ("b", 7), ("a", 6), ("a", 5), ("a", 4)]  # newest first
    runs = merge_runs(rows, key=lambda r: r[0], at=lambda r: _at(r[1]))
    assert runs == [
        Run(("a", 9), _at(8), _at(9), 2),
        Run(("b", 7), _at(7), _at(7), 1),
        Run(("a", 6), _at(4), _at(6), 3),  # not merged with the first: another key came between
    ]


def test_a_key_of_none_is_never_merged() -> None:
    rows = [("x", 3), ("x", 2), ("v", 1), ("v", 0)]
    runs = merge_runs(rows, key=lambda r: r[0] if r[0] == "v" else None, at=lambda r: _at(r[1]))
    assert [(r.row, r.count) for r in runs] == [(("x", 3), 1), (("x", 2), 1), (("v", 1), 2)]
    assert merge_runs([], key=lambda r: r, at=lambda r: T0) == []


def test_a_run_says_when_it_was_with_span_ja() -> None:
    """Both access logs (seekers' ReadLine, agents' AuditLine) show a line's time as its run's `when`."""
    (run,) = merge_runs([("v", 2), ("v", 0)], key=lambda r: r[0], at=lambda r: _at(r[1]))
    assert run.when == "2026年11月26日（木）21:00〜21:02"  # 12:00 UTC is 21:00 in Japan
    (single,) = merge_runs([("v", 5)], key=lambda r: r[0], at=lambda r: _at(r[1]))
    assert single.when == "2026年11月26日（木）21:05"
