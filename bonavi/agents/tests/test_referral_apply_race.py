"""The agency's 推薦 (`referral_send`) and her direct 応募 of the same job, posted in the same instant (ADR 0148,
addendum s20): exactly one goes through, the other is refused in Japanese, and the company gets her once.

While her accepted proposal is recommendable, her direct 応募 is refused by the proposal itself, lock or no lock.
The window the lock closes is the one ADR 0148's s19 addendum names: she accepted while the agency held an order,
the order lapsed (her 応募 is then allowed: no 推薦 can come), and the agency takes the order again and recommends
her at the moment she applies. Her 応募 has checked (no order: a notice, no refusal) before the order is taken
again; the 推薦 starts right after it. Each side is held just after its check until both have checked (or a few
seconds, when her account row's lock keeps the second out). Without the lock both pass under READ COMMITTED and the
company gets her twice: once directly, once through the agency. The other order — the 推薦 checks first — is run
too: her 応募 then waits and sees the 推薦. PostgreSQL only, as test_direct_apply_race.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.agents import selectors, services
from bonavi.agents.models import JobOrder, Referral
from bonavi.agents.tests.factories import accept_proposal, ordered_posting, take_order
from bonavi.agents.tests.test_direct_apply_after_proposal import REFUSAL, _profiled
from bonavi.core.clock import today_jst
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]

# How long a side that passed its check waits for the other; with the lock the other never comes.
HOLD_SECONDS = 3


def _race(
    monkeypatch: pytest.MonkeyPatch,
    *,
    first: str,
    apply: Callable[[], Any],
    recommend: Callable[[], Any],
    between: Callable[[], Any],
) -> dict[str, Any]:
    """Start `first` ("apply" or "recommend"); once it has checked, run `between` (committed) and start the other."""
    both_checked = threading.Barrier(2)
    checked = {"apply": threading.Event(), "recommend": threading.Event()}

    def held(side: str, check: Callable[..., Any]) -> Callable[..., Any]:
        def after_the_check(*args: Any, **kw: Any) -> Any:
            result = check(*args, **kw)
            checked[side].set()
            # Broken: the other side is waiting for her row, and this one goes on alone.
            with contextlib.suppress(threading.BrokenBarrierError):
                both_checked.wait(HOLD_SECONDS)
            return result

        return after_the_check

    monkeypatch.setattr(seeker_services, "apply_refusal", held("apply", seeker_services.apply_refusal))
    monkeypatch.setattr(selectors, "applied_directly", held("recommend", selectors.applied_directly))
    results: dict[str, Any] = {}

    def run(side: str, call: Callable[[], Any]) -> None:
        try:
            results[side] = call()
        except Exception as exc:  # a refusal is the result
            results[side] = exc
        finally:
            connections.close_all()

    calls = {"apply": apply, "recommend": recommend}
    second = "recommend" if first == "apply" else "apply"
    threads = {side: threading.Thread(target=run, args=(side, calls[side])) for side in calls}
    threads[first].start()
    assert checked[first].wait(10), "the first side never reached its check"
    between()
    threads[second].start()
    for t in threads.values():
        t.join(30)
    return results


@pytest.mark.parametrize("round_", range(2))
@pytest.mark.parametrize("first", ["apply", "recommend"])
def test_her_direct_apply_and_the_agencys_recommendation_at_once_let_one_through(
    setup, candidate, employer, monkeypatch: pytest.MonkeyPatch, first: str, round_: int
) -> None:
    job = ordered_posting(setup, employer.organization)
    _profiled(candidate.user)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=job.pk)
    accept_proposal(proposal)
    # The order lapses: no 推薦 can come, so her own 応募 is allowed (ADR 0148: a notice, not a refusal).
    JobOrder.objects.filter(agency=setup.agency, posting=job).update(
        valid_until=today_jst() - dt.timedelta(days=1)
    )
    if first == "recommend":
        take_order(setup, job.pk)

    results = _race(
        monkeypatch,
        first=first,
        apply=lambda: seeker_services.application_create(user=candidate.user, posting_id=job.pk),
        recommend=lambda: services.referral_send(user=setup.ca, proposal=proposal),
        # Taken again after her check saw none: the 推薦 that follows passes every check before her row.
        between=(lambda: take_order(setup, job.pk)) if first == "apply" else (lambda: None),
    )

    applied, recommended = results["apply"], results["recommend"]
    made = Application.objects.filter(posting=job, applicant=candidate.user).count()
    referred = Referral.objects.filter(proposal=proposal).count()
    assert made + referred == 1, (applied, recommended)
    if made:
        assert isinstance(applied, Application)
        assert isinstance(recommended, services.AgentError)
        # The 推薦's own refusal, in the words her consent allows (ADR 0141).
        refusal = services.direct_application_refusal(candidate, job)
        assert refusal and refusal in str(recommended)
    else:
        assert isinstance(recommended, Referral)
        assert isinstance(applied, seeker_services.SeekerInvalid)
        assert applied.errors["posting_id"] == [f"{REFUSAL}（提案を見る：/me/proposals/{proposal.pk}/）"]
