"""A keyword typed in romaji finds what its kana finds (ADR 0122): the page that searches romaji as kana,
「もしかして」 for romaji with a slip, and Latin-letter words that postings hold as written (Excel, SAP, IR), which
find what they found before. The converter and the readings: test_romaji.py."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.jobs.tests.factories import make_posting
from bonavi.search.matching import compile_params, posting_terms
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings


@pytest.fixture
def postings(employer):
    org = employer.organization
    return {
        "keiri": make_posting(org, title="経理スタッフ", duties="伝票の起票と月次決算の補助。"),
        "tantou": make_posting(org, title="経理担当", duties="売掛金の管理をお任せします。"),
        "soumu": make_posting(org, title="総務スタッフ", subrole="general_affairs", duties="備品の管理。"),
        "excel": make_posting(
            org, title="データ入力", subrole="data_entry", duties="ExcelとSAPでの入力、IR資料の準備。"
        ),
        "address": make_posting(
            org, title="事務スタッフ", subrole="office_clerk", duties="応募は keiri@example.jp まで。"
        ),
    }


def _ids(q: str) -> set[int]:
    return {p.pk for p in search_postings(user=None, params=SearchParams(q=q)).results}


@pytest.mark.django_db
def test_a_job_word_in_romaji_finds_what_its_kana_finds(postings) -> None:
    """keiri finds the 経理 postings, as けいり does, and still the posting that holds keiri as written; the note
    says how it was read. Everywhere the plan goes: the API and the saved-search mails as well."""
    kana = _ids("けいり")
    assert kana == {postings["keiri"].pk, postings["tantou"].pk}
    assert _ids("keiri") == kana | {postings["address"].pk}
    assert _ids("somu") == _ids("そうむ") == {postings["soumu"].pk}
    res = search_postings(user=None, params=SearchParams(q="keiri"))
    assert "「keiri」を「けいり」（経理）としても検索しました。" in res.messages
    assert postings["keiri"].pk not in _ids("-keiri")  # in an exclusion too
    matcher = compile_params(SearchParams(q="keiri"))
    assert matcher.matches(posting_terms(postings["keiri"]), postings["keiri"])


@pytest.mark.django_db
def test_latin_letter_words_find_what_they_found(postings) -> None:
    """Excel, SAP and IR are not romaji: each finds the posting that writes it, and only that."""
    for word in ("Excel", "SAP", "IR", "excel"):
        assert _ids(word) == {postings["excel"].pk}, word
        messages = search_postings(user=None, params=SearchParams(q=word)).messages
        assert not [m for m in messages if "として" in m], word


@pytest.mark.django_db
def test_the_page_searches_romaji_words_as_their_kana_and_says_so(postings, client: Client) -> None:
    """keiri tantou finds nothing as typed (tantou is in no posting); the page shows what けいり たんとう finds,
    says so, and links to the search as typed, which then finds nothing and is not read again."""
    html = client.get("/search/", {"q": "keiri tantou"}).content.decode()
    assert "「keiri tantou」を「けいり たんとう」として検索しました。" in html
    assert 'class="total">1<' in html and "経理担当" in html and "見つかりませんでした" not in html
    assert 'href="?q=%22keiri%22+%22tantou%22">「keiri tantou」のまま検索する</a>' in html
    assert 'value="けいり たんとう"' in html  # the box holds the search shown
    exact = client.get("/search/", {"q": '"keiri" "tantou"'}).content.decode()
    assert "見つかりませんでした" in exact and "として検索しました。<a" not in exact
    # the API answers what was asked
    assert client.get("/api/v1/jobs/search", {"q": "keiri tantou"}).json()["total"] == 0
    res = search_postings(user=None, params=SearchParams(q="keiri tantou"))
    assert res.total == 0 and [(q, n) for q, _qs, n, _a in res.typos] == [("けいり たんとう", 1)]


@pytest.mark.django_db
def test_romaji_with_a_slip_is_offered_the_job_word(postings, client: Client) -> None:
    html = client.get("/search/", {"q": "sousmu"}).content.decode()
    assert "見つかりませんでした" in html
    assert 'もしかして：<a href="?q=%E7%B7%8F%E5%8B%99">総務</a>（1件）' in html


@pytest.mark.django_db
def test_romaji_that_finds_postings_as_typed_is_left_alone(postings, employer, client: Client) -> None:
    """A word of Latin letters that postings hold (a product, a name) is what was meant: no kana search in its
    place, and no count spent on one."""
    make_posting(employer.organization, title="受付スタッフ", subrole="receptionist", duties="tantou制です。")
    html = client.get("/search/", {"q": "tantou"}).content.decode()
    assert 'class="total">1<' in html and "として検索しました" not in html
