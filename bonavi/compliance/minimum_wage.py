"""地域別最低賃金 by prefecture and effective date (最低賃金法).

The table is the project's own copy of the public figures (`data/minimum_wage_jp.csv`); add each new fiscal
year's rows when they are published. The rate in force on a date is the latest row with effective_date ≤ date.
"""

from __future__ import annotations

import csv
import datetime as dt
from bisect import bisect_right
from functools import cache
from importlib import resources


@cache
def _csv_rows() -> list[dict[str, str]]:
    with (
        resources.files("bonavi.compliance").joinpath("data/minimum_wage_jp.csv").open(encoding="utf-8") as fh
    ):
        return list(csv.DictReader(fh))


@cache
def _table() -> dict[str, list[tuple[dt.date, int]]]:
    rows: dict[str, list[tuple[dt.date, int]]] = {}
    for row in _csv_rows():
        rows.setdefault(row["jis_code"], []).append(
            (dt.date.fromisoformat(row["effective_date"]), int(row["hourly_yen"]))
        )
    for entries in rows.values():
        entries.sort()
    return rows


def minimum_wage(prefecture_code: str, on: dt.date) -> int | None:
    """The hourly minimum wage in yen in force in the prefecture on the date, or None if unknown."""
    entries = _table().get(prefecture_code)
    if not entries:
        return None
    i = bisect_right([d for d, _ in entries], on)
    if i == 0:
        return None  # before the oldest row we hold: unknown rather than wrong
    return entries[i - 1][1]


def highest_minimum_wage(prefecture_code: str) -> int:
    """The highest rate we hold for the prefecture: demo data is generated to stay lawful on any date."""
    return max(rate for _, rate in _table()[prefecture_code])


# 地域別最低賃金 revisions are decided each summer and take effect from October onwards, prefecture by prefecture.
REVISION_MONTH = 10


@cache
def latest_fiscal_year() -> int:
    return max(int(row["fiscal_year"]) for row in _csv_rows())


def stale_table_notice(on: dt.date) -> str:
    """A Japanese warning when, on `on`, the next fiscal year's revision has begun to take effect but the table
    does not hold it yet (the real minimum may then be higher than the one checked); "" while it is current."""
    latest = latest_fiscal_year()
    if on < dt.date(latest + 1, REVISION_MONTH, 1):
        return ""
    return (
        f"最低賃金の表は{latest}年度（令和{latest - 2018}年度）の改定までです。{latest + 1}年度の改定は例年10月から"
        "順次発効するため、実際の最低賃金はこの表より高い可能性があります（運営者が表を更新すると解消します）。"
    )
