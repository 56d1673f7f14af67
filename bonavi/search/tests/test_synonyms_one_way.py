"""A synonym that is another trade's word on its own does not drag that trade in (ADR 0099): 経理 finds 会計 only
in bookkeeping compounds (会計ソフト, 財務会計), never the clinic's 「受付と会計」; 会計 typed alone still finds 経理."""

from __future__ import annotations

import pytest

from bonavi.jobs.tests.factories import make_posting
from bonavi.search.analyzer import get_analyzer
from bonavi.search.matching import compile_params, posting_terms
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings
from bonavi.search.synonyms import Synonyms

pytestmark = pytest.mark.django_db


def found(**kw: str) -> set[int]:
    return {p.pk for p in search_postings(user=None, params=SearchParams.from_querydict(kw)).results}


@pytest.fixture
def postings(employer):
    org = employer.organization
    clinic = dict(
        subrole="medical_clerk",
        duties="クリニックでの受付と会計、レセプト作成、電話予約の対応をお願いします。未経験の方も歓迎します。",
        employer_name="医療法人さくら会 さくらクリニック",
    )
    return {
        "accounting": make_posting(
            org, title="経理スタッフ", duties="伝票の起票と月次決算の補助をお願いします。未経験可。"
        ),
        # Says 会計ソフト, never 経理: bookkeeping, found through the compound.
        "software": make_posting(
            org,
            title="事務スタッフ（仕訳入力）",
            subrole="office_clerk",
            duties="会計ソフトへの仕訳入力と請求書の発行をお願いします。未経験可。",
        ),
        "clinic": make_posting(org, title="医療事務（受付・会計）", **clinic),
        "clinic_body": make_posting(org, title="医療事務スタッフ", **clinic),
    }


def test_the_review_s_search_finds_bookkeeping_and_not_the_clinic_cashier(postings):
    """「経理 未経験可／東京都／在宅」 as the seeker of the UX review typed it."""
    got = found(q="経理 未経験可", pref="13", remote="any")
    assert postings["accounting"].pk in got and postings["software"].pk in got
    assert postings["clinic"].pk not in got and postings["clinic_body"].pk not in got


def test_a_saved_search_alert_leaves_the_clinic_out_too(postings):
    """The e-mail digests match with the same plan in memory (matching.py): they must agree with the page."""
    matcher = compile_params(SearchParams.from_querydict({"q": "経理"}))
    hits = {k for k, p in postings.items() if matcher.matches(posting_terms(p), p)}
    assert hits == {"accounting", "software"}


def test_kaikei_typed_alone_still_finds_keiri_and_the_clinic(postings):
    got = found(q="会計")
    assert {postings["accounting"].pk, postings["clinic"].pk, postings["software"].pk} <= got


def test_the_message_names_only_what_was_added(postings):
    messages = search_postings(user=None, params=SearchParams.from_querydict({"q": "経理"})).messages
    (said,) = [m for m in messages if "含めて検索しました" in m]
    assert "「会計」" not in said and "「会計ソフト」" in said


def test_one_way_lines_expand_one_way_and_groups_both_ways():
    syn = Synonyms.from_text(
        "経理 => 会計ソフト、財務会計\n会計 ＝＞ 経理\n受付, レセプション\n", get_analyzer()
    )

    def words(word: str) -> list[str]:
        return [w for _p, w in syn.expand(tuple(get_analyzer().terms(word)))]

    assert words("経理") == ["会計ソフト", "財務会計"]
    assert words("会計") == ["経理"]
    assert words("会計ソフト") == [] and words("財務会計") == []
    assert words("受付") == ["レセプション"] and words("レセプション") == ["受付"]


def test_the_note_calls_one_way_targets_related_and_says_when_it_cuts_the_list():
    """The note called 会計ソフト 「同じ意味の」 for 経理 and named four of its six words as if they were all: a one-way
    target is 「関連する」, a two-way synonym 「同じ意味の」, and a cut list ends in 「など」."""

    def notes(q: str) -> list[str]:
        result = search_postings(user=None, params=SearchParams.from_querydict({"q": q}))
        return [m for m in result.messages if "含めて検索しました" in m]

    assert notes("経理") == [
        "「経理」は関連する「会計処理」「会計伝票」「会計ソフト」「会計システム」なども含めて検索しました。"
    ]
    assert notes("エクセル") == ["「エクセル」は同じ意味の「Excel」「表計算」も含めて検索しました。"]


def test_same_meaning_is_only_a_two_way_group():
    syn = Synonyms.from_text("経理 => 会計ソフト\nエクセル, Excel", get_analyzer())
    terms = get_analyzer().terms
    keiri, soft = tuple(terms("経理")), tuple(terms("会計ソフト"))
    excel, latin = tuple(terms("エクセル")), tuple(terms("Excel"))
    assert [p for p, _ in syn.expand(keiri)] == [soft] and not syn.same_meaning(keiri, soft)
    assert syn.same_meaning(excel, latin) and syn.same_meaning(latin, excel)
