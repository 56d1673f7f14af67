"""Reactions to other apps' signals (connected in SeekersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bonavi.accounts.signals import user_signed_up
from bonavi.jobs.signals import posting_viewed

from .services import consent_record, recent_view_record


@receiver(user_signed_up, dispatch_uid="seekers.consent_at_signup")
def record_consent_at_signup(sender: Any, user: Any, agreed: bool = False, **kwargs: Any) -> None:
    # Runs inside the sign-up transaction: an account never exists without the consent it was created with.
    if agreed:
        consent_record(user=user)


@receiver(posting_viewed, dispatch_uid="seekers.recent_view")
def record_recent_view(sender: Any, posting: Any, user: Any, **kwargs: Any) -> None:
    # 最近見た求人 (ADR 0087): the service keeps it for job seekers only and stores nothing for anyone else.
    recent_view_record(user=user, posting_id=posting.pk)
