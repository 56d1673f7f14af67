"""The digest pass's bitset evaluation gives exactly what the search app's matcher gives, posting by posting."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.http import QueryDict
from django.utils import timezone

from bonavi.core.prefectures import POPULATION_THOUSANDS
from bonavi.jobs.generator import generate_postings
from bonavi.jobs.seeding import companies_ensure
from bonavi.notifications.benchmark import _query
from bonavi.notifications.digests import WindowPostings
from bonavi.search.matching import compile_params, posting_terms
from bonavi.search.params import SearchParams

pytestmark = pytest.mark.django_db

HANDWRITTEN = [
    "q=経理",
    "q=経理 -派遣",
    "q=経理 OR 人事",
    'q="給与計算"',
    'q="月次 決算 補助"',  # three words: not expressible as pairs, checked posting by posting
    "q=簿記&qual=簿記2級",
    "family=accounting&pref=13&pref=14&emp=seishain",
    "salary_unit=month&salary_min=230000",  # off the salary ladder
    "salary_unit=hour&salary_min=1200&inexp=1",
    "remote=any&weekend=1&holidays=120",
    "overtime=10&noqual=1",
    "days=3&q=事務",
    "city=千代田区&pref=13",
    "",
]


def test_bitsets_agree_with_the_matcher() -> None:
    now = timezone.now()
    companies = companies_ensure(count=10)
    rng = random.Random(5)
    for posting in generate_postings(count=120, companies=companies, seed=3, now=now, private_ratio=0):
        posting.date_posted = now - dt.timedelta(minutes=5 + rng.random() * 600)
        posting.save()
    window = WindowPostings.load(after=now - dt.timedelta(days=1), upper=now)
    assert len(window) == 120
    prefs, weights = list(POPULATION_THOUSANDS), list(POPULATION_THOUSANDS.values())
    queries = HANDWRITTEN + [_query(rng, prefs, weights) for _ in range(150)]
    postings = window._postings
    terms = [posting_terms(p) for p in postings]
    exact_used = nonempty = 0
    for query in queries:
        matcher = compile_params(SearchParams.from_querydict(QueryDict(query)))
        expected = sum(1 << i for i, p in enumerate(postings) if matcher.matches(terms[i], p))
        assert window.matches(query) == expected, query
        if window.exact_bits(matcher) is not None:
            exact_used += 1
        nonempty += expected != 0
    assert exact_used > 120 and nonempty > 40  # the comparison exercised the fast path, with real matches
