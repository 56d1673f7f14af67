"""Signed ids for mailed links: a token names stored rows (a pending sign-up, an invitation, a saved search) and
cannot be forged or altered; whether the link still works is the rows' to say, so the token carries no time.

The format is `Signer(salt).sign_object([id, ...], compress=False)`, which the links already mailed use.

A link to a single short-lived row (sign-up, team and candidate invitations) also names the row's creation time
(`sign_row`): ids are reused when a database is restored from a backup older than the link, and the link must then
name nothing rather than the row that now has its id (someone else's sign-up or invitation)."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.core import signing
from django.db import models

M = TypeVar("M", bound=models.Model)

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# Links mailed before creation times were signed name only the id. They stay valid for rows made before this moment
# (the release of the change: no restore can have reused those ids yet); a row made since needs the new form.
# Only sign-up (24 h) and team-invitation (72 h) links were ever mailed in that form (candidate invitations named
# [id, nonce] until the same day), so from 2026-11-30 the id-only branch of signed_row serves nothing and can go,
# with this constant. An install upgraded later refuses an id-only link of a row made between this moment and its
# upgrade (at most 72 hours' worth): the page says the link is not valid, and a new one is asked for (ADR 0107).
LEGACY_ROW_TOKENS_BEFORE = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)


def sign_ids(salt: str, *ids: int) -> str:
    return signing.Signer(salt=salt).sign_object(list(ids), compress=False)


def _unsigned(salt: str, token: str) -> tuple[int, ...] | None:
    """The ids of an unaltered token of this salt (any number of them), or None."""
    try:
        value = signing.Signer(salt=salt).unsign_object(token or "")
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(value, list) and all(type(v) is int and v >= 0 for v in value)):
        return None
    return tuple(value)


def signed_ids(salt: str, token: str, *, count: int) -> tuple[int, ...] | None:
    """The `count` ids a `sign_ids` token names, or None for an altered, foreign or malformed token."""
    ids = _unsigned(salt, token)
    return ids if ids is not None and len(ids) == count else None


def _micros(moment: dt.datetime) -> int:
    # Integer arithmetic: a float timestamp can be off by one microsecond and fail a genuine link.
    return (moment - _EPOCH) // _MICROSECOND


def sign_row(salt: str, row: models.Model, *, created_field: str = "created_at") -> str:
    """The token of a link to one row: its id and its creation time (to the microsecond, as stored)."""
    return sign_ids(salt, int(row.pk), _micros(getattr(row, created_field)))


def signed_row(
    salt: str, token: str, queryset: models.QuerySet[M], *, created_field: str = "created_at"
) -> M | None:
    """The row of `queryset` a `sign_row` token names, or None for an altered, foreign or malformed token, or when
    the row with that id is not the one the link was made for (another creation time: a reused id)."""
    ids = _unsigned(salt, token)  # checked once: [id, created] or, mailed before the change, [id]
    if ids is None or len(ids) not in (1, 2):
        return None
    row = queryset.filter(pk=ids[0]).first()
    if row is None:
        return None
    created_at: dt.datetime = getattr(row, created_field)
    if len(ids) == 2:
        return row if _micros(created_at) == ids[1] else None
    return row if created_at < LEGACY_ROW_TOKENS_BEFORE else None
