"""A small fixed-window rate limit for the anonymous check page and API, on Django's cache.

With the default per-process memory cache each worker counts separately; a deployment with several workers
should point CACHES at a shared backend (database or Redis) so the limit holds across them (ADR 0013).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 600


def _limit(request: HttpRequest) -> int:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return int(getattr(settings, "COMPLIANCE_CHECK_LIMIT_USER", 300))
    return int(getattr(settings, "COMPLIANCE_CHECK_LIMIT_ANON", 30))


def _client(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return "ip" + str(request.META.get("REMOTE_ADDR", ""))


def allow_check(request: HttpRequest) -> bool:
    """Count one check for this client; False once the client has used up the window's allowance."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"compliance-check:{_client(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    return count <= _limit(request)


LIMIT_MESSAGE = "チェックの回数が多すぎます。10分ほど待ってからもう一度お試しください。"
