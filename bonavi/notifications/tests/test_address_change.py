"""After a person changes their login address (ADR 0077), every mail to them goes to the new one: mail already
queued but not yet sent, and digests queued later. Over real SMTP, the confirmation link included."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from bonavi.accounts.models import User
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import MessageKind, MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.services import message_queue
from bonavi.notifications.tests.helpers import due_search, posted
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db


def test_queued_mail_and_later_digests_follow_the_new_address(
    smtp_inbox: Inbox, employer: User, seeker: User
) -> None:
    old = seeker.email
    waiting = message_queue(
        kind=MessageKind.APPLICATION, to_email=old, subject="応募状況", body="本文", user=seeker
    )
    sent = message_queue(
        kind=MessageKind.APPLICATION, to_email=old, subject="送信済み", body="本文", user=seeker
    )
    OutboxMessage.objects.filter(pk=sent.pk).update(status=MessageStatus.SENT)
    # A row with no account link is not the account's (e.g. a 退会 notice queued for a deleted account).
    unlinked = message_queue(kind=MessageKind.ACCOUNT, to_email=old, subject="別件", body="本文")

    client = Client()
    client.force_login(seeker)
    response = client.post(
        "/accounts/email/", {"new_email": "moved@example.jp", "password": "pw-Long-enough-1"}
    )
    assert response.status_code == 302
    [link_mail] = smtp_inbox.wait_for(1)
    assert link_mail["To"] == "moved@example.jp"
    found = re.search(r"(/accounts/email/confirm/\S+/)", text_of(link_mail))
    assert found is not None
    assert client.post(found.group(1)).status_code == 302
    smtp_inbox.clear()
    # The notice to the old address is queued with the change and keeps its address (it is about the change).
    notice = OutboxMessage.objects.get(kind=MessageKind.ACCOUNT, user=seeker)
    assert notice.to_email == old and "mo***@ex***.jp" in notice.body_text

    waiting.refresh_from_db()
    sent.refresh_from_db()
    unlinked.refresh_from_db()
    assert (waiting.to_email, sent.to_email, unlinked.to_email) == ("moved@example.jp", old, old)

    assert employer.organization is not None
    due_search(seeker, "q=経理", name="経理")
    posted(employer.organization, title="経理スタッフ（月次決算）")
    digests_prepare()
    outbox_drain()
    received = {str(m["Subject"]).strip(): m["To"] for m in smtp_inbox.wait_for(4)}
    assert received.pop("別件") == received.pop("【BOナビ】メールアドレスが変更されました") == old
    assert len(received) == 2
    assert set(received.values()) == {"moved@example.jp"}
    assert {MessageKind.APPLICATION, MessageKind.DIGEST} == set(
        OutboxMessage.objects.filter(to_email="moved@example.jp", status=MessageStatus.SENT).values_list(
            "kind", flat=True
        )
    )


def test_an_address_changed_by_the_operator_in_the_admin_takes_queued_mail_along(
    seeker: User, operator: User
) -> None:
    old = seeker.email
    waiting = message_queue(
        kind=MessageKind.APPLICATION, to_email=old, subject="応募状況", body="本文", user=seeker
    )
    ops = Client()
    ops.force_login(operator)
    url = f"/admin/accounts/user/{seeker.pk}/change/"
    form = {"email": "Moved@Example.JP", "role": seeker.role, "is_active": "on"}
    response = ops.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    seeker.refresh_from_db()
    waiting.refresh_from_db()
    assert seeker.email == waiting.to_email == "moved@example.jp"
    # The old address is told, as after the person's own change: an operator can be talked into a change. The
    # notice is queued in the admin's transaction (its delivery: test_account_notices.py).
    notice = OutboxMessage.objects.get(kind=MessageKind.ACCOUNT, user=seeker)
    assert notice.to_email == old and "mo***@ex***.jp" in notice.body_text
    assert not mail.outbox
