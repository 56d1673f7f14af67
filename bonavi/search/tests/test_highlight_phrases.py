"""Highlighting marks what the search matched: a phrase where its terms stand together, never one of its terms on
its own (経理 => 管理会計 did mark every 管理)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.jobs.tests.factories import make_posting
from bonavi.search.params import SearchParams
from bonavi.search.selectors import _marked_spans, search_postings


def test_a_phrase_is_marked_only_where_it_stands_whole() -> None:
    text = "管理会計の資料作成と、備品の管理。"
    assert [text[b:e] for b, e in _marked_spans(text, {("経理",), ("管理", "会計")})] == ["管理会計"]
    # across punctuation, as the index holds the terms (the search finds 管理・会計 as 管理会計)
    text = "管理・会計の担当"
    assert [text[b:e] for b, e in _marked_spans(text, {("管理", "会計")})] == ["管理", "会計"]
    # a one-term phrase is every place of its term, in the person's own characters
    text = "ｴｸｾﾙとエクセル"
    assert [text[b:e] for b, e in _marked_spans(text, {("えくせる",)})] == ["ｴｸｾﾙ", "エクセル"]


@pytest.mark.django_db
def test_a_synonym_phrase_does_not_mark_its_words_alone(employer, client: Client) -> None:
    """経理 also finds 管理会計 (synonyms.txt): the page marks 経理 and 管理会計, not the 管理 of 管理部 or 備品の管理."""
    make_posting(
        employer.organization, title="経理スタッフ（管理部）", duties="管理会計の資料作成と、備品の管理。"
    )
    html = client.get("/search/", {"q": "経理"}).content.decode()
    assert "<mark>経理</mark>スタッフ（管理部）" in html
    assert "<mark>管理会計</mark>の資料作成と、備品の管理。" in html
    # a compound typed (a phrase of its parts) marks where it stands, not each part wherever it is
    # 採用 => 採用担当: a posting with 担当 but no 採用 is no match
    make_posting(employer.organization, title="総務担当", subrole="general_affairs", duties="備品の管理。")
    assert search_postings(user=None, params=SearchParams(q="採用")).total == 0
    make_posting(employer.organization, title="採用担当", subrole="hr_clerk", duties="経理担当との連絡。")
    res = search_postings(user=None, params=SearchParams(q="採用"))
    (hl,) = res.highlights.values()
    assert hl["title"] == "<mark>採用担当</mark>"
    assert hl["snippet"] == "経理担当との連絡。"
