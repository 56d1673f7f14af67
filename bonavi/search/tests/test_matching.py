"""The in-memory matcher (for alert digests) agrees with the search backend, and is fast enough."""

from __future__ import annotations

import random

import pytest

from bonavi.jobs.models import JobPosting
from bonavi.jobs.seeding import postings_seed
from bonavi.search.backends import get_backend
from bonavi.search.matching import Matcher, MatcherIndex, compile_params, posting_terms
from bonavi.search.params import SearchParams
from bonavi.search.query import Access, build_plan

SAMPLE_PARAMS = [
    {"q": "経理"},
    {"q": "会計"},
    {"q": "事務 -派遣"},
    {"q": '"給与計算"'},
    {"q": "人事 OR 総務"},
    {"q": "ｴｸｾﾙ"},
    {"q": "簿記"},
    {"q": "入力 請求書"},
    {"pref": "13"},
    {"pref": ["13", "27"], "emp": "part"},
    {"family": "accounting", "inexp": "1"},
    {"salary_unit": "month", "salary_min": "250000"},
    {"salary_unit": "month", "salary_min": "233333"},
    {"salary_unit": "hour", "salary_min": "1200"},
    {"holidays": "120", "weekend": "1"},
    {"overtime": "10"},
    {"remote": "any"},
    {"remote": "full"},
    {"qual": "簿記"},
    {"noqual": "1", "edu": "1"},
    {"days": "7"},
    {"q": "-派遣"},
    {"subrole": "payroll"},
    {"q": '"月次 決算 の 取りまとめ"'},
    {"city": "千代田区"},
]


@pytest.mark.django_db
def test_matcher_agrees_with_backend_on_a_sample():
    """For every sample search, matcher.matches over all postings gives exactly the backend's result set."""
    postings_seed(count=400, private_ratio=0.2, seed=3)
    postings = list(JobPosting.objects.select_related("organization"))
    terms = {p.pk: posting_terms(p) for p in postings}
    backend = get_backend()
    for qd in SAMPLE_PARAMS:
        params = SearchParams.from_querydict(qd)
        expected = set(backend.all_ids(build_plan(params), Access("public")))
        m = compile_params(params)
        got = {p.pk for p in postings if m.matches(terms[p.pk], p)}
        assert got == expected, qd
        assert expected or qd.get("q") == '"月次 決算 の 取りまとめ"', f"sample {qd} should match something"


@pytest.mark.django_db
def test_the_matcher_index_tries_a_posting_on_few_of_the_saved_searches(monkeypatch):
    """The index files each saved search under its rarest term, so a posting is tried only on searches that can
    match it: counted, not timed (a timed bound fails on a busy machine and passes on a fast one). What people
    save: a place (most do), usually a word, sometimes pay or a flag. Trying every search on every posting would
    be searches × postings evaluations; the speed at full size is in docs/benchmarks.md (保存検索の照合)."""
    postings_seed(count=300, private_ratio=0.05, seed=5)
    postings = list(JobPosting.objects.select_related("organization"))
    rng = random.Random(1)
    words = ["経理", "人事", "総務", "給与計算", "受付", "データ入力", "法務", "広報", "秘書", "貿易"]
    terms = [(p, posting_terms(p)) for p in postings]
    index = MatcherIndex.for_batch(t for _p, t in terms)
    searches = []
    for i in range(2_000):
        qd: dict[str, object] = {"pref": f"{rng.choice([13, 13, 14, 27, 23, 11, 12, 40, 1, 28]):02d}"}
        if rng.random() < 0.1:
            qd.pop("pref")
        if rng.random() < 0.8:
            qd["q"] = rng.choice(words)
        if rng.random() < 0.3:
            qd["salary_unit"], qd["salary_min"] = "month", str(rng.choice([200000, 250000, 300000]))
        if rng.random() < 0.2:
            qd["inexp"] = "1"
        m = compile_params(SearchParams.from_querydict(qd))
        searches.append((i, m))
        index.add(i, m)
    tried = 0
    real = Matcher.matches

    def counting(self: Matcher, *args: object, **kwargs: object) -> bool:
        nonlocal tried
        tried += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Matcher, "matches", counting)
    found = {(i, p.pk) for p, t in terms for i in index.matching(p, t)}
    every_pair = len(searches) * len(postings)
    assert found and tried < every_pair / 10, (tried, every_pair)
    monkeypatch.setattr(Matcher, "matches", real)
    # and what it skipped could not have matched: the same answers as trying every pair
    assert found == {(i, p.pk) for p, t in terms for i, m in searches if m.matches(t, p)}
