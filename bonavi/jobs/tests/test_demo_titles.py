"""Demo titles never double a suffix (demo walk, s15): 27 postings were titled 「採用担当担当」, the pattern
「{role}担当」 applied to a 職種 whose name already ends in 担当."""

from __future__ import annotations

import re

import pytest

from bonavi.jobs.catalog import SUBROLES, SubRole
from bonavi.jobs.generator import (
    MANAGER_TITLE_PATTERNS,
    PERKS,
    TITLE_PATTERNS,
    Company,
    compose_title,
    generate_postings,
)

COMPANIES = [Company(1, "株式会社テスト商事", "東京都千代田区丸の内1丁目1-1", "03-0000-0000")]
# every word a pattern adds right after the role
SUFFIXES = {m.group(1) for p in TITLE_PATTERNS for m in [re.search(r"\{role\}([^{（【／/]+)", p)] if m}


def _doubled(title: str, role: str) -> str | None:
    for suffix in SUFFIXES | {"担当", "スタッフ", "事務"}:
        if suffix * 2 in title or (role.endswith(suffix) and f"{role}{suffix}" in title):
            return suffix
    return None


@pytest.mark.parametrize("sub", SUBROLES, ids=lambda s: s.code)
def test_no_pattern_doubles_a_suffix_of_any_role(sub: SubRole) -> None:
    role = sub.name.replace("（管理職）", "")
    patterns = MANAGER_TITLE_PATTERNS if sub.code.endswith("_manager") else TITLE_PATTERNS
    for pattern in patterns:
        for perk in PERKS:
            title = compose_title(pattern, role=role, perk=perk)
            assert _doubled(title, role) is None, title
            assert role in title and (perk in title) == ("{perk}" in pattern), title


def test_a_role_ending_in_the_suffix_keeps_its_name() -> None:
    assert compose_title("{role}担当", role="採用担当", perk="駅チカ") == "採用担当"
    assert compose_title("{role}担当", role="経理事務", perk="駅チカ") == "経理事務担当"
    assert compose_title("{role}スタッフ", role="受付スタッフ", perk="駅チカ") == "受付スタッフ"
    assert compose_title("{role}（{perk}）", role="採用担当", perk="駅チカ") == "採用担当（駅チカ）"


def test_generated_postings_have_no_doubled_suffix() -> None:
    postings = list(generate_postings(count=1500, companies=COMPANIES, seed=2026))
    recruiting = [p for p in postings if p.subrole == "recruiting"]
    assert recruiting, "the sample holds 採用担当 postings"
    assert [p.title for p in postings if _doubled(p.title, "")] == []
    assert not any("担当担当" in p.title for p in postings)
