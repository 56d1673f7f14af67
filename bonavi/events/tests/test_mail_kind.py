"""Event mail is queued as its own outbox kind and signed once, with the operator's name."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from bonavi.events import services
from bonavi.notifications.models import MessageKind, OutboxMessage

from .factories import make_seeker, online

pytestmark = pytest.mark.django_db


def test_every_event_mail_is_event_kind_and_signed_once(employer: User, settings) -> None:
    settings.OPERATOR_NAME = "株式会社テスト運営"
    event = services.event_create(user=employer, **online())
    first, second = make_seeker(1), make_seeker(2)
    registration = services.registration_create(user=first, event_id=event.pk)
    services.registration_create(user=second, event_id=event.pk)
    services.registration_cancel(user=first, registration_id=registration.pk)
    services.event_cancel(user=employer, event=event)
    mails = list(OutboxMessage.objects.order_by("id"))
    assert len(mails) == 4  # two confirmations, one cancellation, one 中止 notice
    for m in mails:
        assert m.kind == MessageKind.EVENT
        assert m.body_text.count("\n--\n") == 1
        assert "\n--\n株式会社テスト運営\n" in m.body_text and m.body_text.endswith("/me/events/")
