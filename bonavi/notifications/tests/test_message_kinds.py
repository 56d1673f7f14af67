"""Each transactional kind's behaviour when its person changes their login address, and the shared signature."""

from __future__ import annotations

import pytest
from django.db import transaction

from bonavi.accounts.models import User
from bonavi.accounts.services import email_changed_announce
from bonavi.notifications.mail import signature
from bonavi.notifications.models import MessageKind
from bonavi.notifications.services import message_queue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "follows"),
    [
        (MessageKind.APPLICATION, True),
        # Event mail is addressed from the login when queued (events.services._queue), so it keeps doing so.
        (MessageKind.EVENT, True),
        # Told to the address that held the login at the time.
        (MessageKind.ACCOUNT, False),
        # Goes to the reply address the person typed on the complaint form, even when it equals the login.
        (MessageKind.COMPLAINT, False),
    ],
)
def test_pending_mail_follows_an_address_change_only_for_its_kinds(
    seeker: User, kind: str, follows: bool
) -> None:
    old = seeker.email
    queued = message_queue(kind=kind, to_email=old, subject="件名", body="本文", user=seeker)
    with transaction.atomic():
        seeker.email = "moved@example.jp"
        seeker.save(update_fields=["email"])
        email_changed_announce(user=seeker, old_email=old)
    queued.refresh_from_db()
    assert queued.to_email == ("moved@example.jp" if follows else old)


def test_signature_names_the_operator_once_with_the_page(settings) -> None:
    settings.OPERATOR_NAME = "株式会社テスト運営"
    assert signature("https://bonavi.example/me/") == [
        "",
        "--",
        "株式会社テスト運営",
        "https://bonavi.example/me/",
    ]
    settings.OPERATOR_NAME = ""
    assert signature() == ["", "--", "BOナビ（BackOffice Navi）"]
