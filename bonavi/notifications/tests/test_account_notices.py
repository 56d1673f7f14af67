"""Account notices (ADR 0077) go through the outbox: 「パスワードが変更されました」 and 「メールアドレスが変更されました」
are queued in the change's transaction, sent once by the worker, retried when the mail server refuses, and
blanked after the retention period like every other mail. Over a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.accounts.services import email_mask
from bonavi.core import clock
from bonavi.notifications.models import MessageKind, MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.retention import outbox_retention
from bonavi.notifications.services import notifications_erase
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Long-enough-1"  # the conftest users' password
NEW_PASSWORD = "Shin-Pass-2026!"
PASSWORD_SUBJECT = "【BOナビ】パスワードが変更されました"
ADDRESS_SUBJECT = "【BOナビ】メールアドレスが変更されました"


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _change_password(client: Client, current: str = PASSWORD, new: str = NEW_PASSWORD) -> None:
    data = {"current_password": current, "new_password1": new, "new_password2": new}
    assert client.post("/accounts/password/", data).status_code == 302


def _change_address(client: Client, inbox: Inbox, new_email: str, password: str) -> None:
    """Ask for `new_email`, follow the link mailed to it (sent at once, not through the outbox) and confirm."""
    assert client.post("/accounts/email/", {"new_email": new_email, "password": password}).status_code == 302
    link_mail = [m for m in inbox.wait_for(1) if m["To"] == new_email][-1]
    found = re.search(r"(/accounts/email/confirm/\S+/)", text_of(link_mail))
    assert found is not None
    assert client.post(found.group(1)).status_code == 302
    inbox.clear()


def _subject(message: Any) -> str:
    return str(message["Subject"]).strip()  # the header arrives folded after "Subject:"


def _account_rows() -> Any:
    return OutboxMessage.objects.filter(kind=MessageKind.ACCOUNT).order_by("id")


def test_a_password_notice_is_queued_with_the_change_and_delivered_exactly_once(
    smtp_inbox: Inbox, seeker: User
) -> None:
    _change_password(_logged_in(seeker))
    (row,) = _account_rows()
    assert (row.status, row.to_email, row.user) == (MessageStatus.PENDING, seeker.email, seeker)
    assert smtp_inbox.messages == []  # the person did not wait for the mail server

    assert outbox_drain().sent == 1
    assert outbox_drain().sent == 0  # a second worker run finds nothing left to send
    [notice] = smtp_inbox.wait_for(2, timeout=0.5)
    assert notice["To"] == seeker.email and _subject(notice) == PASSWORD_SUBJECT
    assert "心当たりがない場合" in text_of(notice) and NEW_PASSWORD not in text_of(notice)
    # when it happened, in Japan time with its 曜日 like the other dates the site mails
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日（[月火水木金土日]）\d\d:\d\dに、", text_of(notice))
    row.refresh_from_db()
    assert row.status == MessageStatus.SENT and notice["Message-ID"] == row.message_id


def test_a_refused_notice_stays_queued_and_a_later_worker_run_delivers_it(
    smtp_inbox: Inbox, seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp_inbox.refuse.add(seeker.email)
    _change_password(_logged_in(seeker))
    first = outbox_drain()
    assert (first.sent, first.retried) == (0, 1)
    (row,) = _account_rows()
    assert row.status == MessageStatus.PENDING and row.attempts == 1 and "550" in row.last_error

    smtp_inbox.refuse.clear()
    assert outbox_drain().sent == 0  # backing off: not due again for a minute
    later = row.next_attempt_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert outbox_drain().sent == 1
    [notice] = smtp_inbox.wait_for(1)
    assert notice["To"] == seeker.email and _subject(notice) == PASSWORD_SUBJECT
    row.refresh_from_db()
    assert row.status == MessageStatus.SENT and row.attempts == 2


def test_quick_changes_tell_each_address_that_held_the_login(smtp_inbox: Inbox, seeker: User) -> None:
    """A new password, then the address moved twice, all before the worker runs. Each notice goes to the address
    that held the login when it happened, even though queued mail for the account follows a new address."""
    first, second, third = seeker.email, "second@example.jp", "third@sample.jp"
    client = _logged_in(seeker)
    _change_password(client)
    _change_address(client, smtp_inbox, second, NEW_PASSWORD)
    _change_address(client, smtp_inbox, third, NEW_PASSWORD)
    assert _account_rows().filter(status=MessageStatus.PENDING).count() == 3

    assert outbox_drain().sent == 3
    received = {(m["To"], _subject(m)): text_of(m) for m in smtp_inbox.wait_for(3)}
    assert set(received) == {
        (first, PASSWORD_SUBJECT),
        (first, ADDRESS_SUBJECT),
        (second, ADDRESS_SUBJECT),
    }
    assert email_mask(second) in received[first, ADDRESS_SUBJECT]
    assert re.search(
        r"\d{4}年\d{1,2}月\d{1,2}日（[月火水木金土日]）\d\d:\d\dに、", received[first, ADDRESS_SUBJECT]
    )
    assert email_mask(third) in received[second, ADDRESS_SUBJECT]
    assert third not in received[second, ADDRESS_SUBJECT]


def test_a_password_set_through_the_reset_link_is_announced(smtp_inbox: Inbox, seeker: User) -> None:
    client = Client()
    client.post("/accounts/password/reset/", {"email": seeker.email})
    [reset_mail] = smtp_inbox.wait_for(1)
    found = re.search(r"(/accounts/password/reset/\S+/)", text_of(reset_mail))
    assert found is not None
    form_url = client.get(found.group(1), follow=True).redirect_chain[-1][0]
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(form_url, data).status_code == 302
    smtp_inbox.clear()

    assert outbox_drain().sent == 1
    [notice] = smtp_inbox.wait_for(1)
    assert notice["To"] == seeker.email and _subject(notice) == PASSWORD_SUBJECT


def test_changes_the_operator_makes_in_the_admin_are_announced(
    smtp_inbox: Inbox, seeker: User, operator: User
) -> None:
    old = seeker.email
    ops = _logged_in(operator)
    form = {"email": "Moved@Example.JP", "role": seeker.role, "is_active": "on"}
    assert ops.post(f"/admin/accounts/user/{seeker.pk}/change/", form).status_code == 302
    data = {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert ops.post(f"/admin/accounts/user/{seeker.pk}/password/", data).status_code == 302

    assert outbox_drain().sent == 2
    received = {(m["To"], _subject(m)): text_of(m) for m in smtp_inbox.wait_for(2)}
    assert set(received) == {(old, ADDRESS_SUBJECT), ("moved@example.jp", PASSWORD_SUBJECT)}
    assert "mo***@ex***.jp" in received[old, ADDRESS_SUBJECT]


def test_sent_notices_follow_the_retention_rules_and_go_with_the_account(
    smtp_inbox: Inbox, seeker: User, employer: User
) -> None:
    _change_password(_logged_in(seeker))
    _change_password(_logged_in(employer))
    assert outbox_drain().sent == 2
    seeker_row, employer_row = _account_rows()

    assert outbox_retention(now=clock.now() + dt.timedelta(days=31)).messages == 2
    seeker_row.refresh_from_db()
    assert (seeker_row.to_email, seeker_row.subject, seeker_row.body_text) == ("", "", "")
    assert seeker_row.status == MessageStatus.SENT  # the record that it went out stays

    notifications_erase(user=employer)  # 退会 deletes the person's mail rows outright
    assert not OutboxMessage.objects.filter(pk=employer_row.pk).exists()
