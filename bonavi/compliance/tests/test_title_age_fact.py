"""An age band written as a fact in the 求人タイトル (ADR 0128 addendum, s16; the walk's `44_import_discrim`):
「経理事務（20代の女性活躍中）」 got no finding, as 「20代が活躍中」 is a fact in the body (ADR 0120). The title is the line
that says whom the job is for, so there it reads as the age wanted: a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.service import check_text

ON = dt.date(2026, 11, 1)
AD = (
    "{title}\n【仕事内容】\n請求書の発行、会計ソフトへの仕訳入力\n（変更の範囲）会社の定める業務\n"
    "【勤務地】東京都千代田区丸の内1-1-1\n【給与】月給25万円\n{body}"
)


def _age(title: str, body: str = "経理チームは5名です。") -> list:
    result = check_text(AD.format(title=title, body=body), on=ON)
    return [f for f in result.findings if f.item == "年齢"]


def test_an_age_band_with_a_fact_verb_in_the_title_is_a_warning_naming_the_sex_too() -> None:
    (finding,) = _age("経理事務（20代の女性活躍中）")
    assert finding.rule == "age-preference" and finding.severity == "warning"
    assert "求人タイトルの「20代の女性活躍中」" in finding.message
    assert "その年齢の女性を求める募集" in finding.message


def test_without_a_sex_word_the_warning_says_only_the_age() -> None:
    (finding,) = _age("経理事務（20代活躍中）")
    assert finding.severity == "warning" and "女性" not in finding.message


@pytest.mark.parametrize(
    "body",
    ["20代〜50代のスタッフが活躍中です。", "職場には20代の女性が活躍中です。"],
)
def test_the_same_fact_in_the_body_stays_a_fact(body: str) -> None:
    assert _age("経理事務（未経験歓迎）", body) == []


def test_a_title_without_an_age_keeps_women_at_work_as_a_fact() -> None:
    result = check_text(AD.format(title="経理事務（女性活躍中）", body=""), on=ON)
    assert [f for f in result.findings if f.item in ("年齢", "性別")] == []


def test_the_structured_title_field_is_read_the_same_way(employer) -> None:
    from bonavi.compliance.checker import check_facts
    from bonavi.jobs.facts import posting_facts
    from bonavi.jobs.models import JobPosting
    from bonavi.jobs.tests.factories import posting_data

    posting = JobPosting(
        organization=employer.organization, **{**posting_data(), "title": "経理事務（20代の女性活躍中）"}
    )
    found = [f for f in check_facts(posting_facts(posting), on=ON) if f.rule == "age-preference"]
    assert [f.severity for f in found] == ["warning"] and "求人タイトル" in found[0].message
