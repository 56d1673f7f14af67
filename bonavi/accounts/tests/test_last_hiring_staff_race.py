"""The last 採用担当 (ADR 0143, 0146): colleagues switching each other off at the same moment must leave the company
one active 採用担当, or it stops taking 応募. On PostgreSQL with real threads: each removal is held just after its
checks until the others have made theirs (or a few seconds, when the company row's lock keeps them out), so
without the lock every one of them passes "is there another active one" and the company is left with nobody.

On SQLite the IMMEDIATE transactions take the one write lock at BEGIN, so removals cannot interleave there;
test_team.py checks the rule one removal after the other."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.accounts import services
from bonavi.accounts.models import Role, User

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]

# How long a removal that passed its checks waits for the others; with the lock they never come.
HOLD_SECONDS = 3


def _colleague(employer: User, n: int) -> User:
    return User.objects.create_user(
        email=f"hr{n}@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
    )


def _race(monkeypatch: pytest.MonkeyPatch, *calls: Callable[[], Any]) -> list[Any]:
    checked = threading.Barrier(len(calls))
    problems = services.status_change_problems

    def after_the_checks(user: Any, **kw: Any) -> list[str]:
        # Broken: the others are waiting for the company row, and this one goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait(HOLD_SECONDS)
        return problems(user, **kw)

    monkeypatch.setattr(services, "status_change_problems", after_the_checks)
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            results[i] = call()
        except Exception as exc:  # a refusal is the result
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def _active(org_id: int) -> set[str]:
    return set(
        User.objects.filter(organization_id=org_id, role=Role.EMPLOYER, is_active=True).values_list(
            "email", flat=True
        )
    )


def test_two_colleagues_switching_each_other_off_leave_one(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = _colleague(employer, 2)
    results = _race(
        monkeypatch,
        lambda: services.team_member_remove(user=employer, member_id=other.pk),
        lambda: services.team_member_remove(user=other, member_id=employer.pk),
    )
    assert len(_active(employer.organization_id)) == 1, results
    assert sum(isinstance(r, User) for r in results) == 1, results


def test_three_switching_each_other_off_in_a_ring_leave_at_least_one(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    b, c = _colleague(employer, 2), _colleague(employer, 3)
    results = _race(
        monkeypatch,
        lambda: services.team_member_remove(user=employer, member_id=b.pk),
        lambda: services.team_member_remove(user=b, member_id=c.pk),
        lambda: services.team_member_remove(user=c, member_id=employer.pk),
    )
    assert _active(employer.organization_id), results
