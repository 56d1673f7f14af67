"""A fixed-window counter on Django's cache, for the limits that protect other people or our resources
(compliance checks per client, password-reset mails per address).

With the default per-process memory cache each worker counts separately; a deployment with several workers should
point CACHES at a shared backend (database or Redis) so the limits hold across them (ADR 0013).
"""

from __future__ import annotations

import time

from django.core.cache import cache


def hit(key: str, *, window_seconds: int) -> int:
    """Count one event under `key` in the current window and return the window's count so far."""
    window = int(time.time() // window_seconds)
    full = f"{key}:{window}"
    cache.add(full, 0, timeout=window_seconds + 5)
    try:
        return int(cache.incr(full))
    except ValueError:  # evicted between add and incr
        cache.set(full, 1, timeout=window_seconds + 5)
        return 1
