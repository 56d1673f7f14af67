"""Text that people type ends up in mail headers (a posting's title in the 応募 subject, an agency's name …): a line
break in it must neither add a header nor stop the outbox."""

from __future__ import annotations

import pytest

from bonavi.notifications import services
from bonavi.notifications.models import MessageKind, MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox

pytestmark = pytest.mark.django_db


def test_a_line_break_in_a_subject_adds_no_header_and_blocks_no_other_mail(smtp_inbox: Inbox) -> None:
    hostile = services.message_queue(
        kind=MessageKind.APPLICATION,
        to_email="seeker@test.example",
        subject="【BOナビ】応募を受け付けました（経理\r\nBcc: victim@evil.example\n）",
        body="本文",
    )
    after = services.message_queue(
        kind=MessageKind.ACCOUNT, to_email="other@test.example", subject="件名", body="本文"
    )
    report = outbox_drain()
    assert report.sent == 2
    received = smtp_inbox.wait_for(2)
    assert sorted(r for rs in smtp_inbox.recipients for r in rs) == [
        "other@test.example",
        "seeker@test.example",
    ]
    first = next(m for m in received if m["To"] == "seeker@test.example")
    assert first["Bcc"] is None
    assert str(first["Subject"]).strip() == "【BOナビ】応募を受け付けました（経理 Bcc: victim@evil.example ）"
    for m in (hostile, after):
        m.refresh_from_db()
        assert m.status == MessageStatus.SENT


def test_a_row_queued_with_a_line_break_before_the_fix_is_still_sent(smtp_inbox: Inbox) -> None:
    message = services.message_queue(
        kind=MessageKind.ACCOUNT, to_email="seeker@test.example", subject="件名", body="本文"
    )
    OutboxMessage.objects.filter(pk=message.pk).update(subject="件名\nBcc: victim@evil.example")
    assert outbox_drain().sent == 1
    (received,) = smtp_inbox.wait_for(1)
    assert received["Bcc"] is None and smtp_inbox.recipients == [["seeker@test.example"]]


def test_a_subject_is_folded_like_a_name(smtp_inbox: Inbox) -> None:
    """The outbox folded only line breaks: a tab, a run of spaces or a control character typed into a title went into
    the subject as it was (and a NUL stops PostgreSQL storing the row). One rule now, the names' (core.text)."""
    message = services.message_queue(
        kind=MessageKind.APPLICATION,
        to_email="seeker@test.example",
        subject="【BOナビ】応募\tを受け付けました（経理  事務\x00）",
        body="本文",
    )
    assert message.subject == "【BOナビ】応募 を受け付けました（経理 事務）"
    assert outbox_drain().sent == 1
    (received,) = smtp_inbox.wait_for(1)
    assert str(received["Subject"]).strip() == "【BOナビ】応募 を受け付けました（経理 事務）"
