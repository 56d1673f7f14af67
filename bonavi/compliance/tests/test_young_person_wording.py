"""「若い」 + any person noun is read like 「若い方」 (ADR 0120, addendum in 0128): the demo walk (session 15) found
「若い女性が活躍中のアットホームな職場です。」 in 仕事の魅力 with no finding while 「若い方が活躍中」 warned, because
the pattern listed its nouns and 女性・男性 were not among them. The sex half stays a fact (「女性が活躍中」 passes)."""

from __future__ import annotations

import pytest

from bonavi.compliance.checker import check_facts

from .test_rules import DAY, lawful

WORDING = {"age-limit", "age-preference", "gender-restriction", "gendered-title"}


def _found(text: str, field: str = "appeal") -> list[tuple[str, str, str]]:
    facts = lawful(texts={field: text})
    return [(x.rule, x.severity, x.evidence) for x in check_facts(facts, on=DAY) if x.rule in WORDING]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("若い女性が活躍中のアットホームな職場です。", "若い女性が活躍"),
        ("若い男性が活躍中です", "若い男性が活躍"),
        ("若い女性社員が多い職場です", "若い女性社員が多い"),
        ("若い経理スタッフが活躍しています", "若い経理スタッフが活躍"),
        ("若い社員が中心の職場です", "若い社員が中心"),
        ("若いメンバーが多数在籍", "若いメンバーが多数在籍"),
        ("若い人が多い職場です", "若い人が多い"),
    ],
)
def test_a_young_person_stated_as_a_fact_warns_whatever_the_person_noun(text: str, evidence: str) -> None:
    assert _found(text) == [("age-preference", "warning", evidence)]


def test_the_warning_on_young_women_says_the_sex_alone_would_be_a_fact() -> None:
    facts = lawful(texts={"appeal": "若い女性が活躍中のアットホームな職場です。"})
    (finding,) = [x for x in check_facts(facts, on=DAY) if x.rule == "age-preference"]
    assert "「女性が活躍中」" in finding.message and "若い" in finding.message
    assert finding.field == "appeal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wanted, not a fact: the age is an error, and so is the sex (each rule says its own)
        (
            "明るく元気な若い女性",
            [("age-preference", "error", "若い女性"), ("gender-restriction", "error", "女性")],
        ),
        (
            "若い女性を募集しています",
            [("age-preference", "error", "若い女性"), ("gender-restriction", "error", "女性を募集")],
        ),
        (
            "若い男性スタッフ歓迎",
            [
                ("age-preference", "error", "若い男性スタッフ"),
                ("gender-restriction", "error", "男性スタッフ歓迎"),
            ],
        ),
        ("若い経理スタッフを募集", [("age-preference", "error", "若い経理スタッフ")]),
        # an adjective between: the same young person wanted
        ("若くて元気な方を募集", [("age-preference", "error", "若くて元気な方")]),
        ("若々しいスタッフ歓迎", [("age-preference", "error", "若々しいスタッフ")]),
    ],
)
def test_a_young_person_wanted_is_an_error(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert sorted(_found(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "女性が活躍しています",  # a fact about the workplace (均等法 guidance): no finding
        "女性が活躍中のアットホームな職場です。",
        "若手社員の育成に力を入れています",  # 若手 is a rank at work (ADR 0011, 0120)
        "若手社員が活躍中",
        "若いうちから責任ある仕事を任せます",  # no person named
        "平均年齢が若い職場です",
        "設立5年目の若い会社です",
        "シニアも若い女性も活躍中です",  # the breadth of ages is the fact
        "若い方向けのアプリの企画",  # customers
        "20代〜50代の女性が活躍中",
        "若くても経験を積んだ方なら大歓迎です",  # 「若くても」: even if young, a welcome
    ],
)
def test_facts_ranks_and_things_stay_clean(text: str) -> None:
    assert _found(text) == []
