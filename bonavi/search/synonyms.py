"""The project's back-office synonym dictionary (data/synonyms.txt), applied at query time.

Entries are analysed with the same analyser as postings, so an entry written as エクセル also matches ｴｸｾﾙ, and
a multi-word entry (情報システム) becomes a phrase of its terms.

Two kinds of line: 「A, B, C」 (each finds the others) and 「A => B, C」 (A also finds B and C, not the other way
round). The second is for a word that is ambiguous on its own: 会計 is bookkeeping, but also the cashier of a
clinic (「受付と会計」), so 経理 finds 会計 only in the compounds that are bookkeeping (会計ソフト, 財務会計), while
会計 typed alone still finds 経理 (ADR 0099).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from bonavi.core.text import to_hiragana

from .analyzer import Analyzer
from .romaji import fold_long_vowels, to_kana

SYNONYM_FILE = Path(__file__).parent / "data" / "synonyms.txt"
READING_FILE = Path(__file__).parent / "data" / "readings.txt"

Phrase = tuple[str, ...]


class Synonyms:
    def __init__(
        self,
        groups: list[list[str]],
        analyzer: Analyzer,
        one_way: Sequence[tuple[list[str], list[str]]] = (),
    ) -> None:
        self._by_phrase: dict[Phrase, list[tuple[Phrase, str]]] = {}
        self._same: set[tuple[Phrase, Phrase]] = set()  # pairs of one two-way group (not only A => B)
        for group in groups:
            self._add(group, group, analyzer)
            phrases = [p for p in (tuple(analyzer.terms(word)) for word in group) if p]
            self._same.update((a, b) for a in phrases for b in phrases)
        for sources, targets in one_way:
            self._add(sources, targets, analyzer)

    def _add(self, sources: list[str], targets: list[str], analyzer: Analyzer) -> None:
        """Each of `sources` also finds each of `targets` (a two-way group is its own sources and targets)."""
        found = [(p, w) for p, w in ((tuple(analyzer.terms(word)), word) for word in targets) if p]
        for word in sources:
            phrase = tuple(analyzer.terms(word))
            if not phrase:
                continue
            known = self._by_phrase.setdefault(phrase, [])
            known.extend(o for o in found if o[0] != phrase and o not in known)

    @classmethod
    def from_text(cls, text: str, analyzer: Analyzer) -> Synonyms:
        groups, one_way = parse_synonyms(text)
        return cls(groups, analyzer, one_way)

    def expand(self, phrase: Phrase) -> list[tuple[Phrase, str]]:
        """The other phrases `phrase` also finds, with the word as written in the file (for suggestions)."""
        return list(self._by_phrase.get(phrase, []))

    def same_meaning(self, phrase: Phrase, other: Phrase) -> bool:
        """Whether `other` is in a two-way group with `phrase` (each finds the other), not only a one-way target
        of it (経理 => 会計ソフト: related, not the same meaning)."""
        return (phrase, other) in self._same


def parse_synonyms(text: str) -> tuple[list[list[str]], list[tuple[list[str], list[str]]]]:
    """The lines of a synonym file: (two-way groups, one-way (sources, targets)). The one reader of the format:
    「A, B」 or 「A => B, C」 (spaces around => optional, full-width ＝＞ and 、，also read), # starts a comment."""
    groups: list[list[str]] = []
    one_way: list[tuple[list[str], list[str]]] = []

    def words(part: str) -> list[str]:
        return [w.strip() for w in part.replace("，", ",").replace("、", ",").split(",") if w.strip()]

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip().replace("＝＞", "=>")
        if not line:
            continue
        if "=>" in line:
            left, _, right = line.partition("=>")
            if words(left) and words(right):
                one_way.append((words(left), words(right)))
            continue
        group = words(line)
        if len(group) >= 2:
            groups.append(group)
    return groups, one_way


def synonym_words(text: str) -> frozenset[str]:
    """Every word of a synonym file's entries, both sides of a one-way line, as parse_synonyms reads them."""
    groups, one_way = parse_synonyms(text)
    return frozenset(w for group in [*groups, *(s + t for s, t in one_way)] for w in group)


@lru_cache(maxsize=1)
def synonym_file_words() -> frozenset[str]:
    """The words of data/synonyms.txt (synonym_words), read once per process."""
    return synonym_words(SYNONYM_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def get_synonyms() -> Synonyms:
    from .analyzer import get_analyzer

    return Synonyms.from_text(SYNONYM_FILE.read_text(encoding="utf-8"), get_analyzer())


def parse_readings(text: str) -> dict[str, str]:
    """「けいり: 経理」 lines → {reading: word}."""
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        reading, sep, word = line.replace("：", ":").partition(":")
        if sep and reading.strip() and word.strip():
            out[reading.strip()] = word.strip()
    return out


@lru_cache(maxsize=1)
def get_readings() -> dict[str, str]:
    return parse_readings(READING_FILE.read_text(encoding="utf-8"))


def word_for_reading(text: str) -> str | None:
    """The job word a kana-only query word stands for (けいり, ケイリ → 経理), or None."""
    key = to_hiragana(text.strip())
    return get_readings().get(key) if key else None


@lru_cache(maxsize=1)
def _readings_by_short_form() -> dict[str, list[str]]:
    """Each reading under its long vowels written short (そうむ under そむ), for romaji that leaves them out."""
    out: dict[str, list[str]] = {}
    for reading in get_readings():
        out.setdefault(fold_long_vowels(reading), []).append(reading)
    return out


@lru_cache(maxsize=4096)
def reading_for_romaji(text: str) -> tuple[str, str] | None:
    """(reading, job word) when the romaji `text` spells a reading of the dictionary (keiri → けいり, 経理), or
    None. Its long vowels may be written any way or left out (soumu, sōmu, sohmu, somu → そうむ, 総務): romaji
    of job words is mostly written by people who never learnt a spelling. When leaving them out makes two
    readings alike, neither is chosen."""
    kana = to_kana(text.strip())
    if kana is None:
        return None
    readings = get_readings()
    if kana in readings:
        return kana, readings[kana]
    alike = _readings_by_short_form().get(fold_long_vowels(kana), [])
    return (alike[0], readings[alike[0]]) if len(alike) == 1 else None
