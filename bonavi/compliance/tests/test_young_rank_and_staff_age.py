"""「若手」 naming the person wanted, 求める人物像 read as the employer's wish, and the staff said as one narrow age group
(ADR 0138). The demo walk (session 17) published 「明るく元気な若手の方、…」 in 求める人物像 and 「20代の若手が中心」 in
仕事の魅力 with no finding: 若手 was read only before 歓迎/募集, and an age word before 若手 named no person."""

from __future__ import annotations

import pytest

from bonavi.compliance.checker import check_facts

from .test_rules import DAY, lawful

AGE = {"age-limit", "age-preference"}


def _found(text: str, field: str) -> list[tuple[str, str, str]]:
    facts = lawful(texts={field: text})
    return [(x.rule, x.severity, x.evidence) for x in check_facts(facts, on=DAY) if x.rule in AGE]


# 若手 as the person wanted -------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["ideal_candidate", "duties", "appeal"])
def test_the_walks_young_rank_led_by_qualities_is_the_person_wanted(field: str) -> None:
    """A list led by qualities of character names the wanted person in any text (ADR 0120), 若手 too: the same
    warning as 「若手歓迎」."""
    found = _found("明るく元気な若手の方、女性が活躍できる環境を求める方", field)
    assert found == [("age-preference", "warning", "若手の方")]


def test_the_warning_for_a_wanted_young_rank_says_it_is_as_wakate_kangei() -> None:
    facts = lawful(texts={"ideal_candidate": "若手の方"})
    (finding,) = [x for x in check_facts(facts, on=DAY) if x.rule == "age-preference"]
    assert "「若手歓迎」と同じく" in finding.message and finding.field == "ideal_candidate"
    assert "年齢を問わず" in finding.suggestion


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("若手の方、事務経験のある方", [("age-preference", "warning", "若手の方")]),
        ("若手で意欲のある方", [("age-preference", "warning", "若手")]),
        ("20代の方で、経理に興味のある方", [("age-preference", "error", "20代の方")]),
        ("20代なら未経験でも大丈夫です", [("age-preference", "error", "20代")]),
        ("若い方で事務が好きな方", [("age-preference", "error", "若い方")]),
    ],
)
def test_in_the_ideal_candidate_an_age_word_heading_a_person_is_wanted_without_a_wish(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    """求める人物像 is the employer's wish by what the field is for; the same words in 業務内容 go on into a sentence
    of their own and are left there (ADR 0120)."""
    assert _found(text, "ideal_candidate") == expected
    assert _found(text, "duties") == []


@pytest.mark.parametrize(
    "text",
    [
        "若手社員と協力できる方",  # the people the applicant works with
        "若手社員を指導できる方",
        "若手の方と一緒に成長したい方",
        "若手でも経験を積みたい方",  # even if young: a welcome
        "若手、中堅、ベテランが在籍しています",  # a list ending in a fact describes the staff
        "20代の先輩が丁寧に教えます",
        "20代が活躍中の職場で働きたい方",
    ],
)
def test_in_the_ideal_candidate_colleagues_and_facts_pass(text: str) -> None:
    assert _found(text, "ideal_candidate") == []


# The staff said as one narrow age group -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("女性活躍中の職場です！20代の若手が中心で、先輩が丁寧に教えます。", "20代の若手が中心"),
        ("20代が中心の職場です", "20代が中心"),
        ("20代〜30代の社員が中心です", "20代〜30代の社員が中心"),
        ("若手が中心の職場です", "若手が中心"),
        ("若手社員が中心のチームです", "若手社員が中心"),
        ("40代・50代が中心の落ち着いた職場です", "40代・50代が中心"),
    ],
)
def test_the_staff_centred_on_one_narrow_age_group_is_one_warning(text: str, evidence: str) -> None:
    assert _found(text, "appeal") == [("age-preference", "warning", evidence)]


def test_the_staff_age_warning_says_it_is_a_warning_and_how_to_write_it() -> None:
    facts = lawful(texts={"appeal": "20代の若手が中心で、先輩が丁寧に教えます。"})
    (finding,) = [x for x in check_facts(facts, on=DAY) if x.rule == "age-preference"]
    assert finding.severity == "warning" and finding.field == "appeal"
    assert "警告です（公開はできます）" in finding.message and "労働施策総合推進法9条" in finding.message
    assert finding.suggestion.startswith("「年齢を問わず活躍できる職場です」")


@pytest.mark.parametrize(
    "text",
    [
        "20代〜50代が中心の職場です",  # a breadth of ages: the lawful fact (JAPAN-RULES §3)
        "20代を中心に幅広い年代が活躍中",
        "若手からベテランまでが中心となって働いています",
        "若手社員の育成を中心に据えています",  # the work, not the staff
        "若手社員が活躍中",  # a rank at work (ADR 0120)
        "20代が活躍中の職場です",
        "駅の中心にあるオフィスです",
    ],
)
def test_breadth_work_and_facts_without_a_centre_pass(text: str) -> None:
    assert _found(text, "appeal") == []


def test_a_wish_with_centre_stays_the_wish() -> None:
    """「20代の方を中心に募集」 is a wish (error), not the staff's make-up."""
    assert _found("20代の方を中心に募集しています", "duties") == [
        ("age-preference", "error", "20代の方を中心に募集")
    ]


def test_customers_centred_on_an_age_pass() -> None:
    assert _found("主なお客様は20代が中心です", "appeal") == []
