"""Pattern scanning over a posting's free texts.

All texts are normalised once and joined (blank lines between them, so no line spans two fields); each rule's
pattern then runs over one string, and a match is mapped back to its field and to offsets in that field's
original text. That keeps checking 10,000 postings a matter of seconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .normalize import NormText, normalize

_SEP = "\n\n"
_SENTENCE_END = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class Hit:
    field: str  # the texts key
    start: int  # offsets in the field's original text
    end: int
    evidence: str  # the original words
    match: re.Match[str]  # over Scan.text (normalised, joined)
    scan: Scan

    def after(self, n: int = 20) -> str:
        """Up to n normalised characters after the match, within its line."""
        return self.scan.line_rest(self.match.end(), n)

    def before(self, n: int = 20) -> str:
        return self.scan.line_before(self.match.start(), n)

    def sentence(self) -> str:
        return self.scan.sentence(self.match.start(), self.match.end())

    def line(self) -> str:
        return self.scan.line(self.match.start())

    def lines_around(self, before: int = 0, after: int = 1) -> str:
        return self.scan.lines_around(self.match.start(), before, after)


class Scan:
    def __init__(self, texts: dict[str, str]) -> None:
        parts: list[str] = []
        self._starts: list[int] = []
        self._fields: list[str] = []
        self._norms: list[NormText] = []
        pos = 0
        for key, value in texts.items():
            if not value:
                continue
            norm = normalize(value)
            self._starts.append(pos)
            self._fields.append(key)
            self._norms.append(norm)
            parts.append(norm.text)
            pos += len(norm.text) + len(_SEP)
        self.text = _SEP.join(parts)

    def __bool__(self) -> bool:
        return bool(self.text)

    def hits(self, pattern: re.Pattern[str], *, fields: tuple[str, ...] | None = None) -> Iterator[Hit]:
        for m in pattern.finditer(self.text):
            hit = self.hit(m)
            if fields is None or hit.field in fields:
                yield hit

    def hit(self, m: re.Match[str], start: int | None = None, end: int | None = None) -> Hit:
        a = m.start() if start is None else start
        b = m.end() if end is None else end
        i = bisect_right(self._starts, a) - 1
        base = self._starts[i]
        norm = self._norms[i]
        oa, ob = norm.span(a - base, min(b - base, len(norm.text)))
        return Hit(self._fields[i], oa, ob, norm.original[oa:ob], m, self)

    def span_hit(self, start: int, end: int) -> Hit:
        """A hit for a span of `text` found by other means (e.g. a wage mention)."""
        m = re.compile(rf"(?s).{{{end - start}}}").match(self.text, start)
        assert m is not None
        return self.hit(m)

    def field_text(self, field: str) -> str:
        """The normalised text of one field ("" if absent)."""
        for key, start, norm in zip(self._fields, self._starts, self._norms, strict=True):
            if key == field:
                return self.text[start : start + len(norm.text)]
        return ""

    def line(self, pos: int) -> str:
        a = self.text.rfind("\n", 0, pos) + 1
        b = self.text.find("\n", pos)
        return self.text[a : len(self.text) if b < 0 else b]

    def line_rest(self, pos: int, n: int) -> str:
        b = self.text.find("\n", pos)
        end = len(self.text) if b < 0 else b
        return self.text[pos : min(end, pos + n)]

    def line_before(self, pos: int, n: int) -> str:
        a = self.text.rfind("\n", 0, pos) + 1
        return self.text[max(a, pos - n) : pos]

    def sentence(self, start: int, end: int) -> str:
        a = start
        while a > 0 and not _SENTENCE_END.match(self.text[a - 1]):
            a -= 1
        m = _SENTENCE_END.search(self.text, end)
        return self.text[a : m.start() if m else len(self.text)]

    def lines_around(self, pos: int, before: int, after: int) -> str:
        a = self.text.rfind("\n", 0, pos) + 1
        for _ in range(before):
            if a <= 1:
                break
            a = self.text.rfind("\n", 0, a - 1) + 1
        b = pos
        for _ in range(after + 1):
            nxt = self.text.find("\n", b)
            if nxt < 0:
                b = len(self.text)
                break
            b = nxt + 1
        return self.text[a:b]
