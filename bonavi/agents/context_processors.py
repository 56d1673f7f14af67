"""What the seeker's マイページ menu (templates/seekers/_nav.html) needs from agents, given as a context flag so that
seekers imports nothing of agents: whether she is registered with an agency, for its 「提案」 chip."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest

from . import selectors


def seeker_nav(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """`agency_registered`: a callable the template calls only where the menu is shown (no query on other pages),
    once per request."""
    user = getattr(request, "user", None)

    @cache
    def registered() -> bool:
        if user is None or not getattr(user, "is_seeker", False):
            return False
        return selectors.registrations_of(user).exists()

    return {"agency_registered": registered}
