"""Reactions to other apps' signals (connected in SeekersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bonavi.accounts.signals import user_signed_up

from .services import consent_record


@receiver(user_signed_up, dispatch_uid="seekers.consent_at_signup")
def record_consent_at_signup(sender: Any, user: Any, agreed: bool = False, **kwargs: Any) -> None:
    # Runs inside the sign-up transaction: an account never exists without the consent it was created with.
    if agreed:
        consent_record(user=user)
