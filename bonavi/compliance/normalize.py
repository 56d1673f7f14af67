"""Compliance's normalised text: NFKC with offsets (bonavi.core.normtext), plus the range separators and
full-width space that NFKC leaves alone, folded so that the rule patterns stay short, and ages written in kanji
numerals (「二十代」「三十五歳」) turned into digits, so the age rules read them like 「20代」「35歳」."""

from __future__ import annotations

import re

from bonavi.core.normtext import NormText
from bonavi.core.normtext import normalize as _normalize

__all__ = ["NormText", "normalize"]

_EXTRA = {"〜": "~", "∼": "~", "−": "-", "‐": "-", "–": "-", "—": "-", "―": "-", "\u3000": " "}
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 十 to 九十九 before 歳/才/代 (and the 「〜」 of a range: 「二十〜三十代」). Smaller numbers are not ages anyone limits.
_KANJI_AGE = re.compile(
    r"(?<![一二三四五六七八九十百千万])([二三四五六七八九]?十[一二三四五六七八九]?)(?=\s*(?:歳|才|代|~|から))"
)


def _kanji_value(run: str) -> int:
    tens, _, ones = run.partition("十")
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)


def _kanji_ages(norm: NormText) -> NormText:
    if not _KANJI_AGE.search(norm.text):
        return norm
    offsets = list(norm.offsets) if norm.offsets is not None else list(range(len(norm.text) + 1))
    out: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for m in _KANJI_AGE.finditer(norm.text):
        out.append(norm.text[pos : m.start()])
        new_offsets += offsets[pos : m.start()]
        digits = str(_kanji_value(m.group(1)))
        # both digits point into the kanji run, so a finding still quotes what the person wrote
        new_offsets += [offsets[m.start()], offsets[m.end() - 1]][: len(digits)]
        out.append(digits)
        pos = m.end()
    out.append(norm.text[pos:])
    new_offsets += offsets[pos:]
    return NormText(original=norm.original, text="".join(out), offsets=tuple(new_offsets))


def normalize(original: str) -> NormText:
    return _kanji_ages(_normalize(original, _EXTRA))
