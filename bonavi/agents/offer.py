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

from bonavi.core.clock import add_years, date_ja, today_jst
from bonavi.core.money import YenError, parse_yen
from bonavi.core.prefectures import prefecture_code_in
from bonavi.core.text import one_line, too_long
from bonavi.core.validators import reject_markup
from bonavi.jobs.models import EmploymentType, JobPosting, WageUnit
from bonavi.jobs.services import posting_findings
from bonavi.jobs.validation import posting_problems

from .limits import NOTE_MAX
from .rules import JOIN_AHEAD_YEARS
from .snapshot import LABELS, conditions_snapshot

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
# The prefilled 就業場所 is the posting's 都道府県 (4 characters at most) + 市区町村 (60) + 番地・建物名 (200): an
# untouched offer must fit.
PLACE_MAX = 4 + 60 + 200
PROBATION_CONDITIONS_MAX = 300  # JobPosting.probation_conditions
PROBATION_MONTHS_INVALID = "試用期間は1〜12の数字（か月）で入力してください。ない場合は空欄にしてください。"
PROBATION_MONTHS_RANGE = "試用期間は1〜12か月で入力してください。ない場合は空欄にしてください。"

# The terms compared with the proposal's snapshot, under the snapshot's own labels (one wording, no drift).
COMPARED = ("wage", "employment", "place", "probation")
# (key, label) as the candidate reads them.
ITEMS: list[tuple[str, str]] = [
    ("wage", LABELS["wage"]),
    ("start_on", "入社予定日"),
    ("employment", LABELS["employment"]),
    ("place", LABELS["place"]),
    ("probation", LABELS["probation"]),
]
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
    elif start_on > add_years(today_jst(), JOIN_AHEAD_YEARS):
        # The 入社日 recorded later is bounded so (services.joined_on_problem): a start the books would refuse
        # is a slip of the keyboard here too.
        add(
            "start_on",
            f"入社予定日（{start_on.isoformat()}）が{JOIN_AHEAD_YEARS}年以上先です。日付を確かめてください。",
        )
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
            add("probation_months", PROBATION_MONTHS_INVALID)
        else:
            # Said here, before the posting's rules run: theirs speak of the posting form's 「試用期間あり」 box.
            if not 1 <= months <= 12:
                add("probation_months", PROBATION_MONTHS_RANGE)
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
    trial = _offered_posting(
        posting,
        {
            "wage_unit": unit,
            "wage_min": wage_min,
            "wage_max": wage_max,
            "employment_type": employment,
            "place": place,
            "probation_months": months,
            "probation_conditions": probation_conditions,
        },
    )
    problems = posting_problems(trial)
    for field in ("wage_min", "wage_max", "probation_months"):
        for message in problems.get(field, []):
            add(field, message)
    if errors:
        return {}, errors
    for finding in posting_findings(trial, on=start_on):
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


def _offered_posting(posting: JobPosting, terms: Mapping[str, Any]) -> JobPosting:
    """A copy of the posting carrying the offered terms (never saved): checked by the posting's rules and written
    by the proposal's snapshot, so an offer is refused, and reads, exactly as a posting would."""
    trial = copy.copy(posting)
    trial.wage_unit, trial.wage_min = terms["wage_unit"], terms["wage_min"]
    trial.wage_max = terms.get("wage_max")
    trial.employment_type = terms["employment_type"]
    trial.is_dispatch = terms["employment_type"] == EmploymentType.HAKEN
    months = terms.get("probation_months")
    trial.has_probation, trial.probation_months = months is not None, months
    trial.probation_conditions = terms.get("probation_conditions") or ""
    code = prefecture_code_in(terms["place"])
    if code and code != posting.prefecture:
        # The minimum wage is the prefecture's where she will work.
        trial.prefecture, trial.municipality, trial.address = code, "", terms["place"]
    return trial


def offer_shown(posting: JobPosting, terms: Mapping[str, Any]) -> dict[str, str]:
    """The offered terms as sentences, written by the function that wrote the proposal's snapshot
    (snapshot.conditions_snapshot), so that an unchanged term reads the same and is not reported as a change.
    The 就業場所 is the offer's own text (the posting's is split in three fields)."""
    written = conditions_snapshot(_offered_posting(posting, terms))
    return {
        "wage": written["wage"],
        "start_on": date_ja(dt.date.fromisoformat(terms["start_on"])),
        "employment": written["employment"],
        "place": terms["place"],
        "probation": written["probation"],
    }


def offer_changes(
    posting: JobPosting, proposed: Mapping[str, str], terms: Mapping[str, Any]
) -> list[dict[str, str]]:
    """Each offered term that differs from the conditions shown at the proposal (old → new), and the employer's
    own note of other changes. Compared as one line on both sides: the offer's text is kept so (a full-width
    space in a prefilled address is not a change)."""
    shown = offer_shown(posting, terms)
    labels = dict(ITEMS)
    out = [
        {"key": key, "label": labels[key], "before": proposed.get(key, ""), "after": shown[key]}
        for key in COMPARED
        if one_line(proposed.get(key, "")) != one_line(shown[key])
    ]
    if terms.get("other_changes"):
        out.append({"key": "other", "label": OTHER_LABEL, "before": "", "after": terms["other_changes"]})
    return out


def offer_record(posting: JobPosting, proposed: Mapping[str, str], terms: dict[str, Any]) -> dict[str, Any]:
    """What the 推薦 keeps: the terms, their sentences and the changes as they were at 内定 — a later change to the
    proposal's snapshot or to how terms are written does not rewrite what she was told."""
    return {
        **terms,
        "shown": offer_shown(posting, terms),
        "changes": offer_changes(posting, proposed, terms),
    }
