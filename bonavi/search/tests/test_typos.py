"""「もしかして」 for slips beyond one kanji of the same sound (ADR 0088 addendum): a ゛/゜ apart, two kanji in a
longer word; and the right words none of the rules may mend."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.jobs.tests.factories import make_posting
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings
from bonavi.search.typos import homophone_fixes, job_words, kana_fixes, kana_words, one_keystroke_apart


def test_a_kanji_a_voicing_mark_apart_is_mended():
    """保記: ホ typed for 簿's ボ (the IME's ほき). Exact sound is no longer required, only the same sound once ゛/゜
    are folded."""
    assert homophone_fixes("保記") == ["簿記"]
    assert homophone_fixes("保記2級") == ["簿記2級"]  # the longer job word first, as before
    assert homophone_fixes("日商保記検定3級") == ["日商簿記検定3級"]


def test_an_exact_sound_wins_over_a_folded_one():
    """房 reads フサ like 総 (exact) and ボウ, ホウ once ゛ is folded, like 法: 総務 is offered before 法務."""
    assert homophone_fixes("房務") == ["総務", "法務"]


def test_two_wrong_kanji_in_a_longer_word_are_mended():
    assert homophone_fixes("給世計参") == ["給与計算"]  # 世 = ヨ like 与, 参 = サン like 算
    assert homophone_fixes("内部官左") == ["内部監査"]
    # Both slips mended come first (the longest job word); each single mend after, as before.
    assert homophone_fixes("社会保健老務士") == ["社会保険労務士", "社会保険老務士", "社会保健労務士"]


def test_right_words_are_not_mended():
    # Real words a ゛ away from a job word: 債務 (サイム) is not 財務 (ザイム); 補記 is not 簿記.
    assert homophone_fixes("債務") == [] and homophone_fixes("補記") == [] and homophone_fixes("決済") == []
    # Real words of another sound that the single-kanji rule took before: 医師 (イシ) for 医事 (イジ, 師 reads ジ in
    # 技師), 勤務 (キンム) for 労務 (勤 and 労 are both read ツトム as given names).
    assert (
        homophone_fixes("医師") == []
        and homophone_fixes("勤務地") == []
        and homophone_fixes("在宅勤務") == []
    )
    # A part cutting through a word typed right: 貿易事務's 易事 (イジ) is not 医事, 確保記録's 保記 not 簿記.
    assert homophone_fixes("貿易事務") == [] and homophone_fixes("確保記録") == []
    # Two wrong kanji in a two-character word: a real word of the same sound (工法, 後方 for 広報) or a guess.
    assert homophone_fixes("工法") == [] and homophone_fixes("後方") == [] and homophone_fixes("計里") == []
    # No job word is mended into another (each would be offered when it finds nothing).
    assert {w: homophone_fixes(w) for w in job_words() if homophone_fixes(w)} == {}
    # A real word of the job word's own sound is still the IME's other homophone: offered, as before.
    assert homophone_fixes("公報") == ["広報"] and homophone_fixes("受附") == ["受付"]


@pytest.mark.django_db
def test_the_search_page_offers_the_mended_word(employer, client):
    org = employer.organization
    make_posting(org, title="簿記を活かす記帳スタッフ", subrole="office_clerk", duties="伝票の起票。")
    make_posting(org, title="給与計算スタッフ", subrole="payroll", duties="勤怠の集計。")
    html = client.get("/search/", {"q": "保記"}).content.decode()
    assert 'もしかして：<a href="?q=%E7%B0%BF%E8%A8%98">簿記</a>（1件）' in html
    res = search_postings(user=None, params=SearchParams.from_querydict({"q": "給世計参 東京"}))
    assert res.total == 0
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("給与計算 東京", 1)]


def test_the_measurement_counts_false_offers_with_and_without_the_guard():
    """bonavi typo_offers on four kanji: 債 makes 債務, a real word a ゛ from 財務, mended only without the guard."""
    out = StringIO()
    call_command("typo_offers", kanji="債保補鑑", stdout=out)
    lines = {line.split(":")[0]: line for line in out.getvalue().splitlines() if "：" not in line[:2]}
    assert "辞書の隣の実在語 0" in lines["1字・濁点/半濁点"]
    assert "辞書の隣の実在語 2" in lines["1字・濁点/半濁点（実在語の除外なし）"]  # 債務, 補記
    assert "直す誤字 1" in lines["1字・濁点/半濁点"]  # 保記


def test_a_katakana_word_one_keystroke_off_is_mended():
    """The keyboard's slips in a katakana word (ADR 0088, second addendum): a kana swapped, replaced, left out or
    added, mended into the katakana job word, the rest of the keyword kept."""
    assert kana_fixes("ヘルプデクス") == ["ヘルプデスク"]  # two swapped
    assert kana_fixes("リクルーディング") == ["リクルーティング"]  # one replaced (a ゛ too many)
    assert kana_fixes("パワポイント") == ["パワーポイント"]  # ー left out
    assert kana_fixes("エクセルル") == ["エクセル"]  # one added
    assert kana_fixes("ヘルプデクス業務") == ["ヘルプデスク業務"]
    assert kana_fixes("ﾍﾙﾌﾟﾃﾞｸｽ") == ["ヘルプデスク"]  # half-width, as a phone keyboard may give it


def test_right_katakana_words_are_not_mended():
    """Each case is one slip of a job word but for the one rule that refuses it (so the test fails without it)."""
    from bonavi.search.typos import word_readings

    # A word of the dictionary one kana from a job word is what was meant: ピクセル and アクセル, not エクセル;
    # リポート, not リモート.
    for typed, job_word in [("ピクセル", "エクセル"), ("アクセル", "エクセル"), ("リポート", "リモート")]:
        assert job_word in kana_words() and one_keystroke_apart(typed, job_word) and word_readings(typed)
        assert kana_fixes(typed) == [], typed
    # Two slips (ル and プ swapped, ス and ク swapped): no word of the dictionary and long enough, but not one
    # keystroke from ヘルプデスク.
    assert not word_readings("ヘプルデクス") and not one_keystroke_apart("ヘプルデクス", "ヘルプデスク")
    assert kana_fixes("ヘプルデクス") == []
    # Too short: リモト is one keystroke from リモート and no dictionary word, but three kana (ワード-sized words are
    # one kana from too many real words to guess). Kanji only: not a keyboard slip.
    assert one_keystroke_apart("リモト", "リモート") and not word_readings("リモト")
    assert kana_fixes("リモト") == [] and kana_fixes("経里") == []
    # Pieces of a longer katakana run are not judged: ヘルプデスクチーム is no slip of anything.
    assert kana_fixes("ヘルプデスクチーム") == []


def test_one_keystroke_apart_is_the_damerau_distance_one():
    assert (
        one_keystroke_apart("abdc", "abcd")
        and one_keystroke_apart("abc", "abcd")
        and one_keystroke_apart("abxd", "abcd")
    )
    assert not one_keystroke_apart("abcd", "abcd") and not one_keystroke_apart("badc", "abcd")
    assert not one_keystroke_apart("ab", "abcd") and not one_keystroke_apart("acbd", "abdc")


@pytest.mark.django_db
def test_the_search_page_offers_the_mended_katakana_word(employer, client):
    make_posting(
        employer.organization, title="社内ヘルプデスク", subrole="helpdesk", duties="問い合わせの一次対応。"
    )
    res = search_postings(user=None, params=SearchParams.from_querydict({"q": "ヘルプデクス 東京"}))
    assert res.total == 0
    assert [(q, n) for q, _qs, n, _a in res.typos] == [("ヘルプデスク 東京", 1)]
    html = client.get("/search/", {"q": "ヘルプデクス"}).content.decode()
    assert "もしかして：" in html and ">ヘルプデスク</a>（1件）" in html


@pytest.fixture
def synonym_file(tmp_path, monkeypatch):
    """A synonym file of the test's own; the per-process word lists are read afresh from it, and again after."""
    from bonavi.search import synonyms, typos

    caches = (synonyms.synonym_file_words, typos.job_words, typos.kana_words)

    def use(text: str) -> None:
        path = tmp_path / "synonyms.txt"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(synonyms, "SYNONYM_FILE", path)
        for cached in caches:
            cached.cache_clear()

    yield use
    for cached in caches:
        cached.cache_clear()


def test_the_typo_word_lists_read_synonyms_txt_as_the_synonyms_do(synonym_file):
    """typos.py split synonyms.txt's lines at spaces itself, so 「経理=>会計ソフト」 without spaces became one
    word 「経理=>会計ソフト」; it now reads the words through the synonym file's one parser."""
    from bonavi.search.synonyms import synonym_words

    text = "経理=>会計ソフト、財務会計  # 一方向\nヘルプデスク＝＞サービスデスク\nエクセル, Excel\n"
    assert synonym_words(text) == {
        "経理",
        "会計ソフト",
        "財務会計",
        "ヘルプデスク",
        "サービスデスク",
        "エクセル",
        "Excel",
    }
    synonym_file(text)
    assert {"経理", "会計ソフト", "財務会計"} <= set(job_words())
    assert not [w for w in job_words() if "=>" in w or "＞" in w]
    assert {"ヘルプデスク", "サービスデスク", "エクセル"} <= kana_words()
