"""☆ pressed while logged out, carried through the login (ADR 0132).

The logged-out ☆ links to the login page with the favourite's own URL as next= (templatetags.seekers
.favorite_button). When that login succeeds, the favourite is added there and then — in the login POST, which
Django's CSRF check has let through and on which she typed her password under 「お気に入りに追加するにはログイン
してください」 — and a one-time note in the session lets the GET of next= send her to the posting instead of asking a
second time. A GET alone still adds nothing (a link from another site must not), and a login whose next= is anything
else adds nothing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from bonavi.accounts.next_url import safe_next

from .services import SeekerInvalid, favorite_add

# The posting id added at this login; spent by the first GET of a ☆'s URL after it.
ADDED_AT_LOGIN = "seekers.favorite_added_at_login"


def favorite_in(next_url: str | None) -> int | None:
    """The posting whose ☆ `next_url` is (/me/favorites/<id>/…), or None."""
    path = urlsplit(safe_next(next_url)).path
    if not path:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "seekers:favorite_toggle":
        return None
    return int(match.kwargs["posting_id"])


def favorite_at_login(request: HttpRequest | None, user: Any) -> None:
    """Add the favourite a login POST's next= names (a seeker's only), and note it for the GET that follows."""
    if request is None or request.method != "POST" or not getattr(user, "is_seeker", False):
        return
    posting_id = favorite_in(request.POST.get("next"))
    if posting_id is None:
        return
    try:
        favorite_add(user=user, posting_id=posting_id)
    except SeekerInvalid:
        return  # not visible to her, or the list is full: the ☆'s page says so, as before
    request.session[ADDED_AT_LOGIN] = posting_id


def added_at_login(request: HttpRequest, posting_id: int) -> bool:
    """Whether this login added `posting_id` (the note is spent either way)."""
    return request.session.pop(ADDED_AT_LOGIN, None) == posting_id
