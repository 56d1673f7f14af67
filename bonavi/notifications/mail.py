"""Pieces shared by the plain-text mails other apps queue through the outbox (`services.message_queue`)."""

from __future__ import annotations

from .outbox import sender_identity


def signature(link: str = "") -> list[str]:
    """The closing block of a plain-text mail: the signature separator, the sender as the digests name it
    (OPERATOR_NAME, `outbox.sender_identity`), and the page the mail is about when there is one.

    One helper, so every mail signs with the same name and a mail never carries two footers."""
    lines = ["", "--", sender_identity()["name"]]
    if link:
        lines.append(link)
    return lines
