"""One SudachiPy tokenizer per thread (a tokenizer object is not safe to share between threads)."""

from __future__ import annotations

import threading
from typing import Any

_local = threading.local()


def tokenizer() -> Any:
    tok = getattr(_local, "tok", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        tok = _local.tok = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
    return tok


def tokens(text: str) -> list[Any]:
    return list(tokenizer().tokenize(text))
