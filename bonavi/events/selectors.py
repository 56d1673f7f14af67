"""Reads of events and registrations, each with its permission check.

The public reads (`public_events`, `event_get_public`) are what anyone sees; nothing read through them may show
the join URL — the views show it only with `registration_of(user, event)` (ADR 0083).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce

from bonavi.core import clock

from .models import Event, EventFormat, EventStatus, Registration, RegistrationStatus

_ACTIVE = Q(registrations__status=RegistrationStatus.ACTIVE)


def _with_taken(qs: QuerySet[Event]) -> QuerySet[Event]:
    # Only registered people take a seat; waiters never count towards the capacity.
    return qs.annotate(taken=Count("registrations", filter=_ACTIVE))


def public_events(*, prefecture: str = "", online: bool = False) -> QuerySet[Event]:
    """Upcoming, not cancelled: the /events/ list (page and API, filtered by a JIS 都道府県 code or to online ones),
    the sitemap and the job pages' links."""
    qs = Event.objects.filter(status=EventStatus.SCHEDULED, starts_at__gt=clock.now())
    if prefecture:
        qs = qs.filter(prefecture=prefecture)
    if online:
        qs = qs.filter(format=EventFormat.ONLINE)
    return _with_taken(qs).select_related("organization").order_by("starts_at", "pk")


def event_get_public(*, pk: int) -> Event | None:
    """Any event by id (a cancelled or past one says so on its page)."""
    return _with_taken(Event.objects.filter(pk=pk)).select_related("organization").first()


def events_for_posting(*, posting: Any) -> QuerySet[Event]:
    return public_events().filter(postings=posting)


def seats_left(event: Event) -> int:
    taken = getattr(event, "taken", None)
    if taken is None:
        taken = event.registrations.filter(status=RegistrationStatus.ACTIVE).count()
    return max(event.capacity - taken, 0)


def is_employer(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_employer", False))


def _in_line(prefix: str = "") -> Q:
    """Still in an event's waiting list: waiting, and not yet told that no seat came up (`prefix` for a join)."""
    return Q(**{f"{prefix}status": RegistrationStatus.WAITING, f"{prefix}no_seat_notice_at__isnull": True})


def employer_events(*, user: Any) -> QuerySet[Event]:
    """The events of the user's organisation (every 採用担当 of the company manages them together)."""
    if not is_employer(user):
        return Event.objects.none()
    return (
        _with_taken(Event.objects.filter(organization_id=user.organization_id))
        .annotate(waiting=Count("registrations", filter=_in_line("registrations__")))
        .select_related("organization")
        .order_by("-starts_at", "-pk")
    )


def employer_event_get(*, user: Any, pk: int) -> Event | None:
    return employer_events(user=user).filter(pk=pk).first()


def organises(user: Any, event: Event) -> bool:
    """`employer_events`' rule for an event already in hand (the organiser's page read it through
    `employer_event_get`; the services have it locked): compared in Python, not queried again."""
    return is_employer(user) and event.organization_id == user.organization_id


_SHARED = (
    "id",
    "event_id",
    "user_id",
    "name",
    "email",
    "status",
    "created_at",
    "cancelled_at",
    "promoted_at",
)


def registrants_of(*, user: Any, event: Event) -> QuerySet[Registration]:
    """The people registered for an event of the user's own organisation (and those who cancelled), with only what
    they agreed to share. Waiters are listed apart, by `waiters_of`."""
    if not organises(user, event):
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, user__isnull=False, anonymised_at__isnull=True)
        .exclude(status=RegistrationStatus.WAITING)
        .only(*_SHARED)
        .order_by("created_at", "pk")
    )


def waiters_of(*, user: Any, event: Event) -> tuple[list[Registration], list[Registration]]:
    """The organiser's view of the waiting list, with only what the waiters agreed to share, in one read: those
    still in line, in its order (the first is promoted first, so the n-th listed is the person's own place), and
    apart those whose line ended at the deadline (told no seat came up) — unnumbered, in nobody's way, even if the
    organiser later moves the deadline and others join."""
    if not organises(user, event):
        return [], []
    waiters = list(
        Registration.objects.filter(
            event=event, status=RegistrationStatus.WAITING, user__isnull=False, anonymised_at__isnull=True
        )
        .only(*_SHARED, "no_seat_notice_at")
        .order_by("created_at", "pk")
    )
    return [w for w in waiters if is_in_line(w)], [w for w in waiters if not is_in_line(w)]


def waiting_line(*, event_id: Any) -> QuerySet[Registration]:
    """The waiters still in line, first first (created_at, then id for a tie): who `services._promote` takes.
    A waiter told that no seat came up (no_seat_notice_at) has left the line. `event_id` may be an OuterRef."""
    return Registration.objects.filter(_in_line(), event_id=event_id).order_by("created_at", "pk")


def is_in_line(registration: Registration) -> bool:
    return registration.status == RegistrationStatus.WAITING and registration.no_seat_notice_at is None


def _ahead_of(created_at: Any, pk: Any) -> Q:
    """The waiters before someone who asked at `created_at` with id `pk`: the line's order (values or OuterRefs)."""
    return Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)


def waiting_position(*, registration: Registration) -> int:
    """1 for the waiter promoted next. Counts only those ahead of this person: nobody's identity is read."""
    return (
        waiting_line(event_id=registration.event_id)
        .filter(_ahead_of(registration.created_at, registration.pk))
        .count()
        + 1
    )


def anonymised_count(*, user: Any, event: Event) -> int:
    """Registrations whose name and address are gone (the person left, or the event ended more than KEEP_YEARS
    ago): a count, nothing else."""
    if not organises(user, event):
        return 0
    return (
        Registration.objects.filter(event=event)
        .filter(Q(user__isnull=True) | Q(anonymised_at__isnull=False))
        .count()
    )


def registration_of(*, user: Any, event: Event) -> Registration | None:
    """The user's active registration for the event — the one key to its join URL."""
    if user is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user, status=RegistrationStatus.ACTIVE).first()


def standing_of(*, user: Any, event: Event) -> tuple[Registration | None, Registration | None]:
    """(active registration, place in the waiting list) of the user for the event, at most one of them — one row
    per person and event (registration_event_user_unique), read once. Only the first is a key to the join URL;
    the place in line may be one ended at the deadline."""
    if user is None or not user.is_authenticated:
        return None, None
    entry = (
        Registration.objects.filter(
            event=event, user=user, status__in=[RegistrationStatus.ACTIVE, RegistrationStatus.WAITING]
        )
        .order_by()
        .first()
    )
    if entry is None:
        return None, None
    return (entry, None) if entry.status == RegistrationStatus.ACTIVE else (None, entry)


def join_url_for(*, event: Event, registration: Registration | None) -> str | None:
    """The join URL as this person may see it — the one rule for the page, the .ics and the API: only with an
    active registration (`registration_of`, which the caller already has), and not once the event is cancelled
    (the link is no longer for anything)."""
    if not event.join_url or event.is_cancelled or registration is None:
        return None
    return event.join_url


def registrations_of_seeker(*, user: Any) -> QuerySet[Registration]:
    """The person's registrations and places in line, newest event first; `position` is their place in each line
    they are still in (as `waiting_position` counts it), else None — one subquery, not a COUNT per row."""
    if user is None or not user.is_authenticated:
        return Registration.objects.none()
    ahead = (
        waiting_line(event_id=OuterRef("event_id"))
        .filter(_ahead_of(OuterRef("created_at"), OuterRef("pk")))
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Registration.objects.filter(user=user)
        .annotate(
            position=Case(
                When(_in_line(), then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1),
                default=None,
                output_field=IntegerField(),
            )
        )
        .select_related("event__organization")
        .order_by("-event__starts_at", "-pk")
    )
