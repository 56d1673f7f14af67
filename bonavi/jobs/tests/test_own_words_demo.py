"""The demo generator gives a share of its postings 仕事の魅力・職場の様子 and 求める人物像 (ADR 0128): by 職種 family,
the same for the same seed, lawful — the checker finds nothing at all in them — and without changing any other
value a seed has always given."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.jobs import generator
from bonavi.jobs.catalog import FAMILIES, SUBROLE_BY_CODE
from bonavi.jobs.facts import posting_facts
from bonavi.jobs.generator import Company, generate_postings
from bonavi.jobs.models import JobPosting

COMPANIES = [Company(i, f"株式会社デモ{i}", "東京都千代田区1-1", "03-0000-0000") for i in range(1, 10)]
OWN = ("appeal", "ideal_candidate")


def _postings(seed: int, count: int = 600) -> list[JobPosting]:
    return list(
        generate_postings(
            count=count, companies=COMPANIES, seed=seed, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        )
    )


def _values(p: JobPosting, *, without: tuple[str, ...] = ()) -> dict[str, object]:
    return {
        f.attname: getattr(p, f.attname) for f in JobPosting._meta.concrete_fields if f.name not in without
    }


def test_a_share_of_postings_has_the_words_in_every_family() -> None:
    postings = _postings(3)
    with_appeal = [p for p in postings if p.appeal]
    with_ideal = [p for p in postings if p.ideal_candidate]
    assert 0.5 < len(with_appeal) / len(postings) < 0.7
    assert 0.35 < len(with_ideal) / len(postings) < 0.55
    assert all(p.appeal for p in with_ideal)  # 求める人物像 only beside 仕事の魅力
    assert {SUBROLE_BY_CODE[p.subrole].family for p in with_ideal} == set(FAMILIES)
    assert all("\n" in p.appeal for p in with_appeal) and all(
        p.ideal_candidate.startswith("・") for p in with_ideal
    )


def test_the_same_seed_gives_the_same_words() -> None:
    first, again, other = _postings(8, 200), _postings(8, 200), _postings(9, 200)
    assert [(p.appeal, p.ideal_candidate) for p in first] == [(p.appeal, p.ideal_candidate) for p in again]
    assert [(p.appeal, p.ideal_candidate) for p in first] != [(p.appeal, p.ideal_candidate) for p in other]


def test_the_words_change_no_other_value_of_a_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """They come from a generator of their own: a seed's postings are otherwise those it gave before."""
    with_words = _postings(5, 300)
    monkeypatch.setattr(generator, "add_own_words", lambda posting, **_: None)
    without = _postings(5, 300)
    assert [_values(p, without=OWN) for p in with_words] == [_values(p, without=OWN) for p in without]
    assert not any(p.appeal for p in without)


def test_the_checker_finds_nothing_in_the_words() -> None:
    """Not only no error (tests/integration/test_compliance_demo_data.py): no warning either, and the posting's
    other findings are those it has without them."""
    day = dt.date(2026, 11, 15)
    for p in _postings(11, 1500):
        if not p.appeal:
            continue
        facts = posting_facts(p)
        facts.updated_on = day
        found = check_facts(facts, on=day)
        assert [f for f in found if f.field in OWN] == [], (p.appeal, p.ideal_candidate)
        p.appeal = p.ideal_candidate = ""
        facts = posting_facts(p)
        facts.updated_on = day
        assert [(f.rule, f.message) for f in check_facts(facts, on=day)] == [
            (f.rule, f.message) for f in found
        ]
