"""NFKC-normalised text that remembers where each character came from.

Matching and analysis work on the normalised form (全角 digits become 半角, 半角カナ becomes 全角), but what a
person sees must be the words they typed: every normalised character keeps the offset of its source, so a span
of the normalised text maps back to the original (compliance findings, search highlights).
Most characters normalise to exactly one character; those texts take a fast path through `str.translate`.
Callers may fold extra characters on top of NFKC (e.g. 〜 → ~) by passing `extra`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

_DAKUTEN = "\uff9e\uff9f"  # 半角 ﾞ ﾟ: normalised together with the preceding kana so ｶﾞ becomes ガ


@cache
def _tables(extra_items: tuple[tuple[str, str], ...]) -> tuple[dict[int, str], re.Pattern[str]]:
    """A translate table for every BMP character that normalises to one character, and a pattern for the rest."""
    extra = dict(extra_items)
    one: dict[int, str] = {}
    special: list[str] = [re.escape(_DAKUTEN), "\r"]
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        norm = extra.get(ch) or unicodedata.normalize("NFKC", ch)
        if norm == ch:
            continue
        if len(norm) == 1:
            one[cp] = norm
        else:
            special.append(re.escape(ch))
    return one, re.compile("[" + "".join(special) + "\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class NormText:
    original: str
    text: str  # the normalised form
    offsets: (
        tuple[int, ...] | None
    )  # offsets[i] = index in `original` of normalised char i (+ end); None = identity

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of normalised characters [start, end)."""
        if self.offsets is None:
            return start, end
        offs = self.offsets
        a = offs[min(start, len(offs) - 1)]
        if end <= start:
            return a, a
        last = offs[end - 1]
        j = end
        while j < len(offs) - 1 and offs[j] == last:
            j += 1
        return a, max(offs[j], last + 1) if j < len(offs) else last + 1

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def normalize(original: str, extra: Mapping[str, str] | None = None) -> NormText:
    one, special = _tables(tuple(sorted((extra or {}).items())))
    if special.search(original) is None:
        return NormText(original=original, text=original.translate(one), offsets=None)
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(original)
    while i < n:
        ch = original[i]
        width = 2 if i + 1 < n and original[i + 1] in _DAKUTEN else 1
        if ch == "\r":
            norm = "" if i + 1 < n and original[i + 1] == "\n" else "\n"
        elif width == 1:
            cp = ord(ch)
            if cp in one:
                norm = one[cp]
            elif cp < 0x80:
                norm = ch
            else:
                norm = unicodedata.normalize("NFKC", ch)
        else:
            norm = unicodedata.normalize("NFKC", original[i : i + 2])
        for c in norm:
            out.append(c)
            offsets.append(i)
        i += width
    offsets.append(n)
    return NormText(original=original, text="".join(out), offsets=tuple(offsets))
