"""The project's back-office synonym dictionary (data/synonyms.txt), applied at query time.

Entries are analysed with the same analyser as postings, so an entry written as エクセル also matches ｴｸｾﾙ, and
a multi-word entry (情報システム) becomes a phrase of its terms.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bonavi.core.text import to_hiragana

from .analyzer import Analyzer

SYNONYM_FILE = Path(__file__).parent / "data" / "synonyms.txt"
READING_FILE = Path(__file__).parent / "data" / "readings.txt"

Phrase = tuple[str, ...]


class Synonyms:
    def __init__(self, groups: list[list[str]], analyzer: Analyzer) -> None:
        self._by_phrase: dict[Phrase, list[tuple[Phrase, str]]] = {}
        for group in groups:
            analysed = [(tuple(analyzer.terms(word)), word) for word in group]
            analysed = [(p, w) for p, w in analysed if p]
            for phrase, _word in analysed:
                others = [(p, w) for p, w in analysed if p != phrase]
                known = self._by_phrase.setdefault(phrase, [])
                known.extend(o for o in others if o not in known)

    @classmethod
    def from_text(cls, text: str, analyzer: Analyzer) -> Synonyms:
        groups = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            words = [w.strip() for w in line.replace("，", ",").replace("、", ",").split(",") if w.strip()]
            if len(words) >= 2:
                groups.append(words)
        return cls(groups, analyzer)

    def expand(self, phrase: Phrase) -> list[tuple[Phrase, str]]:
        """Other phrases meaning the same as `phrase`, with the word as written in the file (for suggestions)."""
        return list(self._by_phrase.get(phrase, []))


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
