"""The SudachiPy tokenizer (sudachidict-core), split mode A."""

from __future__ import annotations

from typing import Any

from bonavi.core import sudachi

from . import Morpheme

# Sudachi refuses inputs above ~49,149 bytes; segments are short, but a pathological posting could have one long
# run without punctuation, so long inputs are cut into windows (a word cut at a window edge is the price).
_MAX_CHARS = 4000


_FIELDS = frozenset({"normalized_form"})


def tokenizer() -> Any:
    """This thread's mode-A tokenizer with the normalised form only: the analyser's, which the もしかして's guard
    (typos.py) cuts with too. A morpheme's place and is_oov() need no field."""
    return sudachi.tokenizer("A", _FIELDS)


class SudachiTokenizer:
    def __init__(self) -> None:
        sudachi.dictionary()  # loaded now, as before, rather than by the first search

    def tokenize(self, text: str) -> list[Morpheme]:
        # The analyser is process-wide and requests run in threads: each thread tokenizes with its own
        # tokenizer, since one SudachiPy tokenizer refuses concurrent use (core/sudachi.py).
        tok = tokenizer()
        out: list[Morpheme] = []
        for start in range(0, len(text), _MAX_CHARS):
            window = text[start : start + _MAX_CHARS]
            for m in tok.tokenize(window):
                surface = m.surface()
                if surface.isspace():
                    continue
                out.append(Morpheme(surface, start + m.begin(), start + m.end(), m.normalized_form()))
        return out
