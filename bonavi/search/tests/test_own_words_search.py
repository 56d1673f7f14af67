"""A posting's own words — 仕事の魅力・職場の様子 and 求める人物像 (ADR 0128) — are searched like 業務内容, on whichever
database the suite runs against (SQLite FTS5, PostgreSQL): a keyword found only there finds the posting, its
snippet is cut from where it stands, and saved searches (the digests' matcher) find it too."""

from __future__ import annotations

import pytest

from bonavi.jobs import services
from bonavi.jobs.tests.factories import make_posting
from bonavi.search.matching import compile_params, posting_terms
from bonavi.search.params import SearchParams
from bonavi.search.selectors import SearchResult, search_postings

pytestmark = pytest.mark.django_db


def _search(q: str) -> SearchResult:
    return search_postings(user=None, params=SearchParams.from_querydict({"q": q}))


def test_a_keyword_only_in_the_appeal_or_the_ideal_candidate_finds_the_posting(employer) -> None:
    org = employer.organization
    appeal = make_posting(org, title="経理事務", appeal="月に一度、社内勉強会で決算の流れを学びます。")
    ideal = make_posting(org, title="総務事務", subrole="general_affairs", ideal_candidate="・几帳面な方")
    # 勉強会 in its 業務内容 but not 社内勉強会: the keyword is searched whole in the own words too
    other = make_posting(
        org, title="人事事務", subrole="hr_clerk", duties="入退社の手続き。新人向け勉強会の準備。"
    )
    found = _search("社内勉強会")
    assert [p.pk for p in found.results] == [appeal.pk]
    # the snippet is cut from the text the keyword stands in, marked there
    assert "<mark>社内勉強会</mark>" in found.highlights[appeal.pk]["snippet"]
    found = _search("几帳面")
    assert [p.pk for p in found.results] == [ideal.pk]
    assert "<mark>几帳面</mark>" in found.highlights[ideal.pk]["snippet"]
    # and a word found in the own words is found as it is in 業務内容
    assert {p.pk for p in _search("勉強会").results} == {appeal.pk, other.pk}


def test_a_match_in_the_duties_keeps_the_duties_snippet(employer) -> None:
    p = make_posting(
        employer.organization, duties="請求書の発行をお任せします。", appeal="請求書の電子化を進めています。"
    )
    found = _search("請求書")
    assert found.highlights[p.pk]["snippet"].startswith("<mark>請求書</mark>の発行")


def test_an_edit_of_the_words_is_searchable_at_once(employer) -> None:
    """A save reindexes the posting (as for 業務内容); postings stored before the fields were added have none, and
    their index documents are unchanged, so no rebuild is needed."""
    p = make_posting(employer.organization)
    assert _search("フットサル").total == 0
    services.posting_update(user=employer, posting=p, data={"appeal": "有志のフットサル部があります。"})
    assert [r.pk for r in _search("フットサル").results] == [p.pk]
    services.posting_update(user=employer, posting=p, data={"appeal": ""})
    assert _search("フットサル").total == 0


def test_saved_searches_match_the_words_too(employer) -> None:
    p = make_posting(employer.organization, ideal_candidate="・几帳面な方")
    matcher = compile_params(SearchParams.from_querydict({"q": "几帳面"}))
    assert matcher.matches(posting_terms(p), p)
    plain = make_posting(employer.organization)
    assert not matcher.matches(posting_terms(plain), plain)
