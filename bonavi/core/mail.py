"""What every mail the site sends says about its sender, for the apps that mail directly (accounts, before the
outbox exists in the app order) and for the outbox alike: one name in the signature, one Message-ID domain."""

from __future__ import annotations

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings


def operator_name() -> str:
    """The sender as the mails sign (and 特定電子メール法 §4 names it): OPERATOR_NAME, or the product's name."""
    return str(settings.OPERATOR_NAME or "BOナビ（BackOffice Navi）")


def message_id(kind: str) -> str:
    """A globally unique Message-ID on the site's own domain. Django's default takes the machine's host name
    (「@localhost」 in a container), which spam filters score against and which says nothing of the sender."""
    return make_msgid(idstring=kind, domain=urlsplit(settings.SITE_URL).hostname or "bonavi.localhost")
