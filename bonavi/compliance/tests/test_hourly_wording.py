"""The minimum-wage finding writes its sum as a person reads it: the pay, one 「÷」, the monthly hours, each figure's
source in brackets after it. 「月給100,000円÷（365日−年間休日125日）×1日8時間÷12＝月160時間」 read as 100,000 ÷ 240 × 8 ÷ 12
— a wrong formula — where the hours were meant to be one figure."""

from __future__ import annotations

from bonavi.compliance.tests.test_rules import lawful, rules
from bonavi.compliance.wages import to_hourly


def test_a_monthly_wage_is_divided_by_the_hours_said_as_one_figure() -> None:
    [found] = rules(lawful(wage_min=100_000, wage_max=None))["minimum-wage"]
    # 9:00〜18:00, 休憩60分 → 8時間; (365 − 125) × 8 ÷ 12 = 160 時間; 100,000 ÷ 160 = 625円
    assert found.message.startswith(
        "月給100,000円 ÷ 月160時間（（365日−年間休日125日）×1日8時間÷12）＝時給換算625円で、"
    )


def test_a_stated_figure_and_the_default_read_the_same_way() -> None:
    [stated] = rules(lawful(wage_min=180_000, wage_max=None, scheduled_monthly_hours=160.0))["minimum-wage"]
    assert stated.message.startswith(
        "月給180,000円 ÷ 月160時間（月平均所定労働時間・記載どおり）＝時給換算1,125円"
    )
    [guessed] = rules(lawful(wage_min=200_000, wage_max=None, annual_holidays=None))["minimum-wage"]
    assert guessed.message.startswith(
        "月給200,000円 ÷ 月173.8時間（月平均所定労働時間と年間休日の記載がないため週40時間として計算）＝時給換算1,150円"
    )


def test_what_the_amount_is_and_a_yearly_pay_are_said_beside_the_amount() -> None:
    # 固定残業代 taken out first: the note belongs to the pay, not after the hours
    [found] = rules(
        lawful(
            wage_min=200_000,
            wage_max=None,
            fixed_overtime=True,
            wage_includes_fixed_overtime=True,
            fixed_overtime_amount=50_000,
            fixed_overtime_hours=20,
            fixed_overtime_excess_paid=True,
        )
    )["minimum-wage"]
    assert found.message.startswith(
        "月給150,000円（固定残業代を除いた額） ÷ 月160時間（（365日−年間休日125日）"
    )
    year = to_hourly("year", 2_400_000, lawful())
    assert year.how == "月200,000円（年収2,400,000円÷12） ÷ 月160時間（（365日−年間休日125日）×1日8時間÷12）"
    day = to_hourly("day", 8_000, lawful())
    assert day.how == "日給8,000円 ÷ 1日の所定労働時間8時間"


def test_a_base_pay_is_divided_as_基本給() -> None:
    """基本給 stated beside a total is what the minimum wage is compared with, and the sum says so by name."""
    [found] = rules(lawful(wage_min=250_000, wage_max=None, base_pay=100_000))["minimum-wage"]
    assert found.message.startswith(
        "基本給100,000円 ÷ 月160時間（（365日−年間休日125日）×1日8時間÷12）＝時給換算625円で、"
    )
