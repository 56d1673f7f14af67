"""Template tags other apps' templates use through includes: the ☆ button, the purpose-of-use notice and the
short 最近見た求人 (the top page is the jobs app's, which cannot import this one)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.contrib.messages import get_messages
from django.urls import reverse

from .. import message_files, privacy, selectors
from ..apply_notes import ApplyNote, apply_notes

register = template.Library()

_CACHE_ATTR = "_bonavi_favorite_ids"
_APPLIED_ATTR = "_bonavi_my_applications"
_APPLY_NOTE_ATTR = "_bonavi_my_apply_notes"


def _favorite_ids(request: Any) -> set[int]:
    # One query per request, however many cards the page shows.
    ids = getattr(request, _CACHE_ATTR, None)
    if ids is None:
        ids = selectors.favorite_posting_ids(user=request.user)
        setattr(request, _CACHE_ATTR, ids)
    return ids


def _card_note(request: Any, posting_id: int) -> tuple[str, str]:
    """What the ☆ of this card just did, (text, level), from the message views.favorite_toggle tagged with the
    posting (its redirect opens the page at the card, where the message list at the top is out of sight)."""
    if request is None:
        return "", ""
    tag = f"fav-{posting_id}"
    for message in get_messages(request):
        if tag in (message.extra_tags or "").split():
            return str(message), message.level_tag
    return "", ""


@register.inclusion_tag("seekers/_favorite_button.html", takes_context=True)
def favorite_button(context: template.Context, posting: Any, at: str = "") -> dict[str, Any]:
    """The ☆ of `posting`; `at` "end": the one repeated at the end of a posting's page, which the form without
    JavaScript comes back to (views.favorite_toggle)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    active = bool(
        request and user is not None and user.is_authenticated and posting.pk in _favorite_ids(request)
    )
    here = request.get_full_path() if request else ""
    # Logged out, ☆ leads to the login page with the favourite itself as next=: the login adds it and returns here
    # (login_intent, ADR 0132; the sign-up its login page offers does the same, ADR 0136), so the intent is not lost
    # on the way.
    favorite = reverse("seekers:favorite_toggle", args=[posting.pk])
    after_login = f"{favorite}?{urlencode({'next': here})}" if here else favorite
    note, level = _card_note(request, posting.pk) if user is not None and user.is_authenticated else ("", "")
    return {
        "posting": posting,
        "at": at,
        "active": active,
        "note": note,
        "note_level": level,
        "user": user,
        "next": here,
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': after_login})}",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("seekers/_recent_short.html", takes_context=True)
def recent_postings(context: template.Context, limit: int = 5) -> dict[str, Any]:
    # No query for anyone but a signed-in seeker (the selector returns at once).
    request = context.get("request")
    return {"items": selectors.recent_postings_of(user=getattr(request, "user", None), limit=limit)}


@register.inclusion_tag("seekers/_privacy_notice.html")
def privacy_notice(role: str = "seeker") -> dict[str, Any]:
    # The notice of the account type being created: its consent record keeps this same text (privacy.notice_for).
    notice = privacy.notice_for(role)
    return {
        "role": role,
        "audience": notice.audience,
        "purposes": notice.purposes,
        "not_collected": notice.not_collected,
        "rights": notice.rights,
        "version": notice.version,
        "notice_date": privacy.NOTICE_DATE,
    }


@register.simple_tag(takes_context=True)
def my_application(context: template.Context, posting: Any) -> Any:
    """The signed-in seeker's own application to this posting, or None: the detail page then says 「応募済み」
    with its status instead of offering an 応募 that would only be refused (one query, through the selector)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_seeker:
        return None
    # Kept on the request: the page asks twice (its actions at the top and again after the 労働条件).
    mine: dict[int, Any] = request.__dict__.setdefault(_APPLIED_ATTR, {})
    if posting.pk not in mine:
        mine[posting.pk] = selectors.applications_of_seeker(user=user).filter(posting_id=posting.pk).first()
    return mine[posting.pk]


@register.simple_tag(takes_context=True)
def my_apply_note(context: template.Context, posting: Any) -> ApplyNote | None:
    """What the signed-in seeker's own agency proposal of this posting says about its 「応募する」 (ADR 0148
    addendum), or None: the first of `apply_notes` — a refusal (the page shows its line and 「提案を見る」 instead of
    the button) or a notice (shown beside the button). Read for her alone through the registered function, which
    reads only her own proposals; anyone else (a visitor, another seeker, an employer) gets None without a query.
    Kept on the request, never in a shared cache: the page asks three times (top, after the 労働条件, the bar)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_seeker:
        return None
    mine: dict[int, ApplyNote | None] = request.__dict__.setdefault(_APPLY_NOTE_ATTR, {})
    if posting.pk not in mine:
        notes = apply_notes(user, posting.pk)
        mine[posting.pk] = notes[0] if notes else None
    return mine[posting.pk]


@register.filter
def size_label(size: int) -> str:
    """A file's size as every page and mail writes it (message_files.size_label: 「850 KB」, not 「849.6 KB」)."""
    return message_files.size_label(int(size))
