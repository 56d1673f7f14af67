"""Where to go after logging in or signing up (?next=), and why the login page was shown.

A `next` is kept only if it is a path on this site (django's url_has_allowed_host_and_scheme with no host
allowed): 「//evil.example」, 「https://…」 and 「/\\evil」 are dropped, so no link can make the login or the
sign-up confirmation send someone elsewhere (an open redirect). A sign-up stores it with the pending sign-up,
because the confirmation link may be opened in another browser than the one that started it.

Later apps name the reason a page needs a login (「お気に入りに追加するにはログインしてください」) by URL name,
so that accounts does not import them: register_login_reason() from their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import parse_qs, urlsplit

from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

NEXT_MAX = 500  # PendingSignup.next_url; a longer one is dropped rather than cut

_REASONS: dict[str, str] = {}
# What the sign-up page says of where it leads (「株式会社〇〇の招待で…」): by URL name, from the path's arguments and
# the query of `next`; the later app that owns the page writes it (agents names the inviting agency).
SignupNote = Callable[[Mapping[str, object], Mapping[str, list[str]]], str]
_SIGNUP_NOTES: dict[str, SignupNote] = {}


def safe_next(url: str | None) -> str:
    """`url` if it is a path on this site, else ""."""
    url = (url or "").strip()
    if not url.startswith("/") or len(url) > NEXT_MAX:
        return ""
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else ""


def register_login_reason(view_name: str, text: str) -> None:
    _REASONS[view_name] = text


def register_signup_note(view_name: str, note: SignupNote) -> None:
    _SIGNUP_NOTES[view_name] = note


def _view_name(next_url: str) -> tuple[str, Mapping[str, object]] | None:
    if not next_url:
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def login_reason(next_url: str) -> str:
    """Why the login page was shown, said on it: the reason registered for the view `next_url` leads to."""
    found = _view_name(next_url)
    return _REASONS.get(found[0], "") if found else ""


def signup_note(next_url: str) -> str:
    """What the sign-up page says of the page `next_url` leads back to ("" when nothing is registered for it)."""
    found = _view_name(next_url)
    note = _SIGNUP_NOTES.get(found[0]) if found else None
    return note(found[1], parse_qs(urlsplit(next_url).query)) if found and note else ""
