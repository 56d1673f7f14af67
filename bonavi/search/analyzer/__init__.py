"""Japanese text → index terms.

The tokenizer is an I/O-like boundary (a dictionary-backed morphological analyser), so it sits behind a small
interface (`Tokenizer`) with the SudachiPy implementation in `sudachi.py`. `Analyzer` turns tokenizer output into
index terms: the same function runs over postings at index time and over the user's words at query time, so
whatever normalisation it applies (NFKC, Sudachi's normalised form, lower case, katakana → hiragana) is applied
to both sides alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from bonavi.core.once import once
from bonavi.core.text import nfkc, to_hiragana


@dataclass(frozen=True, slots=True)
class Morpheme:
    surface: str  # as written in the (NFKC-normalised) input
    begin: int  # offsets into that input
    end: int
    normalized: str  # the dictionary's normalised form (表記ゆれ folded: シュミレーション → シミュレーション)


class Tokenizer(Protocol):
    """Splits text into the smallest dictionary units (Sudachi mode A) so compounds are found by their parts."""

    def tokenize(self, text: str) -> list[Morpheme]: ...


# Characters that carry no meaning for search. Index terms keep letters and digits only, which
# is also exactly what SQLite FTS5's unicode61 tokenizer treats as token characters, so a term never gets split
# differently by the storage engine than by us.
_SEGMENT_SPLIT = re.compile(r"[\s、。，．,.!?！？「」『』（）()\[\]【】〈〉《》:：;；/／|｜・\"'…]+")


def _is_term_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LN"


def _clean(term: str) -> list[str]:
    """Split a term at non-term characters (e.g. "c++" → ["c"]) and drop the empty pieces."""
    if all(_is_term_char(c) for c in term):
        return [term] if term else []
    out, cur = [], []
    for c in term:
        if _is_term_char(c):
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def term_form(normalized: str) -> str:
    """The index form of one morpheme: lower case, katakana folded to hiragana (エクセル and えくせる meet)."""
    return to_hiragana(nfkc(normalized).lower())


class Analyzer:
    """Text → index terms, with a cache of analysed segments.

    Postings share a lot of wording (boiler-plate conditions, the same duties, titles), so segments between
    punctuation repeat; caching them makes a full rebuild several times faster without changing the result.
    """

    def __init__(self, tokenizer: Tokenizer, *, cache_size: int = 200_000) -> None:
        self.tokenizer = tokenizer
        self._segment_terms = lru_cache(maxsize=cache_size)(self._analyse_segment)
        # Whole fields repeat too (職種名, 最寄り駅, 会社名, 資格): one lookup instead of splitting again.
        self._field_terms = lru_cache(maxsize=cache_size // 2)(self._analyse_field)

    def _analyse_segment(self, segment: str) -> tuple[str, ...]:
        out: list[str] = []
        for m in self.tokenizer.tokenize(segment):
            out.extend(_clean(term_form(m.normalized)))
        return tuple(out)

    def _analyse_field(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for segment in _SEGMENT_SPLIT.split(nfkc(text)):
            if segment:
                out.extend(self._segment_terms(segment))
        return tuple(out)

    def terms(self, text: str) -> list[str]:
        """Index terms of `text` in order (positions matter for phrases)."""
        if not text:
            return []
        return list(self._field_terms(text))

    def morphemes(self, text: str) -> list[tuple[Morpheme, list[str]]]:
        """Morphemes of the NFKC form of `text` with their terms (for highlighting)."""
        return [(m, _clean(term_form(m.normalized))) for m in self.tokenizer.tokenize(nfkc(text))]


@once
def get_analyzer() -> Analyzer:
    """The process-wide analyser (loading the Sudachi dictionary takes a moment, so it is done once; single-flight,
    so two first searches in parallel threads do not both load it)."""
    from .sudachi import SudachiTokenizer

    return Analyzer(SudachiTokenizer())
