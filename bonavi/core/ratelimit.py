"""A fixed-window counter on Django's cache, for the limits that protect other people or our resources
(compliance checks per client, password-reset mails per address).

With the default per-process memory cache each worker counts separately; a deployment with several workers should
point CACHES at a shared backend (database or Redis) so the limits hold across them (ADR 0013).
"""

from __future__ import annotations

import hashlib
import time
from typing import Final

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def hit(key: str, *, window_seconds: int, limit: int | None = None) -> int:
    """Count one event under `key` in the current window and return the window's count so far. With `limit`, a
    count past it is returned without claiming a ticket: the caller refuses it either way, and a flood of refused
    requests would otherwise write a cache row each (the database cache counts its table on every add)."""
    window = int(time.time() // window_seconds)
    full = f"{key}:{window}"
    timeout = window_seconds + 5
    cache.add(full, 0, timeout=timeout)
    try:
        count = int(cache.incr(full))
    except ValueError:  # evicted between add and incr
        cache.set(full, 1, timeout=timeout)
        count = 1
    # incr is a read then a write on some backends (the database cache, our default), so requests at the same moment
    # can all be told the same count and all pass a cap. Each count is therefore claimed as a ticket with add, which
    # only one caller can win: every event gets its own number, and no more than N events ever see a count <= N.
    while limit is None or count <= limit:
        if cache.add(f"{full}#{count}", 1, timeout=timeout):
            return count
        count += 1
    return count


def address_digest(email: str) -> str:
    """The key a per-address counter uses: the address folded to lower case and hashed, so the cache never holds
    the address itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


# Mails one address typed into our forms may receive per window, all those forms together: they mail what (or that)
# someone typed to the address they typed, so without a cap anyone could flood a stranger's inbox through us.
TYPED_ADDRESS_MAIL_LIMIT: Final = 3
TYPED_ADDRESS_MAIL_WINDOW_SECONDS: Final = 3600


def typed_address_mail_allowed(email: str) -> bool:
    """Count one mail to an address typed into one of our forms (sign-up, invitation, address change, a complaint's
    acknowledgement on the platform form or to an agency); False once the window's allowance is used up. ONE
    counter and one limit per address, so combining the forms cannot get past it either."""
    count = hit(
        f"address-mail:{address_digest(email)}",
        window_seconds=TYPED_ADDRESS_MAIL_WINDOW_SECONDS,
        limit=TYPED_ADDRESS_MAIL_LIMIT,
    )
    return count <= TYPED_ADDRESS_MAIL_LIMIT


def client_ip(request: HttpRequest) -> str:
    """The address limits count against. REMOTE_ADDR, unless settings.TRUSTED_PROXY_HOPS says how many proxies in
    front of us append to X-Forwarded-For: then the client is that many entries from the right (entries further
    left are whatever the client sent, and could be forged). Without this, behind a proxy every visitor would share
    the proxy's address, and twenty failed logins by anyone would lock everyone out."""
    hops = int(getattr(settings, "TRUSTED_PROXY_HOPS", 0) or 0)
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()]
    return forwarded[-hops] if len(forwarded) >= hops else remote
