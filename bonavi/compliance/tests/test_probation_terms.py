"""試用期間あり with no word on the conditions during it is a warning (ADR 0138): the demo walk (session 17) published
a posting with 試用期間あり and an empty 「試用期間中の条件」, and a seeker could not tell 同条件 from an unstated lower
pay. 施行規則4条の2 asks for the conditions only when they differ, so it warns and never blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.compliance.service import check_text

from .test_rules import DAY, lawful

ASK = "試用期間中の条件（本採用と同条件か、異なる場合は賃金など）を書いてください。"


def _probation(**over: object) -> list[tuple[str, str, str, str]]:
    return [
        (x.rule, x.severity, x.item, x.field)
        for x in check_facts(lawful(**over), on=DAY)
        if x.item == "試用期間"
    ]


@pytest.mark.parametrize("terms", ["3か月", None, "", "あり", "3か月（研修あり）"])
def test_a_probation_without_its_conditions_is_one_warning(terms: str | None) -> None:
    assert _probation(probation_terms=terms) == [
        ("missing-disclosure", "warning", "試用期間", "probation_terms")
    ]


def test_the_warning_says_what_to_write_and_that_it_does_not_block() -> None:
    (finding,) = [x for x in check_facts(lawful(probation_terms="3か月"), on=DAY) if x.item == "試用期間"]
    assert finding.suggestion.startswith(ASK)
    assert "警告です（公開はできます）" in finding.message and "施行規則4条の2" in finding.message
    assert not finding.is_error


@pytest.mark.parametrize(
    "terms",
    [
        "3か月 本採用と同条件",
        "3か月 同条件",
        "3か月 条件変更なし",
        "3か月 時給1,100円（本採用後1,200円）",
        "6か月（期間中の給与は月給30万円、本採用後と同額）",
        "3か月 期間中は契約社員",
    ],
)
def test_a_probation_with_its_conditions_passes(terms: str) -> None:
    assert _probation(probation_terms=terms) == []


def test_no_probation_and_an_unstated_one_are_as_before() -> None:
    assert _probation(has_probation=False, probation_terms=None) == []
    # not stated at all: the missing-item error alone, not also this warning
    assert _probation(has_probation=None, probation_terms=None) == [
        ("missing-disclosure", "error", "試用期間", "has_probation")
    ]


AD = """経理スタッフ　正社員
企業名：株式会社テスト商事
所在地：東京都千代田区丸の内1-1-1（TEL 03-0000-0000）
業務内容：仕訳入力と請求書の発行
業務内容の変更の範囲：会社の定める業務
雇用期間：期間の定めなし
試用期間：{probation}
勤務地：東京都千代田区丸の内1-1-1
勤務地の変更の範囲：変更なし
勤務時間：9:00〜18:00（休憩60分）／残業月10時間
休日：土日祝　年間休日125日
給与：月給24万円〜30万円
保険：健康保険・厚生年金・雇用保険・労災保険
受動喫煙：屋内禁煙
更新日：2026年11月1日
"""


def test_a_pasted_ad_gets_the_warning_at_its_probation_words() -> None:
    text = AD.format(probation="3か月")
    findings = [f for f in check_text(text, on=dt.date(2026, 11, 15)).findings if f.item == "試用期間"]
    assert [(f.severity, f.evidence) for f in findings] == [("warning", "3か月")]
    assert text[findings[0].start : findings[0].end] == "3か月"
    assert [
        f
        for f in check_text(AD.format(probation="あり（3ヶ月・同条件）"), on=DAY).findings
        if f.item == "試用期間"
    ] == []
