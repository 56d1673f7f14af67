"""The account mails (sent directly, not through the outbox) sign and identify themselves like every other mail."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.accounts.tests.test_auth import signup
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_settings(settings: Any) -> None:
    settings.SITE_URL = "https://bonavi.example.jp"
    settings.OPERATOR_NAME = "株式会社テスト運営"


def test_sign_up_and_password_reset_mails_sign_with_the_operator_and_the_sites_message_id(
    client: Client, seeker: User, smtp_inbox: Inbox, operator_settings: None
) -> None:
    """They ended with a bare 「BOナビ」 where the outbox's mails sign with OPERATOR_NAME, and their Message-ID
    took the machine's host name (「@localhost」 in a container) instead of the site's domain."""
    signup(client, email="new@example.com")
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    confirm, reset = smtp_inbox.wait_for(2)
    for msg in (confirm, reset):
        assert str(msg["Message-ID"]).endswith("@bonavi.example.jp>"), msg["Message-ID"]
        text = text_of(msg).replace("\r\n", "\n")
        assert text.rstrip().endswith("--\n株式会社テスト運営"), text[-80:]
        assert "\nBOナビ\n" not in text
    assert "https://bonavi.example.jp/" in text_of(reset)
