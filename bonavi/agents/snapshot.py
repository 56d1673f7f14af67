"""The working conditions of a posting as shown to a candidate when proposed (職業安定法5条の3), and the
difference to the posting now, which the candidate must acknowledge before a 推薦 (5条の3③)."""

from __future__ import annotations

from typing import Any

from bonavi.core.contract_terms import contract_term_text
from bonavi.jobs.models import JobPosting

# (key, label, how to read it from the posting)
_ITEMS: list[tuple[str, str]] = [
    ("title", "求人タイトル"),
    ("employer", "募集者"),
    ("occupation", "職種"),
    ("employment", "雇用形態"),
    ("duties", "業務内容"),
    ("duties_change_scope", "業務の変更の範囲"),
    ("place", "就業場所"),
    ("work_place_change_scope", "就業場所の変更の範囲"),
    ("telework", "テレワーク"),
    ("contract", "契約期間"),
    ("probation", "試用期間"),
    ("hours", "労働時間"),
    ("overtime", "時間外労働"),
    ("holidays", "休日"),
    ("wage", "賃金"),
    ("fixed_overtime", "固定残業代"),
    ("insurances", "社会保険"),
    ("smoking", "受動喫煙対策"),
    ("requirements", "応募資格"),
]
LABELS = dict(_ITEMS)


def conditions_snapshot(p: JobPosting) -> dict[str, str]:
    hours = ""
    if p.start_time and p.end_time:
        hours = f"{p.start_time:%H:%M}〜{p.end_time:%H:%M}（休憩{p.break_minutes or 0}分）"
    if p.hours_note:
        hours = f"{hours} {p.hours_note}".strip()
    contract = "期間の定めなし"
    if p.fixed_term:
        # A term under a month is in days (ADR 0115), said as jobs says it; a term of no stated length (none can be
        # saved now) reads 「か月」 as it always did, so a snapshot taken before is not shown as changed.
        term = contract_term_text(p.contract_months, p.contract_days) or "か月"
        contract = f"有期 {term} 更新：{p.get_renewal_display() if p.renewal else '記載なし'}"
        if p.renewal_cap:
            contract += f"（上限：{p.renewal_cap}）"
    probation = (
        f"あり {p.probation_months or ''}か月 {p.probation_conditions}".strip() if p.has_probation else "なし"
    )
    fixed = ""
    if p.fixed_overtime:
        fixed = f"{p.fixed_overtime_amount or 0:,}円（{p.fixed_overtime_hours or 0}時間分）" + (
            "超過分は別途支給" if p.fixed_overtime_excess_paid else ""
        )
    holidays = " ".join(
        x
        for x in [
            p.get_holiday_pattern_display() if p.holiday_pattern else "",
            f"年間休日{p.annual_holidays}日" if p.annual_holidays else "",
            p.holidays_note,
        ]
        if x
    )
    reqs = " / ".join(
        x
        for x in [
            f"必須資格：{p.required_qualifications}" if p.required_qualifications else "",
            f"歓迎資格：{p.preferred_qualifications}" if p.preferred_qualifications else "",
            f"経験：{p.required_experience}" if p.required_experience else "",
            "未経験歓迎" if p.inexperienced_welcome else "",
        ]
        if x
    )
    values: dict[str, Any] = {
        "title": p.title,
        "employer": p.employer_display,
        "occupation": f"{p.subrole_name}（{p.mhlw_code}）",
        "employment": p.get_employment_type_display() + ("（派遣）" if p.is_dispatch else ""),
        "duties": p.duties,
        "duties_change_scope": p.duties_change_scope,
        "place": f"{p.prefecture_name}{p.municipality}{p.address}",
        "work_place_change_scope": p.work_place_change_scope,
        "telework": p.get_telework_display(),
        "contract": contract,
        "probation": probation,
        "hours": hours,
        "overtime": f"あり（月平均{p.overtime_monthly_hours or 0}時間）" if p.overtime_exists else "なし",
        "holidays": holidays,
        "wage": p.wage_display,
        "fixed_overtime": fixed or "なし",
        "insurances": "・".join(p.insurances) or "記載なし",
        "smoking": p.get_smoking_measure_display() if p.smoking_measure else "",
        "requirements": reqs,
    }
    return {k: str(values[k]) for k, _ in _ITEMS}


def conditions_diff(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for key, label in _ITEMS:
        old, new = before.get(key, ""), after.get(key, "")
        if old != new:
            out.append({"key": key, "label": label, "before": old, "after": new})
    return out


def snapshot_rows(snapshot: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, snapshot.get(key, "")) for key, label in _ITEMS]
