"""The template filters that write dates and times as core.clock does, on every page (UX 21)."""

from __future__ import annotations

import datetime as dt

from django.template import engines


def render(source: str, **context: object) -> str:
    # No {% load %}: the filters are builtins, as the templates use them.
    return engines["django"].from_string(source).render(context)


def test_days_and_moments_read_the_same_everywhere() -> None:
    moment = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)  # already the 26th in Japan
    assert render("{{ t|moment_ja }}", t=moment) == "2026年11月26日（木）00:30"
    assert render("{{ t|day_ja }}", t=moment) == "2026年11月26日"
    assert render("{{ d|day_ja }}", d=dt.date(2004, 5, 10)) == "2004年5月10日"
    assert render("{{ d|date_ja }}", d=dt.date(2027, 1, 8)) == "2027年1月8日（金）"
    # a profile snapshot keeps its days as ISO strings (JSON)
    assert render("{{ d|day_ja }}", d="2004-05-10") == "2004年5月10日"
    # nothing stays nothing (so |default still applies), text that is not a day is left as it is
    assert render('{{ d|day_ja|default:"—" }}', d=None) == "—"
    assert render("{{ d|moment_ja }}", d="") == ""
    assert render("{{ d|day_ja }}", d="不明") == "不明"


def test_iso_datetime_strings_and_naive_moments_are_read_in_japan_time() -> None:
    # マイデータ's page shows its JSON export, whose moments are ISO strings in UTC
    assert render("{{ t|moment_ja }}", t="2026-11-25T15:30:00+00:00") == "2026年11月26日（木）00:30"
    assert render("{{ t|day_ja }}", t="2026-11-25T15:30:00+00:00") == "2026年11月26日"
    # a naive moment keeps its time (it is the project's Japan time), not only its day
    assert render("{{ t|moment_ja }}", t=dt.datetime(2026, 11, 26, 9, 5)) == "2026年11月26日（木）09:05"


def test_dates_whole_keeps_each_written_date_on_one_line_and_escapes_the_rest() -> None:
    # マイデータ's values are put together in Python; only the dates in them are held whole
    assert render("{{ v|dates_whole }}", v="2029年5月27日（日）まで（その後、匿名化）") == (
        '<span class="nowrap">2029年5月27日（日）</span>まで（その後、匿名化）'
    )
    assert render("{{ v|dates_whole }}", v="受付 2026年11月26日（木）14:42・<b>") == (
        '受付 <span class="nowrap">2026年11月26日（木）14:42</span>・&lt;b&gt;'
    )
    assert render("{{ v|dates_whole }}", v=3) == "3"
