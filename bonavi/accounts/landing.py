"""Where a person lands after logging in (or confirming a sign-up) when no ?next= says otherwise.

Each role works somewhere else: a seeker on マイページ, an employer on 求人管理, agency staff on their workbench, an
operator in the admin — the pages templates/base.html's menu links each role to. They belong to later apps, which
accounts must not import, so they are named here by URL name and reversed when a person logs in. A login of a role
that its page would turn away (403) lands on the top page instead, as everybody did before."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from .models import Role

LANDINGS: dict[str, str] = {
    Role.SEEKER: "seekers:dashboard",
    Role.EMPLOYER: "jobs:employer_list",
    Role.AGENT: "agents:dashboard",
    Role.OPERATOR: "admin:index",
}

# Who of a role its page lets in, where that is not everybody: an employer login with no organisation, an operator
# the admin refuses. The agents app adds its own (a login with no Staff row) from its AppConfig.ready().
_LETS_IN: dict[str, Callable[[Any], bool]] = {
    Role.EMPLOYER: lambda user: bool(user.is_employer),
    Role.OPERATOR: lambda user: bool(user.is_staff),
}


def register_landing_check(role: str, lets_in: Callable[[Any], bool]) -> None:
    """Logins of `role` for whom `lets_in(user)` is false land on the top page, not on the role's page."""
    _LETS_IN[role] = lets_in


def landing_url(user: Any) -> str:
    """The path `user` lands on after logging in without a ?next=."""
    role = Role.OPERATOR if getattr(user, "is_operator", False) else getattr(user, "role", "")
    lets_in = _LETS_IN.get(role)
    if role not in LANDINGS or (lets_in is not None and not lets_in(user)):
        return reverse("home")
    return reverse(LANDINGS[role])
