"""Checks a posting's facts against the rules of JAPAN-RULES.md.

Entry point: `check_facts(facts, on=date)`. Each rule is a function of (facts, date) → findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from .facts import PostingFacts
from .findings import Finding

Rule = Callable[[PostingFacts, dt.date], Iterable[Finding]]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(item: str, field: str, suggestion: str) -> Finding:
    return Finding(
        rule="missing-disclosure",
        severity="error",
        item=item,
        field=field,
        message=f"「{item}」が明示されていません（職業安定法5条の3）。",
        suggestion=suggestion,
    )


def rule_missing_disclosure(f: PostingFacts, on: dt.date) -> Iterable[Finding]:
    if _blank(f.duties):
        yield _missing("業務内容", "duties", "採用直後に従事する業務を具体的に記載してください。")
    if _blank(f.duties_change_scope):
        yield _missing(
            "業務の変更の範囲",
            "duties_change_scope",
            "例：「変更の範囲：会社の定める業務」または「変更なし」と記載してください（2024年4月から必須）。",
        )
    if f.fixed_term is None:
        yield _missing(
            "契約期間", "fixed_term", "「期間の定めなし」または契約期間（例：1年）を記載してください。"
        )
    if f.has_probation is None:
        yield _missing(
            "試用期間", "has_probation", "「試用期間なし」または期間と、その間の条件を記載してください。"
        )
    if f.fixed_term and f.renewal != "none":
        if _blank(f.renewal_criteria):
            yield _missing(
                "更新の基準",
                "renewal_criteria",
                "例：「契約更新の可能性あり（勤務成績・業務量により判断）」と記載してください。",
            )
        if _blank(f.renewal_cap):
            yield _missing(
                "更新上限",
                "renewal_cap",
                "通算契約期間や更新回数の上限（例：「通算5年まで」「上限なし」）を記載してください。",
            )
    if _blank(f.address) and _blank(f.prefecture_code):
        yield _missing("就業場所", "address", "実際に働く場所の住所（都道府県から）を記載してください。")
    if _blank(f.work_place_change_scope):
        yield _missing(
            "就業場所の変更の範囲",
            "work_place_change_scope",
            "例：「変更の範囲：会社の定める場所（テレワークを含む）」または「変更なし」と記載してください。",
        )
    if (f.start_time is None or f.end_time is None) and _blank(f.working_hours_text):
        yield _missing(
            "始業・終業時刻", "start_time", "例：「9:00〜18:00」、シフト制ならその時間帯を記載してください。"
        )
    if f.break_minutes is None:
        yield _missing("休憩時間", "break_minutes", "休憩時間（例：60分）を記載してください。")
    if _blank(f.holidays_text) and f.annual_holidays is None:
        yield _missing(
            "休日", "holidays_text", "例：「土日祝（年間休日120日）」のように休日を記載してください。"
        )
    if f.overtime_exists is None:
        yield _missing(
            "時間外労働", "overtime_exists", "時間外労働の有無（ありの場合は月平均時間）を記載してください。"
        )
    if f.wage_min is None or f.wage_unit is None:
        yield _missing("賃金", "wage_min", "賃金の額と単位（時給・日給・月給・年俸）を記載してください。")
    if f.insurances is None:
        yield _missing(
            "社会保険", "insurances", "加入保険（雇用保険・労災保険・健康保険・厚生年金）を記載してください。"
        )
    if _blank(f.employer_name):
        yield _missing("募集者の名称", "employer_name", "求人を出す会社・団体の正式名称を記載してください。")
    if _blank(f.smoking_measure):
        yield _missing(
            "受動喫煙対策", "smoking_measure", "例：「屋内禁煙」「敷地内禁煙」のように記載してください。"
        )
    if f.employment_type == "haken" and f.is_dispatch is not True:
        yield _missing("派遣である旨", "is_dispatch", "派遣労働者として雇用する旨を明記してください。")


RULES: list[Rule] = [rule_missing_disclosure]


def check_facts(facts: PostingFacts, *, on: dt.date | None = None) -> list[Finding]:
    """All findings for one posting, errors first."""
    day = on or dt.date.today()
    findings = [finding for rule in RULES for finding in rule(facts, day)]
    return sorted(findings, key=lambda x: 0 if x.is_error else 1)
