"""Romaji → kana (ADR 0122): the converter (Hepburn, kunrei, the input method's keys; っ, ん, long vowels), a job
word of the readings dictionary however its long vowels are written, romaji read as kana only when the kana are
words, and romaji one keystroke from a job word."""

from __future__ import annotations

import pytest

from bonavi.search.romaji import fold_long_vowels, to_kana, to_romaji
from bonavi.search.synonyms import reading_for_romaji
from bonavi.search.typos import romaji_as_kana, romaji_fixes, romaji_spellings


@pytest.mark.parametrize(
    ("typed", "kana"),
    [
        # Hepburn, kunrei / nihon-shiki and the input method's keystrokes spell the same kana
        ("keiri", "けいり"),
        ("shomu", "しょむ"),
        ("syomu", "しょむ"),
        ("chiiki", "ちいき"),
        ("tiiki", "ちいき"),
        ("tsuuchi", "つうち"),
        ("tuuti", "つうち"),
        ("fukushi", "ふくし"),
        ("hukusi", "ふくし"),
        ("jinji", "じんじ"),
        ("zinzi", "じんじ"),
        ("jyouhou", "じょうほう"),
        ("zyouhou", "じょうほう"),
        ("kyuuyo", "きゅうよ"),
        ("hanadi", "はなぢ"),
        # っ from a doubled consonant, Hepburn's tch, the input method's xtu
        ("gakkou", "がっこう"),
        ("kitte", "きって"),
        ("ippan", "いっぱん"),
        ("matcha", "まっちゃ"),
        ("maccha", "まっちゃ"),
        ("kaxtuko", "かっこ"),
        # ん: before a consonant or at the end, nn, n', and m before b/m/p; n before a vowel or y is no ん
        ("keisan", "けいさん"),
        ("tannin", "たんにん"),
        ("kinnmu", "きんむ"),
        ("jinnji", "じんじ"),
        ("kan'i", "かんい"),
        ("kani", "かに"),
        ("konnyaku", "こんにゃく"),
        ("shimbun", "しんぶん"),
        ("sampo", "さんぽ"),
        # long vowels: as kana spell them, with a macron, with h; the input method's - for ー
        ("soumu", "そうむ"),
        ("sōmu", "そうむ"),
        ("sohmu", "そうむ"),
        ("ooki", "おおき"),
        ("fūfu", "ふうふ"),
        ("de-ta", "でーた"),
        # any case, full-width letters (a phone keyboard's)
        ("Keiri", "けいり"),
        ("ＫＥＩＲＩ", "けいり"),
    ],
)
def test_romaji_spells_its_kana(typed: str, kana: str) -> None:
    assert to_kana(typed) == kana


@pytest.mark.parametrize(
    "typed", ["Excel", "SAP", "IR", "PC", "Word", "office", "c++", "sousmu", "2級", "", "-"]
)
def test_what_is_not_romaji_spells_nothing(typed: str) -> None:
    """A letter outside every syllable (x, c, l, q alone; a consonant at the end but n) means it is no romaji."""
    assert to_kana(typed) is None


def test_long_vowels_written_any_way_meet() -> None:
    spelt = {fold_long_vowels(to_kana(w) or "") for w in ("soumu", "soomu", "sōmu", "sohmu", "somu", "so-mu")}
    assert spelt == {"そむ"}
    assert fold_long_vowels("きゅうよ") == fold_long_vowels("きゅよ") == "きゅよ"
    assert fold_long_vowels("けいり") == "けいり"  # えい is kei, never ke: not folded


def test_kana_spelt_back_in_hepburn() -> None:
    assert [to_romaji(k) for k in ("そうむ", "じょうほうしすてむ", "いっぱんじむ", "でーた", "しゃいん")] == [
        "soumu",
        "jouhoushisutemu",
        "ippanjimu",
        "deeta",
        "shain",
    ]


def test_a_job_word_in_romaji_however_its_long_vowels_are_written() -> None:
    assert reading_for_romaji("keiri") == ("けいり", "経理")
    assert reading_for_romaji("KEIRI") == ("けいり", "経理")
    for typed in ("soumu", "sōmu", "sohmu", "somu", "soomu"):
        assert reading_for_romaji(typed) == ("そうむ", "総務")
    assert reading_for_romaji("kyuyokeisan") == ("きゅうよけいさん", "給与計算")
    assert reading_for_romaji("jyouhoushisutemu") == ("じょうほうしすてむ", "情報システム")
    assert reading_for_romaji("tantou") is None and reading_for_romaji("Excel") is None


def test_romaji_read_as_kana_only_when_the_kana_are_words() -> None:
    """tantou spells たんとう, which the analyser reads as 担当; kanri spells かんり, which it cuts into 彼 り, and
    words the dictionary holds in Latin letters (house, data, kintone) or capitals (AI, SE) are meant as written."""
    assert romaji_as_kana("tantou") == "たんとう"
    assert romaji_as_kana("eigo") == "えいご"
    assert romaji_as_kana("keiri") == "けいり" and romaji_as_kana("somu") == "そうむ"
    for typed in ("kanri", "house", "data", "kintone", "AI", "SE", "Excel", "SAP", "IR"):
        assert romaji_as_kana(typed) is None, typed


def test_romaji_one_keystroke_from_a_job_word_is_mended() -> None:
    assert romaji_fixes("sousmu") == ["総務"]  # a key too many
    assert romaji_fixes("keirri") == ["経理"]
    assert romaji_fixes("jinnjo") == []  # two slips from jinji
    assert romaji_fixes("soumu") == [] and romaji_fixes("somu") == []  # right as typed
    assert romaji_fixes("jimo") == []  # shorter than MIN_ROMAJI_SLIP: one key from too many words
    assert romaji_fixes("sales") == [] and romaji_fixes("house") == []  # a word of the dictionary


def test_a_romaji_slip_of_two_job_words_is_not_guessed() -> None:
    """koumu is one key from soumu, roumu and houmu (and is 公務): nothing is offered. Every other slip of a
    spelling is mended into its own job word."""
    assert romaji_fixes("koumu") == [] and romaji_fixes("hsoumu") == []
    wrong = []
    for spelling, job in romaji_spellings():
        for i in range(len(spelling)):
            dropped = spelling[:i] + spelling[i + 1 :]
            if len(dropped) >= 5 and (fixes := romaji_fixes(dropped)) and fixes != [job]:
                wrong.append((dropped, job, fixes))
    assert wrong == []
