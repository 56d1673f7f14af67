"""Writes for 企業説明会: an employer's events, seekers' registrations, and the mails they cause.

Every write is one transaction, and the mail it causes is queued in that transaction (the outbox, ADR 0040), so a
mail exists exactly when its change does. These things must happen once however often or concurrently they run:
- the last seat: every change of an event's registrations (registering, joining the waiting list, cancelling,
  raising the capacity, 退会) first locks the event row (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
  IMMEDIATE transaction holds the single write lock), then counts, then writes;
- a freed seat: under that same lock and in that same transaction the first waiter(s) are promoted and mailed
  (`_promote`), so a seat is never given twice and a waiter never promoted twice (ADR 0084);
- the waiting list's end: at the deadline each waiter's no_seat_notice_at is claimed with UPDATE … WHERE col IS
  NULL in the transaction that queues the "no seat came up" mail;
- the day-before reminder: each registration's reminder_sent_at is claimed with a conditional UPDATE … WHERE col
  IS NULL in the transaction that queues the mail; only the caller that changed the row queues it (ADR 0083);
- the notice of a cancelled event: the event row's own conditional UPDATE (status = scheduled) lets one caller
  through, and that caller queues every notice and sets cancel_notice_at in one statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final, NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Q, QuerySet

from bonavi.compliance.checker import recruiting_text_problems
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.prefectures import prefecture_code_in
from bonavi.core.text import one_line, strip_control, too_long
from bonavi.core.validators import reject_markup
from bonavi.jobs.selectors import employer_postings, public_postings
from bonavi.notifications.models import MessageKind
from bonavi.notifications.services import message_queue
from bonavi.seekers.names import person_name

from . import mail, selectors
from .models import (
    CAPACITY_MAX,
    DESCRIPTION_MAX,
    JOIN_URL_MAX,
    TITLE_MAX,
    VENUE_MAX,
    Event,
    EventFormat,
    EventStatus,
    Registration,
    RegistrationStatus,
)

EVERY_SECONDS = (
    60 * 60
)  # the reminder pass: hourly, so a reminder goes out on the day before whatever the hour


# How long after an event ends its registrants' names and addresses stay with the organiser (ADR 0083): long enough
# for the follow-up of a recruiting season, not indefinitely. Said on the consent line and the privacy page.
KEEP_YEARS: Final = 1


class EventInvalid(Exception):
    """The event cannot be stored; `errors` maps field names ("__all__" for general) to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("説明会を保存できません")
        self.errors = errors


class RegistrationRefused(Exception):
    """A registration or cancellation refused; the message is Japanese and says why."""


def _queue(registration: Registration, subject_body: tuple[str, str]) -> None:
    subject, body = subject_body
    # To the account's login address, not the copy made at registration: after an address change the old one may
    # be someone else's, and these mails carry the join URL. The copy is what the organiser was given (ADR 0083).
    user = registration.user
    message_queue(
        kind=MessageKind.EVENT,
        to_email=user.email if user is not None else registration.email,
        subject=subject,
        body=body,
        user=registration.user,
    )


# Employer: events -----------------------------------------------------------------------------------------


class EventFields(TypedDict):
    """What an employer fills in for an event: one definition for event_create, event_update and _clean."""

    title: str
    description: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    format: str
    capacity: int | None
    deadline: dt.datetime | None
    venue: NotRequired[str]
    join_url: NotRequired[str]
    posting_ids: NotRequired[Iterable[int]]


def _clean(
    *,
    user: Any,
    event: Event | None,
    fields: EventFields,
    now: dt.datetime,
) -> tuple[dict[str, Any], list[int]]:
    if unknown := set(fields) - set(EventFields.__annotations__):  # as a misspelt keyword argument would
        raise TypeError(f"unexpected event fields: {sorted(unknown)}")
    title, description, format = fields["title"], fields["description"], fields["format"]
    starts_at, ends_at, deadline = fields["starts_at"], fields["ends_at"], fields["deadline"]
    capacity, venue, join_url = fields["capacity"], fields.get("venue", ""), fields.get("join_url", "")
    posting_ids = fields.get("posting_ids", ())
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    title = one_line(title or "")
    if not title:
        err("title", "タイトルを入力してください。")
    elif len(title) > TITLE_MAX:
        err("title", too_long("タイトル", TITLE_MAX, given=len(title)))
    description = strip_control(description or "").strip()
    if not description:
        err("description", "説明を入力してください。")
    elif len(description) > DESCRIPTION_MAX:
        err("description", too_long("説明", DESCRIPTION_MAX, given=len(description)))
    for field, text in (("title", title), ("description", description)):
        try:
            reject_markup(text)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
        # 説明会 is recruiting: the posting rules on age and sex (労働施策総合推進法9条・男女雇用機会均等法5条)
        # and on asking for 本籍・家族・思想 etc. (職業安定法5条の5) apply to its words as to an ad's.
        for message in recruiting_text_problems(text):
            err(field, message)

    if starts_at is None:
        err("starts_at", "開始日時を入力してください。")
    if ends_at is None:
        err("ends_at", "終了日時を入力してください。")
    if starts_at is not None and ends_at is not None:
        if ends_at <= starts_at:
            err("ends_at", "終了日時は開始日時より後にしてください。")
        elif ends_at - starts_at > dt.timedelta(hours=24):
            err("ends_at", "開催時間は24時間以内にしてください。")
    if starts_at is not None and starts_at <= now:
        err("starts_at", "開始日時が過ぎています。これから先の日時を入力してください。")

    prefecture = ""
    if format not in EventFormat.values:
        err("format", "形式は「対面」か「オンライン」から選んでください。")
    elif format == EventFormat.ONSITE:
        venue = one_line(venue or "")
        join_url = ""
        if not venue:
            err("venue", "対面の説明会では会場の住所を入力してください。")
        elif len(venue) > VENUE_MAX:
            err("venue", too_long("会場の住所", VENUE_MAX))
        else:
            prefecture = prefecture_code_in(venue) or ""
            if not prefecture:
                err("venue", "会場の住所は都道府県名から入力してください（例：東京都千代田区丸の内1-1-1）。")
    else:
        venue = ""
        join_url = (join_url or "").strip()
        if not join_url:
            err("join_url", "オンラインの説明会では参加URLを入力してください。")
        elif len(join_url) > JOIN_URL_MAX:
            err("join_url", too_long("参加URL", JOIN_URL_MAX))
        else:
            try:
                URLValidator(schemes=["https"])(join_url)
            except ValidationError:
                err("join_url", "参加URLは https:// で始まるURLを入力してください。")

    taken = _taken(event) if event is not None else 0
    if capacity is None:
        err("capacity", "定員を入力してください。")
    elif not 1 <= capacity <= CAPACITY_MAX:
        err("capacity", f"定員は1〜{CAPACITY_MAX:,}人の範囲で入力してください。")
    elif capacity < taken:
        # Refused, never settled by cancelling someone: a confirmed seat is the participant's (ADR 0084). Counted
        # under the event row lock event_update holds, so a registration cannot slip in between. Waiters hold no
        # seat and are not counted; 「申込数」 alone read as if they were, so the message says whom it counts in the
        # words the organiser's list (申込 N／定員) and the event page (参加登録済み) use.
        err(
            "capacity",
            f"定員は現在の申込数（参加登録済み{taken}人。キャンセル待ちは含みません）より少なくできません。",
        )

    if deadline is None:
        err("deadline", "申込締切を入力してください。")
    else:
        if starts_at is not None and deadline > starts_at:
            err("deadline", "申込締切は開始日時までにしてください。")
        # A deadline already passed is refused when it is set, not when an unchanged one is kept.
        if deadline <= now and (event is None or deadline != event.deadline):
            err("deadline", "申込締切が過ぎています。これから先の日時を入力してください。")

    ids = sorted({int(pk) for pk in posting_ids})
    if ids:
        allowed = set(
            (employer_postings(user=user) & public_postings()).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if set(ids) - allowed:
            err("postings", "紐づけられるのは、自社の掲載中（公開）の求人だけです。")

    if errors:
        raise EventInvalid(errors)
    data = {
        "title": title,
        "description": description,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": format,
        "prefecture": prefecture,
        "venue": venue,
        "join_url": join_url,
        "capacity": capacity,
        "deadline": deadline,
    }
    return data, ids


def _taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.ACTIVE).count()


def _lock_event(pk: int) -> Event | None:
    """The event row, locked for the rest of the transaction: taken first by every change of its registrations, so
    the count of seats, the waiting list's order and the promotions see no other change meanwhile. `of=("self",)`:
    the organisation row read along is not locked (two events of one company do not wait on each other)."""
    return Event.objects.select_for_update(of=("self",)).select_related("organization").filter(pk=pk).first()


def _promote(event: Event, *, now: dt.datetime) -> list[int]:
    """Give the free seats to the head of the waiting list and mail each promoted person once. The caller holds
    the event row lock (`_lock_event`) in the transaction that freed the seat. Nobody is promoted once the deadline
    has passed or the event has started (a late seat stays free), nor for a cancelled event. Returns the ids of the
    promoted registrations."""
    if event.is_cancelled or event.deadline < now or event.starts_at <= now:
        return []
    free = event.capacity - _taken(event)
    if free <= 0:
        return []
    notice = mail.promoted(event)
    promoted: list[int] = []
    for waiter in selectors.waiting_line(event_id=event.pk).select_related("user")[:free]:
        waiter.status = RegistrationStatus.ACTIVE
        waiter.promoted_at = now
        waiter.save(update_fields=["status", "promoted_at"])
        waiter.event = event
        _queue(waiter, notice)
        promoted.append(waiter.pk)
    return promoted


def event_create(*, user: Any, **fields: Unpack[EventFields]) -> Event:
    if not selectors.is_employer(user):
        raise EventInvalid({"__all__": ["採用担当のアカウントで説明会を作成してください。"]})
    data, ids = _clean(user=user, event=None, fields=fields, now=clock.now())
    with transaction.atomic():
        event = Event.objects.create(organization_id=user.organization_id, created_by=user, **data)
        event.postings.set(ids)
    return event


def event_update(*, user: Any, event: Event, **fields: Unpack[EventFields]) -> Event:
    """Change an event of the user's organisation; registrants are told when the time or the place changes."""
    now = clock.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().filter(pk=event.pk).first()
        if locked is None or not selectors.organises(user, locked):
            raise EventInvalid({"__all__": ["この説明会は編集できません。"]})
        if locked.is_cancelled:
            raise EventInvalid({"__all__": ["中止した説明会は編集できません。"]})
        if locked.starts_at <= now:
            raise EventInvalid({"__all__": ["開始済みの説明会は編集できません。"]})
        data, ids = _clean(user=user, event=locked, fields=fields, now=now)
        was = mail.shown(locked)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.sequence += 1
        locked.save()
        locked.postings.set(ids)
        # Worked out once, as the notice words it: a change nobody can see (seconds, the title) mails nobody.
        changes = mail.shown_changes(locked, was)
        # A raised capacity is a freed seat: the waiting list moves up under this same lock. First, so that a
        # promoted person gets the promotion mail alone (it carries the new time and place), not also the
        # waiters' change notice that tells them to withdraw from the line they have just left.
        promoted = _promote(locked, now=now)
        if changes:
            notice = mail.event_changed(locked, changes=changes)
            active = locked.registrations.filter(status=RegistrationStatus.ACTIVE)
            for registration in active.exclude(pk__in=promoted).select_related("user"):
                _queue(registration, notice)
            # Waiters too (they may no longer want the seat), without the join URL: not theirs until promoted —
            # so a new join URL alone is no news to them.
            if waiter_changes := mail.for_waiters(changes):
                waiting_notice = mail.event_changed(locked, changes=waiter_changes, waiting=True)
                for registration in selectors.waiting_line(event_id=locked.pk).select_related("user"):
                    _queue(registration, waiting_notice)
            # The reminder says the new time: a reminder already sent for the old day is due again. One statement;
            # the event row is locked, so no registration changes in between.
            active.update(reminder_sent_at=None)
    return locked


def event_cancel(*, user: Any, event: Event) -> int:
    """Cancel an event; each active registrant and each waiter still in line is told once. Returns how many."""
    now = clock.now()
    with transaction.atomic():
        if not selectors.organises(user, event):
            raise EventInvalid({"__all__": ["この説明会は中止できません。"]})
        # Conditional: of two simultaneous cancels (a double click, two colleagues) only one changes the row.
        changed = Event.objects.filter(pk=event.pk, status=EventStatus.SCHEDULED, starts_at__gt=now).update(
            status=EventStatus.CANCELLED, cancelled_at=now, sequence=F("sequence") + 1
        )
        if not changed:
            current = Event.objects.get(pk=event.pk)
            if current.is_cancelled:
                raise EventInvalid({"__all__": ["この説明会は既に中止しています。"]})
            raise EventInvalid({"__all__": ["開始済みの説明会は中止できません。"]})
        event.refresh_from_db()
        notices = {
            RegistrationStatus.ACTIVE: mail.event_cancelled(event),
            RegistrationStatus.WAITING: mail.event_cancelled(event, waiting=True),
        }
        # Only the caller whose UPDATE above changed the event gets here, so each registrant is told once without
        # a claim per row; cancel_notice_at records when, in one statement. Waiters already told that no seat came
        # up (deadline passed) are out of the line and not told again.
        pending = event.registrations.filter(cancel_notice_at__isnull=True).filter(
            Q(status=RegistrationStatus.ACTIVE)
            | Q(status=RegistrationStatus.WAITING, no_seat_notice_at__isnull=True)
        )
        told = 0
        for registration in pending.select_related("user"):
            _queue(registration, notices[RegistrationStatus(registration.status)])
            told += 1
        pending.update(cancel_notice_at=now)
    return told


# Seekers: registrations -------------------------------------------------------------------------------------


def _seeker_name(user: Any) -> str:
    # The rule every employer and agent screen names a seeker by (seekers.names).
    return person_name(user)[:100]


def registration_create(*, user: Any, event_id: int, waitlist: bool = False) -> Registration:
    """Register the seeker for the event, or raise RegistrationRefused with the reason; nothing is stored then.

    With `waitlist`, a full event puts the person at the end of its waiting list (status WAITING) instead of
    refusing; a seat free by then is simply given (the returned status says which). Same consent, same copy of
    name and address: the organiser sees waiters too (ADR 0084)."""
    if not getattr(user, "is_seeker", False):
        raise RegistrationRefused("企業説明会には求職者のアカウントでお申し込みください。")
    now = clock.now()
    with transaction.atomic():
        # The lock that makes the last seat go to exactly one of two simultaneous registrations.
        event = _lock_event(event_id)
        if event is None:
            raise RegistrationRefused("説明会が見つかりません。")
        if event.is_cancelled:
            raise RegistrationRefused("この説明会は中止になったため、お申し込みいただけません。")
        if event.starts_at <= now:
            raise RegistrationRefused("この説明会は開始済み（または終了）のため、お申し込みいただけません。")
        if event.deadline < now:
            raise RegistrationRefused(
                f"申込締切（{mail.jst(event.deadline)}）を過ぎたため、お申し込みいただけません。"
            )
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None and existing.status == RegistrationStatus.ACTIVE:
            raise RegistrationRefused("この説明会には既にお申し込み済みです。")
        if existing is not None and selectors.is_in_line(existing):
            position = selectors.waiting_position(registration=existing)
            raise RegistrationRefused(f"この説明会には既にキャンセル待ちで登録済みです（{position}番目）。")
        full = _taken(event) >= event.capacity
        if full and not waitlist:
            raise RegistrationRefused(
                "満席のため、お申し込みいただけません。キャンセル待ちには登録できます。"
            )
        fields = {
            "name": _seeker_name(user),
            "email": user.email,
            "status": RegistrationStatus.WAITING if full else RegistrationStatus.ACTIVE,
            "created_at": now,  # a waiter's place in the line: the back, also for someone who withdrew before
            "cancelled_at": None,
            "promoted_at": None,
            "no_seat_notice_at": None,
            "reminder_sent_at": None,
            "cancel_notice_at": None,
        }
        if existing is not None:  # registered, cancelled, and registering again: the same row
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            registration = existing
        else:
            registration = Registration.objects.create(event=event, user=user, **fields)
        if full:
            position = selectors.waiting_position(registration=registration)
            _queue(registration, mail.waiting_joined(event, position=position))
        else:
            _queue(registration, mail.registered(event))
    return registration


def registration_cancel(*, user: Any, registration_id: int) -> Registration:
    """Cancel the seeker's registration (the seat goes to the first waiter, in this transaction) or withdraw
    their place in the waiting list."""
    now = clock.now()
    with transaction.atomic():
        mine = Registration.objects.filter(pk=registration_id, user=user)
        event_id = mine.values_list("event_id", flat=True).first()
        if event_id is None:
            raise RegistrationRefused("お申し込みが見つかりません。")
        # The event row first, as registering does (one lock order, no deadlock): the freed seat is promoted under
        # the same lock that registrations count under.
        event = _lock_event(event_id)
        # `of=("self",)`: the account row read along (an INNER JOIN) is not locked, as in `_lock_event` — a lock on
        # it would hold up the person's login (last_login) until this transaction ends.
        registration = mine.select_for_update(of=("self",)).select_related("user").first()
        if event is None or registration is None:
            raise RegistrationRefused("お申し込みが見つかりません。")
        registration.event = event
        if registration.status == RegistrationStatus.WAITING:
            if not selectors.is_in_line(registration):
                raise RegistrationRefused("このキャンセル待ちは、申込締切で終了しています。")
            # Leaving the line frees no seat: nobody to promote, nothing to mail (the page says it is done).
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at"])
            return registration
        if registration.status != RegistrationStatus.ACTIVE:
            raise RegistrationRefused("このお申し込みは既にキャンセルしています。")
        if event.starts_at <= now:
            raise RegistrationRefused("開始済みの説明会はキャンセルできません。")
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if not event.is_cancelled:  # the organiser's cancellation already told them
            _queue(registration, mail.cancelled_by_seeker(event))
            _promote(event, now=now)
    return registration


# Reminders ------------------------------------------------------------------------------------------------


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue the day-before reminder for every registration for an event starting tomorrow (Japan time) that has
    not had one. Safe to run twice, or on two workers at once: see the module docstring. Returns how many."""
    now = now or clock.now()
    window = clock.tomorrow_window_jst(now)  # tomorrow in Japan, from 08:00 today
    if window is None:
        return 0
    start, end = window
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.ACTIVE,
            reminder_sent_at__isnull=True,
            event__status=EventStatus.SCHEDULED,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=pk, status=RegistrationStatus.ACTIVE, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue  # another run got it first
            registration = Registration.objects.select_related("event__organization", "user").get(pk=pk)
            _queue(registration, mail.reminder(registration.event))
            sent += 1
    return sent


def waiting_close(*, now: dt.datetime | None = None) -> int:
    """Once an event's deadline has passed, tell each waiter still in line that no seat came up, once: marking
    no_seat_notice_at and queueing the mail are one transaction under the event row lock, which every change of
    the line takes first — so a cancellation of the event (which tells them itself) or a second run, here or on
    another worker, finds them out of the line. Events already over are left alone. Returns how many were told."""
    now = now or clock.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.WAITING,
        no_seat_notice_at__isnull=True,
        cancel_notice_at__isnull=True,
        event__status=EventStatus.SCHEDULED,
        event__deadline__lt=now,
        event__ends_at__gt=now,
    ).values_list("event_id", flat=True)
    told = 0
    for event_id in sorted(set(due)):
        with transaction.atomic():
            event = _lock_event(event_id)
            # Looked at again under the lock: cancelled meanwhile (its notice told them), or the deadline moved.
            if event is None or event.is_cancelled or event.deadline >= now:
                continue
            notice = mail.no_seat(event)
            # One read and one UPDATE for the whole line: under the lock the line read is the line marked.
            line = list(selectors.waiting_line(event_id=event.pk).select_related("user"))
            Registration.objects.filter(pk__in=[r.pk for r in line]).update(no_seat_notice_at=now)
            for registration in line:
                _queue(registration, notice)
            told += len(line)
    return told


def registrations_follow_address(*, user: Any, now: dt.datetime | None = None) -> int:
    """After a login address change: registrations for events not yet over show the organiser the new address,
    the one that reaches the person now. Those for past events keep the address given at the time (ADR 0083)."""
    moment = now or clock.now()
    return (
        Registration.objects.filter(user=user, event__ends_at__gt=moment)
        .exclude(email=user.email)
        .update(email=user.email)
    )


# Retention ------------------------------------------------------------------------------------------------


def registrations_anonymise(*, now: dt.datetime | None = None) -> int:
    """Blank the name and address of every registration for an event that ended more than KEEP_YEARS ago. The row,
    its status and its link to the account stay: the organiser keeps a count, the person their own history.
    Idempotent: a second run finds nothing. Returns how many were blanked."""
    moment = now or clock.now()
    cutoff = clock.add_years(clock.date_jst(moment), -KEEP_YEARS)
    with transaction.atomic():
        return Registration.objects.filter(
            event__ends_at__lt=dt.datetime.combine(cutoff, dt.time(), tzinfo=JST), anonymised_at__isnull=True
        ).update(name="", email="", anonymised_at=moment)


# 退会 -------------------------------------------------------------------------------------------------------


def registrations_erase(*, user: Any) -> None:
    """On 退会: a registration for an event still ahead is cancelled (the seat goes to the first waiter, as on any
    cancellation) and every place in a waiting list is withdrawn; every row loses its name, address and link to
    the account. The rows stay, so the organiser's counts stay right."""
    now = clock.now()
    mine: QuerySet[Registration] = Registration.objects.filter(user=user)
    with transaction.atomic():
        touched = mine.filter(
            Q(status=RegistrationStatus.ACTIVE, event__starts_at__gt=now)
            | Q(status=RegistrationStatus.WAITING)
        ).values_list("event_id", flat=True)
        # Each event under its own row lock, in id order: the order every multi-event writer uses.
        for event_id in sorted(set(touched)):
            event = _lock_event(event_id)
            if event is None:
                continue
            freed = mine.filter(
                event=event, status=RegistrationStatus.ACTIVE, event__starts_at__gt=now
            ).update(status=RegistrationStatus.CANCELLED, cancelled_at=now)
            mine.filter(event=event, status=RegistrationStatus.WAITING).update(
                status=RegistrationStatus.CANCELLED, cancelled_at=now
            )
            if freed:
                _promote(event, now=now)
        mine.update(user=None, name="", email="", anonymised_at=now)
