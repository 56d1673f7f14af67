"""Cross-field checks that make a posting well-formed (not yet lawful: that is the compliance checker's job).

Returns Japanese messages keyed by field, so forms, the API and imports report the same words.
"""

from __future__ import annotations

import datetime as dt

from bonavi.compliance.wording import age_exception_refusal
from bonavi.core.clock import today_jst
from bonavi.core.contract_terms import term_length_problems

from .models import EmploymentType, HolidayPattern, JobPosting, SmokingMeasure, WageUnit

# The latest 掲載期限 an employer may set (ADR 0069).
MAX_LISTING_DAYS = 180

# Fields shown on one line: a title, names, an address, a contact.
ONE_LINE_FIELDS = (
    "title",
    "employer_name",
    "employer_address",
    "employer_contact",
    "municipality",
    "address",
    "reference",
)

# Above these a figure is a typo (an extra zero), not a wage.
WAGE_CEILING = {
    WageUnit.HOUR: 50_000,
    WageUnit.DAY: 300_000,
    WageUnit.MONTH: 5_000_000,
    WageUnit.YEAR: 100_000_000,
}
WAGE_FLOOR = {WageUnit.HOUR: 100, WageUnit.DAY: 1_000, WageUnit.MONTH: 10_000, WageUnit.YEAR: 100_000}


def posting_problems(p: JobPosting, *, for_publish: bool = False) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field in ONE_LINE_FIELDS:
        value = getattr(p, field, "") or ""
        if any(ch in value for ch in "\r\n\u2028\u2029\x85"):
            # these go into mail subjects, list rows and JSON-LD, where a line break breaks the line (or a header)
            label = getattr(JobPosting._meta.get_field(field), "verbose_name", field)
            add(field, f"「{label}」には改行を入れられません。1行で入力してください。")
    if p.wage_unit in WAGE_CEILING and p.wage_min is not None:
        unit = WageUnit(p.wage_unit)
        if p.wage_min < WAGE_FLOOR[unit]:
            add("wage_min", f"{unit.label}{p.wage_min:,}円は低すぎます。金額と単位を確認してください。")
        if p.wage_min > WAGE_CEILING[unit]:
            add("wage_min", f"{unit.label}{p.wage_min:,}円は高すぎます。桁を確認してください。")
        if p.wage_max is not None:
            if p.wage_max < p.wage_min:
                add("wage_max", "賃金の上限が下限より小さくなっています。")
            elif p.wage_max > WAGE_CEILING[unit]:
                add("wage_max", f"{unit.label}{p.wage_max:,}円は高すぎます。桁を確認してください。")
    if p.employment_type == EmploymentType.HAKEN and not p.is_dispatch:
        add("is_dispatch", "雇用形態が派遣社員の場合は「派遣労働者として雇用する」にチェックしてください。")
    if p.is_dispatch and p.employment_type != EmploymentType.HAKEN:
        add("employment_type", "派遣労働者として雇用する場合は雇用形態を「派遣社員」にしてください。")
    for field, message in term_length_problems(p.contract_months, p.contract_days).items():
        # Both units given is wrong even without 期間の定めあり; none given only with it.
        if p.fixed_term or field == "contract_days":
            add(field, message)
    if not p.fixed_term and (p.contract_months or p.contract_days or p.renewal):
        add("fixed_term", "契約期間や更新を入力した場合は「期間の定めあり」にチェックしてください。")
    if p.employment_type == EmploymentType.SEISHAIN and p.fixed_term:
        add(
            "fixed_term",
            "正社員は期間の定めのない雇用です。有期契約なら雇用形態を「契約社員」などにしてください。",
        )
    if p.fixed_term and not p.renewal:
        add("renewal", "有期契約の場合は契約更新の有無を選んでください。")
    if p.has_probation and not p.probation_months:
        add("probation_months", "試用期間ありの場合は期間（か月）を入力してください。")
    if (p.start_time is None) != (p.end_time is None):
        add("end_time" if p.end_time is None else "start_time", "始業時刻と終業時刻は両方入力してください。")
    if p.start_time and p.end_time and p.start_time == p.end_time:
        add("end_time", "始業時刻と終業時刻が同じです。")
    daily = p.daily_hours
    if daily is not None and daily > 16:
        add("end_time", "1日の勤務時間が16時間を超えています。時刻を確認してください。")
    if p.overtime_exists and p.overtime_monthly_hours is None:
        add("overtime_monthly_hours", "時間外労働ありの場合は月平均の残業時間を入力してください。")
    if p.fixed_overtime:
        if not p.fixed_overtime_amount:
            add("fixed_overtime_amount", "固定残業代の金額を入力してください。")
        if not p.fixed_overtime_hours:
            add("fixed_overtime_hours", "固定残業代が何時間分かを入力してください。")
        if not p.fixed_overtime_excess_paid:
            add("fixed_overtime_excess_paid", "固定残業時間を超えた分は別途支給する必要があります。")
    # 「その他」 promises the details in the note: without it the posting discloses nothing (職業安定法5条の3).
    if p.smoking_measure == SmokingMeasure.OTHER and not p.smoking_note.strip():
        add("smoking_note", "受動喫煙対策で「その他」を選んだ場合は、その内容を補足に記入してください。")
    if p.holiday_pattern == HolidayPattern.OTHER and not p.holidays_note.strip():
        add("holidays_note", "休日で「その他」を選んだ場合は、休日の内容を補足に記入してください。")
    if not p.insurance_accident:
        # 労災保険 covers every worker, part-time and dispatched included; a posting must not say otherwise.
        add(
            "insurance_accident",
            "労災保険はパート・アルバイトを含むすべての労働者に適用されます（労働者災害補償保険法3条）。"
            "「労災保険」にチェックしてください。",
        )
    if p.age_limit:
        if p.age_min is None and p.age_max is None:
            add("age_min", "年齢制限ありの場合は下限か上限を入力してください。")
        if p.age_min and p.age_max and p.age_min > p.age_max:
            add("age_max", "年齢上限が下限より小さくなっています。")
        if not p.age_exception:
            add(
                "age_exception",
                "年齢制限には法令上の例外事由（1号〜3号ニ）の選択が必要です（労働施策総合推進法9条）。",
            )
        elif refusal := age_exception_refusal(p.age_exception):
            # The compliance checker's answer, so the form, the API, the import and /check/ agree.
            add("age_exception", refusal)
        if not p.age_reason.strip():
            add("age_reason", "年齢制限を設ける理由を記入してください。")
    elif p.age_min or p.age_max or p.age_exception:
        add("age_limit", "年齢を入力した場合は「年齢制限あり」にチェックし、例外事由を選んでください。")
    if for_publish and p.valid_through is not None and p.valid_through < today_jst():
        add("valid_through", "掲載期限が過去の日付です。")
    if p.valid_through is not None and p.valid_through > today_jst() + dt.timedelta(days=MAX_LISTING_DAYS):
        # A posting must be kept current (職業安定法5条の4); one left up for years is not. Extend it instead.
        add(
            "valid_through",
            f"掲載期限は今日から{MAX_LISTING_DAYS}日以内の日付にしてください。"
            "募集を続ける場合は、期限の前に内容を確認して延長できます。",
        )
    return errors
