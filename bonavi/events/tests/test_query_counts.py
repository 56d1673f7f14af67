"""The organiser's page of an event and the seeker's list of their events run a fixed number of queries, however
many registrants, waiters and events there are (rows made directly with the ORM, to stay fast)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.tests.querycount import assert_flat
from bonavi.events import services
from bonavi.events.models import Event, Registration, RegistrationStatus

from .factories import PASSWORD, make_event, make_seeker

pytestmark = pytest.mark.django_db

_seq = itertools.count(1000)


def _client(user: User) -> Client:
    client = Client()
    client.login(email=user.email, password=PASSWORD)
    return client


def _add(event: Event, status: str, *, user: User | None = None, **over: object) -> Registration:
    user = user or make_seeker(next(_seq))
    return Registration.objects.create(
        event=event, user=user, name=user.display_name, email=user.email, status=status, **over
    )


def test_the_organisers_page_checks_ownership_once(employer: User) -> None:
    """The view reads the event through employer_event_get (the permission check); its lists of registrants and
    waiters and the anonymised count do not each ask the database again whose event it is."""
    event = make_event(employer, capacity=10)
    _add(event, RegistrationStatus.ACTIVE)
    _add(event, RegistrationStatus.WAITING)
    client = _client(employer)
    url = f"/employer/events/{event.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    reading_events = [q["sql"] for q in ctx.captured_queries if 'FROM "events_event"' in q["sql"]]
    assert len(reading_events) == 1, reading_events

    def grow() -> None:
        for status in (RegistrationStatus.ACTIVE, RegistrationStatus.CANCELLED, RegistrationStatus.WAITING):
            _add(event, status)
        _add(event, RegistrationStatus.WAITING, no_seat_notice_at=clock.now())
        _add(event, RegistrationStatus.ACTIVE, anonymised_at=clock.now())

    assert_flat(client, url, grow)


def test_the_seekers_list_reads_every_place_in_line_in_one_query(employer: User, seeker: User) -> None:
    """/me/events/ shows the person's place in each waiting list: counted in the list's own query (a subquery),
    not one COUNT per row."""
    client = _client(seeker)

    def wait_second_in_line() -> None:
        event = make_event(employer, capacity=1)
        _add(event, RegistrationStatus.ACTIVE)
        _add(event, RegistrationStatus.WAITING)
        _add(event, RegistrationStatus.WAITING, user=seeker)
        _add(event, RegistrationStatus.WAITING)  # behind: does not count

    wait_second_in_line()
    assert_flat(client, "/me/events/", wait_second_in_line)
    page = client.get("/me/events/").content.decode()
    assert page.count("キャンセル待ち 2番目") == 2
    # Someone whose line ended at the deadline is ahead of nobody; the person's own ended entry has no place.
    event = make_event(employer, capacity=1)
    _add(event, RegistrationStatus.ACTIVE)
    _add(event, RegistrationStatus.WAITING, no_seat_notice_at=clock.now())
    _add(event, RegistrationStatus.WAITING, user=seeker)
    ended = make_event(employer, capacity=1)
    _add(ended, RegistrationStatus.WAITING, user=seeker, no_seat_notice_at=clock.now())
    page = client.get("/me/events/").content.decode()
    assert page.count("キャンセル待ち 2番目") == 2 and page.count("キャンセル待ち 1番目") == 1
    assert "キャンセル待ち終了（繰り上げなし）" in page


def test_the_deadline_pass_reads_and_claims_a_line_in_one_statement_each(employer: User) -> None:
    """waiting_close: per event, one read of the line (with the accounts) and one claim for all of it — not an
    UPDATE and a SELECT per waiter. Only the outbox rows grow with the line."""

    def pass_over(waiters: int) -> list[str]:
        event = make_event(employer, capacity=1)
        _add(event, RegistrationStatus.ACTIVE)
        for _ in range(waiters):
            _add(event, RegistrationStatus.WAITING)
        with CaptureQueriesContext(connection) as ctx:
            assert services.waiting_close(now=event.deadline + dt.timedelta(minutes=1)) == waiters
        assert Registration.objects.filter(event=event, no_seat_notice_at__isnull=True).count() == 1
        return [q["sql"] for q in ctx.captured_queries if "events_registration" in q["sql"]]

    one, four = pass_over(1), pass_over(4)
    assert len(four) == len(one), four


@pytest.mark.parametrize("status", [None, RegistrationStatus.ACTIVE, RegistrationStatus.WAITING])
def test_the_event_page_and_api_read_the_persons_standing_once(
    employer: User, seeker: User, status: str | None
) -> None:
    """Registered, waiting or neither: the page and the API detail read the person's row for the event once
    (one row per person and event), not a registration query and then a waiting-list query."""
    event = make_event(employer, capacity=1)
    if status is not None:
        _add(event, RegistrationStatus.ACTIVE if status == RegistrationStatus.WAITING else status)
        if status == RegistrationStatus.WAITING:
            _add(event, status, user=seeker)
        else:
            Registration.objects.filter(event=event).update(user=seeker, email=seeker.email)
    client = _client(seeker)
    for url in (f"/events/{event.pk}/", f"/api/v1/events/{event.pk}"):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        own = [
            q["sql"]
            for q in ctx.captured_queries
            if 'FROM "events_registration"' in q["sql"] and '"user_id" =' in q["sql"]
        ]
        assert len(own) == 1, own
