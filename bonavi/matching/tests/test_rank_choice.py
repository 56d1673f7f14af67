"""`rank` remembers its choice for a person and a pool (ADR 0162, addendum s22): the same profile and the same pool
score nothing again and explain the same list; a posting changed, a new profile, another limit rank afresh."""

from __future__ import annotations

import dataclasses

import pytest

from bonavi.matching import services
from bonavi.matching.facts import JobFacts, PersonFacts
from bonavi.matching.match import PersonProfile


def _job(pk: int, wage: int) -> JobFacts:
    return JobFacts(
        posting_id=pk,
        title=f"経理{pk}",
        prefecture="13",
        location="東京都千代田区",
        telework="none",
        employment_type="seishain",
        employment_label="正社員",
        wage_unit="month",
        wage_min=wage,
        wage_max=wage,
        terms=frozenset({"仕訳", "決算"} if pk % 2 else {"仕訳"}),
        posted=float(pk),
    )


def _profile() -> PersonProfile:
    return PersonProfile(
        facts=PersonFacts(prefectures=("13",), pay_floor=250_000),
        occupations={},
        occupation_titles={},
        terms=frozenset({"仕訳", "決算"}),
        qualifications=(),
    )


@pytest.fixture
def scored(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = services.quick_score

    def counting(profile, j):
        calls.append(j.posting_id)
        return real(profile, j)

    monkeypatch.setattr(services, "quick_score", counting)
    return calls


def _shown(results) -> list[dict]:
    return [r.as_dict() for r in results]


def test_the_same_pool_is_scored_once_and_explained_alike(scored) -> None:
    pool = [_job(pk, 200_000 + 3_000 * pk) for pk in range(1, 31)]
    profile = _profile()
    first = services.rank(profile, pool, limit=5)
    assert len(scored) == 30
    assert [r.posting_id for r in first] == [29, 27, 25, 23, 21]

    again = services.rank(
        profile, list(pool), limit=5
    )  # another list of the same objects, as pool_facts gives

    assert len(scored) == 30  # nothing scored again
    assert _shown(again) == _shown(first)
    assert all(a is not b for a, b in zip(again, first, strict=True))  # fresh results, the caller's to change
    services._choices.clear()
    assert _shown(services.rank(profile, pool, limit=5)) == _shown(first)  # what ranking afresh gives


def test_a_changed_posting_a_new_profile_or_another_limit_rank_afresh(scored) -> None:
    pool = [_job(pk, 200_000 + 3_000 * pk) for pk in range(1, 31)]
    profile = _profile()
    services.rank(profile, pool, limit=5)
    # The first one moved to Osaka (another updated_at: pool_facts gives a new JobFacts object): the pool is
    # scored again and it leaves the list.
    changed = [*pool[:28], dataclasses.replace(pool[28], prefecture="27", location="大阪府大阪市"), pool[29]]
    scored.clear()
    assert [r.posting_id for r in services.rank(profile, changed, limit=5)] == [27, 25, 23, 21, 19]
    assert len(scored) == 30
    scored.clear()
    services.rank(profile, changed, limit=3)
    assert len(scored) == 30
    scored.clear()
    services.rank(_profile(), changed, limit=3)  # equal facts, another profile object
    assert len(scored) == 30
    scored.clear()
    services.rank(profile, changed[:-1], limit=3)  # a posting gone
    assert len(scored) == 29
