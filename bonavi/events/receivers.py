"""Reactions to other apps' signals (connected in EventsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bonavi.accounts.signals import user_email_changed

from .services import registrations_follow_address


@receiver(user_email_changed, dispatch_uid="events.registrations_follow_address")
def registrations_follow_new_address(sender: Any, user: Any, old_email: str, **kwargs: Any) -> None:
    # In the address change's transaction, like the outbox's receiver.
    registrations_follow_address(user=user)
