"""Template tags of saved searches, for pages of earlier apps (the search page's 「この条件を保存」 box)."""

from __future__ import annotations

from typing import Any

from django import template

from bonavi.notifications import selectors
from bonavi.notifications.models import Frequency, SavedSearch

register = template.Library()


@register.simple_tag
def save_frequencies() -> list[tuple[str, str]]:
    """The frequencies a new saved search may start with, labelled as the edit form labels them (Frequency's
    labels: 「即時（15分以内）」, not a shorter word of the box's own). 停止 is left out: saving a search to stop it
    says nothing."""
    return [(value, str(label)) for value, label in Frequency.choices if value != Frequency.OFF]


@register.simple_tag(takes_context=True)
def saved_search_changing(context: template.Context) -> SavedSearch | None:
    """The saved search whose condition she is changing: the list's 「条件を変更」 opens the search page with
    ?saved=<pk>, which the search form carries along. Only her own; anything else is no search at all."""
    request: Any = context.get("request")
    raw = request.GET.get("saved", "") if request is not None else ""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 12):
        return None
    return selectors.saved_search_get(user=request.user, pk=int(raw))
