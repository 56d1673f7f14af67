"""Turn a JobPosting into the compliance checker's plain `PostingFacts`."""

from __future__ import annotations

from bonavi.compliance.facts import PostingFacts
from bonavi.core.clock import date_jst

from .models import JobPosting, Renewal

# Compliance findings name PostingFacts fields (or, for wording, the JobPosting text field they were found in);
# where a PostingFacts name differs from the form's field, this says which form field to show the finding beside.
_FORM_FIELD_FOR_FACT = {
    "holidays_text": "holiday_pattern",
    "insurances": "insurance_employment",
    "contract_term": "contract_months",
    "working_hours_text": "hours_note",
    "prefecture_code": "prefecture",
    "probation_terms": "probation_conditions",
    "daily_hours": "end_time",
    "retirement_age": "age_reason",
    "experience_required": "required_experience",
}


def form_field_for(fact_field: str) -> str:
    return _FORM_FIELD_FOR_FACT.get(fact_field, fact_field)


def posting_facts(p: JobPosting) -> PostingFacts:
    holidays = " ".join(
        x for x in [p.get_holiday_pattern_display() if p.holiday_pattern else "", p.holidays_note] if x
    )
    probation = None
    if p.has_probation:
        probation = f"{p.probation_months or ''}か月 {p.probation_conditions}".strip()
    texts = {
        "title": p.title,
        "duties": p.duties,
        # The company's own words (ADR 0128): every wording rule reads them as it reads 業務内容, and a finding in
        # them names its field, so the form puts it beside 仕事の魅力・職場の様子 or 求める人物像.
        "appeal": p.appeal,
        "ideal_candidate": p.ideal_candidate,
        "required_experience": p.required_experience,
        "required_qualifications": p.required_qualifications,
        "preferred_qualifications": p.preferred_qualifications,
        "selection_process": p.selection_process,
        "allowances": p.allowances,
        "hours_note": p.hours_note,
        "wage_note": p.wage_note,
        "age_reason": p.age_reason,
    }
    return PostingFacts(
        title=p.title,
        employment_type=p.employment_type or None,  # type: ignore[arg-type]
        is_dispatch=p.is_dispatch,
        duties=p.duties,
        duties_change_scope=p.duties_change_scope,
        prefecture_code=p.prefecture or None,
        address=f"{p.prefecture_name}{p.municipality}{p.address}" or None,
        work_place_change_scope=p.work_place_change_scope,
        fixed_term=p.fixed_term,
        contract_term=p.contract_term or None,  # 「6か月」, or 「14日」 for a term under a month
        contract_months=p.contract_months,
        renewal=(p.renewal or None) if p.fixed_term else Renewal.NONE.value,  # type: ignore[arg-type]
        renewal_criteria=p.renewal_criteria,
        renewal_cap=p.renewal_cap,
        has_probation=p.has_probation,
        probation_terms=probation,
        start_time=p.start_time,
        end_time=p.end_time,
        working_hours_text=p.hours_note,
        break_minutes=p.break_minutes,
        overtime_exists=p.overtime_exists,
        overtime_monthly_hours=p.overtime_monthly_hours,
        holidays_text=holidays or None,
        annual_holidays=p.annual_holidays,
        wage_unit=p.wage_unit or None,  # type: ignore[arg-type]
        wage_min=p.wage_min,
        wage_max=p.wage_max,
        scheduled_monthly_hours=float(p.scheduled_monthly_hours) if p.scheduled_monthly_hours else None,
        daily_hours=p.daily_hours,
        fixed_overtime=p.fixed_overtime,
        fixed_overtime_amount=p.fixed_overtime_amount,
        fixed_overtime_hours=p.fixed_overtime_hours,
        fixed_overtime_excess_paid=p.fixed_overtime_excess_paid,
        insurances=p.insurances,
        smoking_measure=p.get_smoking_measure_display() if p.smoking_measure else None,
        employer_name=p.employer_name,
        employer_address=p.employer_address,
        employer_contact=p.employer_contact,
        age_min=p.age_min if p.age_limit else None,
        age_max=p.age_max if p.age_limit else None,
        age_exception=(p.age_exception or None) if p.age_limit else None,  # type: ignore[arg-type]
        age_reason=p.age_reason,
        experience_required=bool(p.required_experience) and not p.inexperienced_welcome,
        texts={k: v for k, v in texts.items() if v},
        updated_on=date_jst(p.updated_at) if p.updated_at else None,  # the 情報更新日 shown
        valid_through=p.valid_through,
    )
