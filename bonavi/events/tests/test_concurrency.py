"""Races on PostgreSQL with real threads: the last seat, and two reminder passes at once.

On SQLite the same rules are tested one after the other (test_services.py): its IMMEDIATE transactions take the
one write lock at BEGIN, so two writers cannot interleave there at all."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.events import services
from bonavi.events.models import Registration, RegistrationStatus
from bonavi.notifications.models import OutboxMessage

from .factories import event_data, make_event, make_seeker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threaded races need PostgreSQL"),
]


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # the refusal is the result
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_people_for_the_last_seat_exactly_one_gets_it(employer: User) -> None:
    event = make_event(employer, capacity=1)
    people = [make_seeker(n) for n in range(4)]
    results = _race(*(lambda p=p: services.registration_create(user=p, event_id=event.pk) for p in people))
    won = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, services.RegistrationRefused)]
    assert len(won) == 1 and len(refused) == 3, results
    assert all("満席" in str(r) for r in refused)
    assert Registration.objects.filter(event=event).count() == 1
    assert OutboxMessage.objects.count() == 1


def test_two_reminder_passes_at_once_mail_each_registration_once(employer: User) -> None:
    start = clock.now() + dt.timedelta(days=1)
    event = make_event(employer, starts_at=start, ends_at=start + dt.timedelta(hours=1), deadline=start)
    for n in range(5):
        services.registration_create(user=make_seeker(n), event_id=event.pk)
    OutboxMessage.objects.all().delete()
    run_at = dt.datetime.combine(
        event.starts_at.astimezone(clock.JST).date() - dt.timedelta(days=1), dt.time(9), tzinfo=clock.JST
    )
    results = _race(*(lambda: services.reminders_send(now=run_at) for _ in range(3)))
    assert sum(results) == 5, results
    assert OutboxMessage.objects.count() == 5


def test_two_cancels_at_once_tell_each_registrant_once(employer: User) -> None:
    event = make_event(employer)
    for n in range(3):
        services.registration_create(user=make_seeker(n), event_id=event.pk)
    OutboxMessage.objects.all().delete()
    results = _race(*(lambda: services.event_cancel(user=employer, event=event) for _ in range(2)))
    assert sorted(r if isinstance(r, int) else -1 for r in results) == [-1, 3], results
    assert OutboxMessage.objects.count() == 3


# キャンセル待ち (ADR 0084) ---------------------------------------------------------------------------------------


def _line_up(employer: User, *, capacity: int, waiters: int) -> tuple[Any, list[Registration], list[User]]:
    """A full event: `capacity` registrations, then `waiters` people in line, in this order."""
    event = make_event(employer, capacity=capacity)
    held = [
        services.registration_create(user=make_seeker(100 + n), event_id=event.pk) for n in range(capacity)
    ]
    line = [make_seeker(n) for n in range(waiters)]
    for person in line:
        services.registration_create(user=person, event_id=event.pk, waitlist=True)
    OutboxMessage.objects.all().delete()
    return event, held, line


def _promotion_mails() -> list[str]:
    return list(
        OutboxMessage.objects.filter(subject__contains="キャンセル待ちから参加登録").values_list(
            "to_email", flat=True
        )
    )


def test_cancellations_and_newcomers_at_once_never_overfill_and_promote_the_first_waiters_once(
    employer: User,
) -> None:
    event, held, line = _line_up(employer, capacity=2, waiters=4)
    newcomers = [make_seeker(200 + n) for n in range(3)]
    calls: list[Callable[[], Any]] = [
        *(lambda r=r: services.registration_cancel(user=r.user, registration_id=r.pk) for r in held),
        *(
            lambda p=p: services.registration_create(user=p, event_id=event.pk, waitlist=True)
            for p in newcomers
        ),
    ]
    results = _race(*calls)
    assert not [r for r in results if isinstance(r, Exception)], results
    active = Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE)
    # Each freed seat went to a waiter in the same transaction: never free for a newcomer to take, never twice.
    assert sorted(active.values_list("user__email", flat=True)) == sorted(p.email for p in line[:2])
    assert sorted(_promotion_mails()) == sorted(p.email for p in line[:2])
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
    assert waiting.count() == 2 + len(newcomers)
    assert {r.user.email for r in waiting.order_by("created_at", "pk")[:2]} == {p.email for p in line[2:]}


def test_a_capacity_raise_and_cancellations_at_once_promote_each_waiter_once(employer: User) -> None:
    event, held, line = _line_up(employer, capacity=2, waiters=5)
    raised = event_data(capacity=3, starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline)
    results = _race(
        lambda: services.event_update(user=employer, event=event, **raised),
        *(lambda r=r: services.registration_cancel(user=r.user, registration_id=r.pk) for r in held),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    active = Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE)
    assert sorted(active.values_list("user__email", flat=True)) == sorted(p.email for p in line[:3])
    assert sorted(_promotion_mails()) == sorted(p.email for p in line[:3])


def test_lowering_the_capacity_while_people_register_never_leaves_more_registered_than_seats(
    employer: User,
) -> None:
    """3 seats, 1 taken; the organiser lowers to 2 while three people register. Counted under the event lock,
    either the lowering comes before the second newcomer (it holds; exactly one newcomer gets in) or after two of
    them (it is refused with the count it saw, 3; the third newcomer finds the event full). Never more registered
    than seats, and nobody registered is cancelled."""
    event = make_event(employer, capacity=3)
    services.registration_create(user=make_seeker(90), event_id=event.pk)
    lowered = event_data(
        capacity=2, starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline
    )
    people = [make_seeker(n) for n in range(3)]
    results = _race(
        lambda: services.event_update(user=employer, event=event, **lowered),
        *(lambda p=p: services.registration_create(user=p, event_id=event.pk) for p in people),
    )
    event.refresh_from_db()
    active = Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE).count()
    won = sum(isinstance(r, Registration) for r in results[1:])
    assert not Registration.objects.filter(event=event, status=RegistrationStatus.CANCELLED).exists()
    if isinstance(results[0], services.EventInvalid):
        assert results[0].errors == {
            "capacity": [
                "定員は現在の申込数（参加登録済み3人。キャンセル待ちは含みません）より少なくできません。"
            ]
        }
        assert (event.capacity, active, won) == (3, 3, 2), results
    else:
        assert (event.capacity, active, won) == (2, 2, 1), results


def test_two_deadline_passes_at_once_tell_each_waiter_once(employer: User) -> None:
    event, _, _line = _line_up(employer, capacity=1, waiters=4)
    after = event.deadline + dt.timedelta(minutes=1)
    results = _race(*(lambda: services.waiting_close(now=after) for _ in range(3)))
    assert sum(results) == 4, results
    assert OutboxMessage.objects.filter(subject__contains="キャンセル待ちの結果").count() == 4


def test_cancelling_locks_the_registration_and_the_event_rows_but_not_the_account(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The account row read along is not locked: while a cancellation holds its locks, the person's login (a
    write of last_login from another connection) goes through instead of waiting for it."""
    event = make_event(employer, capacity=1)
    holder = make_seeker(1)
    registration = services.registration_create(user=holder, event_id=event.pk)
    held = threading.Event()
    release = threading.Event()
    real_queue = services._queue

    def pausing_queue(*args: Any, **kwargs: Any) -> None:
        real_queue(*args, **kwargs)
        held.set()  # both rows are locked by now: the cancellation's mail is queued in its transaction
        release.wait(10)

    def other_connection_logs_in() -> str:
        held.wait(10)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
            User.objects.filter(pk=holder.pk).update(last_login=clock.now())
            return "updated"
        finally:
            release.set()

    monkeypatch.setattr(services, "_queue", pausing_queue)
    results = _race(
        lambda: services.registration_cancel(user=holder, registration_id=registration.pk),
        other_connection_logs_in,
    )
    assert results[1] == "updated", results
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED
