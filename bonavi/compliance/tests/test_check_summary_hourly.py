"""/check/'s 「読み取った内容」 says the 時給換算 as the sum the minimum-wage check made: the amount it compared
(基本給 by that name, the pay less 固定残業代), one 「÷」, the monthly hours with their source in brackets, and the
result — no second pair of brackets around a sum that already ends in two (ADR 0127)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:  # /check/'s rate limit lives in the (database) cache
    cache.clear()


HEAD = "【募集職種】経理事務（正社員）\n【勤務地】東京都千代田区1-1\n"
DAYS = "【勤務時間】9:00〜18:00（休憩60分）\n【休日】年間休日125日\n"
HOURS = "月160時間（（365日−年間休日125日）×1日8時間÷12）"


def _hourly_line(client: Client, pay: str) -> str:
    html = client.post(
        "/check/", {"text": f"{HEAD}【給与】{pay}\n{DAYS}", "date": "2026-11-15"}
    ).content.decode()
    found = re.search(r"<dt>時給換算</dt><dd>(.*?)</dd>", html)
    assert found, html
    return found.group(1)


def test_a_monthly_pay() -> None:
    assert _hourly_line(Client(), "月給220,000円") == f"月給220,000円 ÷ {HOURS}＝1,375円"


def test_a_base_pay_is_called_基本給() -> None:
    line = _hourly_line(Client(), "月給250,000円（基本給200,000円、職務手当50,000円）")
    assert line == f"基本給200,000円 ÷ {HOURS}＝1,250円"


def test_fixed_overtime_pay_is_taken_out_as_the_check_takes_it_out() -> None:
    line = _hourly_line(Client(), "月給250,000円（固定残業代50,000円（30時間分）を含む。超過分は追加支給）")
    assert line == f"月給200,000円（固定残業代を除いた額） ÷ {HOURS}＝1,250円"


def test_an_hourly_pay() -> None:
    assert _hourly_line(Client(), "時給1,300円") == "1,300円"
