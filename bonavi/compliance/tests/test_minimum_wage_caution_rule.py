"""One rule for the 最低賃金 table's caution (ADR 0137, after 0134): /check/'s summary shows it, like the employer's
preview, only for a pay less than 10 % above the rate it was checked against (wages.near_minimum) or none read;
`bonavi check --deploy` speaks of the table — which prefectures lack the rates of the revision season begun by the
date — and what that does to the checks, not the employer's 「実際の最低賃金はこの表より高い可能性があります」."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bonavi.compliance import checks, minimum_wage
from bonavi.compliance.minimum_wage import MinimumWage, latest_fiscal_year, table_behind_notice
from bonavi.compliance.service import check_text, summary_rows
from bonavi.compliance.tests.test_rules import lawful

LATEST = latest_fiscal_year()
AFTER = dt.date(LATEST + 1, 11, 26)  # the next revision season has begun; the table does not hold it


def caution(row: str) -> bool:
    return "※" in row and "表より高い可能性" in row


def test_the_summary_of_a_pay_well_above_the_rate_has_no_caution() -> None:
    row = dict(summary_rows(lawful(), on=AFTER))["最低賃金"]  # 月給240,000円 ÷ 160 h = 1,500円, 22 % above
    assert row.startswith(f"{LATEST}年度の東京都の最低賃金") and not caution(row)


@pytest.mark.parametrize("pay", [1_226, 1_300])  # at the rate; 6 % above
def test_the_summary_of_a_pay_near_the_rate_keeps_it(pay: int) -> None:
    facts = lawful(wage_unit="hour", wage_min=pay, wage_max=None)
    assert caution(dict(summary_rows(facts, on=AFTER))["最低賃金"])


def test_a_pasted_ad_whose_pay_is_not_read_keeps_it() -> None:
    result = check_text("【職種】経理事務\n【勤務地】東京都千代田区丸の内1-1-1\n【給与】応相談", on=AFTER)
    assert result.facts is not None
    assert caution(dict(summary_rows(result.facts, on=AFTER))["最低賃金"])


def test_a_pasted_ad_well_above_the_rate_has_none() -> None:
    result = check_text(
        "【職種】経理事務\n【勤務地】東京都千代田区丸の内1-1-1\n【給与】時給1,800円", on=AFTER
    )
    assert result.facts is not None
    row = dict(summary_rows(result.facts, on=AFTER))["最低賃金"]
    assert "東京都の最低賃金" in row and not caution(row)


def test_the_deploy_notice_is_dated_by_the_revision_season() -> None:
    assert (
        table_behind_notice(dt.date(LATEST + 1, 9, 30)) == ""
    )  # next year's rates are not in force anywhere
    said = table_behind_notice(dt.date(LATEST + 1, 10, 1))
    assert said.startswith(f"最低賃金の表（bonavi/compliance/data/minimum_wage_jp.csv）は{LATEST}年度")
    assert f"{LATEST + 1}年度の額がありません" in said
    assert "新しい額を下回り古い額以上の給与は違反として見つかりません" in said
    assert "1.1倍に満たない" in said
    assert "表より高い可能性" not in said  # the employer's words about one posting
    assert f"{LATEST + 1}年度以降の額がありません" in table_behind_notice(dt.date(LATEST + 2, 10, 1))


def test_the_deploy_check_says_the_table_s_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "today_jst", lambda: AFTER)
    (warning,) = checks.minimum_wage_table_current()
    assert warning.msg == table_behind_notice(AFTER) and warning.id == "bonavi.compliance.W001"
    monkeypatch.setattr(checks, "today_jst", lambda: dt.date(LATEST + 1, 9, 30))
    assert checks.minimum_wage_table_current() == []


def test_a_table_with_next_year_for_some_prefectures_only_names_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """docs/compliance.md lets rows be added as each 労働局 publishes: the table's newest year is then next year,
    yet 45 prefectures still lack it — the deploy check counts them, and says employers there are cautioned
    (per prefecture since ADR 0152; before, the caution was silent)."""
    table = {code: list(rows) for code, rows in minimum_wage._table().items()}
    for code in ("13", "14"):
        last = table[code][-1]
        table[code].append(replace(last, effective=dt.date(LATEST + 1, 10, 1), fiscal_year=LATEST + 1))
    monkeypatch.setattr(minimum_wage, "_table", lambda: table)
    said = table_behind_notice(AFTER)
    assert f"北海道・青森県・岩手県ほか42都道府県の{LATEST + 1}年度の額がありません（45都道府県）" in said
    assert "東京都" not in said and "前の年度のままである旨の注意が出ます" in said
    assert isinstance(table["13"][-1], MinimumWage)
