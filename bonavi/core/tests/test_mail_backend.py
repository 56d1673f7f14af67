"""core.mail.EmailBackend: the one place every mail gets the site's Message-ID."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, send_mail


@pytest.fixture
def site_backend(settings: Any) -> None:
    settings.EMAIL_BACKEND = "bonavi.core.mail.EmailBackend"
    settings.BONAVI_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://bonavi.example.jp"


def test_a_plain_send_mail_gets_the_sites_message_id(site_backend: None) -> None:
    send_mail("件名", "本文", None, ["a@example.com"])
    (sent,) = mail.outbox
    assert sent.message()["Message-ID"].endswith("@bonavi.example.jp>"), sent.message()["Message-ID"]


def test_a_message_with_its_own_message_id_keeps_it(site_backend: None) -> None:
    """The outbox fixes its Message-ID when it queues, so that a resend after a crash carries the same one."""
    EmailMessage(
        "件名", "本文", to=["a@example.com"], headers={"message-id": "<fixed@bonavi.example.jp>"}
    ).send()
    (sent,) = mail.outbox
    assert sent.message().get_all("Message-ID") == ["<fixed@bonavi.example.jp>"]


def test_the_backend_cannot_wrap_itself(site_backend: None, settings: Any) -> None:
    settings.BONAVI_EMAIL_BACKEND = "bonavi.core.mail.EmailBackend"
    with pytest.raises(ImproperlyConfigured):
        send_mail("件名", "本文", None, ["a@example.com"])


def test_the_settings_send_through_it_and_a_self_wrap_is_refused_at_start_up(settings: Any) -> None:
    """Production and dev settings route mail through the wrapper to a real sending backend, so the system check
    passes; naming the wrapper as the sending backend (the environment variable EMAIL_BACKEND) is an error that
    `bonavi check` and start-up report, not a failure at the first mail."""
    from django.core.checks import run_checks

    from config.settings import base, dev

    for module in (base, dev):
        assert module.EMAIL_BACKEND == "bonavi.core.mail.EmailBackend"
        settings.EMAIL_BACKEND = module.EMAIL_BACKEND
        settings.BONAVI_EMAIL_BACKEND = module.BONAVI_EMAIL_BACKEND
        assert not [e for e in run_checks() if e.id == "bonavi.core.E001"]
    settings.BONAVI_EMAIL_BACKEND = "bonavi.core.mail.EmailBackend"
    assert [e.id for e in run_checks() if e.id.startswith("bonavi.core")] == ["bonavi.core.E001"]


def test_the_demo_console_prints_the_subject_readably() -> None:
    """Django's console backend prints the subject MIME-encoded (=?utf-8?b?…?=); the development one says it first."""
    from io import StringIO

    from bonavi.core.mail import ConsoleBackend

    out = StringIO()
    sent = ConsoleBackend(stream=out).send_messages(
        [EmailMessage("【BOナビ】応募がありました", "本文です。", "no-reply@example.com", ["hr@example.com"])]
    )
    text = out.getvalue()
    assert sent == 1
    assert text.startswith("件名: 【BOナビ】応募がありました\n宛先: hr@example.com\n")
    assert "=?utf-8?" in text and "本文です。" in text  # the raw message follows, as before
