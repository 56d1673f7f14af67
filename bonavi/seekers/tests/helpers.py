"""Small helpers the seekers tests share (their fixtures are in conftest.py): a logged-in client, a day counted from
today in Japan, the 内定の条件 the `offered` fixture sends, the mail the outbox sends through the real SMTP
fixture, and the state a 入社日 proposal's refusal leaves as it was."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from typing import Any

from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox
from bonavi.seekers.models import Application, ApplicationEvent

OFFER_TERMS = "提示月給：250,000円\n配属先：本社 経理課"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_days(days: int) -> dt.date:
    """Today in Japan plus `days` (the 回答期限, 入社予定日 and proposals are dates in Japan)."""
    return clock.today_jst() + dt.timedelta(days=days)


def mail_drained(smtp_inbox: Inbox) -> None:
    """Send what the set-up queued and forget it, so a test counts only the mail of what it does."""
    queued = OutboxMessage.objects.count()
    outbox_drain()
    smtp_inbox.wait_for(queued)
    smtp_inbox.clear()


def mail_sent(smtp_inbox: Inbox) -> list[EmailMessage]:
    """What the outbox sends now, waiting for one more than one mail, so a second mail would be seen."""
    outbox_drain()
    mails = smtp_inbox.wait_for(2, timeout=1.0)
    smtp_inbox.clear()
    return mails


def proposal_state(application: Application) -> tuple[Any, ...]:
    """Everything a 入社日 proposal, its answer or its withdrawal may touch (ADR 0130, 0135, 0155): the row, the
    経過, the outbox — equal before and after a refusal."""
    row = Application.objects.get(pk=application.pk)
    return (
        row.status,
        row.offer_start_on,
        row.offer_history,
        row.offer_start_proposed,
        row.offer_start_proposed_by,
        row.offer_start_proposed_reason,
        row.offer_start_withdrawn,
        row.offer_accepted_at,
        row.offer_version,
        ApplicationEvent.objects.filter(application=application).count(),
        OutboxMessage.objects.count(),
    )
