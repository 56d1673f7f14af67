"""The minimum-wage messages name the table's figure as what it is — a fiscal year's rate and its 発効日 — and,
when the table may be behind the check date, that a newer revision may apply. They never state the table's figure
as the minimum wage "on" a date the table may not cover (「東京都の最低賃金1,226円（2026年11月26日時点）」)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bonavi.compliance.checker import check_facts
from bonavi.compliance.minimum_wage import latest_fiscal_year, minimum_wage_row, missing_revision
from bonavi.compliance.service import summary_rows
from bonavi.compliance.tests.test_rules import lawful

LATEST = latest_fiscal_year()
TOKYO = minimum_wage_row("13", dt.date(LATEST + 1, 3, 1))
assert TOKYO is not None and TOKYO.fiscal_year == LATEST
TOKYO_WORDS = f"{LATEST}年度の東京都の最低賃金{TOKYO.hourly:,}円（{TOKYO.effective:%Y年%-m月%-d日}発効）"


def messages(on: dt.date, **over: object) -> list[str]:
    return [f.message for f in check_facts(replace(lawful(), **over), on=on) if "最低賃金" in f.message]


def test_a_stale_table_says_the_fiscal_year_used_and_that_a_newer_one_may_apply() -> None:
    on = dt.date(LATEST + 1, 11, 26)
    (said,) = messages(on, wage_unit="hour", wage_min=1_100, wage_max=None)
    assert TOKYO_WORDS + "を下回っています（最低賃金法4条）。" in said
    assert said.endswith(f"{LATEST + 1}年度の改定額が公表されていれば、それも確認してください。")
    assert "時点" not in said and f"{on:%Y年%-m月%-d日}" not in said


def test_a_current_table_names_its_figure_without_the_caveat() -> None:
    on = dt.date(LATEST + 1, 3, 1)  # before the next revision season: the table is current
    (said,) = messages(on, wage_unit="hour", wage_min=1_100, wage_max=None)
    assert TOKYO_WORDS in said and "改定額が公表されていれば" not in said and "時点" not in said


def test_the_fixed_overtime_message_says_it_the_same_way() -> None:
    on = dt.date(LATEST + 1, 11, 26)
    over = dict(
        fixed_overtime=True,
        fixed_overtime_amount=20_000,
        fixed_overtime_hours=30,
        fixed_overtime_excess_paid=True,
    )
    (said,) = messages(on, **over)
    assert TOKYO_WORDS in said and f"{LATEST + 1}年度の改定額" in said


def test_the_summary_row_dates_the_figure_by_its_fiscal_year() -> None:
    near = lawful(wage_unit="hour", wage_min=1_250, wage_max=None)  # the notice only near the rate (ADR 0137)
    row = dict(summary_rows(near, on=dt.date(LATEST + 1, 11, 26)))["最低賃金"]
    assert row.startswith(TOKYO_WORDS + "※")  # the findings' own words for the figure, then the notice
    assert "時点" not in row


def test_more_than_one_missing_revision_is_said_as_from() -> None:
    assert missing_revision(dt.date(LATEST + 1, 9, 30)) == ""
    assert missing_revision(dt.date(LATEST + 1, 10, 1)) == f"{LATEST + 1}年度"
    assert missing_revision(dt.date(LATEST + 2, 10, 1)) == f"{LATEST + 1}年度以降"


def test_the_stale_table_notice_names_the_missing_revisions_as_the_findings_do() -> None:
    """The notice said 「{latest+1}年度の改定」 while the findings said 「…年度以降」 when two years were missing: both
    now come from missing_revision, and the notice is "" exactly when it is."""
    from bonavi.compliance.minimum_wage import stale_table_notice

    for on in (dt.date(LATEST + 1, 9, 30), dt.date(LATEST + 1, 10, 1), dt.date(LATEST + 2, 10, 1)):
        assert bool(stale_table_notice(on)) == bool(missing_revision(on)), on
    assert f"{LATEST + 1}年度の改定は例年10月から" in stale_table_notice(dt.date(LATEST + 1, 10, 1))
    assert f"{LATEST + 1}年度以降の改定は例年10月から" in stale_table_notice(dt.date(LATEST + 2, 10, 1))
