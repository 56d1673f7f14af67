"""Reactions to other apps' signals (connected in NotificationsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bonavi.accounts.signals import account_notice, user_email_changed

from .models import MessageKind, MessageStatus, OutboxMessage
from .services import message_queue


@receiver(user_email_changed, dispatch_uid="notifications.outbox_follows_new_address")
def outbox_follows_new_address(sender: Any, user: Any, old_email: str, **kwargs: Any) -> None:
    # Runs inside the address change's transaction. Mail queued for the person but not yet sent goes to the address
    # they use now, like everything queued afterwards (digests read the address when they are queued). Sent rows
    # keep the address they went to; rows without a user link (e.g. the 退会 notice) are not the account's.
    # Account notices stay where they were addressed: each tells the address that held the login at the time
    # (「パスワードが変更されました」 queued just before someone moves the login away must reach the owner).
    # Complaint mail too: it goes to the reply address typed on the form (or an operator's at the time), which
    # is not the login even when it happens to be the same. Event mail follows, like application notices.
    OutboxMessage.objects.filter(user=user, status=MessageStatus.PENDING, to_email__iexact=old_email).exclude(
        kind__in=[MessageKind.ACCOUNT, MessageKind.COMPLAINT]
    ).update(to_email=user.email)


@receiver(account_notice, dispatch_uid="notifications.account_notice_queued")
def account_notice_queued(
    sender: Any, user: Any, to_email: str, subject: str, body: str, **kwargs: Any
) -> OutboxMessage:
    # In the transaction of the change it reports (ADR 0040): sent once by the worker, retried if refused, and
    # blanked with every other finished message after the retention period (ADR 0044).
    return message_queue(kind=MessageKind.ACCOUNT, to_email=to_email, subject=subject, body=body, user=user)
