"""The JSON import format (`bonavi-posting/1`, /check/ and POST /api/v1/postings/check) takes a posting's own words —
`appeal` (仕事の魅力・職場の様子) and `ideal_candidate` (求める人物像), ADR 0128 — as free texts the wording rules read
like `duties`, each finding naming its key; a text over the posting's limit is refused by name."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.compliance.importing import ImportInvalid, facts_from_import, parse_import
from bonavi.compliance.tests.test_importing import FULL

ON = dt.date(2026, 11, 15)


def _wording(posting: dict[str, object]) -> list[tuple[str, str, str, str]]:
    facts = facts_from_import(parse_import({**FULL, **posting}))
    return [(f.rule, f.severity, f.field, f.evidence) for f in check_facts(facts, on=ON) if f.start >= 0]


@pytest.mark.parametrize("key", ["appeal", "ideal_candidate"])
@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("明るい女性の方を歓迎します。", "gender-restriction"),
        ("20代の方を歓迎します。", "age-preference"),
        ("応募の際は本籍地を記入してください。", "prohibited-personal-info"),
        ("ご家族の職業を伺います。", "prohibited-personal-info"),
        ("体力に自信のある方", "indirect-discrimination"),
    ],
)
def test_each_wording_rule_reads_the_own_words_as_it_reads_the_duties(
    key: str, words: str, rule: str
) -> None:
    in_duties = _wording({"duties": f"仕訳入力。{words}"})
    in_key = _wording({key: words})
    assert rule in {r for r, *_ in in_key}
    assert [(r, s, e) for r, s, _f, e in in_key] == [(r, s, e) for r, s, _f, e in in_duties]
    assert {f for _r, _s, f, _e in in_key} == {key}


def test_lawful_own_words_add_no_finding() -> None:
    lawful = {
        "appeal": "経理チームは5名です。\n月末の締め以外は定時に帰る人がほとんどです。",
        "ideal_candidate": "・数字を丁寧に確かめられる方\n・分からないことを相談できる方",
    }
    assert check_facts(facts_from_import(parse_import({**FULL, **lawful})), on=ON) == []


def test_own_words_over_the_limit_are_refused_by_name() -> None:
    with pytest.raises(ImportInvalid) as refused:
        parse_import({**FULL, "ideal_candidate": "あ" * 1001})
    assert "「ideal_candidate」（求める人物像）：長すぎます" in str(refused.value)
    assert facts_from_import(parse_import({**FULL, "appeal": "あ" * 1000})).texts["appeal"] == "あ" * 1000
