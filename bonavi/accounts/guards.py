"""Checks that later apps run before an operator switches an account off, on again, or deletes it.

accounts never imports a later app, yet some of them have rules about who counts: an agency office needs one
職業紹介責任者 per 50 people (ADR 0063), and an account switched off stops counting. Those apps register a guard
here in their AppConfig.ready(); the user admin asks every guard before it saves or deletes, and shows what they
return as errors, so nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# guard(user, deleting) -> Japanese problems; `user` carries the state about to be saved (is_active …).
Guard = Callable[[Any, bool], list[str]]
_GUARDS: dict[str, Guard] = {}


def register_status_guard(name: str, guard: Guard) -> None:
    """Idempotent by name, so a second ready() (tests) does not run a guard twice."""
    _GUARDS[name] = guard


def status_change_problems(user: Any, *, deleting: bool = False) -> list[str]:
    """Everything that forbids saving `user` in its new state (or deleting it). Call inside the transaction that
    then saves, so the guards' row locks hold until then."""
    problems: list[str] = []
    for guard in _GUARDS.values():
        problems.extend(guard(user, deleting))
    return problems
