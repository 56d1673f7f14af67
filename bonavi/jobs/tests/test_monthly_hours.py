"""The minimum-wage check of a monthly wage on the posting form divides by the posting's own 月平均所定労働時間:
(365 − 年間休日) × 1日の所定労働時間 ÷ 12 from its start, end and break times, and says the hours it used; it
falls back to 173.8 hours (a 40-hour week) only when those facts are missing."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.jobs.services import posting_findings
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 26)  # 東京都 1,226円 (from 2025-10-03)


def minimum_wage_findings(employer: User, **over: object) -> list[str]:
    base = {"prefecture": "13", "wage_unit": "month", "wage_max": None, "scheduled_monthly_hours": None,
            "start_time": dt.time(9), "end_time": dt.time(17), "break_minutes": 60}  # fmt: skip
    posting = make_posting(employer.organization, **{**base, **over})
    return [f.message for f in posting_findings(posting, on=DAY) if f.rule == "minimum-wage"]


def test_hours_from_times_and_annual_holidays_replace_the_default(employer: User) -> None:
    # 9:00〜17:00, 休憩60分 → 7時間; (365 − 120) × 7 ÷ 12 = 1,715 ÷ 12 = 142.92 → 142.9 時間
    # 月給180,000円 ÷ 142.9 = 1,259.6円 ≥ 1,226円: lawful (÷ 173.8 it would be 1,035円 and refused)
    assert minimum_wage_findings(employer, wage_min=180_000, annual_holidays=120) == []
    # 月給160,000円 ÷ 142.9 = 1,119.6円 < 1,226円
    [message] = minimum_wage_findings(employer, wage_min=160_000, annual_holidays=120)
    # the pay divided by the hours, each figure's source in brackets after it
    assert message.startswith(
        "月給160,000円 ÷ 月142.9時間（（365日−年間休日120日）×1日7時間÷12）＝時給換算1,119円で、"
    )


def test_a_break_and_a_longer_day_change_the_hours(employer: User) -> None:
    # 8:30〜17:30, 休憩45分 → 8.25時間; (365 − 105) × 8.25 ÷ 12 = 2,145 ÷ 12 = 178.75 → 178.8 時間
    # 月給210,000円 ÷ 178.8 = 1,174.5円 < 1,226円
    [message] = minimum_wage_findings(
        employer, wage_min=210_000, annual_holidays=105, start_time=dt.time(8, 30), end_time=dt.time(17, 30),
        break_minutes=45,
    )  # fmt: skip
    assert "月給210,000円 ÷ 月178.8時間（（365日−年間休日105日）×1日8.25時間÷12）＝時給換算1,174円" in message


def test_without_annual_holidays_the_default_is_used_and_the_missing_fact_named(employer: User) -> None:
    # 月給180,000円 ÷ 173.8 = 1,035.7円 < 1,226円
    [message] = minimum_wage_findings(employer, wage_min=180_000, annual_holidays=None)
    assert message.startswith("月給180,000円 ÷ 月173.8時間（月平均所定労働時間と年間休日の記載がないため")
    assert "週40時間として計算）＝時給換算1,035円" in message
    assert "年間休日" in message  # what to add for an exact figure


def test_a_stated_monthly_hours_figure_wins(employer: User) -> None:
    # 月給180,000円 ÷ 150.0 = 1,200円 < 1,226円 although the times and holidays would give 142.9 hours
    [message] = minimum_wage_findings(
        employer, wage_min=180_000, annual_holidays=120, scheduled_monthly_hours=150
    )
    assert "月給180,000円 ÷ 月150時間（月平均所定労働時間・記載どおり）＝時給換算1,200円" in message
