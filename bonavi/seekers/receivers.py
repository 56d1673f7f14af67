"""Reactions to other apps' signals (connected in SeekersConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from bonavi.accounts.signals import user_signed_up, user_signup_confirmed
from bonavi.jobs.signals import posting_viewed

from .login_intent import favorite_at_login, favorite_at_signup
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


@receiver(user_logged_in, dispatch_uid="seekers.favorite_at_login")
def add_favorite_at_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # A logged-out ☆ whose login has just succeeded: the posting is added in that (CSRF-checked) POST (ADR 0132).
    favorite_at_login(request, user)


@receiver(user_signup_confirmed, dispatch_uid="seekers.favorite_at_signup")
def add_favorite_at_signup(sender: Any, request: Any, user: Any, next_url: str = "", **kwargs: Any) -> None:
    # A logged-out ☆ whose sign-up has just been confirmed: added in the confirmation's POST, from the next= stored
    # with the pending sign-up (ADR 0136).
    favorite_at_signup(request, user, next_url)
