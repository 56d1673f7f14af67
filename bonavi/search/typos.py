"""「もしかして」: a job word typed with the wrong kanji of the same sound (経里 → 経理, 社会保健労務士 → 社会保険労務士).

Japanese is typed through an IME that turns a reading into kanji; its commonest slip is a homophone (同音異字): the
right sound, the wrong character. Edit distance alone would offer 経営, 経費 and 経歴 for 経里 as readily as 経理, so
a candidate must also sound the same: the typed kanji must have a reading (Sudachi's dictionary, every entry of
the single character) that the job word's kanji takes at that place in the word.

The job words are the project's own dictionaries (synonyms, readings, the sub-role names): the words people search
this site for, a few hundred, read once per process. The slips mended (ADR 0088 and its addendum; the longest
job word is offered first, and for the same length, in this order):
1. one kanji of the same sound (経里 → 経理);
2. one kanji whose sound differs only by ゛ or ゜ (保記 → 簿記: ホ for ボ);
3. two kanji of the same sound in a job word of three characters or more, the rest as written (給世計参 → 給与計算).
None of them mends a real word of the dictionary that sounds unlike the job word (医師 is not 医事, 債務 not 財務).
Both characters of a slip must be kanji. A katakana word has no IME conversion to go wrong; its slips are the
keyboard's (ADR 0088, second addendum): one kana wrong, missing, extra, or two swapped (ヘルプデクス → ヘルプデスク,
パワポイント → パワーポイント), mended only into a katakana job word of four kana or more (kana_fixes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from bonavi.core import sudachi
from bonavi.core.text import nfkc
from bonavi.jobs.catalog import FAMILIES, SUBROLES

from . import romaji
from .analyzer import get_analyzer
from .analyzer import sudachi as search_sudachi
from .synonyms import get_readings, reading_for_romaji, synonym_file_words

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_WORD_SPLIT = re.compile(r"[,，、・（）()\s]+")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー]+")
MIN_KANA_WORD = 4
MAX_WORD = 12  # longer job words are names of qualifications at most; a longer typed word is a sentence
# Two wrong kanji are mended only in job words this long: a two-character word with both kanji of the same sound is
# nearly always another real word the IME chose (広報 → 公報, 工法, 後方), and a made-up one is rare (ADR 0088).
TWO_SLIPS_MIN_LEN = 3
EXACT, VOICING, TWO_SLIPS = 0, 1, 2  # the tiers of a fix, best first
_VOICING_MARKS = "\u3099\u309a"  # combining ゛ and ゜ after NFD


def _is_kanji(ch: str) -> bool:
    return bool(_KANJI.fullmatch(ch))


@lru_cache(maxsize=4096)
def kanji_readings(ch: str) -> frozenset[str]:
    """Every reading (katakana) the dictionary gives the single character `ch`: 里 → サト, ザト, リ."""
    return frozenset(m.reading_form() for m in sudachi.dictionary().lookup(ch) if m.reading_form())


@lru_cache(maxsize=1024)
def _reading(word: str) -> str:
    return "".join(m.reading_form() for m in sudachi.tokenizer("C").tokenize(word))


def _readings_at(word: str, reading: str, k: int) -> set[str]:
    """The readings character `k` of `word` can take inside the whole word's `reading`: the ways to cut `reading`
    into one piece per character where every other character's piece is one of its own readings. This finds
    総務's 務 = ム although the dictionary reads 務 alone only as a name (ツトム)."""
    out: set[str] = set()
    memo: set[tuple[int, int, str]] = set()

    def walk(i: int, pos: int, piece: str) -> None:
        if (i, pos, piece) in memo:
            return
        memo.add((i, pos, piece))
        if i == len(word):
            if pos == len(reading) and piece:
                out.add(piece)
            return
        if i == k:
            for end in range(pos + 1, len(reading) + 1):
                walk(i + 1, end, reading[pos:end])
            return
        options = kanji_readings(word[i]) if _is_kanji(word[i]) else {word[i]}
        for r in options:
            if reading.startswith(r, pos):
                walk(i + 1, pos + len(r), piece)

    walk(0, 0, "")
    return out


@lru_cache(maxsize=1)
def job_words() -> tuple[str, ...]:
    """The words the help may offer: every entry of the synonym and reading dictionaries and the sub-role and
    family names, split at ・ and brackets, that holds a kanji."""
    words = {part for word in synonym_file_words() for part in _WORD_SPLIT.split(word)}
    words.update(get_readings().values())  # the reader's cached dictionary, not a second parse of the file
    for name in [s.name for s in SUBROLES] + list(FAMILIES.values()):
        words.update(_WORD_SPLIT.split(name))
    return tuple(sorted(w for w in words if 2 <= len(w) <= MAX_WORD and any(_is_kanji(c) for c in w)))


@lru_cache(maxsize=1)
def kana_words() -> frozenset[str]:
    """The katakana job words a keyboard slip may be mended into: every entry of the synonym dictionary that is all
    katakana and four kana or more (エクセル, ヘルプデスク). A shorter one (ワード, パワポ) is one kana from too many
    real words to guess."""
    words = {part for word in synonym_file_words() for part in _WORD_SPLIT.split(word)}
    return frozenset(w for w in words if len(w) >= MIN_KANA_WORD and _KATAKANA_RUN.fullmatch(w))


def one_keystroke_apart(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one keyboard slip: one character replaced, left out, added, or two neighbours
    swapped (the Damerau edit distance is exactly 1)."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    head = 0
    while head < min(len(typed), len(word)) and typed[head] == word[head]:
        head += 1
    a, b = typed[head:], word[head:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (len(a) >= 2 and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:])
    return a[1:] == b if len(a) > len(b) else a == b[1:]


def kana_fixes(typed: str) -> list[str]:
    """`typed` with a katakana run of it mended into the katakana job word one keyboard slip away (ヘルプデクス業務
    → ヘルプデスク業務); [] when no run is such a slip. A run that is a word of the dictionary is what was meant
    (アクセル is not a slip of エクセル), and a run is judged whole, never a piece of it."""
    typed = nfkc(typed)
    fixes: list[str] = []
    for run in _KATAKANA_RUN.finditer(typed):
        part = run.group()
        if len(part) < MIN_KANA_WORD or part in kana_words() or word_readings(part):
            continue
        for word in sorted(kana_words(), key=lambda w: (len(w) != len(part), w)):
            if one_keystroke_apart(part, word):
                fixes.append(typed[: run.start()] + word + typed[run.end() :])
    return fixes


# Romaji (ADR 0122) --------------------------------------------------------------------------------------------
MIN_ROMAJI_SLIP = 5  # letters: a shorter word is one keystroke from too much (boku, jima, hiso)


def _latin_word(typed: str) -> bool:
    """Whether the dictionary holds `typed` as written in Latin letters (house, data, sales, kintone: English or a
    product): typed so, it is that word, not romaji. A reading of the readings dictionary is checked first: haken
    is in the dictionary too (ハーケン), but on this site it is 派遣."""
    return bool(word_readings(nfkc(typed).lower()))


def romaji_as_kana(typed: str) -> str | None:
    """The hiragana a word typed in romaji spells, when it reads as Japanese: a reading of the readings dictionary
    (keiri → けいり, somu → そうむ; any case), or kana that the analyser cuts into dictionary words of two kana or
    more, each normalised to a word with a kanji (tantou → たんとう 担当, eigo → えいご 英語). None for a
    word in capitals (AI, SE: an abbreviation), one the dictionary holds in Latin letters (house, data), and kana the
    analyser only cuts into particles and pieces (kanri → かん り, house → ほう せ): searched, they find nonsense."""
    if (kana := romaji.to_kana(typed)) is None:
        return None
    if (found := reading_for_romaji(typed)) is not None:
        return found[0]
    if typed.isupper() or _latin_word(typed):
        return None
    parts = get_analyzer().morphemes(kana)
    ok = parts and all(len(m.surface) >= 2 and _KANJI.search(m.normalized) for m, _terms in parts)
    return kana if ok else None


@lru_cache(maxsize=1)
def romaji_spellings() -> tuple[tuple[str, str], ...]:
    """(spelling, job word) for each reading of the readings dictionary, in Hepburn as written (soumu) and with
    its long vowels left out (somu)."""
    out: dict[str, str] = {}
    for reading, word in get_readings().items():
        for kana in (reading, romaji.fold_long_vowels(reading)):
            out.setdefault(romaji.to_romaji(kana), word)
    return tuple(out.items())


def romaji_fixes(typed: str) -> list[str]:
    """The job word whose reading `typed`, in romaji, misses by one keystroke (sousmu → 総務, keirri → 経理), as a
    list of one; [] for romaji that reads as it is (keiri), a word the dictionary holds in Latin letters (sales,
    house), words of fewer than MIN_ROMAJI_SLIP letters, and a slip of two job words: koumu is one key from
    soumu, roumu and houmu, and a guess between them is no help (it is also 公務)."""
    word = nfkc(typed).lower()
    if len(word) < MIN_ROMAJI_SLIP or not (word.isascii() and word.isalpha()):
        return []
    if reading_for_romaji(word) is not None or _latin_word(word):
        return []
    found = {job for spelling, job in romaji_spellings() if one_keystroke_apart(word, spelling)}
    return list(found) if len(found) == 1 else []


@lru_cache(maxsize=1024)
def _sounds_of(word: str, k: int) -> frozenset[str]:
    """What character `k` of the job word `word` may sound like: its place in the word's reading, and the
    character's own readings (for a word whose reading the dictionary cuts differently)."""
    return frozenset(_readings_at(word, _reading(word), k) | kanji_readings(word[k]))


def fold_voicing(reading: str) -> str:
    """`reading` without ゛ and ゜ (ボキ → ホキ, パ → ハ): a slip of the IME's reading by one mark folds to the same."""
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", reading) if c not in _VOICING_MARKS)
    )


@lru_cache(maxsize=4096)
def _folded_readings(ch: str) -> frozenset[str]:
    return frozenset(fold_voicing(r) for r in kanji_readings(ch))


@lru_cache(maxsize=1024)
def _folded_sounds_of(word: str, k: int) -> frozenset[str]:
    return frozenset(fold_voicing(r) for r in _sounds_of(word, k))


@lru_cache(maxsize=4096)
def word_readings(text: str) -> frozenset[str]:
    """The readings of `text` as one word of the dictionary (債務 → サイム); empty when it is no word."""
    return frozenset(m.reading_form() for m in sudachi.dictionary().lookup(text) if m.surface() == text)


def is_other_word(part: str, word: str) -> bool:
    """Whether `part` is a real word that does not sound like the job word `word`: 医師 (イシ) is not a slip of 医事
    (イジ), nor 債務 (サイム) of 財務 (ザイム); typed so, it is what was meant. A real word of the same sound is
    the IME's other homophone and may be the slip (公報 for 広報, 受附 for 受付)."""
    readings = word_readings(part)
    return bool(readings) and _reading(word) not in readings


def sounds_like(ch: str, word: str, k: int, *, voicing: bool = False) -> bool:
    """Whether the kanji `ch`, typed in place of kanji `k` of the job word `word`, has a sound that kanji takes
    there (里 for 経理's 理: リ); with `voicing`, a sound a ゛ or ゜ apart counts too (保 for 簿記's 簿: ホ, ボ). The
    sound test of every slip (slip_tier), and the filter of `bonavi typo_offers`."""
    if not (_is_kanji(ch) and _is_kanji(word[k])):
        return False
    if voicing:
        return bool(_folded_readings(ch) & _folded_sounds_of(word, k))
    return bool(kanji_readings(ch) & _sounds_of(word, k))


def slip_tier(
    part: str, word: str, *, real_words: bool = True, two_slips_min_len: int = TWO_SLIPS_MIN_LEN
) -> int | None:
    """How `part` (as typed, as long as the job word `word`) is a slip of `word`: EXACT, VOICING or TWO_SLIPS;
    None when it is `word` itself or no slip this help mends. `real_words=False` and `two_slips_min_len` are for
    the measurement (`bonavi typo_offers`): what the rules would mend without the real-word guard, or with two
    slips in shorter words."""
    diff = [i for i in range(len(word)) if part[i] != word[i]]
    tier = None
    if len(diff) == 1:
        k = diff[0]
        if sounds_like(part[k], word, k):
            tier = EXACT
        elif sounds_like(part[k], word, k, voicing=True):
            tier = VOICING
    elif (
        len(diff) == 2 and len(word) >= two_slips_min_len and all(sounds_like(part[k], word, k) for k in diff)
    ):
        tier = TWO_SLIPS
    if tier is None or (real_words and is_other_word(part, word)):
        return None
    return tier


def _right_spans(typed: str) -> list[tuple[int, int]]:
    """Where `typed` holds a word as written, (start, end): each job word in it, and each word of two characters or
    more that the dictionary cuts it into at its finest (確保記録 → 確保, 記録). A slip never cuts through one."""
    spans = []
    for word in job_words():
        at = typed.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = typed.find(word, at + 1)
    for m in search_sudachi.tokenizer().tokenize(typed):
        if m.end() - m.begin() >= 2 and not m.is_oov():
            spans.append((m.begin(), m.end()))
    return spans


def slips_in(typed: str, **rule: Any) -> Iterator[tuple[int, str, str]]:
    """(tier, job word, `typed` mended) for every slip of a job word in `typed` (slip_tier; `rule` is passed on,
    and `real_words=False` also drops the guard of the words typed right)."""
    right = _right_spans(typed) if rule.get("real_words", True) else []
    for word in job_words():
        n = len(word)
        for start in range(len(typed) - n + 1):
            # A part that cuts through a word typed right is no slip: 貿易事務's 易事 (イジ) is not 医事, nor
            # 確保記録's 保記 簿記.
            if any(a < start + n and start < b and not (start <= a and b <= start + n) for a, b in right):
                continue
            tier = slip_tier(typed[start : start + n], word, **rule)
            if tier is not None:
                yield tier, word, typed[:start] + word + typed[start + n :]


def homophone_fixes(typed: str) -> list[str]:
    """`typed` with its slip mended into a job word (slip_tier), longest job word first (経里事務 → 経理事務 before
    経理; 社会保健老務士 → 社会保険労務士, both slips, before 社会保険老務士), then best tier first (an exact sound
    before one a ゛/゜ apart); [] when `typed` is already right or nothing fits."""
    if len(typed) > 2 * MAX_WORD or not any(_is_kanji(c) for c in typed):
        return []
    found: dict[str, tuple[int, int]] = {}
    for tier, word, fixed in slips_in(typed):
        found[fixed] = min(found.get(fixed, (-len(word), tier)), (-len(word), tier))
    return sorted(found, key=lambda f: found[f])
