"""キャンセル待ち (ADR 0084), one step after another on every database: the line's order, promotion when a seat
frees (a cancellation, a raised capacity, 退会), never after the deadline, the notices, and who sees what.
The threaded races are in test_concurrency.py (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.events import mail, selectors, services
from bonavi.events.models import Event, Registration, RegistrationStatus
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import mydata

from .factories import PASSWORD, event_data, make_event, make_seeker, online

pytestmark = pytest.mark.django_db

WAITING = RegistrationStatus.WAITING
ACTIVE = RegistrationStatus.ACTIVE


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.login(email=user.email, password=PASSWORD)
    return client


def _wait(user: User, event: Event) -> Registration:
    return services.registration_create(user=user, event_id=event.pk, waitlist=True)


def _status(user: User, event: Event) -> str:
    return Registration.objects.get(user=user, event=event).status


def _mails_to(user: User, words: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=user.email, subject__contains=words))


def _full_online_event(employer: User, waiters: int = 2) -> tuple[Event, User, list[User]]:
    """Capacity 1, one registrant, then `waiters` people in line in this order."""
    event = services.event_create(user=employer, **online(capacity=1))
    holder = make_seeker(100)
    services.registration_create(user=holder, event_id=event.pk)
    line = [make_seeker(n) for n in range(waiters)]
    for person in line:
        assert _wait(person, event).status == WAITING
    return event, holder, line


# The line ------------------------------------------------------------------------------------------------------


def test_a_full_event_puts_people_in_line_in_order_and_they_do_not_take_seats(employer: User) -> None:
    event, _, (first, second) = _full_online_event(employer)
    # Registering without the waiting list is still refused, and says that the line exists.
    with pytest.raises(services.RegistrationRefused, match=r"満席.*キャンセル待ちには登録できます"):
        services.registration_create(user=make_seeker(9), event_id=event.pk)
    with pytest.raises(services.RegistrationRefused, match=r"既にキャンセル待ちで登録済みです（1番目）"):
        _wait(first, event)
    positions = [
        selectors.waiting_position(registration=Registration.objects.get(user=p, event=event))
        for p in (first, second)
    ]
    assert positions == [1, 2]
    assert [r.user for r in selectors.waiting_line(event_id=event.pk)] == [first, second]
    listed = selectors.event_get_public(pk=event.pk)
    assert listed is not None and selectors.seats_left(listed) == 0
    assert Registration.objects.filter(event=event, status=ACTIVE).count() == 1
    # The waiter's confirmation names the place and never the join URL (theirs only once promoted).
    (joined,) = _mails_to(second, "キャンセル待ちに登録しました")
    assert "現在 2番目" in joined.body_text and event.join_url not in joined.body_text
    assert (
        selectors.join_url_for(event=event, registration=selectors.registration_of(user=first, event=event))
        is None
    )


def test_a_free_seat_is_simply_given_to_someone_asking_for_the_line(employer: User, seeker: User) -> None:
    event = make_event(employer, capacity=1)
    assert _wait(seeker, event).status == ACTIVE
    assert _mails_to(seeker, "お申し込みを受け付けました")


def test_a_cancellation_promotes_the_first_waiter_and_mails_them_once(employer: User) -> None:
    event, holder, (first, second) = _full_online_event(employer)
    registration = Registration.objects.get(user=holder, event=event)
    services.registration_cancel(user=holder, registration_id=registration.pk)
    assert _status(first, event) == ACTIVE and _status(second, event) == WAITING
    promoted = Registration.objects.get(user=first, event=event)
    assert promoted.promoted_at is not None
    (notice,) = _mails_to(first, "キャンセル待ちから参加登録になりました")
    assert event.join_url in notice.body_text  # now a registrant: the join rules of ADR 0083 apply
    assert selectors.join_url_for(
        event=event, registration=selectors.registration_of(user=first, event=event)
    )
    assert selectors.waiting_position(registration=Registration.objects.get(user=second, event=event)) == 1
    assert not _mails_to(second, "参加登録になりました")
    assert Registration.objects.filter(event=event, status=ACTIVE).count() == 1


def test_the_promotion_is_in_the_cancellations_transaction(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the promotion fails, the cancellation does not happen either: no seat is ever left free with people
    waiting."""
    event, holder, (first,) = _full_online_event(employer, waiters=1)

    def broken(event: Event) -> tuple[str, str]:
        raise RuntimeError("mail text failed")

    monkeypatch.setattr(mail, "promoted", broken)
    registration = Registration.objects.get(user=holder, event=event)
    with pytest.raises(RuntimeError):
        services.registration_cancel(user=holder, registration_id=registration.pk)
    assert _status(holder, event) == ACTIVE and _status(first, event) == WAITING


def test_leaving_the_line_frees_no_seat_and_moves_the_others_up(employer: User) -> None:
    event, holder, (first, second) = _full_online_event(employer)
    before = OutboxMessage.objects.count()
    services.registration_cancel(user=first, registration_id=Registration.objects.get(user=first).pk)
    assert _status(first, event) == RegistrationStatus.CANCELLED and _status(holder, event) == ACTIVE
    assert selectors.waiting_position(registration=Registration.objects.get(user=second, event=event)) == 1
    assert OutboxMessage.objects.count() == before
    # Back in line means the back of the line.
    assert _wait(first, event).status == WAITING
    assert selectors.waiting_position(registration=Registration.objects.get(user=first, event=event)) == 2


def test_raising_the_capacity_promotes_as_many_as_the_new_seats(employer: User) -> None:
    event, _holder, line = _full_online_event(employer, waiters=3)
    data = online(capacity=3, starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline)
    services.event_update(user=employer, event=event, **data)
    assert [_status(p, event) for p in line] == [ACTIVE, ACTIVE, WAITING]
    assert sum(len(_mails_to(p, "参加登録になりました")) for p in line) == 2
    # Lowering it again demotes nobody (and below the registered count is refused, as before).
    with pytest.raises(services.EventInvalid, match="説明会を保存できません"):
        services.event_update(user=employer, event=event, **data | {"capacity": 2})


def test_no_promotion_after_the_deadline_or_the_start(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    monkeypatch.setattr(clock, "now", lambda: event.deadline + dt.timedelta(minutes=1))
    services.registration_cancel(user=holder, registration_id=Registration.objects.get(user=holder).pk)
    assert _status(first, event) == WAITING
    assert not _mails_to(first, "参加登録になりました")
    # Nor can anyone join the line then.
    with pytest.raises(services.RegistrationRefused, match="申込締切"):
        _wait(make_seeker(8), event)


def test_leaving_the_site_gives_the_seat_to_the_first_waiter_and_takes_the_leavers_place(
    employer: User,
) -> None:
    event, holder, (first, second, third) = _full_online_event(employer, waiters=3)
    mydata.account_delete(user=second)  # a waiter leaves: out of the line, nothing else changes
    assert Registration.objects.filter(event=event, status=WAITING).count() == 2
    mydata.account_delete(user=holder)
    assert _status(first, event) == ACTIVE and _status(third, event) == WAITING
    assert len(_mails_to(first, "参加登録になりました")) == 1
    assert selectors.waiting_position(registration=Registration.objects.get(user=third, event=event)) == 1
    gone = Registration.objects.filter(event=event, user__isnull=True)
    assert gone.count() == 2 and all(r.status == RegistrationStatus.CANCELLED and not r.email for r in gone)


# When the line ends -------------------------------------------------------------------------------------------


def test_at_the_deadline_each_waiter_is_told_once_that_no_seat_came_up(
    employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bonavi.notifications.worker import duties

    event, holder, line = _full_online_event(employer)
    start = event.starts_at + dt.timedelta(days=2)
    other = make_event(  # its deadline is still ahead: its waiter stays in line
        employer, capacity=1, starts_at=start, ends_at=start + dt.timedelta(hours=1), deadline=start
    )
    services.registration_create(user=make_seeker(50), event_id=other.pk)
    in_line = _wait(make_seeker(51), other)
    assert services.waiting_close(now=event.deadline) == 0  # not yet: the deadline itself still takes people
    after = event.deadline + dt.timedelta(minutes=5)
    assert services.waiting_close(now=after) == 2
    assert services.waiting_close(now=after + dt.timedelta(hours=1)) == 0
    for person in line:
        (notice,) = _mails_to(person, "キャンセル待ちの結果")
        assert "席が空かなかった" in notice.body_text and event.join_url not in notice.body_text
        # where to look for another one, as a link rather than a page name to search for
        assert "説明会の一覧からお探しいただけます：" + settings.SITE_URL + "/events/" in notice.body_text
    in_line.refresh_from_db()
    assert in_line.no_seat_notice_at is None
    # The worker runs it hourly, and the cron command events_remind too.
    assert {d.name: d.every for d in duties()}["events_waiting_close"] == services.EVERY_SECONDS
    monkeypatch.setattr(clock, "now", lambda: after)
    out = io.StringIO()
    call_command("events_remind", stdout=out)
    assert "キャンセル待ちの締切のお知らせ：0件" in out.getvalue()
    # A line that has ended promotes nobody, even if the organiser later moves the deadline.
    services.registration_cancel(user=holder, registration_id=Registration.objects.get(user=holder).pk)
    assert all(_status(p, event) == WAITING for p in line)
    # Nor are those waiters told again when the event is then cancelled.
    before = OutboxMessage.objects.count()
    assert services.event_cancel(user=employer, event=event) == 0
    assert OutboxMessage.objects.count() == before


def test_cancelling_the_event_tells_registrants_and_waiters_once_without_the_join_url_for_waiters(
    employer: User,
) -> None:
    event, _holder, line = _full_online_event(employer)
    assert services.event_cancel(user=employer, event=event) == 3
    for person in line:
        (notice,) = _mails_to(person, "中止")
        assert (
            "キャンセル待ちに登録いただいていた" in notice.body_text
            and event.join_url not in notice.body_text
        )
    with pytest.raises(services.EventInvalid):
        services.event_cancel(user=employer, event=event)
    assert services.waiting_close(now=event.deadline + dt.timedelta(minutes=1)) == 0
    assert OutboxMessage.objects.filter(subject__contains="中止").count() == 3


def test_moving_the_event_tells_waiters_without_the_join_url(employer: User) -> None:
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    later = event.starts_at + dt.timedelta(days=1)
    services.event_update(
        user=employer,
        event=event,
        **online(capacity=1, starts_at=later, ends_at=later + dt.timedelta(hours=1), deadline=event.deadline),
    )
    (mine,) = _mails_to(first, "変更されました")
    (theirs,) = _mails_to(holder, "変更されました")
    assert event.join_url not in mine.body_text and "キャンセル待ち" in mine.body_text
    assert event.join_url in theirs.body_text


def test_the_change_notice_names_what_changed_and_what_it_was(employer: User) -> None:
    """「日時または会場を変更しました」 left the reader to compare with their calendar: the mail names the changed
    item in its subject and opening and says the earlier value."""
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    old_when = event.when_display
    later = event.starts_at + dt.timedelta(days=1)
    services.event_update(
        user=employer,
        event=event,
        **online(capacity=1, starts_at=later, ends_at=later + dt.timedelta(hours=1), deadline=event.deadline),
    )
    event.refresh_from_db()
    for person in (holder, first):
        (notice,) = _mails_to(person, "変更されました")
        assert notice.subject.startswith("【BOナビ】企業説明会の日時が変更されました：")
        assert "主催企業が日時を変更しました。" in notice.body_text
        assert (
            f"変更前の日時：{old_when}" in notice.body_text
            and f"日時：{event.when_display}" in notice.body_text
        )
        assert "変更前の会場" not in notice.body_text
    OutboxMessage.objects.all().delete()
    services.event_update(
        user=employer,
        event=event,
        **event_data(capacity=1, starts_at=event.starts_at, ends_at=event.ends_at, deadline=event.deadline),
    )
    (notice,) = _mails_to(holder, "変更されました")
    assert notice.subject.startswith("【BOナビ】企業説明会の会場が変更されました：")
    assert "変更前の会場：オンライン" in notice.body_text and "会場：東京都千代田区丸の内" in notice.body_text


def test_a_new_join_url_alone_is_told_to_registrants_not_to_waiters(employer: User) -> None:
    """A waiter cannot see the join URL, so a mail to them about it said a time or place changed that had not."""
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    services.event_update(
        user=employer,
        event=event,
        **online(
            capacity=1,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            deadline=event.deadline,
            join_url="https://meet.example.com/another-room-7",
        ),
    )
    (notice,) = _mails_to(holder, "変更されました")
    assert notice.subject.startswith("【BOナビ】企業説明会の参加URLが変更されました：")
    assert "参加URL：https://meet.example.com/another-room-7" in notice.body_text
    assert _mails_to(first, "変更されました") == []


def test_moving_the_event_and_adding_seats_mails_a_promoted_waiter_once_with_the_new_time(
    employer: User,
) -> None:
    """Promoted first: the promotion mail carries the new time, and the waiters' change notice (which says to
    withdraw from the line) goes only to those still in it."""
    event, holder, (first, second) = _full_online_event(employer)
    later = event.starts_at + dt.timedelta(days=1)
    mark = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    services.event_update(
        user=employer,
        event=event,
        **online(capacity=2, starts_at=later, ends_at=later + dt.timedelta(hours=1), deadline=event.deadline),
    )
    event.refresh_from_db()
    assert _status(first, event) == ACTIVE and _status(second, event) == WAITING
    (promotion,) = OutboxMessage.objects.filter(to_email=first.email, pk__gt=mark)
    assert "参加登録になりました" in promotion.subject
    assert event.when_display in promotion.body_text and event.join_url in promotion.body_text
    (still_waiting,) = _mails_to(second, "変更されました")
    assert "キャンセル待ちを取り消してください" in still_waiting.body_text
    assert len(_mails_to(holder, "変更されました")) == 1


# Pages, API, マイデータ, retention ----------------------------------------------------------------------------


def test_the_full_event_page_offers_the_line_with_the_consent_line(employer: User) -> None:
    event, holder, _ = _full_online_event(employer, waiters=0)
    person = make_seeker(7)
    client = _client(person)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "キャンセル待ちに登録する" in page and "主催企業に、氏名とメールアドレスが伝わります" in page
    assert "この説明会に申し込む" not in page
    refused = client.post(f"/events/{event.pk}/wait/")
    assert refused.status_code == 422 and "同意（チェック）が必要です" in refused.content.decode()
    assert not Registration.objects.filter(user=person).exists()
    done = client.post(f"/events/{event.pk}/wait/", {"confirm": "on"}, follow=True).content.decode()
    assert "キャンセル待ちに登録しました（1番目）" in done
    assert "キャンセル待ち 1番目" in done and "キャンセル待ちを取り消す" in done
    assert event.join_url not in done
    assert "キャンセル待ち 1番目" in client.get("/me/events/").content.decode()
    assert "ログインしてキャンセル待ちに登録する" in _client().get(f"/events/{event.pk}/").content.decode()
    withdrawn = client.post(f"/events/{event.pk}/cancel/", follow=True).content.decode()
    assert "キャンセル待ちを取り消しました" in withdrawn
    assert _status(person, event) == RegistrationStatus.CANCELLED and _status(holder, event) == ACTIVE


def test_the_promoted_person_sees_they_are_registered(employer: User) -> None:
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    services.registration_cancel(user=holder, registration_id=Registration.objects.get(user=holder).pk)
    page = _client(first).get(f"/events/{event.pk}/").content.decode()
    assert "参加登録済み" in page and "キャンセル待ちから繰り上げ" in page and event.join_url in page


def test_the_organiser_sees_waiters_apart_in_their_order(employer: User, other_employer: User) -> None:
    event, _holder, _line = _full_online_event(employer, waiters=0)
    for n, name in ((1, "一番 待子"), (2, "二番 待男")):
        _wait(make_seeker(n, name=name), event)
    page = _client(employer).get(f"/employer/events/{event.pk}/").content.decode()
    registrants, waiters = page.split('id="waiters"')
    assert "求職 100" in registrants and "待子" not in registrants
    assert "キャンセル待ち（2人）" in waiters
    assert waiters.index("<td>1</td><td>一番 待子</td>") < waiters.index("<td>2</td><td>二番 待男</td>")
    assert "定員 1人" in page and "満席" in page  # the capacity counts the registered person only
    assert "キャンセル待ち 2人" in _client(employer).get("/employer/events/").content.decode()
    assert "一番 待子" not in _client(other_employer).get(f"/employer/events/{event.pk}/").content.decode()


def test_the_organiser_numbers_and_counts_only_those_in_line(employer: User) -> None:
    """A waiter told at the deadline that no seat came up has left the line: after the deadline is moved and
    someone joins, the newcomer is 1st on the organiser's page as in their own, and the header counts them only."""
    event, _holder, _line = _full_online_event(employer, waiters=0)
    _wait(make_seeker(1, name="終了 待子"), event)
    assert services.waiting_close(now=event.deadline + dt.timedelta(minutes=1)) == 1
    # The organiser moves the deadline; the line takes people again.
    later = event.deadline + dt.timedelta(hours=1)
    services.event_update(
        user=employer,
        event=event,
        **online(capacity=1, starts_at=event.starts_at, ends_at=event.ends_at, deadline=later),
    )
    newcomer = _wait(make_seeker(2, name="新規 待男"), event)
    assert selectors.waiting_position(registration=newcomer) == 1
    waiters = _client(employer).get(f"/employer/events/{event.pk}/").content.decode().split('id="waiters"')[1]
    assert "キャンセル待ち（1人）" in waiters
    assert "<td>1</td><td>新規 待男</td>" in waiters
    assert waiters.index("新規 待男") < waiters.index("<td>終了</td><td>終了 待子</td>")
    assert "繰り上げの対象外" in waiters
    assert "キャンセル待ち 1人" in _client(employer).get("/employer/events/").content.decode()


def test_the_api_says_the_callers_own_standing_and_nobody_elses(employer: User) -> None:
    event, holder, (first, second) = _full_online_event(employer)

    def detail(user: User | None) -> dict[str, object]:
        return json.loads(_client(user).get(f"/api/v1/events/{event.pk}").content)

    assert (detail(holder)["my_status"], detail(holder)["waiting_position"]) == ("registered", None)
    assert (detail(second)["my_status"], detail(second)["waiting_position"]) == ("waiting", 2)
    assert detail(second)["join_url"] is None
    for user in (None, make_seeker(9), employer):
        answer = detail(user)
        assert (answer["my_status"], answer["waiting_position"]) == (None, None)
    raw = _client(second).get(f"/api/v1/events/{event.pk}").content.decode()
    assert first.email not in raw and holder.email not in raw and "求職 0" not in raw
    assert detail(second)["seats_left"] == 0


def test_the_api_tells_a_cancelled_event_from_a_line_ended_at_the_deadline(employer: User) -> None:
    """The deadline passed without a seat is "waiting_closed" (ADR 0084); a waiter or a registrant whose event
    was cancelled is told "event_cancelled" instead, and the schema names both."""
    event, holder, (first,) = _full_online_event(employer, waiters=1)
    services.event_cancel(user=employer, event=event)
    closed = services.event_create(user=employer, **online(capacity=1))
    services.registration_create(user=make_seeker(60), event_id=closed.pk)
    second = make_seeker(61)
    _wait(second, closed)
    assert services.waiting_close(now=closed.deadline + dt.timedelta(minutes=1)) == 1

    def standing(user: User, on: Event) -> tuple[object, object]:
        answer = json.loads(_client(user).get(f"/api/v1/events/{on.pk}").content)
        return answer["my_status"], answer["waiting_position"]

    assert standing(first, event) == ("event_cancelled", None)
    assert standing(holder, event) == ("event_cancelled", None)  # its seat ended too: not "registered"
    assert standing(second, closed) == ("waiting_closed", None)
    schema = json.loads(_client().get("/api/v1/openapi.json").content)["components"]["schemas"]
    described = schema["EventDetailOut"]["properties"]["my_status"]["description"]
    assert "event_cancelled" in described and "waiting_closed" in described


def test_mydata_lists_places_in_line_and_retention_blanks_them_after_a_year(employer: User) -> None:
    event, _holder, (first,) = _full_online_event(employer, waiters=1)
    (row,) = mydata.mydata_export(user=first)["event_registrations"]
    assert row["status"] == "キャンセル待ち" and row["shared_with_organizer"]["email"] == first.email
    assert row["promoted_from_waiting_at"] is None and row["waiting_ended_at"] is None
    ended = clock.now() - dt.timedelta(days=400)
    Event.objects.filter(pk=event.pk).update(starts_at=ended - dt.timedelta(hours=1), ends_at=ended)
    assert services.registrations_anonymise() == 2
    waiting = Registration.objects.get(user=first, event=event)
    assert (waiting.name, waiting.email) == ("", "") and waiting.anonymised_at is not None


def test_the_privacy_page_names_the_waiting_list(client: Client) -> None:
    html = client.get("/privacy/").content.decode()
    third = html.split('id="h-third"')[1].split("</section>")[0]
    retention = html.split('id="h-retention"')[1].split("</section>")[0]
    assert "キャンセル待ち" in third and "キャンセル待ち" in retention


def test_a_change_finer_than_the_minutes_shown_mails_nobody(employer: User) -> None:
    """The notice fell back to 「日時・会場が変更されました」 when the times differed only in seconds: registrants
    and waiters were told of a change they could not see."""
    event, _holder, _line = _full_online_event(employer, waiters=1)
    OutboxMessage.objects.all().delete()

    def nudged(moment: dt.datetime) -> dt.datetime:  # other seconds, the same minute
        return moment.replace(second=(moment.second + 30) % 60, microsecond=0)

    starts_at, ends_at = nudged(event.starts_at), nudged(event.ends_at)
    services.event_update(
        user=employer,
        event=event,
        **online(capacity=1, starts_at=starts_at, ends_at=ends_at, deadline=event.deadline),
    )
    event.refresh_from_db()
    assert (event.sequence, event.starts_at, event.ends_at) == (1, starts_at, ends_at)  # the edit was saved
    assert not OutboxMessage.objects.exists()
