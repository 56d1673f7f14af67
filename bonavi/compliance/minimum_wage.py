"""地域別最低賃金 by prefecture and effective date (最低賃金法).

The table is the project's own copy of the public figures (`data/minimum_wage_jp.csv`), shipped in the package:
a new fiscal year's rows reach a site with a release (there is no command that fetches them; the yearly steps are
in docs/compliance.md, 「最低賃金の表の更新」). The rate in force on a date is the latest row with effective_date ≤ date.
"""

from __future__ import annotations

import csv
import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from bonavi.core.prefectures import prefecture_name


@cache
def _csv_rows() -> list[dict[str, str]]:
    with (
        resources.files("bonavi.compliance").joinpath("data/minimum_wage_jp.csv").open(encoding="utf-8") as fh
    ):
        return list(csv.DictReader(fh))


@dataclass(frozen=True, order=True)
class MinimumWage:
    """One row of the table: a prefecture's rate, in force from `effective` (the 発効日), for a fiscal year."""

    effective: dt.date
    hourly: int
    fiscal_year: int
    # Whose rate it is: a finding compared with this row ends on the revisions missing for that prefecture, which
    # in a partly updated table are not the table's as a whole (missing_revision, ADR 0152 s19 addendum).
    prefecture_code: str = field(default="", compare=False)

    def words(self, place: str) -> str:
        """「2025年度の東京都の最低賃金1,226円（2025年10月3日発効）」: the figure as the table holds it. Never "as of
        the check date": when the table is behind (stale_table_notice), a newer figure may be in force that day."""
        return f"{self.fiscal_year}年度の{place}の最低賃金{self.hourly:,}円（{self.effective:%Y年%-m月%-d日}発効）"


@cache
def _table() -> dict[str, list[MinimumWage]]:
    rows: dict[str, list[MinimumWage]] = {}
    for row in _csv_rows():
        rows.setdefault(row["jis_code"], []).append(
            MinimumWage(
                dt.date.fromisoformat(row["effective_date"]),
                int(row["hourly_yen"]),
                int(row["fiscal_year"]),
                row["jis_code"],
            )
        )
    for entries in rows.values():
        entries.sort()
    return rows


def minimum_wage_row(prefecture_code: str, on: dt.date) -> MinimumWage | None:
    """The table's row in force in the prefecture on the date (the latest effective on or before it), or None."""
    entries = _table().get(prefecture_code)
    if not entries:
        return None
    i = bisect_right([e.effective for e in entries], on)
    if i == 0:
        return None  # before the oldest row we hold: unknown rather than wrong
    return entries[i - 1]


def minimum_wage(prefecture_code: str, on: dt.date) -> int | None:
    """The hourly minimum wage in yen in force in the prefecture on the date, or None if unknown."""
    row = minimum_wage_row(prefecture_code, on)
    return row.hourly if row else None


def highest_minimum_wage(prefecture_code: str) -> int:
    """The highest rate we hold for the prefecture: demo data is generated to stay lawful on any date."""
    return max(e.hourly for e in _table()[prefecture_code])


# 地域別最低賃金 revisions are decided each summer and take effect from October onwards, prefecture by prefecture.
REVISION_MONTH = 10


def latest_fiscal_year() -> int:
    """The newest fiscal year the table holds for any prefecture (read from `_table`, as every other question of
    the table is, so a test's table fixture answers it too)."""
    return max(e.fiscal_year for entries in _table().values() for e in entries)


def revision_year_begun(on: dt.date) -> int:
    """The fiscal year of the last revision season begun by `on`: from October 1st that year's, before it the
    previous year's (a revision's 発効日 falls from October onwards, never before)."""
    return on.year if on.month >= REVISION_MONTH else on.year - 1


def _years_missing(held: int, begun: int) -> str:
    return f"{held + 1}年度" + ("以降" if begun > held + 1 else "")


def missing_revision(on: dt.date, prefecture_code: str = "") -> str:
    """「2026年度」 (or 「2026年度以降」 when more are missing): the revisions that may have begun to take effect by
    `on` but that the table does not hold; "" while the table is current. With `prefecture_code`, that
    prefecture's: counted from the newest year the table holds for it, not for any prefecture — in a partly
    updated table (ADR 0152) a prefecture left on last year's rate is missing this year's revision while the table
    as a whole is not, and one given next year's row (not yet in force) is missing none."""
    entries = _table().get(prefecture_code) if prefecture_code else None
    held = max(e.fiscal_year for e in entries) if entries else latest_fiscal_year()
    newest = revision_year_begun(on)
    if newest <= held:
        return ""
    return _years_missing(held, newest)


def season_known(on: dt.date) -> int:
    """The newest revision a prefecture's rates should reach by `on`: the season begun by the date, or the newest
    fiscal year the table holds for any prefecture, if later (ADR 0152). A table given next year's rows for 30
    prefectures in August says the other 17's revisions are decided too, October or not."""
    return max(revision_year_begun(on), latest_fiscal_year())


def prefectures_behind(on: dt.date) -> dict[str, int]:
    """{JIS code: the newest fiscal year the table holds for it} for each prefecture whose rates stop before
    `season_known(on)` — per prefecture, so a table given next year's rows for a few prefectures only
    (docs/compliance.md allows adding them as each 労働局 publishes) still counts the others as behind. By fiscal
    year, not by 発効日: one year's revisions take effect from October to March (2025: 10月1日 to 3月31日), so a gap
    of months between two prefectures' dates says nothing (ADR 0152)."""
    season = season_known(on)
    return {
        code: held
        for code, entries in _table().items()
        if (held := max(e.fiscal_year for e in entries)) < season
    }


def prefecture_behind_notice(codes: list[str], on: dt.date) -> str:
    """The employer's caution for a posting in a prefecture left on an older year's rate while the table holds a
    newer year for others (a partly updated table, ADR 0152): 「青森県の最低賃金は2025年度の額（2025年11月21日発効）
    です。…改定後の額を確認してください。」; "" when none of `codes` is behind that way. A table behind everywhere is
    stale_table_notice's to say."""
    behind = prefectures_behind(on)
    latest = latest_fiscal_year()
    said = []
    for code in dict.fromkeys(codes):
        held = behind.get(code)
        if held is None or held >= latest:
            continue
        row = _table()[code][-1]
        said.append(
            f"{prefecture_name(code) or code}の最低賃金は{held}年度の額（{row.effective:%Y年%-m月%-d日}発効）です"
        )
    if not said:
        return ""
    return (
        "、".join(said)
        + f"。ほかの都道府県には{latest}年度の額が収録されていますが、この表にはまだありません（表はBOナビに収録"
        "されており、新しい額はBOナビの更新版で追加されます）。改定後の額を確認してください。"
    )


def table_behind_notice(on: dt.date) -> str:
    """What `bonavi check --deploy` (and `bonavi demo`) say to whoever runs the site when the table lacks, for some
    prefecture, the rates of the revision season begun by `on`; "" when it holds them for all. Not the employer's
    caution (stale_table_notice), which speaks of one posting: this is about the table, and says what it does to
    the checks — a pay under a new rate but not under the old one is not found — and where employers are told."""
    behind = prefectures_behind(on)
    if not behind:
        return ""
    season = season_known(on)
    oldest = min(behind.values())
    missing = _years_missing(oldest, season)
    table = "最低賃金の表（bonavi/compliance/data/minimum_wage_jp.csv）"
    effect = (
        f"{missing}の改定は例年10月1日以降に都道府県ごとに順次発効します。発効した都道府県でも求人はこの表の額で"
        "判定されるため、新しい額を下回り古い額以上の給与は違反として見つかりません。"
    )
    if len(behind) == len(_table()):
        return (
            f"{table}は{oldest}年度（令和{oldest - 2018}年度）の改定までで、{missing}の額がありません。{effect}"
            "雇用主のプレビューと/check/の要約には、給与が最低賃金の1.1倍に満たない（または給与が読めない）求人に"
            "だけ、表が古い旨の注意が出ます。"
        )
    places = [prefecture_name(code) or code for code in sorted(behind)]
    listed = (
        "・".join(places) if len(places) <= 5 else "・".join(places[:3]) + f"ほか{len(places) - 3}都道府県"
    )
    # The employer's caution is per prefecture too (prefecture_behind_notice, ADR 0152): said here, so the
    # operator knows what employers in those prefectures are told.
    return (
        f"{table}に、{listed}の{missing}の額がありません（{len(places)}都道府県）。{effect}"
        "これらの都道府県の求人には、給与が最低賃金の1.1倍に満たない（または給与が読めない）とき、雇用主の"
        "プレビューと/check/に、その都道府県の額が前の年度のままである旨の注意が出ます。"
    )


def stale_table_notice(on: dt.date) -> str:
    """A Japanese warning when, on `on`, a revision the table does not hold may have begun to take effect
    (missing_revision; the real minimum may then be higher than the one checked); "" while it is current."""
    missing = missing_revision(on)
    if not missing:
        return ""
    latest = latest_fiscal_year()
    return (
        f"最低賃金の表は{latest}年度（令和{latest - 2018}年度）の改定までです。{missing}の改定は例年10月から"
        "順次発効するため、実際の最低賃金はこの表より高い可能性があります（表はBOナビに収録されており、"
        "新しい年度の額はBOナビの更新版で追加されます）。"
    )
