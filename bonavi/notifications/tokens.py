"""Signed unsubscribe tokens: the link in a digest works without logging in, and cannot be forged or altered.

A token names the user and either one saved search or all of them (search id 0). It does not expire: an
unsubscribe link in an old e-mail must still work.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from bonavi.core.signed import sign_ids, signed_ids

_SALT = "bonavi.notifications.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeTarget:
    user_id: int
    saved_search_id: int  # 0: every saved search of the user


def unsubscribe_token(*, user_id: int, saved_search_id: int = 0) -> str:
    return sign_ids(_SALT, user_id, saved_search_id)


def unsubscribe_target(token: str) -> UnsubscribeTarget | None:
    ids = signed_ids(_SALT, token, count=2)
    return None if ids is None else UnsubscribeTarget(user_id=ids[0], saved_search_id=ids[1])


def unsubscribe_url(*, user_id: int, saved_search_id: int = 0) -> str:
    token = unsubscribe_token(user_id=user_id, saved_search_id=saved_search_id)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])
