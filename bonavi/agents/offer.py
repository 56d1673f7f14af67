"""内定時の労働条件 (ADR 0112): what the employer offers at 内定, kept on the 推薦 as a snapshot, and each difference
from the conditions the candidate was shown at the proposal. When they differ she must be told the changes, as
changes, before she accepts (職業安定法5条の3③; docs/AGENTS.md §1.8).

The offered terms are checked by the posting's own rules (jobs.validation.posting_problems) and the compliance
checker's minimum-wage rule, run on a copy of the posting carrying the offered terms — not by rules of their own,
so an offer is refused for exactly what a posting would be."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from bonavi.core.clock import date_ja, today_jst
from bonavi.core.money import YenError, parse_yen
from bonavi.core.prefectures import prefecture_code_in
from bonavi.core.text import one_line, too_long
from bonavi.core.validators import reject_markup
from bonavi.jobs.models import EmploymentType, JobPosting, WageUnit
from bonavi.jobs.services import posting_findings
from bonavi.jobs.validation import posting_problems

from .limits import NOTE_MAX

# The terms the employer gives at 内定, as the service takes them (the form's and the API's field names).
FIELDS = (
    "wage_unit",
    "wage_min",
    "wage_max",
    "start_on",
    "employment_type",
    "place",
    "probation_months",
    "probation_conditions",
    "other_changes",
)
PLACE_MAX = 200
PROBATION_CONDITIONS_MAX = 300

# (key, label) as the candidate reads them; the keys shared with snapshot.py are compared with the proposal's.
ITEMS: list[tuple[str, str]] = [
    ("wage", "賃金"),
    ("start_on", "入社予定日"),
    ("employment", "雇用形態"),
    ("place", "就業場所"),
    ("probation", "試用期間"),
]
COMPARED = ("wage", "employment", "place", "probation")
OTHER_LABEL = "その他の変更点"


def offer_defaults(posting: JobPosting) -> dict[str, Any]:
    """The posting's own terms, written as the offer's fields: an offer on the conditions as shown needs only the
    入社予定日 (which no posting has)."""
    return {
        "wage_unit": posting.wage_unit,
        "wage_min": posting.wage_min,
        "wage_max": posting.wage_max,
        "start_on": None,
        "employment_type": posting.employment_type,
        "place": f"{posting.prefecture_name}{posting.municipality}{posting.address}",
        "probation_months": posting.probation_months if posting.has_probation else None,
        "probation_conditions": posting.probation_conditions if posting.has_probation else "",
        "other_changes": "",
    }


def _yen(value: Any, named: str, errors: dict[str, list[str]], field: str) -> int | None:
    """An amount as given: a number (the form's YenField read it already) or text read like every yen field."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return value
    try:
        return parse_yen(str(value))
    except YenError:
        errors.setdefault(field, []).append(
            f"{named}は円単位の数字で入力してください（例：250000、25万円）。"
        )
        return None


def offer_clean(posting: JobPosting, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The offered terms checked and normalised, or the reasons by field. Nothing here is stored."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        add("__all__", f"内定時の労働条件に不明な項目があります：{'、'.join(unknown)}。")
    unit = data.get("wage_unit") or ""
    if unit not in WageUnit.values:
        add("wage_unit", "賃金の単位（月給・時給など）を選んでください。")
    wage_min = _yen(data.get("wage_min"), "賃金（下限）", errors, "wage_min")
    wage_max = _yen(data.get("wage_max"), "賃金（上限）", errors, "wage_max")
    if wage_min is None and "wage_min" not in errors:
        add("wage_min", "内定時の賃金を入力してください。")
    start_on = data.get("start_on")
    if isinstance(start_on, str) and start_on:
        try:
            start_on = dt.date.fromisoformat(start_on)
        except ValueError:
            add("start_on", "入社予定日は YYYY-MM-DD の形式の日付で入力してください（例：2027-04-01）。")
            start_on = None
    if not isinstance(start_on, dt.date):
        if "start_on" not in errors:
            add("start_on", "入社予定日を入力してください。")
        start_on = None
    elif start_on < today_jst():
        add("start_on", "入社予定日は今日以降の日付で入力してください。")
    employment = data.get("employment_type") or ""
    if employment not in EmploymentType.values:
        add("employment_type", "雇用形態を一覧から選んでください。")
    place = one_line(str(data.get("place") or ""))
    if not place:
        add("place", "就業場所を入力してください。")
    elif len(place) > PLACE_MAX:
        add("place", too_long("就業場所", PLACE_MAX, given=len(place)))
    months = data.get("probation_months")
    if months in ("", None):
        months = None
    else:
        try:
            months = int(months)
        except (TypeError, ValueError):
            months = None
            add(
                "probation_months",
                "試用期間は1〜12の数字（か月）で入力してください。ない場合は空欄にしてください。",
            )
    probation_conditions = one_line(str(data.get("probation_conditions") or ""))
    if len(probation_conditions) > PROBATION_CONDITIONS_MAX:
        add(
            "probation_conditions",
            too_long("試用期間中の条件", PROBATION_CONDITIONS_MAX, given=len(probation_conditions)),
        )
    elif probation_conditions and months is None and "probation_months" not in errors:
        add("probation_months", "試用期間中の条件を書く場合は、試用期間（か月）を入力してください。")
    other = str(data.get("other_changes") or "").strip()
    if len(other) > NOTE_MAX:
        add("other_changes", too_long(OTHER_LABEL, NOTE_MAX, given=len(other)))
    for field, text in (
        ("place", place),
        ("probation_conditions", probation_conditions),
        ("other_changes", other),
    ):
        try:
            reject_markup(text)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    if errors:
        return {}, errors
    assert wage_min is not None and start_on is not None
    # The posting's own checks on a copy carrying the offered terms: the wage's floor, ceiling and range, the
    # probation's months, and the minimum wage in force on the 入社予定日 where the person will work.
    trial = copy.copy(posting)
    trial.wage_unit, trial.wage_min, trial.wage_max = unit, wage_min, wage_max
    trial.employment_type = employment
    trial.is_dispatch = employment == EmploymentType.HAKEN
    trial.has_probation, trial.probation_months = months is not None, months
    trial.probation_conditions = probation_conditions
    code = prefecture_code_in(place)
    if code and code != posting.prefecture:
        trial.prefecture, trial.municipality, trial.address = code, "", place
    problems = posting_problems(trial)
    for field in ("wage_min", "wage_max", "probation_months"):
        for message in problems.get(field, []):
            add(field, message)
    if months is not None and not 1 <= months <= 12:
        add("probation_months", "試用期間は1〜12か月で入力してください。ない場合は空欄にしてください。")
    if errors:
        return {}, errors
    for finding in posting_findings(trial, on=max(start_on, today_jst())):
        if finding.rule == "minimum-wage" and finding.is_error and finding.field == "wage_min":
            add("wage_min", finding.advice)
    if errors:
        return {}, errors
    return {
        "wage_unit": unit,
        "wage_min": wage_min,
        "wage_max": wage_max if wage_max and wage_max != wage_min else None,
        "start_on": start_on.isoformat(),
        "employment_type": employment,
        "place": place,
        "probation_months": months,
        "probation_conditions": probation_conditions if months is not None else "",
        "other_changes": other,
    }, {}


def offer_shown(terms: Mapping[str, Any]) -> dict[str, str]:
    """The offered terms as sentences, written as snapshot.py writes the posting's, so that an unchanged term reads
    the same and is not reported as a change."""
    unit = WageUnit(terms["wage_unit"]).label
    low, high = terms["wage_min"], terms.get("wage_max")
    wage = f"{unit}{low:,}円〜{high:,}円" if high and high != low else f"{unit}{low:,}円"
    employment = EmploymentType(terms["employment_type"]).label
    if terms["employment_type"] == EmploymentType.HAKEN:
        employment += "（派遣）"
    months = terms.get("probation_months")
    probation = f"あり {months}か月 {terms.get('probation_conditions') or ''}".strip() if months else "なし"
    return {
        "wage": wage,
        "start_on": date_ja(dt.date.fromisoformat(terms["start_on"])),
        "employment": employment,
        "place": terms["place"],
        "probation": probation,
    }


def offer_changes(proposed: Mapping[str, str], terms: Mapping[str, Any]) -> list[dict[str, str]]:
    """Each offered term that differs from the conditions shown at the proposal (old → new), and the employer's
    own note of other changes."""
    shown = offer_shown(terms)
    labels = dict(ITEMS)
    out = [
        {"key": key, "label": labels[key], "before": proposed.get(key, ""), "after": shown[key]}
        for key in COMPARED
        if proposed.get(key, "") != shown[key]
    ]
    if terms.get("other_changes"):
        out.append({"key": "other", "label": OTHER_LABEL, "before": "", "after": terms["other_changes"]})
    return out


def offer_record(proposed: Mapping[str, str], terms: dict[str, Any]) -> dict[str, Any]:
    """What the 推薦 keeps: the terms, their sentences and the changes as they were at 内定 — a later change to the
    proposal's snapshot or to how terms are written does not rewrite what she was told."""
    return {**terms, "shown": offer_shown(terms), "changes": offer_changes(proposed, terms)}
