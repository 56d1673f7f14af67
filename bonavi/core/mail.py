"""What every mail the site sends says about its sender, for the apps that mail directly (accounts, before the
outbox exists in the app order) and for the outbox alike: one name in the signature, one Message-ID domain."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend
from django.utils.text import Truncator


def operator_name() -> str:
    """The sender as the mails sign (and 特定電子メール法 §4 names it): OPERATOR_NAME, or the product's name."""
    return str(settings.OPERATOR_NAME or "BOナビ（BackOffice Navi）")


def message_id(kind: str) -> str:
    """A globally unique Message-ID on the site's own domain. Django's default takes the machine's host name
    (「@localhost」 in a container), which spam filters score against and which says nothing of the sender."""
    return make_msgid(idstring=kind, domain=urlsplit(settings.SITE_URL).hostname or "bonavi.localhost")


SELF = f"{__name__}.EmailBackend"

# A posting's or event's title in a subject (「【BOナビ】推薦しました（…）」): long enough to tell postings apart,
# short enough for a phone's inbox line; a cut ends in 「…」 so it does not read as the whole title.
SUBJECT_TITLE_CHARS = 40


def subject_title(title: str) -> str:
    return Truncator(title).chars(SUBJECT_TITLE_CHARS)


class EmailBackend(BaseEmailBackend):
    """settings.EMAIL_BACKEND: every mail the site sends — the outbox's, the account mails sent directly, Django's
    password reset, error mails to ADMINS — goes through here to the backend BONAVI_EMAIL_BACKEND names (SMTP in
    production, set by the EMAIL_BACKEND environment variable). A message without a Message-ID gets one on the
    site's domain (message_id); one that has its own (the outbox fixes its id when it queues, so that a resend
    after a crash carries the same one) keeps it. One place, instead of each sender remembering the header."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        super().__init__(fail_silently=fail_silently)
        inner = str(settings.BONAVI_EMAIL_BACKEND)
        if inner == SELF:
            raise ImproperlyConfigured(
                "BONAVI_EMAIL_BACKEND は実際に送るバックエンド（SMTP など）を指定してください。"
            )
        self.inner = get_connection(inner, fail_silently=fail_silently, **kwargs)

    def open(self) -> bool | None:
        return self.inner.open()

    def close(self) -> None:
        self.inner.close()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            if not any(name.lower() == "message-id" for name in message.extra_headers):
                message.extra_headers["Message-ID"] = message_id("mail")
        return self.inner.send_messages(email_messages) or 0


class ConsoleBackend(DjangoConsoleBackend):
    """The development and `make demo` backend: Django's console backend, with the subject and the addresses first
    in plain Japanese. Django prints the raw message, where a Japanese subject is MIME-encoded base64
    (=?utf-8?b?…?=) that nobody trying the demo can read."""

    def write_message(self, message: Any) -> None:
        self.stream.write(f"件名: {message.subject}\n宛先: {', '.join(message.recipients())}\n")
        super().write_message(message)


@register()
def sending_backend_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """At start-up and in `bonavi check`, not at the first mail: EMAIL_BACKEND is still the environment variable's
    name for the sending backend, so setting it to this wrapper is an easy mistake that would fail every mail."""
    if settings.EMAIL_BACKEND != SELF or str(getattr(settings, "BONAVI_EMAIL_BACKEND", "")) != SELF:
        return []
    return [
        Error(
            "BONAVI_EMAIL_BACKEND（環境変数 EMAIL_BACKEND）に bonavi.core.mail.EmailBackend 自身が指定されています。",
            hint="実際にメールを送るバックエンド（django.core.mail.backends.smtp.EmailBackend など）を指定してください。",
            id="bonavi.core.E001",
        )
    ]
