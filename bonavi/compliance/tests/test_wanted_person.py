"""Age and sex wording read by whom it names (ADR 0120): the person the ad wants is targeted, people already at work
are a fact. The UX review found 「20代の経理スタッフ」, 「明るく元気な女性の方」 and 「若い方が活躍中」 passing."""

from __future__ import annotations

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.compliance.service import check_text

from .test_rules import DAY, lawful

WORDING = {"age-limit", "age-preference", "gender-restriction", "gendered-title"}


def _found(text: str, field: str = "required_experience") -> list[tuple[str, str, str]]:
    facts = lawful(texts={field: text}) if field != "title" else lawful(title=text, texts={"title": text})
    return [(x.rule, x.severity, x.evidence) for x in check_facts(facts, on=DAY) if x.rule in WORDING]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age band on the job or person noun that stands alone: the title, a line, a bracket — the wanted person
        ("20代の経理スタッフ", [("age-preference", "error", "20代の経理スタッフ")]),
        ("経理事務（20代の人事担当者）", [("age-preference", "error", "20代の人事担当者")]),
        ("20代の経理スタッフを募集", [("age-preference", "error", "20代の経理スタッフを募集")]),
        # a sex-specific person noun standing alone, or with a wish the old patterns did not know
        ("明るい女性の方", [("gender-restriction", "error", "女性の方")]),
        ("一般事務（女性）", [("gender-restriction", "error", "女性")]),
        ("女性の方をお待ちしています", [("gender-restriction", "error", "女性の方をお待ち")]),
        ("女性の方のご応募をお待ちしています", [("gender-restriction", "error", "女性の方のご応募をお待ち")]),
        # 若い方 wanted is an error; stated as a fact it is still a signal a person must judge (a warning)
        ("明るく元気な若い方", [("age-preference", "error", "若い方")]),
        ("若い方が活躍中", [("age-preference", "warning", "若い方が活躍")]),
        ("若いスタッフが中心の職場です", [("age-preference", "warning", "若いスタッフが中心")]),
    ],
)
def test_the_wanted_person_named_by_age_or_sex_is_found(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # facts about the people already there (JAPAN-RULES §3: statements of fact are generally accepted)
        "20代〜50代の社員が活躍中",
        "20代の社員が活躍中です",
        "20代の先輩スタッフが丁寧に教えます",
        "20代の社員3名、30代の社員2名が在籍しています",
        "配属先：20代の経理スタッフ2名",
        "女性活躍中の職場です",
        "女性スタッフが丁寧に教えます",
        "明るく元気な女性スタッフが活躍中",
        "女性の方も安心して働ける職場です",
        "女性の方、シニアの方が活躍中",
        "女性の活躍を推進しています",
        "若手社員が活躍中",
        "シニアも若い世代も活躍中です",  # the breadth of ages is the fact
        "20代の頃から裁量のある仕事ができます",
        # whose words, or which team, not whom the ad wants
        "先輩の声：丁寧に教えてもらえます（社員・20代）",
        "スタッフ紹介：30代女性（入社3年目）",
        "入社2年目の山田さん（女性・30代）に聞きました",
        "教育担当は20代の女性です",
        # both sexes named: prefers neither
        "女性の方、男性の方ともに歓迎",
        # customers, not applicants
        "20代の女性向け商品の企画",
        "主なお客様は20代の方",
        "女性のお客様が多いお店です",
        "女性用更衣室あり",
    ],
)
def test_facts_customers_and_both_sexes_pass(text: str) -> None:
    assert _found(text) == []


def test_the_reviewed_posting_is_refused_for_each_targeting_phrase() -> None:
    """The UX review's ad: only 主婦歓迎 was blocked."""
    title = "【女性活躍中】20代の経理スタッフ（主婦歓迎）"
    duties = "伝票の起票と請求書の発行。明るく元気な女性の方、若い方が活躍中！"
    facts = lawful(title=title, texts={"title": title, "duties": duties})
    found = {(x.rule, x.severity, x.evidence) for x in check_facts(facts, on=DAY) if x.rule in WORDING}
    assert found == {
        ("age-preference", "error", "20代の経理スタッフ"),
        ("gender-restriction", "error", "主婦歓迎"),
        # 「明るく元気な」: a person described by her qualities is the one the ad wants, even as a list goes on
        ("gender-restriction", "error", "女性の方"),
        ("age-preference", "warning", "若い方が活躍"),
    }
    # a pasted ad is read by the same rule (bonavi check_posting, /check/)
    pasted = check_text(f"【募集職種】{title}\n【仕事内容】{duties}\n", on=DAY).findings
    assert {x.evidence for x in pasted if x.rule in WORDING} >= {"20代の経理スタッフ", "女性の方"}


def test_positive_action_with_its_basis_covers_a_wanted_woman() -> None:
    text = "明るい女性の方（当社の事務職は女性が4割未満のため、女性を積極的に採用しています）"
    assert _found(text) == []
    assert _found("明るい男性の方（当社の事務職は女性が4割未満のため）")[0][:2] == (
        "gender-restriction",
        "error",
    )


def test_an_age_band_wanted_with_a_stated_exception_passes() -> None:
    # 3号ロ: a 30–39 band, open-ended, its reason beside it
    assert _found("30代の経理スタッフ（年齢構成の偏りを是正するため。期間の定めのない雇用）") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sex-specific job word followed by 「の方」: gendered-title leaves it (a particle follows), so the wanted
        # person's rule reads it — once (s13 review: both rules skipped it, and nothing was found)
        ("明るい女性事務員の方を募集", [("gender-restriction", "error", "女性事務員の方を募集")]),
        ("女性事務員の方", [("gender-restriction", "error", "女性事務員の方")]),
        # standing alone or with a wish it is the job name's finding, and only that one
        ("女性事務員を募集", [("gendered-title", "error", "女性事務員")]),
        ("明るい女性事務員", [("gendered-title", "error", "女性事務員")]),
        # a fact about the people there is neither's
        ("女性事務員が活躍中", []),
        ("女性事務員の方が活躍中", []),
    ],
)
def test_a_sex_specific_job_word_gets_exactly_one_finding(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(text) == expected


def test_in_the_title_the_job_name_rule_says_it_once() -> None:
    assert _found("女性事務員の方", field="title") == [("gendered-title", "error", "女性事務員")]
