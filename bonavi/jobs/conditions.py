"""A posting's 労働条件 as data: the sections of the detail page's conditions (every item 職業安定法5条の3 and
its 施行規則 require a posting to show), each a heading and (label, value) items whose values are already worded
as the page shows them.

The page (templates/jobs/_conditions.html) only loops over them and the XML feed (feed.py) joins them as plain
text, so the two cannot say different things, and the feed needs neither the template engine nor an HTML parser
(rendering the partial and stripping its tags was ≈ 75 % of a feed build: docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .models import JobPosting

NOT_GIVEN = "（未記入）"


class ConditionItem(NamedTuple):
    label: str
    # Plain text (escaped where it is shown); a line break is a new line on the page (white-space: pre-line).
    value: str
    # The page sets the wage apart (dd.pay); the feed ignores it.
    emphasis: bool = False


class ConditionSection(NamedTuple):
    anchor: str  # the heading's id on the page (aria-labelledby)
    heading: str
    items: list[ConditionItem]


def _lines(*parts: str) -> str:
    """Parts that are given, one a line."""
    return "\n".join(part for part in parts if part)


def _clock(moment: dt.time | None) -> str:
    # "9:00", not "09:00": how the page has always written a time (Django's "G:i").
    return f"{moment.hour}:{moment.minute:02d}" if moment else ""


def _work(p: JobPosting) -> ConditionSection:
    return ConditionSection(
        "h-work",
        "仕事内容",
        [
            ConditionItem("職種", f"{p.subrole_name}（厚生労働省編職業分類 {p.mhlw_code}）"),
            ConditionItem(
                "雇用形態",
                p.get_employment_type_display() + ("（派遣労働者として雇用します）" if p.is_dispatch else ""),
            ),
            ConditionItem("業務内容（雇入れ直後）", p.duties),
            ConditionItem("業務内容の変更の範囲", p.duties_change_scope or NOT_GIVEN),
        ],
    )


def _place(p: JobPosting) -> ConditionSection:
    return ConditionSection(
        "h-place",
        "就業場所",
        [
            ConditionItem(
                "勤務地（雇入れ直後）",
                _lines(f"{p.prefecture_name}{p.municipality}{p.address}", p.nearest_station),
            ),
            ConditionItem("テレワーク", p.get_telework_display()),
            ConditionItem("就業場所の変更の範囲", p.work_place_change_scope or NOT_GIVEN),
        ],
    )


def _contract(p: JobPosting) -> ConditionSection:
    items = [
        ConditionItem(
            "契約期間", f"期間の定めあり（{p.contract_term}）" if p.fixed_term else "期間の定めなし"
        )
    ]
    if p.fixed_term:
        items.append(
            ConditionItem(
                "契約更新",
                _lines(
                    p.get_renewal_display(),
                    f"更新の基準：{p.renewal_criteria}" if p.renewal_criteria else "",
                    f"更新上限：{p.renewal_cap}" if p.renewal_cap else "",
                ),
            )
        )
    if p.has_probation:
        probation = _lines(
            f"あり（{p.probation_months}か月）",
            f"期間中の条件：{p.probation_conditions}" if p.probation_conditions else "",
        )
    else:
        probation = "なし"
    items.append(ConditionItem("試用期間", probation))
    return ConditionSection("h-contract", "契約期間・試用期間", items)


def _break(minutes: int | None) -> str:
    # A short shift (≤ 6 hours, 労基法34条) may have no break: 「なし」, as the page says 時間外労働 and 試用期間 —
    # 「0分」 read as a figure left unfilled (demo walk, s15).
    if minutes is None:
        return NOT_GIVEN
    return f"{minutes}分" if minutes else "なし"


def _hours(p: JobPosting) -> ConditionSection:
    hours = f"{_clock(p.start_time)}〜{_clock(p.end_time)}" if p.start_time else ""
    holidays = p.get_holiday_pattern_display() + (
        f"（年間休日{p.annual_holidays}日）" if p.annual_holidays else ""
    )
    return ConditionSection(
        "h-hours",
        "労働時間・休日",
        [
            ConditionItem("就業時間", _lines(hours, p.hours_note)),
            ConditionItem("休憩時間", _break(p.break_minutes)),
            ConditionItem(
                "時間外労働", f"あり（月平均{p.overtime_monthly_hours}時間）" if p.overtime_exists else "なし"
            ),
            ConditionItem("休日", _lines(holidays, p.holidays_note)),
        ],
    )


def _pay(p: JobPosting) -> ConditionSection:
    items = [
        ConditionItem(
            "賃金（固定残業代を除く）" if p.fixed_overtime else "賃金", p.wage_display, emphasis=True
        )
    ]
    if p.fixed_overtime:
        items.append(
            ConditionItem(
                "固定残業代",
                _lines(
                    f"{p.fixed_overtime_amount or 0:,}円（{p.fixed_overtime_hours}時間分の時間外労働に対する手当）",
                    f"{p.fixed_overtime_hours}時間を超える時間外労働分は追加で支給します。"
                    if p.fixed_overtime_excess_paid
                    else "",
                ),
            )
        )
    # Optional items are left out rather than shown empty: nothing requires them.
    for label, value in (
        ("手当", p.allowances),
        ("昇給", p.raise_info),
        ("賞与", p.bonus_info),
        ("賃金の補足", p.wage_note),
    ):
        if value:
            items.append(ConditionItem(label, value))
    return ConditionSection("h-pay", "賃金", items)


def _insurance(p: JobPosting) -> ConditionSection:
    smoking = p.get_smoking_measure_display() + (f"（{p.smoking_note}）" if p.smoking_note else "")
    return ConditionSection(
        "h-ins",
        "保険・受動喫煙対策",
        [
            ConditionItem("加入保険", "・".join(p.insurances) or "なし"),
            ConditionItem("受動喫煙対策", smoking),
        ],
    )


def _requirements(p: JobPosting) -> ConditionSection:
    if p.age_limit:
        age = (
            (f"{p.age_min}歳以上" if p.age_min else "")
            + (f"{p.age_max}歳以下" if p.age_max else "")
            + f"（例外事由：{p.get_age_exception_display()}。理由：{p.age_reason}）"
        )
    else:
        age = "不問"
    items = [
        ConditionItem(
            "必要な経験",
            (p.required_experience or "特になし") + ("（未経験歓迎）" if p.inexperienced_welcome else ""),
        ),
        ConditionItem("必須の資格", p.required_qualifications or "特になし"),
    ]
    if p.preferred_qualifications:
        items.append(ConditionItem("歓迎する資格", p.preferred_qualifications))
    items += [
        ConditionItem("学歴", "不問" if p.education_not_required else "指定なし"),
        ConditionItem("年齢", age),
    ]
    if p.selection_process:
        items.append(ConditionItem("選考プロセス", p.selection_process))
    return ConditionSection("h-req", "応募資格・選考", items)


def _employer(p: JobPosting) -> ConditionSection:
    items = [ConditionItem("募集者の名称", p.employer_name)]
    if p.employer_address:
        items.append(ConditionItem("所在地", p.employer_address))
    if p.employer_contact:
        items.append(ConditionItem("連絡先", p.employer_contact))
    return ConditionSection("h-emp", "募集者", items)


def conditions_items(p: JobPosting) -> list[ConditionSection]:
    """The detail page's conditions, section by section, in the page's order."""
    return [
        _work(p),
        _place(p),
        _contract(p),
        _hours(p),
        _pay(p),
        _insurance(p),
        _requirements(p),
        _employer(p),
    ]


def conditions_plain_text(p: JobPosting) -> str:
    """The conditions as plain text (the feed's <description>): 【section】 headings and "label：value" lines; a
    value of several lines goes on over the next lines, and blank lines and edge spaces are dropped."""
    lines: list[str] = []
    for section in conditions_items(p):
        lines.append(f"【{section.heading}】")
        for item in section.items:
            lines.extend(f"{item.label}：{item.value}".splitlines())
        if section.anchor == "h-work":
            # The company's own words where the page shows them (jobs/_own_words.html, ADR 0128): not conditions,
            # so not among the items, but a feed reader is told what the page's reader is.
            for words in own_words(p):
                lines.append(f"【{words.heading}】")
                lines.extend(words.text.splitlines())
    return "\n".join(stripped for line in lines if (stripped := line.strip()))


class OwnWords(NamedTuple):
    anchor: str  # the heading's id on the page
    heading: str
    text: str  # plain text, escaped where it is shown; a line break is a new line


def own_words(p: JobPosting) -> list[OwnWords]:
    """The company's own words (ADR 0128) — 仕事の魅力・職場の様子 and 求める人物像, those given — for the page
    (templates/jobs/_own_words.html) and the feed alike, in the page's order."""
    return [
        OwnWords(anchor, heading, text.strip())
        for anchor, heading, text in (
            ("h-appeal", "仕事の魅力・職場の様子", p.appeal),
            ("h-ideal", "求める人物像", p.ideal_candidate),
        )
        if text.strip()
    ]
