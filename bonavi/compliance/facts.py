"""The checker's input: a posting's facts as plain data.

`compliance` knows no Django model. `jobs` (and the JSON import, and the ad-text parser) turn what they have
into `PostingFacts`; `None` always means "the posting does not say". Money is integer yen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EmploymentType = Literal["seishain", "keiyaku", "haken", "part"]
WageUnit = Literal["hour", "day", "month", "year"]
AgeException = Literal["1", "2", "3i", "3ro", "3ha", "3ni"]


@dataclass
class PostingFacts:
    title: str | None = None
    employment_type: EmploymentType | None = None
    is_dispatch: bool | None = None
    # 業務内容 and its 変更の範囲
    duties: str | None = None
    duties_change_scope: str | None = None
    # 就業場所
    prefecture_code: str | None = None
    address: str | None = None
    work_place_change_scope: str | None = None
    # 契約期間: fixed_term None = not stated; False = 期間の定めなし
    fixed_term: bool | None = None
    contract_term: str | None = None
    renewal: Literal["none", "possible", "automatic"] | None = None
    renewal_criteria: str | None = None
    renewal_cap: str | None = None
    # 試用期間: has_probation None = not stated
    has_probation: bool | None = None
    probation_terms: str | None = None
    # 労働時間
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    working_hours_text: str | None = None  # e.g. シフト制 explanation when times vary
    break_minutes: int | None = None
    overtime_exists: bool | None = None
    overtime_monthly_hours: int | None = None
    holidays_text: str | None = None
    annual_holidays: int | None = None
    # 賃金
    wage_unit: WageUnit | None = None
    wage_min: int | None = None
    wage_max: int | None = None
    scheduled_monthly_hours: float | None = None  # 月平均所定労働時間
    daily_hours: float | None = None  # 1日の所定労働時間
    fixed_overtime: bool | None = None
    fixed_overtime_amount: int | None = None
    fixed_overtime_hours: int | None = None
    fixed_overtime_excess_paid: bool | None = None
    # 保険: the names of the insurances that apply; None = not stated
    insurances: list[str] | None = None
    smoking_measure: str | None = None
    employer_name: str | None = None
    employer_address: str | None = None
    employer_contact: str | None = None
    # 年齢制限
    age_min: int | None = None
    age_max: int | None = None
    age_exception: AgeException | None = None
    age_reason: str | None = None
    retirement_age: int | None = None
    experience_required: bool | None = None
    # free text anywhere in the posting that wording rules (age, sex, personal data) must read
    texts: dict[str, str] = field(default_factory=dict)
    # information date (情報更新日) and the date the check is for
    updated_on: dt.date | None = None
    valid_through: dt.date | None = None
