"""Signed ids for mailed links: a token names stored rows (a pending sign-up, an invitation, a saved search) and
cannot be forged or altered; whether the link still works is the rows' to say, so the token carries no time.

The format is `Signer(salt).sign_object([id, ...], compress=False)`, which the links already mailed use."""

from __future__ import annotations

from django.core import signing


def sign_ids(salt: str, *ids: int) -> str:
    return signing.Signer(salt=salt).sign_object(list(ids), compress=False)


def signed_ids(salt: str, token: str, *, count: int) -> tuple[int, ...] | None:
    """The `count` ids a `sign_ids` token names, or None for an altered, foreign or malformed token."""
    try:
        value = signing.Signer(salt=salt).unsign_object(token or "")
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (
        isinstance(value, list) and len(value) == count and all(type(v) is int and v >= 0 for v in value)
    ):
        return None
    return tuple(value)
