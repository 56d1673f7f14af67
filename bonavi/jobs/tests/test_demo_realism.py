"""Demo postings a person believes (demo walk, s14): an address with its 町名 (「東京都中央区日本橋2丁目21-1」, not
「東京都中央区6-21-1」), access from a named station of that town (not 「最寄り駅から徒歩11分」), and pay that follows the
post — a 課長 above a clerk, an assistant below (a 経理課長 was paid 月給215,000円). Still the same postings for a
seed."""

from __future__ import annotations

import random
import re
import statistics

import pytest

from bonavi.accounts.models import Organization
from bonavi.core.prefectures import PREFECTURES
from bonavi.jobs.generator import (
    CAPITALS,
    MUNICIPALITIES,
    SENIORITY,
    TOWNS,
    Company,
    generate_postings,
    municipality,
)
from bonavi.jobs.models import JobPosting, WageUnit

COMPANIES = [Company(1, "株式会社テスト商事", "東京都千代田区丸の内1丁目1-1", "03-0000-0000")]


@pytest.fixture(scope="module")
def postings() -> list[JobPosting]:
    return list(generate_postings(count=4000, companies=COMPANIES, seed=2026))


def _towns(muni: str, address: str) -> list[tuple[str, int, int, str]]:
    return [t for t in TOWNS[muni] if re.fullmatch(rf"{t[0]}(\d+丁目)?\d+-\d+", address)]


def _town(muni: str, address: str) -> tuple[str, int, int, str]:
    [town] = _towns(muni, address)
    return town


def test_every_municipality_the_generator_picks_has_its_towns_and_no_other() -> None:
    """street_address looks the picked municipality up in TOWNS (a KeyError for one without), and an entry no pick
    reaches is dead data: the keys are exactly what municipality() returns — a prefecture's list, else its seat
    (CAPITALS[pref] only where MUNICIPALITIES has no list: 横浜市中区 and さいたま市浦和区 are never picked)."""
    picked = {m for pref in PREFECTURES for m in MUNICIPALITIES.get(pref) or [CAPITALS[pref]]}
    assert set(TOWNS) == picked
    rng = random.Random(2026)
    assert {municipality(rng, pref) for pref in PREFECTURES for _ in range(60)} == picked


def test_an_address_names_its_town_and_the_access_its_station(postings: list[JobPosting]) -> None:
    for p in postings:
        name, first, last, station = _town(p.municipality, p.address)
        if last:
            chome = int(re.match(rf"{name}(\d+)丁目", p.address).group(1))
            assert first <= chome <= last, p.address
        else:
            assert "丁目" not in p.address
        walk = re.fullmatch(rf"{station}から徒歩(\d+)分", p.nearest_station)
        assert walk is not None, (p.municipality, p.address, p.nearest_station)
        assert 1 <= int(walk.group(1)) <= (5 if "駅チカ" in p.title else 12), p.nearest_station
    assert len({p.address.split("丁目")[0] for p in postings if p.municipality == "千代田区"}) >= 5


def test_pay_follows_the_post(postings: list[JobPosting]) -> None:
    def monthly(tier: str) -> list[int]:
        return [
            p.wage_min
            for p in postings
            if p.wage_unit == WageUnit.MONTH and SENIORITY.get(p.subrole, "staff") == tier
        ]

    def hourly(tier: str) -> list[int]:
        return [
            p.wage_min
            for p in postings
            if p.wage_unit == WageUnit.HOUR and SENIORITY.get(p.subrole, "staff") == tier
        ]

    managers, specialists, staff, assistants = (
        monthly(t) for t in ("manager", "specialist", "staff", "assistant")
    )
    assert min(managers) >= 300_000  # no 経理課長 at 月給215,000円
    medians = [statistics.median(v) for v in (managers, specialists, staff, assistants)]
    assert medians == sorted(medians, reverse=True) and len(set(medians)) == 4, medians
    assert statistics.median(hourly("specialist")) > statistics.median(hourly("assistant"))
    # 年俸 for about half the managers, as before
    titled = [p for p in postings if p.subrole.endswith("_manager")]
    assert 0.35 < sum(p.wage_unit == WageUnit.YEAR for p in titled) / len(titled) < 0.65


def test_the_same_seed_gives_the_same_postings() -> None:
    def key(p: JobPosting) -> tuple[object, ...]:
        return (p.title, p.prefecture, p.municipality, p.address, p.nearest_station, p.wage_unit, p.wage_min)

    first = [key(p) for p in generate_postings(count=300, companies=COMPANIES, seed=7)]
    again = [key(p) for p in generate_postings(count=300, companies=COMPANIES, seed=7)]
    other = [key(p) for p in generate_postings(count=300, companies=COMPANIES, seed=8)]
    assert first == again and first != other


def test_demo_companies_sit_in_a_real_town(db: None) -> None:
    from bonavi.jobs.seeding import companies_ensure

    companies_ensure(count=40)
    for org in Organization.objects.filter(kind=Organization.Kind.EMPLOYER):
        pref = next(name for name in PREFECTURES.values() if org.address.startswith(name))
        rest = org.address[len(pref) :]
        # None (not StopIteration) when no demo municipality and town begin the address, so the assert names it
        muni = next((m for m in TOWNS if rest.startswith(m) and _towns(m, rest[len(m) :])), None)
        assert muni, org.address
