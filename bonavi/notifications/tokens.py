"""Signed unsubscribe tokens: the link in a digest works without logging in, and cannot be forged or altered.

A token names the user and either one saved search or all of them (search id 0). It does not expire: an
unsubscribe link in an old e-mail must still work.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "bonavi.notifications.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeTarget:
    user_id: int
    saved_search_id: int  # 0: every saved search of the user


def unsubscribe_token(*, user_id: int, saved_search_id: int = 0) -> str:
    return signing.Signer(salt=_SALT).sign_object([user_id, saved_search_id], compress=False)


def unsubscribe_target(token: str) -> UnsubscribeTarget | None:
    try:
        value = signing.Signer(salt=_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        return None
    return UnsubscribeTarget(user_id=value[0], saved_search_id=value[1])


def unsubscribe_url(*, user_id: int, saved_search_id: int = 0) -> str:
    token = unsubscribe_token(user_id=user_id, saved_search_id=saved_search_id)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])
