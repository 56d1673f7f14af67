"""「こんな方歓迎」「こんな方におすすめ」「求める人材」「歓迎する人物像」 head the employer's wish as 【求める人物像】
does (ADR 0152 addendum): their section is `ideal_candidate`, a person named there by sex is the one wanted, and
a soft 「経験のある方」 there is no 経験必須 — while 「経験3年以上必須」 is one under any heading. 「歓迎要件」
「歓迎スキル」 (preferred qualifications) stay 応募資格. The natural family (「こんな方が向いています」「向いている方」
「こんな人を求めています」 …) is read as one (ADR 0152, s19 addendum), and never from inside a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.service import check_text
from bonavi.compliance.textparse import parse_ad

ON = dt.date(2026, 11, 20)
AD = (
    "【職種】経理スタッフ（正社員）\n【会社名】株式会社ひだまり会計サービス\n【仕事内容】\n請求書の発行、仕訳入力\n"
    "（変更の範囲）会社の定める業務\n【勤務地】東京都港区芝五丁目10番2号\n【給与】月給25万円\n"
    "{heading}\n{wish}\n【応募方法】\nフォームからご応募ください。\n"
)
WISHES = ("こんな方歓迎", "こんな方におすすめ", "求める人材", "歓迎する人物像")
# Headings no list held: read by the family (textparse._WISH_LABEL).
FAMILY = (
    "こんな方が向いています",
    "こんな方に向いています",
    "向いている方",
    "こんな人を求めています",
    "求める人物",
    "こんな方にぴったりのお仕事です",
    "一緒に働きたい方",
    "このような方を募集しています",
    "こんな方が向いています！",
)
FORMS = ("【{}】", "■{}", "◆{}◆", "＜{}＞", "{}：")


def _ad(heading: str, wish: str) -> str:
    return AD.format(heading=heading, wish=wish)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("label", WISHES)
def test_the_heading_is_the_wish_section(label: str, form: str) -> None:
    parsed = parse_ad(_ad(form.format(label), "数字を丁寧に確かめられる方"))
    ((_, start, end),) = parsed.facts.ideal_candidate_spans
    assert parsed.text[start:end].strip() == "数字を丁寧に確かめられる方"
    assert not [s for s in parsed.sections if s.has("qualification")]


@pytest.mark.parametrize("form", (*FORMS, "{}", "・{}"))
@pytest.mark.parametrize("label", FAMILY)
def test_the_natural_family_heads_the_wish(label: str, form: str) -> None:
    parsed = parse_ad(_ad(form.format(label), "数字を丁寧に確かめられる方"))
    ((_, start, end),) = parsed.facts.ideal_candidate_spans
    assert parsed.text[start:end].strip() == "数字を丁寧に確かめられる方"


def test_the_family_heading_with_its_content_on_the_line() -> None:
    parsed = parse_ad(_ad("■こんな方が向いています　数字を丁寧に確かめられる方", "【備考】"))
    ((_, start, end),) = parsed.facts.ideal_candidate_spans
    assert parsed.text[start:end].strip() == "数字を丁寧に確かめられる方"


@pytest.mark.parametrize(
    "line",
    (
        "未経験の方にも向いています。",
        "こんな方が向いています。",  # a sentence, full stop and all
        "コツコツ進める作業が好きな方、こんな方に向いています",
        "向いている方は少ないかもしれませんが、丁寧に教えます",
        "こんな方に、ぜひご応募いただきたいです",
        "求める人物像は明るい方です",
    ),
)
def test_the_words_inside_a_sentence_head_nothing(line: str) -> None:
    parsed = parse_ad(_ad("【備考】", f"{line}\n女性の方で、経理の経験を活かしたい方"))
    assert parsed.facts.ideal_candidate_spans == []
    assert [s.label for s in parsed.sections][-2:] == ["備考", "応募方法"]


@pytest.mark.parametrize("label", ("歓迎要件", "歓迎スキル", "歓迎する経験"))
def test_preferred_qualifications_stay_qualifications(label: str) -> None:
    parsed = parse_ad(_ad(f"【{label}】", "日商簿記2級"))
    assert parsed.facts.ideal_candidate_spans == []
    assert [s.label for s in parsed.sections if s.has("qualification")] == [label]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("label", (*WISHES, *FAMILY[:4]))
def test_a_person_named_by_sex_under_it_is_the_wish(label: str, form: str) -> None:
    result = check_text(_ad(form.format(label), "女性の方で、経理の経験を活かしたい方"), on=ON)
    found = [(f.rule, f.severity, f.evidence) for f in result.findings if f.item == "性別"]
    assert found == [("gender-restriction", "error", "女性の方")]


@pytest.mark.parametrize("label", ("こんな方歓迎", "求める人材"))
def test_facts_and_both_sexes_pass_under_it(label: str) -> None:
    wish = "女性が活躍中の職場で長く働きたい方。主婦（夫）歓迎。男性・女性ともに歓迎します"
    result = check_text(_ad(f"【{label}】", wish), on=ON)
    assert [f for f in result.findings if f.item in ("性別", "年齢")] == []


AGE_3I = "【応募資格】\n35歳未満の方（長期勤続によるキャリア形成のため）\n"


def _age_errors(heading: str, wish: str) -> list[str]:
    ad = _ad(heading, wish).replace("【応募方法】", AGE_3I + "【応募方法】")
    return [f.evidence for f in check_text(ad, on=ON).findings if f.rule == "age-limit" and f.is_error]


@pytest.mark.parametrize("label", (*WISHES, *FAMILY))
def test_experience_wished_under_it_is_not_required(label: str) -> None:
    """3号イ fits only a posting that asks no experience: a wish must not refuse it."""
    assert _age_errors(f"【{label}】", "事務の経験のある方だと心強いです") == []


@pytest.mark.parametrize("label", (*WISHES, "求める人物像", *FAMILY[:4]))
@pytest.mark.parametrize("wish", ("経理の実務経験3年以上必須", "経理の実務経験が必要です"))
def test_a_firm_requirement_is_one_under_any_heading(label: str, wish: str) -> None:
    assert _age_errors(f"【{label}】", wish) == ["35歳未満"]
