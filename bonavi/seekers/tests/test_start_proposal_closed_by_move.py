"""A 入社日 proposal still waiting for its answer when the application leaves 内定 — 入社, her 辞退 (by her or
recorded by the company), 内定取消 (不採用) — is closed in the move's own transaction (ADR 0148): the 経過 says it
was 「取り下げ（選考終了）」, the API no longer offers it (`offer_start_proposed` null), neither page shows its answer
buttons, and an answer from a page drawn before is refused by name, changing nothing. Before, the proposal stayed
pending on the row after the selection ended (ADR 0135 「Not done」)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.helpers import client_for, in_days

pytestmark = pytest.mark.django_db


def _hired(employer: User, seeker: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="hired")


def _rejected(employer: User, seeker: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="rejected")


def _declined_by_her(employer: User, seeker: User, application: Application) -> None:
    services.application_withdraw(user=seeker, application=application)


def _declined_recorded(employer: User, seeker: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="withdrawn")


MOVES: dict[str, tuple[Callable[[User, User, Application], None], str, str]] = {
    # the move, who makes it, and the status it reaches
    "hired": (_hired, "employer", "入社"),
    "rejected": (_rejected, "employer", "不採用"),
    "declined_by_her": (_declined_by_her, "seeker", "辞退"),
    "declined_recorded": (_declined_recorded, "employer", "辞退"),
}


def _propose(side: str, employer: User, seeker: User, application: Application, day: dt.date) -> None:
    if side == "employer":
        services.application_start_propose(user=employer, application=application, start_on=day)
    else:
        services.application_start_propose_by_seeker(user=seeker, application=application, start_on=day)


def _snapshot(application: Application) -> tuple[Any, ...]:
    row = Application.objects.get(pk=application.pk)
    return (
        row.status,
        row.offer_start_on,
        row.offer_start_proposed,
        row.offer_start_withdrawn,
        ApplicationEvent.objects.filter(application=application).count(),
        OutboxMessage.objects.count(),
    )


@pytest.mark.parametrize("move", list(MOVES))
@pytest.mark.parametrize("proposer", ["employer", "seeker"])
def test_a_move_out_of_the_offer_closes_the_pending_proposal(
    accepted: Application, employer: User, profiled_seeker: User, move: str, proposer: str
) -> None:
    do, mover, label = MOVES[move]
    _propose(proposer, employer, profiled_seeker, accepted, in_days(70))

    do(employer, profiled_seeker, accepted)

    accepted.refresh_from_db()
    assert (accepted.offer_start_proposed, accepted.offer_start_proposed_by) == (None, "")
    assert accepted.offer_start_on == in_days(40)  # the date that stood stays
    # The 経過, just before the move, by whoever moved it.
    events = list(ApplicationEvent.objects.filter(application=accepted).order_by("pk"))
    [closing] = [e for e in events if "選考終了" in e.note]
    moved = events[events.index(closing) + 1]
    party = "企業" if proposer == "employer" else "応募者"
    assert closing.actor_role == mover and closing.note == (
        f"{party}からの入社予定日の変更の提案（{clock.date_ja(in_days(70))}）は、選考状況が「{label}」になったため"
        "取り下げ（選考終了）になりました"
    )
    assert moved.to_status == accepted.status
    # Neither page offers an answer (nor a withdrawal), and the API says nothing is pending.
    hers = client_for(profiled_seeker).get(f"/me/applications/{accepted.pk}/").content.decode()
    theirs = client_for(employer).get(f"/applicants/{accepted.pk}/").content.decode()
    for page in (hers, theirs):
        assert 'id="start-proposal-form"' not in page and 'id="start-proposal-withdraw"' not in page
        assert "取り下げ（選考終了）" in page
    api = client_for(profiled_seeker).get(f"/api/v1/me/applications/{accepted.pk}").json()
    assert (api["offer_start_proposed"], api["offer_start_proposed_by"]) == (None, None)


@pytest.mark.parametrize("move", ["hired", "declined_by_her", "rejected"])
def test_an_answer_from_a_page_drawn_before_is_refused_by_name(
    accepted: Application, employer: User, profiled_seeker: User, move: str
) -> None:
    do, _, label = MOVES[move]
    # The company's proposal, answered by her; hers, answered by the company — each from a page drawn before.
    _propose("employer", employer, profiled_seeker, accepted, in_days(70))
    do(employer, profiled_seeker, accepted)
    before = _snapshot(accepted)
    said = (
        f"入社予定日の変更の提案（{clock.date_ja(in_days(70))}）には回答できません。選考状況が「{label}」になったため、"
        "提案は取り下げ（選考終了）になっています。回答は不要です。"
    )

    seeker = client_for(profiled_seeker)
    page = seeker.post(
        f"/me/applications/{accepted.pk}/offer/start-proposal/",
        {"answer": "agree", "proposed": in_days(70).isoformat()},
        follow=True,
    )
    assert said in page.content.decode()
    api = seeker.post(
        f"/api/v1/me/applications/{accepted.pk}/offer/start-proposal",
        {"agree": True, "start_on": in_days(70).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["errors"]["__all__"] == [said]
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_start_answer(
            user=profiled_seeker, application=accepted, agree=True, proposed=in_days(70)
        )
    assert refused.value.errors["__all__"] == [said]
    assert _snapshot(accepted) == before


def test_the_companys_answer_to_her_closed_proposal_is_refused_by_name(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    _propose("seeker", employer, profiled_seeker, accepted, in_days(75))
    services.application_withdraw(user=profiled_seeker, application=accepted)
    before = _snapshot(accepted)
    hr = client_for(employer)
    api = hr.post(
        f"/api/v1/employer/applications/{accepted.pk}/offer/start-proposal/answer",
        {"agree": True, "start_on": in_days(75).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"]["__all__"] == [
        f"入社予定日の変更の提案（{clock.date_ja(in_days(75))}）には回答できません。選考状況が「辞退」になったため、"
        "提案は取り下げ（選考終了）になっています。回答は不要です。"
    ]
    assert _snapshot(accepted) == before


def test_a_move_without_a_pending_proposal_writes_no_closing_line(
    accepted: Application, employer: User, profiled_seeker: User
) -> None:
    services.application_move(user=employer, application=accepted, to_status="hired")
    notes = list(ApplicationEvent.objects.filter(application=accepted).values_list("note", flat=True))
    assert not any("選考終了" in note for note in notes)
    accepted.refresh_from_db()
    assert accepted.offer_start_withdrawn is None
