"""The JSON import format: documented, validated with Japanese messages, converted to the checker's facts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bonavi.compliance.checker import ITEM_TERM, check_facts
from bonavi.compliance.importing import ImportInvalid, facts_from_import, json_schema, parse_import

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "schemas" / "posting-import.schema.json"

FULL = {
    "format": "bonavi-posting/1", "title": "経理スタッフ", "employment_type": "正社員", "duties": "仕訳入力",
    "duties_change_scope": "会社の定める業務", "prefecture": "東京都", "municipality": "千代田区", "address": "丸の内1-1",
    "work_place_change_scope": "変更なし", "fixed_term": False, "has_probation": False, "start_time": "09:00",
    "end_time": "18:00", "break_minutes": 60, "overtime_exists": True, "overtime_monthly_hours": 10,
    "holiday_pattern": "土日祝休み", "annual_holidays": 125, "wage_unit": "月給", "wage_min": 250000,
    "insurances": ["雇用保険", "労災保険", "健康保険", "厚生年金"], "smoking_measure": "indoor_ban",
    "employer_name": "株式会社テスト商事", "employer_address": "東京都千代田区1-1", "employer_contact": "03-0000-0000",
    "updated_on": "2026-11-01",
}  # fmt: skip


def test_a_complete_import_converts_to_lawful_facts() -> None:
    facts = facts_from_import(parse_import(FULL))
    assert (
        facts.employment_type == "seishain" and facts.prefecture_code == "13" and facts.wage_unit == "month"
    )
    assert facts.daily_hours == 8 and facts.smoking_measure == "屋内禁煙"
    assert check_facts(facts, on=dt.date(2026, 11, 15)) == []


def test_the_contract_term_in_months_reaches_the_facts_as_a_number() -> None:
    term = {"employment_type": "契約社員", "fixed_term": True, "contract_months": 6, "renewal": "none"}
    facts = facts_from_import(parse_import({**FULL, **term, "insurances": ["雇用保険", "労災保険"]}))
    assert facts.contract_months == 6
    assert "social-insurance" in {f.rule for f in check_facts(facts, on=dt.date(2026, 11, 15))}


def test_a_term_under_a_month_is_given_in_days_and_is_a_stated_term() -> None:
    """A 日雇 posting (ADR 0115) gives its term in days: it was refused as an unknown key, and without it the
    posting was said to have no 契約期間."""
    term = {"employment_type": "パート", "fixed_term": True, "contract_days": 14, "renewal": "none"}
    facts = facts_from_import(parse_import({**FULL, **term, "insurances": ["労災保険"]}))
    assert facts.contract_term == "14日" and facts.contract_months is None
    assert ITEM_TERM not in {f.item for f in check_facts(facts, on=dt.date(2026, 11, 15))}
    assert facts_from_import(parse_import({**FULL, **term, "contract_days": "１４"})).contract_term == "14日"


@pytest.mark.parametrize(
    ("term", "said"),
    [
        ({"contract_days": 31}, "「contract_days」（契約期間の日数）：大きすぎます"),
        ({"contract_days": 0}, "「contract_days」（契約期間の日数）：小さすぎます"),
        ({"contract_days": "二週間"}, "「contract_days」（契約期間の日数）：整数で指定してください"),
        (
            {"contract_months": 1, "contract_days": 14},
            "「contract_days」（契約期間の日数）：契約期間は contract_months（か月）か contract_days（日・1か月未満の契約）"
            "のどちらか一方で指定してください",
        ),
        ({"contract_months": 61}, "「contract_months」（契約期間）：大きすぎます"),
    ],
)
def test_a_term_out_of_its_bounds_or_in_both_units_is_refused_by_name(term, said) -> None:
    with pytest.raises(ImportInvalid) as refused:
        parse_import({**FULL, "fixed_term": True, **term})
    assert said in str(refused.value)


def test_missing_keys_mean_not_stated() -> None:
    facts = facts_from_import(parse_import({"title": "経理"}))
    items = {f.item for f in check_facts(facts, on=dt.date(2026, 11, 15)) if f.rule == "missing-disclosure"}
    assert len(items) >= 12


def test_errors_are_japanese_and_name_the_key() -> None:
    with pytest.raises(ImportInvalid) as exc:
        parse_import({"titel": "x", "wage_min": "abc", "start_time": "9時", "employment_type": "社長"})
    text = str(exc.value)
    for part in (
        "「titel」",
        "綴り",
        "「wage_min」",
        "整数",
        "「start_time」",
        "09:00",
        "「employment_type」",
    ):
        assert part in text
    with pytest.raises(ImportInvalid, match="オブジェクト"):
        parse_import(["not", "an", "object"])


def test_application_form_fields_are_checked_for_prohibited_items() -> None:
    facts = facts_from_import(parse_import({**FULL, "application_form_fields": ["氏名", "本籍地"]}))
    assert [f.rule for f in check_facts(facts, on=dt.date(2026, 11, 15))] == ["prohibited-personal-info"]


def test_schema_file_matches_the_model() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize(
    "data",
    [
        {"wage_min": float("inf")},  # json.loads reads 1e400 as inf
        {"wage_min": "9" * 5000},
        {"valid_through": "2026-11-01T10:00:00"},
    ],
)
def test_every_refusal_is_in_japanese(data: dict[str, object]) -> None:
    # pydantic's own English text ("Input should be a finite number") reached the user for these.
    with pytest.raises(ImportInvalid) as exc:
        parse_import(data)
    message = str(exc.value)
    assert "「" in message and not any("a" <= ch.lower() <= "z" for ch in message.split("）：", 1)[1])


@pytest.mark.parametrize("value", ["99", "00", "48"])
def test_an_unknown_prefecture_code_is_refused(value: str) -> None:
    # It was accepted and then silently dropped: the summary said 勤務地の都道府県（見つかりません） without a reason.
    with pytest.raises(ImportInvalid, match="「prefecture」"):
        parse_import({"prefecture": value})


def test_full_width_digits_are_read_as_numbers() -> None:
    # Text pasted from Japanese documents often has full-width digits; "250000" was read but "２５００００" refused.
    p = parse_import({"prefecture": "１３", "wage_min": "２５００００", "annual_holidays": "１２０"})
    assert (p.prefecture, p.wage_min, p.annual_holidays) == ("13", 250000, 120)
