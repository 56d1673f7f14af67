"""A double press on an invitation link reaching two workers at once (ADR 0104), on PostgreSQL with threads: one
registration, the other press told the link is used — never an IntegrityError (a 500). On SQLite the writers are
serialised; the same rule is tested one after the other (test_invitations.py, the stale second press)."""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection, connections

from bonavi.accounts.models import Role, User
from bonavi.agents import invitations
from bonavi.agents.models import Candidate, Invitation
from bonavi.agents.services import AgentError
from bonavi.agents.tests.factories import make_agency

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]


def test_two_presses_at_once_register_once_and_the_other_is_told_used() -> None:
    setup = make_agency()
    seeker = User.objects.create_user(
        email="race@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    invitations.invitation_send(user=setup.ca, name="競合 花子", email=seeker.email)
    url = invitations.invitation_url(Invitation.objects.get())
    token = parse_qs(urlsplit(url).query)["invite"][0]
    n = 3
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = invitations.invitation_register(
                user=seeker, slug=setup.agency.slug, token=token, consent=True
            )
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    registered = [r for r in results if isinstance(r, Candidate)]
    refused = [r for r in results if isinstance(r, AgentError)]
    assert len(registered) == 1 and len(refused) == n - 1, results
    assert all(r.errors["invite"] == ["この招待リンクは使用済みです。"] for r in refused)
    assert Candidate.objects.count() == 1
