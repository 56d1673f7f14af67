"""The Sudachi dictionary, loaded once per process, and a tokenizer per thread.

A SudachiPy `Tokenizer` refuses to be used by two threads at a time (SudachiError 「Tokenizer is already in
use」), and the web process has several: the matching warm-up thread (ADR 0075) and the request threads. So the
dictionary is shared (loaded once, single-flight) and each thread makes its own tokenizers from it, which costs
microseconds. The settings are part of the key: search loads only the normalised form (mode A), matching and the
interview feedback use mode C.
"""

from __future__ import annotations

import threading
from typing import Any

from .once import once

_local = threading.local()


@once
def dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def tokenizer(mode: str = "C", fields: frozenset[str] | None = None) -> Any:
    """This thread's tokenizer in `mode` ("A", "B" or "C"), loading only `fields` if given."""
    made: dict[tuple[str, frozenset[str] | None], Any] = _local.__dict__.setdefault("tokenizers", {})
    tok = made.get((mode, fields))
    if tok is None:
        tok = made[(mode, fields)] = dictionary().tokenizer(mode=mode, fields=set(fields) if fields else None)
    return tok
