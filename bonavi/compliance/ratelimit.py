"""A small fixed-window rate limit for the anonymous check page and API (bonavi.core.ratelimit, ADR 0013)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from bonavi.core.ratelimit import client_ip, hit

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
    return "ip" + client_ip(request)


def allow_check(request: HttpRequest) -> bool:
    """Count one check for this client; False once the client has used up the window's allowance."""
    limit = _limit(request)
    return hit(f"compliance-check:{_client(request)}", window_seconds=WINDOW_SECONDS, limit=limit) <= limit


LIMIT_MESSAGE = "チェックの回数が多すぎます。10分ほど待ってからもう一度お試しください。"
