"""A partly updated 最低賃金 table (ADR 0152): when the data file holds the new fiscal year for 30 prefectures only, a
posting near the minimum in one of the other 17 is told that its prefecture's figure is the older year's — on
/check/'s summary and the employer's preview (`wages.stale_table_notice_for`) — and `check --deploy` names those
prefectures and says employers there are told. Before, the employer's caution followed the table's newest year as
a whole and was silent for all 47."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bonavi.compliance import minimum_wage
from bonavi.compliance.checker import check_facts
from bonavi.compliance.minimum_wage import table_behind_notice
from bonavi.compliance.service import check_text, summary_rows
from bonavi.compliance.tests.test_rules import lawful
from bonavi.compliance.wages import stale_table_notice_for

LATEST = max(e.fiscal_year for rows in minimum_wage._table().values() for e in rows)
NEW = LATEST + 1
UPDATED = [f"{n:02d}" for n in range(1, 31)]  # 北海道 … 大分県 get the new year; 鳥取県 … 沖縄県 do not
AFTER = dt.date(NEW, 11, 26)  # the season has begun
AUGUST = dt.date(NEW, 8, 20)  # the new figures published for 30 prefectures, none in force yet


@pytest.fixture
def partial(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[minimum_wage.MinimumWage]]:
    table = {code: list(rows) for code, rows in minimum_wage._table().items()}
    for code in UPDATED:
        last = table[code][-1]
        table[code].append(
            replace(last, effective=dt.date(NEW, 10, 5), fiscal_year=NEW, hourly=last.hourly + 60)
        )
    monkeypatch.setattr(minimum_wage, "_table", lambda: table)
    return table


def _okinawa(pay: int):
    return lawful(
        prefecture_code="47", address="沖縄県那覇市久茂地1-1-1", wage_unit="hour", wage_min=pay, wage_max=None
    )


@pytest.mark.parametrize("on", [AFTER, AUGUST])
def test_a_prefecture_left_on_last_year_is_named_near_the_minimum(partial, on: dt.date) -> None:
    rate = partial["47"][-1].hourly
    notice = stale_table_notice_for(_okinawa(rate + 10), on)
    assert notice.startswith(f"沖縄県の最低賃金は{LATEST}年度の額（")
    assert f"ほかの都道府県には{NEW}年度の額が収録されています" in notice
    assert notice.endswith("改定後の額を確認してください。")


def test_the_check_s_summary_says_it_too(partial) -> None:
    rate = partial["47"][-1].hourly
    result = check_text(
        f"【職種】経理事務\n【勤務地】沖縄県那覇市久茂地1-1-1\n【給与】時給{rate:,}円", on=AFTER
    )
    assert result.facts is not None
    row = dict(summary_rows(result.facts, on=AFTER))["最低賃金"]
    assert f"※沖縄県の最低賃金は{LATEST}年度の額" in row


def test_an_updated_prefecture_and_a_pay_well_above_are_not_cautioned(partial) -> None:
    tokyo = lawful(wage_unit="hour", wage_min=partial["13"][-1].hourly, wage_max=None)
    assert stale_table_notice_for(tokyo, AFTER) == ""  # 東京都 has the new year
    assert stale_table_notice_for(_okinawa(partial["47"][-1].hourly * 2), AFTER) == ""


def test_the_deploy_notice_names_the_rest_and_says_employers_are_told(partial) -> None:
    said = table_behind_notice(AUGUST)
    assert f"鳥取県・島根県・岡山県ほか14都道府県の{NEW}年度の額がありません（17都道府県）" in said
    assert "その都道府県の額が前の年度のままである旨の注意が出ます" in said
    assert "注意が出ません" not in said


def test_the_table_as_shipped_before_the_next_season_cautions_no_one() -> None:
    before = dt.date(LATEST + 1, 9, 30)
    assert table_behind_notice(before) == ""
    assert stale_table_notice_for(_okinawa(900), before) == ""


def _wage_messages(f, on: dt.date) -> list[str]:
    return [x.message for x in check_facts(f, on=on) if x.rule == "minimum-wage"]


def test_the_finding_ends_on_the_revision_after_the_rate_it_compared(partial) -> None:
    """Under 沖縄県's rate (the table holds only last year's there) the finding closes on this year's revision, the
    one missing for 沖縄県 — before, it followed the table's newest year and said nothing (ADR 0152, s19 addendum).
    The preview reads the facts (check_facts) and /check/ the text (check_text): both say it."""
    rate = partial["47"][-1].hourly
    closing = f"（最低賃金法4条）。{NEW}年度の改定額が公表されていれば、それも確認してください。"
    [message] = _wage_messages(_okinawa(rate - 10), AFTER)
    assert f"{LATEST}年度の沖縄県の最低賃金{rate:,}円" in message and message.endswith(closing)
    result = check_text(
        f"【職種】経理事務\n【勤務地】沖縄県那覇市久茂地1-1-1\n【給与】時給{rate - 10:,}円", on=AFTER
    )
    [message] = [x.message for x in result.findings if x.rule == "minimum-wage"]
    assert f"{LATEST}年度の沖縄県の最低賃金" in message and message.endswith(closing)


def test_an_updated_prefecture_s_finding_asks_for_no_revision(partial) -> None:
    rate = partial["13"][-1].hourly
    [message] = _wage_messages(lawful(wage_unit="hour", wage_min=rate - 10, wage_max=None), AFTER)
    assert f"{NEW}年度の東京都の最低賃金{rate:,}円" in message
    assert message.endswith("（最低賃金法4条）。")
    # in August its new row is not in force yet: compared with last year's, and the revision is in the table
    [message] = _wage_messages(lawful(wage_unit="hour", wage_min=900, wage_max=None), AUGUST)
    assert f"{LATEST}年度の東京都の最低賃金" in message and message.endswith("（最低賃金法4条）。")


def test_a_season_later_each_prefecture_counts_from_its_own_year(partial) -> None:
    later = dt.date(NEW + 1, 11, 1)
    [okinawa] = _wage_messages(_okinawa(500), later)
    assert okinawa.endswith(f"{NEW}年度以降の改定額が公表されていれば、それも確認してください。")
    [tokyo] = _wage_messages(lawful(wage_unit="hour", wage_min=500, wage_max=None), later)
    assert tokyo.endswith(f"{NEW + 1}年度の改定額が公表されていれば、それも確認してください。")


def test_the_fixed_overtime_finding_ends_the_same_way(partial) -> None:
    f = _okinawa(partial["47"][-1].hourly + 500)
    f = replace(
        f,
        wage_unit="month",
        wage_min=300_000,
        fixed_overtime=True,
        fixed_overtime_amount=10_000,
        fixed_overtime_hours=20,
        fixed_overtime_excess_paid=True,
    )
    [message] = [
        x.message for x in check_facts(f, on=AFTER) if x.rule == "fixed-overtime" and "割増賃金" in x.message
    ]
    assert message.endswith(f"{NEW}年度の改定額が公表されていれば、それも確認してください。")
