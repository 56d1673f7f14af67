"""`@once` runs a loader's body once however many threads ask together; Sudachi tokenizers are per thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from bonavi.core import sudachi
from bonavi.core.once import Once, once

THREADS = 8
T = TypeVar("T")


def _race(fn: Callable[[], T]) -> list[T]:
    barrier = threading.Barrier(THREADS)

    def call() -> T:
        barrier.wait()  # all threads call at the same moment
        return fn()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(lambda _: call(), range(THREADS)))


def test_concurrent_callers_run_the_body_once_and_share_its_result() -> None:
    runs: list[int] = []

    @once
    def load() -> object:
        runs.append(1)
        time.sleep(0.2)  # a slow load: the others arrive while it runs
        return object()

    results = _race(load)
    assert len(runs) == 1
    assert all(r is results[0] for r in results)


def test_cache_clear_loads_again_and_a_failure_is_not_cached() -> None:
    calls: list[int] = []

    @once
    def load() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("not there yet")
        return len(calls)

    with pytest.raises(OSError):
        load()
    assert load() == 2
    assert load() == 2
    load.cache_clear()
    assert load() == 3
    assert load.__name__ == "load"


def test_the_expensive_loaders_are_single_flight() -> None:
    from bonavi.matching.classifier import default_classifier
    from bonavi.matching.embedder import default_embedder
    from bonavi.search.analyzer import get_analyzer

    for loader in (default_classifier, default_embedder, get_analyzer, sudachi.dictionary):
        assert isinstance(loader, Once), loader


def test_threads_tokenize_at_the_same_time_without_sudachi_refusing() -> None:
    # One shared SudachiPy tokenizer raises 「Tokenizer is already in use」 when two threads use it at once (the
    # warm-up thread and a request); each thread has its own.
    from bonavi.careers.sudachi import tokens
    from bonavi.documents.interview.feedback import top_words
    from bonavi.matching.terms import content_terms
    from bonavi.search.analyzer import get_analyzer

    text = "経理事務として請求書の発行、入金消込、会計ソフトへの仕訳入力を担当しました。" * 120
    analyzer = get_analyzer()
    for work in (content_terms, analyzer.morphemes, top_words, tokens):
        counts = _race(lambda work=work: sum(len(work(text)) for _ in range(5)))  # type: ignore[misc]
        assert len(set(counts)) == 1 and counts[0] > 0
