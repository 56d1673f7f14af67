"""A pasted ad's 【求める人物像】 is its own section, read as the posting form's 求める人物像 (ADR 0152): the sex rule reads
a person named there as the one wanted (「女性の方で」「主婦の方で」), as ADR 0138 reads age words; 「20代の若手の方」
is the age band naming that person (an error, beside the 若手 warning); the facts and both-sex words that pass in
the body pass there too; and its 「経験のある方」 is a wish, not the 経験必須 of a 応募資格."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.compliance.findings import Finding
from bonavi.compliance.service import check_text
from bonavi.compliance.tests.test_rules import lawful
from bonavi.compliance.textparse import parse_ad

ON = dt.date(2026, 11, 20)
AD = (
    "【職種】経理スタッフ（正社員）\n【会社名】株式会社ひだまり会計サービス\n【仕事内容】\n請求書の発行、仕訳入力\n"
    "（変更の範囲）会社の定める業務\n【勤務地】東京都港区芝五丁目10番2号\n【給与】月給25万円\n"
    "【求める人物像】\n{wish}\n【応募方法】\nフォームからご応募ください。\n"
)


def _words(wish: str) -> list[Finding]:
    result = check_text(AD.format(wish=wish), on=ON)
    return [f for f in result.findings if f.item in ("年齢", "性別")]


def _field(wish: str) -> list[Finding]:
    """The same words in a structured posting's 求める人物像 field."""
    facts = lawful(texts={"title": "経理スタッフ", "duties": "仕訳入力", "ideal_candidate": wish})
    return [f for f in check_facts(facts, on=ON) if f.item in ("年齢", "性別")]


def test_the_section_is_its_own_and_not_the_qualification() -> None:
    parsed = parse_ad(AD.format(wish="数字を丁寧に確かめられる方"))
    ((key, start, end),) = parsed.facts.ideal_candidate_spans
    assert key == "text" and parsed.text[start:end].strip() == "数字を丁寧に確かめられる方"
    assert not [s for s in parsed.sections if s.has("qualification")]


@pytest.mark.parametrize(
    ("wish", "evidence"),
    [
        ("女性の方で、経理の経験を活かしたい方", "女性の方"),
        ("主婦の方で、扶養内で長く働きたい方", "主婦の方"),
        ("書類の箱を運ぶことも多く、男性向きです。", "男性向き"),
    ],
)
@pytest.mark.parametrize("read", [_words, _field])
def test_a_person_named_by_sex_is_the_wish_there(read, wish: str, evidence: str) -> None:
    (finding,) = read(wish)
    assert finding.rule == "gender-restriction" and finding.severity == "error"
    assert finding.evidence == evidence


@pytest.mark.parametrize(
    "wish",
    [
        "女性が活躍中の職場で長く働きたい方",
        "主婦（夫）歓迎。扶養内の勤務も相談できます。",
        "女性スタッフと協力して進められる方",
        "男性・女性ともに歓迎します",
    ],
)
@pytest.mark.parametrize("read", [_words, _field])
def test_facts_and_both_sexes_pass_there_as_in_the_body(read, wish: str) -> None:
    assert read(wish) == []


@pytest.mark.parametrize("read", [_words, _field])
def test_an_age_band_before_wakate_is_the_age_wanted(read) -> None:
    found = {(f.rule, f.severity, f.evidence) for f in read("20代の若手の方")}
    assert found == {("age-preference", "error", "20代の若手の方"), ("age-preference", "warning", "若手の方")}


def test_an_age_band_before_wakate_with_an_exception_that_fits_is_no_error() -> None:
    """The band's own exception check (20代 has a lower bound, so 3号イ never covers it; 30代 can be 3号ロ)."""
    assert [
        f.evidence
        for f in _words("20代の若手の方（長期勤続によるキャリア形成のため。職務経験不問）")
        if f.is_error
    ] == ["20代の若手の方"]
    wish = "30代の若手の方（当社の経理部は30代が少なく、年齢構成に偏りがあるため。3号ロ）"
    assert [f for f in _words(wish) if f.is_error] == []


def test_experience_wished_there_is_not_required() -> None:
    """3号イ fits only a posting that asks no experience: a 「経験のある方だと心強い」 wish must not refuse it."""
    ad = AD.format(wish="事務の経験のある方だと心強いです").replace(
        "【応募方法】",
        "【応募資格】\n35歳未満の方（長期勤続によるキャリア形成のため。職務経験不問）\n【応募方法】",
    )
    result = check_text(ad, on=ON)
    assert result.facts is not None and result.facts.experience_required is not True
    assert [f for f in result.findings if f.rule == "age-limit"] == []
