"""The checker's input: a posting's facts as plain data.

`compliance` knows no Django model. `jobs` (and the JSON import, and the ad-text parser) turn what they have
into `PostingFacts`; `None` always means "the posting does not say". Money is integer yen.

`texts` holds the posting's free text keyed by field name (the JobPosting field for `jobs`, "text" for a pasted
ad); wording rules read it and report that key as the finding's field. `sources` tells rules where in those
texts a structured fact was read (text mode), so a finding about, say, the wage can point at 「時給1,000円」.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EmploymentType = Literal["seishain", "keiyaku", "haken", "part"]
WageUnit = Literal["hour", "day", "month", "year"]
AgeException = Literal["1", "2", "3i", "3ro", "3ha", "3ni"]

# The longest 仕事の魅力・職場の様子 and 求める人物像 (ADR 0128): the posting model and the JSON import format bound them
# alike. About two screens of a phone each; job sites keep these short, and a seeker reads them before the
# conditions, not instead of them.
OWN_WORDS_MAX = 1000
# Their texts keys. Wording rules read them as they read 業務内容; a check that reads a condition out of the texts
# (`PostingFacts.condition_texts`) does not: 「シフトの希望は毎月相談できます」 in 仕事の魅力 states no working-time system,
# and must not excuse a 9-hour day.
OWN_WORDS_KEYS = ("appeal", "ideal_candidate")


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
    work_prefecture_codes: list[str] = field(default_factory=list)  # every prefecture named as a work place
    prefecture_guessed: bool = False  # taken from the employer's address because no work place was found
    address: str | None = None
    work_place_change_scope: str | None = None
    # 契約期間: fixed_term None = not stated; False = 期間の定めなし
    fixed_term: bool | None = None
    contract_term: str | None = None  # as written: 「6か月」「2026年12月31日まで」
    contract_months: int | None = None  # the term's length; None when it is an end date or not stated
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
    break_text: str | None = None  # 「休憩あり（シフトによる）」 when no duration is given
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
    # True when the stated wage includes the fixed overtime pay (「月給30万円（固定残業代を含む）」), so the base
    # pay excluding it is not shown; None/False: wage_min already is the base pay (our form asks it that way).
    wage_includes_fixed_overtime: bool | None = None
    base_pay: int | None = None  # 基本給 stated separately from a total (text mode)
    discretionary_work: bool | None = None  # 裁量労働制・事業場外みなし
    deemed_hours_stated: bool | None = None
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
    dispatch_context: bool | None = None  # the text speaks of 派遣先 etc.
    # free text anywhere in the posting that wording rules (age, sex, personal data) must read
    texts: dict[str, str] = field(default_factory=dict)
    # information date (情報更新日) and the date the check is for
    updated_on: dt.date | None = None
    valid_through: dt.date | None = None
    # where a structured fact was read: fact name -> (texts key, start, end) — filled by the ad-text parser
    sources: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # A pasted ad's 【求める人物像】 sections, (texts key, start, end) in its original text: the wording rules read
    # words there as they read the structured posting's `ideal_candidate` field — the person the employer wants
    # (ADR 0152). Empty for a structured posting, whose field is its own texts key.
    ideal_candidate_spans: list[tuple[str, int, int]] = field(default_factory=list)

    def condition_texts(self) -> str:
        """The free texts that may state a condition (シフト制, 無期雇用派遣), joined: every text but the company's own
        words, which are not conditions (ADR 0128)."""
        return " ".join(v for k, v in self.texts.items() if k not in OWN_WORDS_KEYS)

    def prefectures(self) -> list[str]:
        """The work place prefectures, the primary one first."""
        codes = list(self.work_prefecture_codes)
        if self.prefecture_code and self.prefecture_code not in codes:
            codes.insert(0, self.prefecture_code)
        return codes
