"""「もしかして」: a job word typed with the wrong kanji of the same sound (経里 → 経理, 社会保健労務士 → 社会保険労務士).

Japanese is typed through an IME that turns a reading into kanji; its commonest slip is a homophone (同音異字): the
right sound, the wrong character. Edit distance alone would offer 経営, 経費 and 経歴 for 経里 as readily as 経理, so
a candidate must also sound the same: the typed kanji must have a reading (Sudachi's dictionary, every entry of
the single character) that the job word's kanji takes at that place in the word.

The job words are the project's own dictionaries (synonyms, readings, the sub-role names): the words people search
this site for, a few hundred, read once per process. Only one kanji may differ, and both characters must be kanji;
two slips in one word, or a kana slip, are left to the other hints (a compound's part, dropping a word).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bonavi.core import sudachi
from bonavi.jobs.catalog import FAMILIES, SUBROLES

from .synonyms import SYNONYM_FILE, get_readings

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_WORD_SPLIT = re.compile(r"[,，、・（）()\s]+")
MAX_WORD = 12  # longer job words are names of qualifications at most; a longer typed word is a sentence


def _is_kanji(ch: str) -> bool:
    return bool(_KANJI.fullmatch(ch))


@lru_cache(maxsize=4096)
def kanji_readings(ch: str) -> frozenset[str]:
    """Every reading (katakana) the dictionary gives the single character `ch`: 里 → サト, ザト, リ."""
    return frozenset(m.reading_form() for m in sudachi.dictionary().lookup(ch) if m.reading_form())


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
    words: set[str] = set()
    for raw in SYNONYM_FILE.read_text(encoding="utf-8").splitlines():
        words.update(_WORD_SPLIT.split(raw.split("#", 1)[0]))
    words.update(get_readings().values())  # the reader's cached dictionary, not a second parse of the file
    for name in [s.name for s in SUBROLES] + list(FAMILIES.values()):
        words.update(_WORD_SPLIT.split(name))
    return tuple(sorted(w for w in words if 2 <= len(w) <= MAX_WORD and any(_is_kanji(c) for c in w)))


@lru_cache(maxsize=1024)
def _sounds_of(word: str, k: int) -> frozenset[str]:
    """What character `k` of the job word `word` may sound like: its place in the word's reading, and the
    character's own readings (for a word whose reading the dictionary cuts differently)."""
    return frozenset(_readings_at(word, _reading(word), k) | kanji_readings(word[k]))


def homophone_fixes(typed: str) -> list[str]:
    """`typed` with one kanji replaced by a same-sounding one that makes a job word, longest job word first
    (経里事務 → 経理事務); [] when `typed` is already right or nothing fits."""
    if len(typed) > 2 * MAX_WORD or not any(_is_kanji(c) for c in typed):
        return []
    found: list[tuple[int, str]] = []
    for word in job_words():
        n = len(word)
        for start in range(len(typed) - n + 1):
            part = typed[start : start + n]
            diff = [i for i in range(n) if part[i] != word[i]]
            if len(diff) != 1:
                continue
            k = diff[0]
            if not (_is_kanji(part[k]) and _is_kanji(word[k])):
                continue
            if kanji_readings(part[k]) & _sounds_of(word, k):
                fixed = typed[:start] + word + typed[start + n :]
                if fixed not in (f for _n, f in found):
                    found.append((n, fixed))
    return [f for _n, f in sorted(found, key=lambda t: -t[0])]
