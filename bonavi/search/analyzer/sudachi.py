"""The SudachiPy tokenizer (sudachidict-core), split mode A."""

from __future__ import annotations

from sudachipy import Dictionary, SplitMode

from . import Morpheme

# Sudachi refuses inputs above ~49,149 bytes; segments are short, but a pathological posting could have one long
# run without punctuation, so long inputs are cut into windows (a word cut at a window edge is the price).
_MAX_CHARS = 4000


class SudachiTokenizer:
    def __init__(self) -> None:
        self._tok = Dictionary(dict="core").tokenizer(mode=SplitMode.A, fields={"normalized_form"})

    def tokenize(self, text: str) -> list[Morpheme]:
        out: list[Morpheme] = []
        for start in range(0, len(text), _MAX_CHARS):
            window = text[start : start + _MAX_CHARS]
            for m in self._tok.tokenize(window):
                surface = m.surface()
                if surface.isspace():
                    continue
                out.append(Morpheme(surface, start + m.begin(), start + m.end(), m.normalized_form()))
        return out
