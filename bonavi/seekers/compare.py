"""Side-by-side comparison of 2–4 postings, row by row, with pay brought to one unit and differences marked.

Pay: when every posting pays by the hour the common unit is 時給; otherwise 月給. Converting uses the posting's own
figures where it has them (月平均所定労働時間, daily hours, 年間休日) and says which assumption it made otherwise,
because a converted figure is an estimate and the seeker should know how it was made.

The pay compared (and marked ◎) is a posting's 賃金 without 固定残業代: JobPosting.wage_min is stored that way (the
form's 「固定残業代がある場合は、それを除いた基本給の額」, the posting page's 「賃金（固定残業代を除く）」), and it is the
pay the minimum-wage check divides. 固定残業代 pays for overtime she works; adding it would rank 20 hours of overtime
as a higher pay. Its cell says so and names the 固定残業代 paid on top of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from bonavi.core.clock import date_jst
from bonavi.jobs.models import JobPosting, WageUnit

DEFAULT_DAILY_HOURS = 8.0
DEFAULT_WORKDAYS_PER_MONTH = 21.0


@dataclass
class Cell:
    text: str
    best: bool = False


@dataclass
class Row:
    label: str
    cells: list[Cell]
    note: str = ""
    differs: bool = field(init=False)

    def __post_init__(self) -> None:
        self.differs = len({c.text for c in self.cells}) > 1


def _workdays_per_month(p: JobPosting) -> tuple[float, str]:
    if p.annual_holidays:
        return (
            365 - p.annual_holidays
        ) / 12, f"年間休日{p.annual_holidays}日から月{(365 - p.annual_holidays) / 12:.1f}日勤務"
    return DEFAULT_WORKDAYS_PER_MONTH, f"月{DEFAULT_WORKDAYS_PER_MONTH:.0f}日勤務と仮定"


def _monthly_hours(p: JobPosting) -> tuple[float, str]:
    if p.scheduled_monthly_hours:
        return float(
            p.scheduled_monthly_hours
        ), f"月平均所定労働時間{Decimal(p.scheduled_monthly_hours):g}時間"
    days, days_note = _workdays_per_month(p)
    daily = p.daily_hours
    if daily:
        return daily * days, f"実働{daily:g}時間×{days_note}"
    return DEFAULT_DAILY_HOURS * days, f"1日{DEFAULT_DAILY_HOURS:g}時間×{days_note}"


def pay_in(p: JobPosting, unit: str) -> tuple[int, int | None, str]:
    """(min, max, how it was converted) of the posting's pay in `unit` (月給 or 時給), in yen."""
    lo, hi = p.wage_min, p.wage_max
    if p.wage_unit == unit:
        return lo, hi, ""
    hours, hours_note = _monthly_hours(p)
    days, days_note = _workdays_per_month(p)
    # First to a monthly figure …
    if p.wage_unit == WageUnit.YEAR:
        factor, note = 1 / 12, "年俸÷12"
    elif p.wage_unit == WageUnit.DAY:
        factor, note = days, f"日給×{days_note}"
    elif p.wage_unit == WageUnit.HOUR:
        factor, note = hours, f"時給×{hours_note}"
    else:
        factor, note = 1.0, ""
    # … then, if the common unit is hourly, per hour.
    if unit == WageUnit.HOUR:
        factor /= hours
        note = f"{note}÷{hours_note}" if note else f"月給÷{hours_note}"
    return round(lo * factor), round(hi * factor) if hi else None, note


def common_unit(postings: Sequence[JobPosting]) -> str:
    return WageUnit.HOUR if all(p.wage_unit == WageUnit.HOUR for p in postings) else WageUnit.MONTH


def _yen(lo: int, hi: int | None) -> str:
    if hi and hi != lo:
        return f"{lo:,}円〜{hi:,}円"
    return f"{lo:,}円"


def _mark_best(cells: list[Cell], values: list[float | None], *, higher: bool) -> list[Cell]:
    known = [v for v in values if v is not None]
    if len(known) < 2 or len(set(known)) == 1:
        return cells
    target = max(known) if higher else min(known)
    for cell, value in zip(cells, values, strict=True):
        cell.best = value == target
    return cells


def _text_row(label: str, postings: Sequence[JobPosting], fn: Callable[[JobPosting], str]) -> Row:
    return Row(label, [Cell(fn(p) or "—") for p in postings])


def _hours(p: JobPosting) -> str:
    if p.start_time and p.end_time:
        text = f"{p.start_time:%H:%M}〜{p.end_time:%H:%M}"
        if p.daily_hours:
            text += f"（実働{p.daily_hours:g}時間）"
        return text + (f"\n{p.hours_note}" if p.hours_note else "")
    return p.hours_note


def _holidays(p: JobPosting) -> str:
    text = p.get_holiday_pattern_display() if p.holiday_pattern else ""
    if p.annual_holidays:
        text += f"（年間{p.annual_holidays}日）"
    return text


def _overtime(p: JobPosting) -> str:
    if not p.overtime_exists:
        return "なし"
    return f"月平均{p.overtime_monthly_hours}時間" if p.overtime_monthly_hours is not None else "あり"


def _contract(p: JobPosting) -> str:
    if not p.fixed_term:
        return "期間の定めなし"
    text = f"有期（{p.contract_term}）" if p.contract_term else "有期"
    return text + (f"・{p.get_renewal_display()}" if p.renewal else "")


def _probation(p: JobPosting) -> str:
    if not p.has_probation:
        return "なし"
    text = f"あり（{p.probation_months}か月）" if p.probation_months else "あり"
    return text + (f"\n{p.probation_conditions}" if p.probation_conditions else "")


def _fixed_overtime(p: JobPosting) -> str:
    if not p.fixed_overtime:
        return "なし"
    amount = f"{p.fixed_overtime_amount:,}円" if p.fixed_overtime_amount else ""
    hours = f"（{p.fixed_overtime_hours}時間分）" if p.fixed_overtime_hours else ""
    return f"あり {amount}{hours}".strip()


def _updated(p: JobPosting) -> str:
    day = date_jst(p.updated_at)
    return f"{day.year}年{day.month}月{day.day}日"


def _besides_pay(p: JobPosting) -> str:
    """The line under a pay with 固定残業代: the pay shown is without it, and how much is paid on top, for how many
    hours of overtime (a monthly amount, whatever the common unit)."""
    if not p.fixed_overtime:
        return ""
    what = "・".join(
        x
        for x in (
            f"{p.fixed_overtime_amount:,}円" if p.fixed_overtime_amount else "",
            f"{p.fixed_overtime_hours}時間分" if p.fixed_overtime_hours else "",
        )
        if x
    )
    return f"\n固定残業代を除く（ほかに固定残業代{what}）" if what else "\n固定残業代を除く"


def _pay_note(postings: Sequence[JobPosting], conversions: list[str]) -> str:
    parts = []
    if any(p.fixed_overtime for p in postings):
        parts.append("◎は固定残業代を除いた給与で比べています。")
    if conversions:
        parts.append("換算の方法 " + "／".join(conversions))
    return "".join(parts)


def compare_rows(postings: Sequence[JobPosting]) -> tuple[str, list[Row]]:
    """(label of the common pay unit, rows)."""
    unit = common_unit(postings)
    unit_label = "時給" if unit == WageUnit.HOUR else "月給"
    pays = [pay_in(p, unit) for p in postings]
    pay_cells = [
        Cell(_yen(lo, hi) + ("（換算）" if note else "") + _besides_pay(p))
        for p, (lo, hi, note) in zip(postings, pays, strict=True)
    ]
    notes = [f"{chr(ord('A') + i)}：{note}" for i, (_, _, note) in enumerate(pays) if note]
    rows = [
        Row(
            f"給与（{unit_label}に換算）",
            # Ranked on the pay without 固定残業代 (wage_min; see the module's docstring).
            _mark_best(pay_cells, [lo for lo, _, _ in pays], higher=True),
            note=_pay_note(postings, notes),
        ),
        _text_row("給与（求人の記載）", postings, lambda p: p.wage_display),
        _text_row("固定残業代", postings, _fixed_overtime),
        _text_row("雇用形態", postings, lambda p: p.get_employment_type_display()),
        _text_row("勤務地", postings, lambda p: p.location_display),
        _text_row("在宅勤務", postings, lambda p: p.get_telework_display()),
        _text_row("就業時間", postings, _hours),
        Row(
            "休日",
            _mark_best(
                [Cell(_holidays(p) or "—") for p in postings],
                [p.annual_holidays for p in postings],
                higher=True,
            ),
        ),
        Row(
            "残業",
            _mark_best(
                [Cell(_overtime(p)) for p in postings],
                [0 if not p.overtime_exists else p.overtime_monthly_hours for p in postings],
                higher=False,
            ),
        ),
        _text_row("契約期間", postings, _contract),
        _text_row("試用期間", postings, _probation),
        _text_row("未経験", postings, lambda p: "歓迎" if p.inexperienced_welcome else "経験者向け"),
        _text_row(
            "受動喫煙対策", postings, lambda p: p.get_smoking_measure_display() if p.smoking_measure else ""
        ),
        _text_row("加入保険", postings, lambda p: "・".join(p.insurances) or "なし"),
        _text_row("賞与", postings, lambda p: p.bonus_info),
        _text_row("情報更新日", postings, _updated),
    ]
    return unit_label, rows
