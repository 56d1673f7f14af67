"""`@once`: a zero-argument loader whose body runs at most once per process, even when threads race for it.

`functools.lru_cache(maxsize=1)` caches the result but does not hold callers back while the body runs: two
threads arriving together (the web process's warm-up thread and a first request, ADR 0075) both run it, which
for the matching indexes, the e5 model or a dictionary means twice the time and, for a while, twice the memory.
Here the first caller runs the body under a per-loader lock and the others wait for its result. Like lru_cache,
an exception is not cached (the next call tries again) and `cache_clear()` forgets the value (for tests).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_UNSET = object()


class Once(Generic[T]):
    def __init__(self, body: Callable[[], T]) -> None:
        self.__wrapped__ = body
        functools.update_wrapper(self, body)
        self._lock = threading.Lock()
        self._value: object = _UNSET

    def __call__(self) -> T:
        value = self._value
        if value is _UNSET:  # only the first calls take the lock; afterwards a read of one attribute
            with self._lock:
                value = self._value
                if value is _UNSET:
                    value = self._value = self.__wrapped__()
        return value  # type: ignore[return-value]

    def cache_clear(self) -> None:
        with self._lock:
            self._value = _UNSET


def once(body: Callable[[], T]) -> Once[T]:
    return Once(body)
