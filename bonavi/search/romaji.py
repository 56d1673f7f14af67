"""Latin letters typed for a Japanese word (keiri, soumu, kyuuyo keisan) read as hiragana.

A seeker on a PC without a Japanese input method, or one who has not switched her phone keyboard, types the
sound of the word: keiri for 経理. The analyser reads "keiri" as one foreign word that no posting holds. This
module turns such a word into the hiragana it spells, so that the search can treat it like unconverted kana
(けいり → 経理, synonyms.word_for_reading).

Every spelling people meet is read, from one table:
- Hepburn (shi, chi, tsu, fu, ji, sha, cha, ja), kunrei and nihon-shiki (si, ti, tu, hu, zi, sya, tya, zya, di, du),
  and the input method's keystrokes (jya, nn, n', xtu/ltu, xa/la for the small kana, - for ー);
- a doubled consonant is っ (kk, ss, tt, pp; tch and cch before ch);
- ん is n before a consonant or at the end, nn or n' anywhere (tannin is たんにん, kinnmu きんむ, kan'i かんい),
  and m before b, m or p (Hepburn's shimbun);
- long vowels are written in many ways: doubled as kana spell them (soumu, kyuuyo, deeta), with a macron or a
  circumflex (sōmu), with h (sohmu, as passports write ō), or not at all (somu, kyuyo).
  `to_kana` keeps what was written (ō becomes おう, the commoner kana); `fold_long_vowels` lets those meet.
A word that is not made of these syllables (Excel, SAP, IR) is not romaji: `to_kana` gives None.
"""

from __future__ import annotations

from typing import Final

from bonavi.core.text import nfkc

VOWELS: Final = "aiueo"
_STARTS_SYLLABLE: Final = frozenset("aiueoy")  # after n: the n begins the syllable (na, nya), it is no ん

# One row per consonant: the kana of a, i, u, e, o.
_ROWS: Final = {
    "": "あ い う え お",
    "k": "か き く け こ",
    "g": "が ぎ ぐ げ ご",
    "s": "さ し す せ そ",
    "z": "ざ じ ず ぜ ぞ",
    "t": "た ち つ て と",
    "d": "だ ぢ づ で ど",
    "n": "な に ぬ ね の",
    "h": "は ひ ふ へ ほ",
    "b": "ば び ぶ べ ぼ",
    "p": "ぱ ぴ ぷ ぺ ぽ",
    "m": "ま み む め も",
    "y": "や い ゆ いぇ よ",
    "r": "ら り る れ ろ",
    "w": "わ うぃ う うぇ を",
    "v": "ゔぁ ゔぃ ゔ ゔぇ ゔぉ",
    "sh": "しゃ し しゅ しぇ しょ",
    "ch": "ちゃ ち ちゅ ちぇ ちょ",
    "ts": "つぁ つぃ つ つぇ つぉ",
    "j": "じゃ じ じゅ じぇ じょ",
    "f": "ふぁ ふぃ ふ ふぇ ふぉ",
    # The input method's small kana (xa, la → ぁ), never a spelling of a word's own kana.
    "x": "ぁ ぃ ぅ ぇ ぉ",
    "l": "ぁ ぃ ぅ ぇ ぉ",
}
# Consonant + y + vowel: the i-row kana with a small ゃ ぃ ゅ ぇ ょ (kya きゃ; kunrei sya, tya, zya; jya, xya).
_YOON_BASE: Final = {
    "k": "き",
    "g": "ぎ",
    "s": "し",
    "z": "じ",
    "t": "ち",
    "d": "ぢ",
    "n": "に",
    "h": "ひ",
    "b": "び",
    "p": "ぴ",
    "m": "み",
    "r": "り",
    "j": "じ",
    "x": "",
    "l": "",
}
_SMALL_Y: Final = "ゃ ぃ ゅ ぇ ょ"
_SMALL_TSU: Final = ("xtu", "ltu", "xtsu", "ltsu")
# Where two spellings give one kana (shi/si, ji/zi, i/yi), the one to_romaji writes: Hepburn's rows first.
_HEPBURN_FIRST: Final = ("sh", "ch", "ts", "j", "f", "")
# Vowels with a macron or circumflex (ō, â): a long vowel. ō is nearly always おう in job words (総務 sōmu, 広報
# kōhō); the others are doubled.
_LONG_MARKS: Final = str.maketrans(
    {
        "ā": "aa",
        "â": "aa",
        "ī": "ii",
        "î": "ii",
        "ū": "uu",
        "û": "uu",
        "ē": "ee",
        "ê": "ee",
        "ō": "ou",
        "ô": "ou",
    }
)


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for consonant, kana in _ROWS.items():
        for vowel, k in zip(VOWELS, kana.split(), strict=True):
            table[consonant + vowel] = k
    for consonant, base in _YOON_BASE.items():
        for vowel, small in zip(VOWELS, _SMALL_Y.split(), strict=True):
            table.setdefault(consonant + "y" + vowel, base + small)
    for spelling in _SMALL_TSU:
        table[spelling] = "っ"
    return table


TABLE: Final = _table()
_LONGEST: Final = max(len(k) for k in TABLE)
# The vowel each kana ends in (き i, ゃ a, ょ o): what a following あいうえお or ー may lengthen.
_VOWEL_OF: Final = {kana[-1]: key[-1] for key, kana in TABLE.items() if key not in _SMALL_TSU}
# (vowel before, kana after) pairs where the kana only lengthens the vowel before it: そう, そお, きゅう, かあ …
# Not えい: けい is written kei and read so by those who type it, never ke.
_LENGTHENS: Final = {("o", "う"), ("o", "お"), ("u", "う"), ("a", "あ"), ("i", "い"), ("e", "え")}


def to_kana(word: str) -> str | None:
    """The hiragana `word` spells in romaji (keiri → けいり, kyuuyo → きゅうよ, jinnji → じんじ), or None when it
    is not romaji (a letter outside every syllable: Excel, SAP, IR, c++; or no letter at all)."""
    text = nfkc(word).lower().translate(_LONG_MARKS)
    if not text.isascii() or not any(c.isalpha() for c in text):
        return None
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        after = text[i + 1] if i + 1 < n else ""
        if c == "n" and after not in _STARTS_SYLLABLE:
            # ん before a consonant or at the end. nn is ん too: before a vowel its second n starts the next
            # syllable (tannin たんにん), elsewhere both letters are the ん (kinnmu きんむ, the keystrokes).
            third = text[i + 2] if i + 2 < n else ""
            both = (after == "n" and third not in _STARTS_SYLLABLE) or after == "'"
            out.append("ん")
            i += 2 if both else 1
            continue
        if c == "m" and after in ("b", "m", "p"):  # Hepburn's ん before a labial: shimbun, sampo
            out.append("ん")
            i += 1
            continue
        if c.isalpha() and c not in VOWELS and (c == after or (c == "t" and text.startswith("ch", i + 1))):
            out.append("っ")  # a doubled consonant (kk, ss, cch) or Hepburn's tch
            i += 1
            continue
        if c == "h" and i > 0 and text[i - 1] == "o" and after not in _STARTS_SYLLABLE:
            out.append("う")  # oh: a long o as passports write it (sohmu, Ohno)
            i += 1
            continue
        if c == "-" and out:
            out.append("ー")  # the input method's keystroke for ー (de-ta)
            i += 1
            continue
        for length in range(min(_LONGEST, n - i), 0, -1):
            kana = TABLE.get(text[i : i + length])
            if kana is not None:
                out.append(kana)
                i += length
                break
        else:
            return None
    return "".join(out) or None


def fold_long_vowels(kana: str) -> str:
    """`kana` with each long vowel written short (そうむ → そむ, きゅうよ → きゅよ, でーた → でた), so that the ways
    of writing it in romaji (soumu, sōmu, sohmu, somu) meet."""
    out: list[str] = []
    vowel = ""
    for ch in kana:
        if vowel and (ch == "ー" or (vowel, ch) in _LENGTHENS):
            continue
        out.append(ch)
        vowel = _VOWEL_OF.get(ch, "")
    return "".join(out)


def _build_spellings() -> dict[str, str]:
    """kana → its romaji spelling: Hepburn where spellings differ (shi, not si; ja, not zya), no input-method keys."""
    rows = [*_HEPBURN_FIRST, *(c for c in _ROWS if c not in _HEPBURN_FIRST and c not in ("x", "l"))]
    out: dict[str, str] = {}
    for consonant in rows:
        for vowel in VOWELS:
            out.setdefault(TABLE[consonant + vowel], consonant + vowel)
    for consonant in _YOON_BASE:
        for vowel in VOWELS:
            if consonant not in ("x", "l"):
                out.setdefault(TABLE[consonant + "y" + vowel], consonant + "y" + vowel)
    return out


_SPELLINGS: Final = _build_spellings()


def to_romaji(kana: str) -> str:
    """The Hepburn spelling of hiragana (そうむ → soumu, きゅうよけいさん → kyuuyokeisan, でーた → deeta); a
    character it cannot spell is kept as it is. For comparing a typed word with a job word's reading."""
    spell = _SPELLINGS
    out: list[str] = []
    double = False
    i = 0
    while i < len(kana):
        ch = kana[i]
        if ch == "っ":
            double = True
            i += 1
            continue
        if ch == "ん":
            out.append("n")
            i += 1
            continue
        if ch == "ー":
            out.append(out[-1][-1] if out and out[-1] and out[-1][-1] in VOWELS else "")
            i += 1
            continue
        piece = spell.get(kana[i : i + 2]) if i + 1 < len(kana) else None
        step = 2
        if piece is None:
            piece, step = spell.get(ch, ch), 1
        out.append(piece[0] + piece if double and piece[0] not in VOWELS else piece)
        double = False
        i += step
    return "".join(out)
