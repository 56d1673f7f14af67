"""One SudachiPy tokenizer per thread (a tokenizer object is not safe to share between threads)."""

from __future__ import annotations

from typing import Any

from bonavi.core import sudachi


def tokenizer() -> Any:
    # The dictionary is shared by the process; core/sudachi.py keeps this thread's mode-C tokenizer.
    return sudachi.tokenizer("C")


def tokens(text: str) -> list[Any]:
    return list(tokenizer().tokenize(text))
