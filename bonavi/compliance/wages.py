"""Pay rules: conversion to an hourly figure (JAPAN-RULES §6), the minimum wage, and fixed overtime pay (§5).

Hourly conversion, as the law compares pay with the 地域別最低賃金:
- 時給: as it is.
- 日給: ÷ the scheduled daily hours; when the posting does not give them, ÷ 8 (the legal maximum, so the figure
  is the lowest hourly rate the daily pay could mean: a violation found this way is certain).
- 月給: ÷ the average scheduled monthly hours — the stated 月平均所定労働時間, else (365 − 年間休日) × daily
  scheduled hours ÷ 12, else 173.8 hours (a 40-hour week). Fixed overtime pay is excluded first.
- 年収・年俸: ÷ 12, then as monthly (a 年収 that includes bonuses overstates the monthly pay; we accept that
  blind spot rather than guess).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bonavi.core.prefectures import PREFECTURES, prefecture_name

from .context import Context
from .facts import PostingFacts, WageUnit
from .findings import Finding, Severity
from .minimum_wage import (
    MinimumWage,
    minimum_wage,
    minimum_wage_row,
    missing_revision,
    prefecture_behind_notice,
    stale_table_notice,
)
from .numbers import wage_mentions
from .scan import Hit

DEFAULT_MONTHLY_HOURS = 173.8
DEFAULT_DAILY_HOURS = 8.0
UNIT_LABEL: dict[str, str] = {"hour": "時給", "day": "日給", "month": "月給", "year": "年収"}


BASE_PAY = "基本給"


@dataclass(frozen=True)
class Hourly:
    value: float
    how: str  # the calculation in Japanese, shown to the person


def monthly_hours(f: PostingFacts) -> tuple[float, str]:
    """(the average scheduled monthly hours, how they were found): the figure first, its source in brackets after
    it — 「月160時間（（365日−年間休日125日）×1日8時間÷12）」 — so that in 「月給X円 ÷ 月160時間（…）」 the pay is
    divided by the hours, not read as divided by the days and then multiplied."""
    if f.scheduled_monthly_hours:
        return (
            f.scheduled_monthly_hours,
            f"月{f.scheduled_monthly_hours:g}時間（月平均所定労働時間・記載どおり）",
        )
    hours = _hours_from_holidays(f)
    if hours is not None:
        return (
            hours,
            f"月{hours:g}時間（（365日−年間休日{f.annual_holidays}日）×1日{f.daily_hours:g}時間÷12）",
        )
    # Name what is missing or unusable, so the employer knows which field turns the 40-hour-week guess into the
    # real figure.
    missing = "・".join(
        name
        for name, absent in (
            ("年間休日", f.annual_holidays is None),
            ("1日の所定労働時間（始業・終業時刻と休憩）", not f.daily_hours),
        )
        if absent
    )
    not_given = f"月平均所定労働時間{'と' + missing if missing else ''}の記載が"
    if f.annual_holidays is not None and not 0 < f.annual_holidays < 365:
        why = f"{not_given}なく、年間休日{f.annual_holidays}日は1〜364日の範囲にない"
    else:
        why = f"{not_given}ない"
    return DEFAULT_MONTHLY_HOURS, f"月{DEFAULT_MONTHLY_HOURS:g}時間（{why}ため週40時間として計算）"


def _hours_from_holidays(f: PostingFacts) -> float | None:
    """(365 − 年間休日) × the daily hours ÷ 12, when both are given and the holidays leave days to work."""
    if f.annual_holidays is None or not f.daily_hours or not 0 < f.annual_holidays < 365:
        return None
    return round((365 - f.annual_holidays) * f.daily_hours / 12, 1)


def monthly_hours_estimated(f: PostingFacts) -> bool:
    """The monthly hours are the 40-hour-week default, not the posting's own."""
    return not f.scheduled_monthly_hours and _hours_from_holidays(f) is None


def to_hourly(unit: WageUnit, amount: int, f: PostingFacts, *, note: str = "") -> Hourly:
    """`amount` per hour, and the sum as a person reads it: each figure with where it came from in brackets after
    it, and one division — 「月給100,000円 ÷ 月160時間（…）」. `note`: what the amount is (「基本給」, 「固定残業代を
    除いた額」), said beside it."""
    said = f"（{note}）" if note else ""
    if unit == "hour":
        return Hourly(float(amount), f"時給{amount:,}円{said}")
    if unit == "day":
        if f.daily_hours:
            return Hourly(
                amount / f.daily_hours, f"日給{amount:,}円{said} ÷ 1日の所定労働時間{f.daily_hours:g}時間"
            )
        return Hourly(
            amount / DEFAULT_DAILY_HOURS,
            f"日給{amount:,}円{said} ÷ 8時間（1日の所定労働時間の記載がないため法定の上限で換算）",
        )
    monthly = amount / 12 if unit == "year" else float(amount)
    hours, how = monthly_hours(f)
    if unit == "year":
        pay = f"月{monthly:,.0f}円（年収{amount:,}円÷12{'・' + note if note else ''}）"
    elif note == BASE_PAY:
        pay = f"基本給{amount:,}円"  # not 「月給…円（基本給）」: the 月給 is the total, which is not what is divided
    else:
        pay = f"月給{amount:,}円{said}"
    return Hourly(monthly / hours, f"{pay} ÷ {how}")


def _rates(f: PostingFacts, on: dt.date) -> tuple[MinimumWage | None, str, list[int]]:
    """(the table's row that applies, where it comes from, all rates if the place is unknown)."""
    codes = [c for c in f.prefectures() if c in PREFECTURES]
    known = [(row.hourly, c, row) for c in codes if (row := minimum_wage_row(c, on)) is not None]
    if known:
        _rate, code, row = max(known, key=lambda k: (k[0], k[1]))
        place = prefecture_name(code)
        if f.prefecture_guessed:
            place += "（勤務地が見つからないため募集者の所在地から推定）"
        return row, place, []
    everywhere = [r for r in (minimum_wage(c, on) for c in PREFECTURES) if r is not None]
    return None, "", everywhere


def _newer_may_apply(row: MinimumWage, on: dt.date) -> str:
    """The sentence a wage message compared with `row` ends with when the table may be behind on `on` for that
    row's prefecture (see stale_table_notice): the revision after the rate compared, not after the table's newest
    year, which a partly updated table holds for other prefectures only (ADR 0152, s19 addendum)."""
    missing = missing_revision(on, row.prefecture_code)
    return f"{missing}の改定額が公表されていれば、それも確認してください。" if missing else ""


def _base_monthly(f: PostingFacts) -> tuple[int | None, str]:
    """The monthly pay the minimum wage is compared with: fixed overtime pay is not part of it."""
    if f.wage_min is None:
        return None, ""
    if f.base_pay is not None:
        return f.base_pay, BASE_PAY
    if f.fixed_overtime and f.wage_includes_fixed_overtime and f.fixed_overtime_amount:
        return f.wage_min - f.fixed_overtime_amount, "固定残業代を除いた額"
    return f.wage_min, ""


def compared_pay(f: PostingFacts) -> tuple[int | None, str]:
    """(the posting's pay the minimum wage is compared with, what it is — 「基本給」, 「固定残業代を除いた額」 or ""):
    for a monthly or yearly pay without 固定残業代 or a separate 基本給 it is `wage_min`, as for a daily or hourly
    pay. The check and /check/'s 「時給換算」 line both divide this amount."""
    if f.wage_unit in ("month", "year"):
        return _base_monthly(f)
    return f.wage_min, ""


# How far above the table's minimum a pay must be for a missing revision not to matter to it (ADR 0134): a yearly
# revision has raised the 地域別最低賃金 by 3–6 % (2023 +4.5 %, 2024 +5.1 %, 2025 +6.3 % on the national average),
# so 10 % covers one missing year with room to spare.
NEAR_MINIMUM = 0.10


def near_minimum(f: PostingFacts, on: dt.date) -> bool:
    """The posting's pay, as the minimum-wage check compares it (compared_pay, to_hourly), is less than
    NEAR_MINIMUM above the table's rate it was checked against — so a revision the table does not hold yet could
    put it under. True too when it cannot be said (no pay, no rate): then the caution stays."""
    if not f.wage_unit or not f.wage_min:
        return True
    amount, note = compared_pay(f)
    if not amount:
        return True
    row, _place, everywhere = _rates(f, on)
    rate = row.hourly if row is not None else max(everywhere, default=0)
    if not rate:
        return True
    return to_hourly(f.wage_unit, amount, f, note=note).value < rate * (1 + NEAR_MINIMUM)


def stale_table_notice_for(f: PostingFacts, on: dt.date) -> str:
    """The table's caution where it can matter to this posting (near_minimum); "" for a pay well above the rate —
    the preview of a 月給250,000円 posting opened on a caution that could not concern it. Its prefecture left on an
    older year while others have the newer one (a partly updated table) is said by name (ADR 0152); else the
    table behind as a whole (stale_table_notice)."""
    if not near_minimum(f, on):
        return ""
    return prefecture_behind_notice(f.prefectures(), on) or stale_table_notice(on)


def rule_minimum_wage(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    row, place, everywhere = _rates(f, ctx.on)
    checked: set[tuple[str, int]] = set()
    candidates: list[tuple[WageUnit, int, str, Hit | None]] = []
    if f.wage_unit and f.wage_min:
        amount, note = compared_pay(f)
        if amount:
            candidates.append((f.wage_unit, amount, note, None))
            checked.update({(f.wage_unit, f.wage_min), (f.wage_unit, amount)})
    if ctx.scan:
        month_totals = [m for m in wage_mentions(ctx.scan.text) if m.unit == "month" and m.label != "基本給"]
        for m in wage_mentions(ctx.scan.text):
            if (m.unit, m.low) in checked:
                continue
            if m.label == "基本給" and month_totals and not f.fixed_overtime:
                continue  # 基本給 + 職務手当 etc.: the allowances count towards the minimum wage too
            checked.add((m.unit, m.low))
            candidates.append((m.unit, m.low, "", ctx.scan.span_hit(m.start, m.end)))
    for unit, amount, note, hit in candidates:
        hourly = to_hourly(unit, amount, f, note=note)
        how = hourly.how
        value = int(hourly.value)  # 円未満切り捨て: the comparison is in whole yen
        if row is not None:
            rate = row.hourly
            if hourly.value < rate:
                message = (
                    f"{how}＝時給換算{value:,}円で、{row.words(place)}を下回っています（最低賃金法4条）。"
                    + _newer_may_apply(row, ctx.on)
                )
                yield _wage_finding(
                    ctx,
                    message,
                    f"{place}の最低賃金{rate:,}円以上にしてください。"
                    + (
                        "年間休日と勤務時間（または月平均所定労働時間）を記載すると、その時間で正確に判定できます。"
                        if unit in ("month", "year") and monthly_hours_estimated(f)
                        else ""
                    ),
                    hit,
                )
        elif everywhere:
            low, high = min(everywhere), max(everywhere)
            if hourly.value < low:
                message = f"{how}＝時給換算{value:,}円で、全国どの都道府県の最低賃金（最低{low:,}円）も下回っています。"
                yield _wage_finding(
                    ctx, message, "最低賃金以上にしてください（勤務地の都道府県も記載してください）。", hit
                )
            elif hourly.value < high:
                message = (
                    f"{how}＝時給換算{value:,}円です。勤務地の都道府県が分からないため判定できませんが、"
                    f"最低賃金が{value + 1:,}円以上の都道府県では違反になります。"
                )
                yield _wage_finding(
                    ctx, message, "勤務地の都道府県を記載してください。", hit, severity="warning"
                )


def _wage_finding(
    ctx: Context, message: str, suggestion: str, hit: Hit | None, severity: Severity = "error"
) -> Finding:
    if hit is not None:
        return ctx.finding(
            "minimum-wage", message, hit=hit, item="最低賃金", suggestion=suggestion, severity=severity
        )
    return ctx.finding(
        "minimum-wage", message, item="最低賃金", suggestion=suggestion, source="wage_min", severity=severity
    )


# --------------------------------------------------------------------------------------------------------
# Fixed overtime pay (固定残業代)

_FO_WORDS = re.compile(
    r"固定残業|みなし残業|定額残業|固定時間外|みなし時間外|固定割増|残業代込|残業手当込|時間外手当込|"
    r"(?:残業代|残業手当|時間外手当|時間外労働手当)(?:を)?(?:含む|含み|込み)|\d+\s*時間分の(?:残業|時間外)"
)


def rule_fixed_overtime(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if not f.fixed_overtime:
        # A structured posting that says "no fixed overtime" while its text speaks of one.
        if ctx.scan and not ctx.text_mode:
            for hit in ctx.scan.hits(_FO_WORDS):
                yield ctx.finding(
                    "fixed-overtime",
                    f"「{hit.evidence}」とありますが、固定残業代の金額・時間数・超過分の支給が入力されていません。",
                    hit=hit,
                    item="固定残業代",
                    suggestion="固定残業代の欄に金額と時間数を入力し、超過分は追加で支給する旨を示してください。",
                )
                return
        return
    missing: list[str] = []
    base_shown = not f.wage_includes_fixed_overtime
    if f.wage_includes_fixed_overtime and not f.fixed_overtime_amount:
        missing.append("固定残業代を除いた基本給の額")
    if not f.fixed_overtime_amount:
        missing.append("固定残業代の金額")
    if not f.fixed_overtime_hours:
        missing.append("固定残業代に相当する時間数")
    if not f.fixed_overtime_excess_paid:
        missing.append("超過分を追加で支給する旨")
    where = "fixed_overtime" if "fixed_overtime" in f.sources else None
    field_for = {
        "固定残業代の金額": "fixed_overtime_amount",
        "固定残業代に相当する時間数": "fixed_overtime_hours",
        "超過分を追加で支給する旨": "fixed_overtime_excess_paid",
    }
    if missing:
        amount = f"{f.fixed_overtime_amount:,}円" if f.fixed_overtime_amount else "○○円"
        hours = f"{f.fixed_overtime_hours}時間" if f.fixed_overtime_hours else "○時間"
        base = "基本給○○円"
        if f.wage_min and not f.wage_includes_fixed_overtime:
            base = f"基本給{f.wage_min:,}円"
        elif f.wage_min and f.fixed_overtime_amount:
            base = f"基本給{f.wage_min - f.fixed_overtime_amount:,}円"
        yield ctx.finding(
            "fixed-overtime",
            "固定残業代について「" + "」「".join(missing) + "」が示されていません。",
            item="固定残業代",
            source=where,
            field="" if where else field_for.get(missing[0], "fixed_overtime"),
            suggestion=f"例：「{base}、固定残業代（{hours}分）{amount}、{hours}を超える時間外労働分は追加で支給」",
        )
    elif not base_shown or (f.wage_includes_fixed_overtime and f.base_pay is None):
        derived = f.wage_min - (f.fixed_overtime_amount or 0) if f.wage_min else None
        yield ctx.finding(
            "fixed-overtime",
            "固定残業代を含んだ総額だけが示され、固定残業代を除いた基本給の額が書かれていません。",
            severity="warning",
            item="固定残業代",
            source=where,
            field="" if where else "wage_min",
            suggestion=f"「基本給{derived:,}円（固定残業代を除く）」のように基本給を明記してください。"
            if derived
            else "固定残業代を除いた基本給の額を明記してください。",
        )
    if f.fixed_overtime_amount and f.fixed_overtime_hours:
        per_hour = f.fixed_overtime_amount / f.fixed_overtime_hours / 1.25
        row, place, _ = _rates(f, ctx.on)
        if row is not None and per_hour < (rate := row.hourly):
            yield ctx.finding(
                "fixed-overtime",
                f"固定残業代{f.fixed_overtime_amount:,}円÷{f.fixed_overtime_hours}時間÷1.25＝時給換算{int(per_hour):,}円で、"
                f"{row.words(place)}を下回っています。割増賃金として足りません。"
                + _newer_may_apply(row, ctx.on),
                item="固定残業代",
                source=where,
                field="" if where else "fixed_overtime_amount",
                # The least amount that passes: rate × 1.25 × hours rounded up, in whole yen (exact: ×5 ÷4).
                suggestion=f"{f.fixed_overtime_hours}時間分なら少なくとも{-(-rate * 5 * f.fixed_overtime_hours // 4):,}円以上にしてください。",
            )
        elif f.wage_unit == "month" and f.wage_min:
            monthly, _ = _base_monthly(f)
            if monthly:
                hourly = to_hourly("month", monthly, f).value
                need = hourly * 1.25 * f.fixed_overtime_hours
                # our monthly hours may be an estimate: only a clear shortfall (over 10 %) is worth a warning
                if f.fixed_overtime_amount < need * 0.9:
                    yield ctx.finding(
                        "fixed-overtime",
                        f"固定残業代{f.fixed_overtime_amount:,}円は、基本給から計算した割増賃金（時給{int(hourly):,}円×1.25×"
                        f"{f.fixed_overtime_hours}時間＝約{int(need):,}円）より少なく見えます。",
                        severity="warning",
                        item="固定残業代",
                        source=where,
                        field="" if where else "fixed_overtime_amount",
                        suggestion="月平均所定労働時間を確認し、固定残業代の額か時間数を見直してください。",
                    )
