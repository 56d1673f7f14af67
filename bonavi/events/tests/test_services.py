"""The rules of events and registrations, each refusal, and what is (not) stored."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.events import services
from bonavi.events.models import Event, EventStatus, Registration, RegistrationStatus
from bonavi.jobs.models import Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage

from .factories import event_data, make_event, make_seeker, online

pytestmark = pytest.mark.django_db


def _refused(user: User, **over: Any) -> dict[str, list[str]]:
    with pytest.raises(services.EventInvalid) as exc:
        services.event_create(user=user, **event_data(**over))
    assert not Event.objects.exists()
    return exc.value.errors


def test_event_is_created_for_the_organisation(employer: User) -> None:
    event = make_event(employer)
    assert event.organization_id == employer.organization_id
    assert event.prefecture == "13" and event.join_url == "" and event.status == EventStatus.SCHEDULED


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"title": ""}, "title", "タイトルを入力"),
        ({"title": "あ" * 101}, "title", "タイトルは100文字以内で入力してください（入力は101文字）。"),
        ({"description": "<script>x</script>"}, "description", "HTMLタグ"),
        ({"description": "20代の女性限定の説明会です。"}, "description", ""),
        ({"description": "参加時に本籍地とご家族の職業を記入していただきます。"}, "description", ""),
        ({"capacity": 0}, "capacity", "1〜1,000人"),
        ({"capacity": 1001}, "capacity", "1〜1,000人"),
        ({"capacity": None}, "capacity", "定員を入力"),
        ({"venue": ""}, "venue", "会場の住所"),
        ({"venue": "丸の内1-1-1"}, "venue", "都道府県名から"),
        ({"format": "phone"}, "format", "対面"),
    ],
)
def test_every_bad_field_is_refused_in_japanese(
    employer: User, over: dict[str, Any], field: str, words: str
) -> None:
    errors = _refused(employer, **over)
    assert errors[field] and words in " ".join(errors[field])


def test_discriminatory_wording_is_refused_with_the_posting_rules_messages(employer: User) -> None:
    sex = _refused(employer, description="女性のみ募集の説明会です。")["description"]
    age = _refused(employer, title="35歳以下限定 説明会")["title"]
    assert sex and age
    assert all(any(ch in m for ch in "性年齢") for m in sex + age)


def test_times_end_after_start_not_in_the_past_deadline_before_start(employer: User) -> None:
    now = clock.now()
    start = now + dt.timedelta(days=2)
    assert "後にして" in _refused(employer, starts_at=start, ends_at=start)["ends_at"][0]
    past = now - dt.timedelta(hours=1)
    errors = _refused(employer, starts_at=past, ends_at=past + dt.timedelta(hours=1), deadline=past)
    assert "過ぎています" in errors["starts_at"][0]
    late = _refused(
        employer,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        deadline=start + dt.timedelta(minutes=1),
    )
    assert "開始日時まで" in late["deadline"][0]


def test_online_needs_an_https_join_url(employer: User) -> None:
    assert (
        "https://"
        in _refused(employer, **online() | {"join_url": "http://meet.example.com/x"})["join_url"][0]
    )
    assert "参加URL" in _refused(employer, **online() | {"join_url": ""})["join_url"][0]
    assert "https://" in _refused(employer, **online() | {"join_url": "javascript:alert(1)"})["join_url"][0]
    event = services.event_create(user=employer, **online(venue="東京都"))
    assert event.venue == "" and event.join_url.startswith("https://")


def test_only_own_public_postings_can_be_linked(employer: User, other_employer: User) -> None:
    mine = make_posting(employer.organization)
    private = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    theirs = make_posting(other_employer.organization)
    for pk in (private.pk, theirs.pk):
        assert "自社の掲載中" in _refused(employer, posting_ids=[pk])["postings"][0]
    event = make_event(employer, posting_ids=[mine.pk])
    assert list(event.postings.all()) == [mine]


def test_a_seeker_cannot_create_an_event(seeker: User) -> None:
    assert "採用担当" in _refused(seeker)["__all__"][0]


def test_capacity_cannot_go_below_the_registrations(employer: User) -> None:
    event = make_event(employer, capacity=3)
    for n in range(2):
        services.registration_create(user=make_seeker(n), event_id=event.pk)
    with pytest.raises(services.EventInvalid) as exc:
        services.event_update(user=employer, event=event, **event_data(capacity=1))
    assert exc.value.errors == {
        "capacity": [
            "定員は現在の申込数（参加登録済み2人。キャンセル待ちは含みません）より少なくできません。"
        ]
    }
    assert Event.objects.get(pk=event.pk).capacity == 3


def test_lowering_the_capacity_to_the_registrations_cancels_nobody_and_leaves_the_line(
    employer: User,
) -> None:
    """Down to the registered count is allowed (one seat fewer, nobody touched); the refusal below it changes
    nothing, not even the other fields sent with it, and mails nobody. Waiters do not count: 3 registered and 2
    waiting cannot go below 3. (A free seat beside a line exists only after the deadline: nobody is promoted then.)"""
    event = make_event(employer, capacity=4)
    people = [make_seeker(n) for n in range(5)]
    for person in people[:3]:
        services.registration_create(user=person, event_id=event.pk)
    data = event_data(starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline)
    services.event_update(user=employer, event=event, **data | {"capacity": 3})
    for person in people[3:]:
        services.registration_create(user=person, event_id=event.pk, waitlist=True)
    before = (OutboxMessage.objects.count(), Event.objects.get(pk=event.pk).sequence)
    with pytest.raises(services.EventInvalid) as exc:
        services.event_update(user=employer, event=event, **data | {"capacity": 2, "title": "変更後の題名"})
    assert exc.value.errors["capacity"] == [
        "定員は現在の申込数（参加登録済み3人。キャンセル待ちは含みません）より少なくできません。"
    ]
    event.refresh_from_db()
    assert (event.capacity, event.title, event.sequence) == (3, data["title"], before[1])
    assert OutboxMessage.objects.count() == before[0]
    statuses = dict(Registration.objects.filter(event=event).values_list("user_id", "status"))
    assert [statuses[p.pk] for p in people] == [RegistrationStatus.ACTIVE] * 3 + [
        RegistrationStatus.WAITING
    ] * 2


def test_another_organisation_cannot_edit_or_cancel(employer: User, other_employer: User) -> None:
    event = make_event(employer)
    with pytest.raises(services.EventInvalid):
        services.event_update(user=other_employer, event=event, **event_data(title="乗っ取り"))
    with pytest.raises(services.EventInvalid):
        services.event_cancel(user=other_employer, event=event)
    event.refresh_from_db()
    assert event.title != "乗っ取り" and event.status == EventStatus.SCHEDULED


# Registrations ------------------------------------------------------------------------------------------


def test_register_then_the_same_person_again_is_refused(employer: User, seeker: User) -> None:
    event = make_event(employer)
    registration = services.registration_create(user=seeker, event_id=event.pk)
    assert registration.email == seeker.email
    with pytest.raises(services.RegistrationRefused, match="既にお申し込み済み"):
        services.registration_create(user=seeker, event_id=event.pk)
    assert Registration.objects.count() == 1
    assert OutboxMessage.objects.filter(to_email=seeker.email).count() == 1


def test_the_last_seat_goes_to_one_person(employer: User) -> None:
    """Sequential on every database (the threaded race is test_concurrency.py, PostgreSQL)."""
    event = make_event(employer, capacity=1)
    services.registration_create(user=make_seeker(1), event_id=event.pk)
    with pytest.raises(services.RegistrationRefused, match="満席"):
        services.registration_create(user=make_seeker(2), event_id=event.pk)
    assert Registration.objects.filter(event=event).count() == 1
    assert OutboxMessage.objects.count() == 1


def test_refusals_store_nothing(employer: User, seeker: User, monkeypatch: pytest.MonkeyPatch) -> None:
    event = make_event(employer)
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: event.deadline + dt.timedelta(minutes=1))
    with pytest.raises(services.RegistrationRefused, match=r"申込締切（.*）を過ぎた"):
        services.registration_create(user=seeker, event_id=event.pk)
    monkeypatch.setattr(clock, "now", lambda: event.starts_at + dt.timedelta(minutes=1))
    with pytest.raises(services.RegistrationRefused, match="開始済み"):
        services.registration_create(user=seeker, event_id=event.pk)
    monkeypatch.setattr(clock, "now", real_now)
    services.event_cancel(user=employer, event=event)
    with pytest.raises(services.RegistrationRefused, match="中止"):
        services.registration_create(user=seeker, event_id=event.pk)
    with pytest.raises(services.RegistrationRefused, match="求職者のアカウント"):
        services.registration_create(user=employer, event_id=make_event(employer).pk)
    assert not Registration.objects.exists() and not OutboxMessage.objects.exists()


def test_cancel_until_the_start_and_register_again(
    employer: User, seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(employer, capacity=1)
    registration = services.registration_create(user=seeker, event_id=event.pk)
    services.registration_cancel(user=seeker, registration_id=registration.pk)
    with pytest.raises(services.RegistrationRefused, match="既にキャンセル"):
        services.registration_cancel(user=seeker, registration_id=registration.pk)
    # the seat is free again, and the same row comes back
    again = services.registration_create(user=seeker, event_id=event.pk)
    assert again.pk == registration.pk and again.status == RegistrationStatus.ACTIVE
    monkeypatch.setattr(clock, "now", lambda: event.starts_at)
    with pytest.raises(services.RegistrationRefused, match="開始済み"):
        services.registration_cancel(user=seeker, registration_id=registration.pk)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ACTIVE


def test_another_persons_registration_cannot_be_cancelled(employer: User, seeker: User) -> None:
    registration = services.registration_create(user=seeker, event_id=make_event(employer).pk)
    with pytest.raises(services.RegistrationRefused, match="見つかりません"):
        services.registration_cancel(user=make_seeker(9), registration_id=registration.pk)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ACTIVE


def test_the_name_shared_is_the_profile_name_else_the_display_name(employer: User) -> None:
    person = make_seeker(1, name="山田 花子")
    registration = services.registration_create(user=person, event_id=make_event(employer).pk)
    assert registration.name == "山田 花子"


# Reminders and cancellation notices ------------------------------------------------------------------------


def _tomorrow_event(employer: User) -> Event:
    start = clock.now() + dt.timedelta(days=1)
    return make_event(
        employer,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        deadline=start - dt.timedelta(hours=1),
    )


def test_reminder_goes_once_per_registration_however_often_it_runs(employer: User) -> None:
    event = _tomorrow_event(employer)
    later = make_event(employer)  # five days ahead: not yet
    people = [make_seeker(n) for n in range(3)]
    for p in people:
        services.registration_create(user=p, event_id=event.pk)
    services.registration_create(user=people[0], event_id=later.pk)
    cancelled = services.registration_create(user=make_seeker(7), event_id=event.pk)
    services.registration_cancel(user=cancelled.user, registration_id=cancelled.pk)
    OutboxMessage.objects.all().delete()
    # "tomorrow" is by the date in Japan: run at 09:00 JST today
    start_jst = event.starts_at.astimezone(clock.JST)
    run_at = dt.datetime.combine(start_jst.date() - dt.timedelta(days=1), dt.time(9), tzinfo=clock.JST)
    assert services.reminders_send(now=run_at) == 3
    assert services.reminders_send(now=run_at) == 0
    assert services.reminders_send(now=run_at + dt.timedelta(hours=1)) == 0
    subjects = list(OutboxMessage.objects.values_list("subject", flat=True))
    assert len(subjects) == 3 and all("明日は企業説明会" in s for s in subjects)


def test_no_reminder_for_a_cancelled_event(employer: User, seeker: User) -> None:
    event = _tomorrow_event(employer)
    services.registration_create(user=seeker, event_id=event.pk)
    services.event_cancel(user=employer, event=event)
    start_jst = event.starts_at.astimezone(clock.JST)
    run_at = dt.datetime.combine(start_jst.date() - dt.timedelta(days=1), dt.time(9), tzinfo=clock.JST)
    assert services.reminders_send(now=run_at) == 0


def test_cancelling_an_event_tells_each_registrant_once(employer: User) -> None:
    event = make_event(employer)
    people = [make_seeker(n) for n in range(2)]
    for p in people:
        services.registration_create(user=p, event_id=event.pk)
    OutboxMessage.objects.all().delete()
    assert services.event_cancel(user=employer, event=event) == 2
    with pytest.raises(services.EventInvalid) as exc:
        services.event_cancel(user=employer, event=event)
    assert "既に中止" in exc.value.errors["__all__"][0]
    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == sorted(p.email for p in people)
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.sequence == 1


def test_moving_an_event_tells_the_registrants_and_a_title_change_does_not(
    employer: User, seeker: User
) -> None:
    event = make_event(employer)
    services.registration_create(user=seeker, event_id=event.pk)
    OutboxMessage.objects.all().delete()
    services.event_update(
        user=employer,
        event=event,
        **event_data(
            title="新しいタイトル", starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline
        ),
    )
    assert not OutboxMessage.objects.exists()
    later = event.starts_at + dt.timedelta(days=1)
    services.event_update(
        user=employer,
        event=event,
        **event_data(starts_at=later, ends_at=later + dt.timedelta(hours=1), deadline=event.deadline),
    )
    assert OutboxMessage.objects.get().subject.startswith("【BOナビ】企業説明会の日時が変更されました")


def _change_login_address(user: User, new: str) -> str:
    from bonavi.accounts.services import email_changed_announce

    old = user.email
    user.email = new
    user.save(update_fields=["email"])
    email_changed_announce(user=user, old_email=old)
    return old


def test_mail_after_a_login_address_change_goes_to_the_new_address(employer: User, seeker: User) -> None:
    past = make_event(employer)
    upcoming = make_event(employer)
    old_past = services.registration_create(user=seeker, event_id=past.pk)
    reg = services.registration_create(user=seeker, event_id=upcoming.pk)
    # The first event has ended: its registration keeps the address the organiser was given then.
    Event.objects.filter(pk=past.pk).update(
        starts_at=clock.now() - dt.timedelta(days=2), ends_at=clock.now() - dt.timedelta(days=2, hours=-1)
    )
    old = _change_login_address(seeker, "moved@test.example")
    OutboxMessage.objects.all().delete()
    services.event_cancel(user=employer, event=upcoming)
    # The old address may be someone else's now: the join URL and the notices follow the login.
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["moved@test.example"]
    reg.refresh_from_db()
    old_past.refresh_from_db()
    assert reg.email == "moved@test.example"  # the organiser of a coming event can reach the person
    assert old_past.email == old


def test_mail_follows_the_account_even_when_the_copy_is_stale(employer: User, seeker: User) -> None:
    event = make_event(employer)
    services.registration_create(user=seeker, event_id=event.pk)
    User.objects.filter(pk=seeker.pk).update(email="admin-edit@test.example")  # no signal sent
    OutboxMessage.objects.all().delete()
    services.event_cancel(user=employer, event=event)
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == ["admin-edit@test.example"]


def test_registrations_lose_name_and_address_a_year_after_the_event_and_keep_the_count(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bonavi.events import selectors
    from bonavi.notifications import retention
    from bonavi.notifications.worker import duties

    old, recent = make_event(employer), make_event(employer)
    people = [make_seeker(n) for n in range(2)]
    for p in people:
        services.registration_create(user=p, event_id=old.pk)
        services.registration_create(user=p, event_id=recent.pk)
    now = clock.now()
    ended = now - dt.timedelta(days=366)
    Event.objects.filter(pk=old.pk).update(starts_at=ended - dt.timedelta(hours=1), ends_at=ended)
    Event.objects.filter(pk=recent.pk).update(
        starts_at=now - dt.timedelta(days=300, hours=1), ends_at=now - dt.timedelta(days=300)
    )
    monkeypatch.setattr(clock, "now", lambda: now)  # the command's moment, to compare anonymised_at with
    # The worker's duty and the command are the same call, on the outbox's retention beat (not a copy of it).
    assert {d.name: d.every for d in duties()}["events_retention"] == retention.EVERY_SECONDS
    out = io.StringIO()
    call_command("events_retention", stdout=out)
    assert "2件" in out.getvalue()
    assert services.registrations_anonymise(now=now) == 0  # idempotent
    for r in Registration.objects.filter(event=old):
        assert (r.name, r.email, r.anonymised_at) == ("", "", now)
        assert r.user_id is not None  # the person still sees it in their own list
    assert all(r.name and r.email for r in Registration.objects.filter(event=recent))
    # The organiser keeps a count, nothing else.
    assert not selectors.registrants_of(user=employer, event=old).exists()
    assert selectors.anonymised_count(user=employer, event=old) == 2


def _registration_updates(call: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    return sum(1 for q in ctx.captured_queries if q["sql"].startswith('UPDATE "events_registration"'))


def test_moving_or_cancelling_updates_the_registrations_in_one_statement(employer: User) -> None:
    event = make_event(employer)
    for n in range(3):
        services.registration_create(user=make_seeker(n), event_id=event.pk)
    later = event.starts_at + dt.timedelta(days=1)
    move = event_data(starts_at=later, ends_at=later + dt.timedelta(hours=1), deadline=event.deadline)
    assert _registration_updates(lambda: services.event_update(user=employer, event=event, **move)) == 1
    assert _registration_updates(lambda: services.event_cancel(user=employer, event=event)) == 1
    assert OutboxMessage.objects.filter(subject__contains="中止").count() == 3
    assert Registration.objects.filter(event=event, cancel_notice_at__isnull=False).count() == 3


def test_create_and_update_take_one_set_of_fields_and_refuse_a_misspelt_one(employer) -> None:
    """event_create and event_update share services.EventFields; a name outside it is a programming error, as a
    misspelt keyword argument was when each function listed the twelve names itself."""
    event = services.event_create(user=employer, **online(capacity=5, venue=""))
    moved = services.event_update(user=employer, event=event, **online(capacity=7))
    assert moved.capacity == 7
    with pytest.raises(TypeError, match="titel"):
        services.event_create(user=employer, **online(), titel="説明会")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="capasity"):
        services.event_update(user=employer, event=event, **online(), capasity=3)  # type: ignore[call-arg]


def test_a_long_event_title_is_cut_with_an_ellipsis_in_the_subject(employer: User, seeker: User) -> None:
    event = make_event(employer, title="簿記" * 49 + "末尾")  # 100 characters, the longest allowed
    services.registration_create(user=seeker, event_id=event.pk)
    subject = OutboxMessage.objects.get().subject
    assert "末尾" not in subject and subject.endswith("簿記簿…"), subject
