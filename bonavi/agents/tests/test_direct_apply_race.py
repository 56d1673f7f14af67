"""Her direct 応募 and her 承諾 of an agency's proposal of the same job, posted in the same instant (ADR 0148, addendum
s19): exactly one goes through, the other is refused in Japanese, and the company gets her once.

On PostgreSQL with real threads: each side is held just after its check of the other until both have checked (or a
few seconds, when her account row's lock keeps the second out), so without the lock both pass under READ COMMITTED
and she is both applied directly and recommended-to-be. On SQLite the IMMEDIATE transactions take the one write lock
at BEGIN, so the two cannot interleave there; test_direct_apply_after_proposal.py checks the rule one after the
other."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.agents import selectors, services
from bonavi.agents.models import Proposal, ProposalStatus
from bonavi.agents.tests.factories import ordered_posting
from bonavi.agents.tests.test_direct_apply_after_proposal import REFUSAL, _profiled
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]

# How long a side that passed its check waits for the other; with the lock the other never comes.
HOLD_SECONDS = 3


def _race(monkeypatch: pytest.MonkeyPatch, apply: Callable[[], Any], answer: Callable[[], Any]) -> list[Any]:
    checked = threading.Barrier(2)

    def held(check: Callable[..., Any]) -> Callable[..., Any]:
        def after_the_check(*args: Any, **kw: Any) -> Any:
            result = check(*args, **kw)
            # Broken: the other side is waiting for her row, and this one goes on alone.
            with contextlib.suppress(threading.BrokenBarrierError):
                checked.wait(HOLD_SECONDS)
            return result

        return after_the_check

    monkeypatch.setattr(seeker_services, "apply_refusal", held(seeker_services.apply_refusal))
    monkeypatch.setattr(selectors, "applied_directly", held(selectors.applied_directly))
    results: list[Any] = [None, None]

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            results[i] = call()
        except Exception as exc:  # a refusal is the result
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate((apply, answer))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.parametrize("round_", range(5))
def test_her_direct_apply_and_her_acceptance_at_once_let_one_through(
    setup, candidate, employer, monkeypatch: pytest.MonkeyPatch, round_: int
) -> None:
    job = ordered_posting(setup, employer.organization)
    _profiled(candidate.user)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=job.pk)

    applied, answered = _race(
        monkeypatch,
        lambda: seeker_services.application_create(user=candidate.user, posting_id=job.pk),
        lambda: services.proposal_answer(
            user=candidate.user,
            proposal=proposal,
            accept=True,
            document_choice="要約",
            document_text="経理3年",
        ),
    )

    made = Application.objects.filter(posting=job, applicant=candidate.user).count()
    accepted = Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.ACCEPTED
    assert made + accepted == 1, (applied, answered)
    if made:
        assert isinstance(applied, Application)
        assert isinstance(answered, services.AgentError) and services.DIRECT_APPLIED_HERS in str(answered)
    else:
        assert isinstance(answered, Proposal)
        assert isinstance(applied, seeker_services.SeekerInvalid)
        assert applied.errors["posting_id"] == [f"{REFUSAL}（提案を見る：/me/proposals/{proposal.pk}/）"]
