"""Where a person lands after logging in (or confirming a sign-up) when no ?next= says otherwise.

Each role works somewhere else: a seeker on マイページ, an employer on 求人管理, agency staff on their workbench, an
operator in the admin. Those pages belong to later apps, which accounts must not import, so each app names its page
here by URL name from its AppConfig.ready(), with a test of who it is for; the name is reversed when a person logs
in. The first registered test that holds wins; nobody matched (or a name that no longer resolves) lands on the top
page, as everybody did before."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import NoReverseMatch, reverse

Applies = Callable[[Any], bool]

_LANDINGS: list[tuple[Applies, str]] = []


def register_landing(applies: Applies, url_name: str) -> None:
    """`url_name` is where a user for whom `applies(user)` holds lands after logging in."""
    if (applies, url_name) not in _LANDINGS:
        _LANDINGS.append((applies, url_name))


def _is_operator_in_admin(user: Any) -> bool:
    # An operator works in the admin (苦情・お問い合わせ, accounts); one the admin would refuse lands on the top page.
    return bool(getattr(user, "is_operator", False) and getattr(user, "is_staff", False))


# The admin is django's, not a later app's: accounts can name it itself.
register_landing(_is_operator_in_admin, "admin:index")


def landing_url(user: Any) -> str:
    """The path `user` lands on after logging in without a ?next=."""
    for applies, url_name in _LANDINGS:
        if applies(user):
            try:
                return reverse(url_name)
            except NoReverseMatch:
                continue
    return reverse("home")
