"""Reactions to other apps' signals (connected in NotificationsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bonavi.accounts.signals import user_email_changed

from .models import MessageStatus, OutboxMessage


@receiver(user_email_changed, dispatch_uid="notifications.outbox_follows_new_address")
def outbox_follows_new_address(sender: Any, user: Any, old_email: str, **kwargs: Any) -> None:
    # Runs inside the address change's transaction. Mail queued for the person but not yet sent goes to the address
    # they use now, like everything queued afterwards (digests read the address when they are queued). Sent rows
    # keep the address they went to; rows without a user link (e.g. the 退会 notice) are not the account's.
    OutboxMessage.objects.filter(user=user, status=MessageStatus.PENDING, to_email__iexact=old_email).update(
        to_email=user.email
    )
