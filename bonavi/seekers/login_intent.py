"""☆ pressed while logged out, carried through the login (ADR 0132) or the sign-up (ADR 0136).

The logged-out ☆ links to the login page with the favourite's own URL as next= (templatetags.seekers
.favorite_button). When that login succeeds, the favourite is added there and then — in the login POST, which
Django's CSRF check has let through and on which she typed her password under 「お気に入りに追加するにはログイン
してください」 — and a one-time note in the session lets the GET of next= send her to the posting instead of asking a
second time. A GET alone still adds nothing (a link from another site must not), and a login whose next= is anything
else adds nothing.

The login page's 「新規登録」 keeps the same next=, and the sign-up stores it with the pending sign-up (accounts,
ADR 0071), under a page that says which posting it will add (signup_note). The confirmation's POST — CSRF-checked,
reached only through the signed link mailed to her, usable once — sends `user_signup_confirmed` with that stored
next=, and the favourite is added there as at a login, with the same note. Nothing is taken from the link or the
POST itself, and the posting is checked as she may see it now (favorite_add): a 非公開, draft or ended one is not
added."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from bonavi.accounts.next_url import safe_next
from bonavi.jobs.selectors import postings_visible_to, public_postings

from .services import SeekerInvalid, favorite_add

# The posting id added at this login; spent by the first GET of a ☆'s URL after it.
ADDED_AT_LOGIN = "seekers.favorite_added_at_login"
# The posting id this login could not add because she may no longer see it (closed, expired, 非公開 or 下書き since
# she pressed ☆); spent by the first GET of its ☆'s URL, which then ends on the job search, not a 404 (ADR 0148).
GONE_AT_LOGIN = "seekers.favorite_gone_at_login"
# Said then: not the posting's title — a 非公開 one's must not be shown, and an ended one's adds nothing.
GONE_MESSAGE = "お気に入りに追加しようとした求人は掲載が終了しています。"


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
    if request is None or request.method != "POST":
        return
    _favorite_for(request, user, request.POST.get("next"))


def favorite_at_signup(request: HttpRequest | None, user: Any, next_url: str) -> None:
    """Add the favourite the confirmed sign-up's stored next= names (a seeker's only), in the confirmation's POST,
    and note it for the GET that follows — as favorite_at_login does."""
    if request is None or request.method != "POST":
        return
    _favorite_for(request, user, next_url)


def _favorite_for(request: HttpRequest, user: Any, next_url: str | None) -> None:
    if not getattr(user, "is_seeker", False):
        return
    posting_id = favorite_in(next_url)
    if posting_id is None:
        return
    if not postings_visible_to(user).filter(pk=posting_id).exists():
        # Ended (or hidden) between the ☆ and this login or confirmation: nothing is stored, and the GET that follows
        # says so on a normal page instead of the ☆'s 404.
        request.session[GONE_AT_LOGIN] = posting_id
        return
    try:
        favorite_add(user=user, posting_id=posting_id)
    except SeekerInvalid:
        return  # the list is full (or it ended this very moment): the ☆'s page says so, as before
    request.session[ADDED_AT_LOGIN] = posting_id


def signup_note(kwargs: Mapping[str, object], query: Mapping[str, list[str]]) -> str:
    """What the sign-up page says when it leads back to a ☆ (accounts.next_url.register_signup_note): which posting
    the confirmation will add, so she signs up knowing it, as the login page says why it was shown. Named only when
    anyone may see it (public_postings): a 非公開 or ended posting's ☆ gets no note, and will not be added."""
    posting_id = kwargs.get("posting_id")
    if not isinstance(posting_id, int):
        return ""
    posting = public_postings().select_related("organization").filter(pk=posting_id).first()
    if posting is None:
        return ""
    return (
        f"登録が済むと、「{posting.title}」（{posting.employer_display}）をお気に入りに追加します。"
        "確認メールのリンクから本登録してください。"
    )


def added_at_login(request: HttpRequest, posting_id: int) -> bool:
    """Whether this login added `posting_id` (the note is spent either way)."""
    return request.session.pop(ADDED_AT_LOGIN, None) == posting_id


def gone_at_login(request: HttpRequest, posting_id: int) -> bool:
    """Whether this login could not add `posting_id` because it had ended (the note is spent either way)."""
    return request.session.pop(GONE_AT_LOGIN, None) == posting_id
