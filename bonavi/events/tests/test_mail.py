"""Mails through the outbox to a real SMTP server (aiosmtpd on loopback): each sent once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.events import services
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of

from .factories import make_event, make_seeker, online

pytestmark = pytest.mark.django_db


def test_confirmation_with_join_url_and_ics_link_then_cancellation(employer: User, smtp_inbox: Inbox) -> None:
    event = services.event_create(user=employer, **online())
    person = make_seeker(1)
    registration = services.registration_create(user=person, event_id=event.pk)
    outbox_drain()
    (mail,) = smtp_inbox.wait_for(1)
    body = text_of(mail)
    assert mail["To"] == person.email and "お申し込みを受け付けました" in str(mail["Subject"])
    assert event.join_url in body and f"/events/{event.pk}/event.ics" in body
    assert "お名前とメールアドレスをお知らせしています" in body
    smtp_inbox.clear()
    services.registration_cancel(user=person, registration_id=registration.pk)
    outbox_drain()
    outbox_drain()
    (mail,) = smtp_inbox.wait_for(1)
    assert "キャンセルを受け付けました" in str(mail["Subject"]) and event.join_url not in text_of(mail)


def test_reminder_command_twice_mails_once(
    employer: User, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = clock.now() + dt.timedelta(days=1)
    event = make_event(employer, starts_at=start, ends_at=start + dt.timedelta(hours=1), deadline=start)
    person = make_seeker(1)
    services.registration_create(user=person, event_id=event.pk)
    outbox_drain()
    smtp_inbox.wait_for(1)
    smtp_inbox.clear()
    run_at = dt.datetime.combine(
        event.starts_at.astimezone(clock.JST).date() - dt.timedelta(days=1), dt.time(9), tzinfo=clock.JST
    )
    monkeypatch.setattr(clock, "now", lambda: run_at)
    call_command("events_remind")
    call_command("events_remind")
    outbox_drain()
    messages = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(messages) == 1 and "明日は企業説明会です" in str(messages[0]["Subject"])
    assert "東京都千代田区丸の内" in text_of(messages[0])


def test_event_cancellation_mails_each_registrant_once(employer: User, smtp_inbox: Inbox) -> None:
    event = make_event(employer)
    people = [make_seeker(n) for n in range(3)]
    for p in people:
        services.registration_create(user=p, event_id=event.pk)
    left = services.registration_create(user=make_seeker(9), event_id=event.pk)
    services.registration_cancel(user=left.user, registration_id=left.pk)
    outbox_drain()
    smtp_inbox.wait_for(5)
    smtp_inbox.clear()
    services.event_cancel(user=employer, event=event)
    with pytest.raises(services.EventInvalid):
        services.event_cancel(user=employer, event=event)
    outbox_drain()
    outbox_drain()
    messages = smtp_inbox.wait_for(4, timeout=1.0)
    assert sorted(m["To"] for m in messages) == sorted(p.email for p in people)
    assert all("中止になりました" in str(m["Subject"]) for m in messages)


def test_the_calendar_line_says_what_needs_a_login(employer: User) -> None:
    from bonavi.events import mail

    onsite, web = make_event(employer), services.event_create(user=employer, **online())
    # The .ics downloads without logging in; only the join URL inside it needs the registrant's login.
    onsite_line = next(line for line in mail.registered(onsite)[1].splitlines() if ".ics" in line)
    web_line = next(line for line in mail.registered(web)[1].splitlines() if ".ics" in line)
    assert onsite_line.startswith("カレンダーに追加（.ics）：") and "ログイン" not in onsite_line
    assert web_line.startswith("カレンダーに追加（.ics。参加URLは、ログインしてから取り込むと入ります）：")


def test_a_waiters_facts_are_the_registrants_without_the_join_url_and_the_calendar(employer: User) -> None:
    """A waiter's mail says the same facts as a registrant's, less the join URL (an active registrant's alone,
    ADR 0084) and the .ics line."""
    from bonavi.events import mail

    for event in (make_event(employer), services.event_create(user=employer, **online())):
        registrant = mail.registered(event)[1].splitlines()
        for waiter in (
            mail.waiting_joined(event, position=1)[1].splitlines(),
            mail.event_changed(
                event,
                changes=[mail.Change("日時", "2026年1月1日（木）10:00〜11:00"), mail.Change("会場", "大阪")],
                waiting=True,
            )[1].splitlines(),
        ):
            for head in ("説明会：", "主催：", "日時："):  # 説明会・主催・日時
                assert [x for x in waiter if x.startswith(head)] == [
                    x for x in registrant if x.startswith(head)
                ]
            assert not any(".ics" in line for line in waiter) and any(".ics" in line for line in registrant)
            assert any(line.startswith("説明会のページ：") for line in waiter)
            assert not any(event.join_url and event.join_url in line for line in waiter)
            if event.is_online:
                assert "参加URL：繰り上げでお申し込みが確定したときにお送りします" in waiter
            else:
                assert [line for line in waiter if line.startswith("会場：")] == [
                    line for line in registrant if line.startswith("会場：")
                ]
