"""Template tags of saved searches, for pages of earlier apps (the search page's 「この条件を保存」 box)."""

from __future__ import annotations

from django import template

from bonavi.notifications.models import Frequency

register = template.Library()


@register.simple_tag
def save_frequencies() -> list[tuple[str, str]]:
    """The frequencies a new saved search may start with, labelled as the edit form labels them (Frequency's
    labels: 「即時（15分以内）」, not a shorter word of the box's own). 停止 is left out: saving a search to stop it
    says nothing."""
    return [(value, str(label)) for value, label in Frequency.choices if value != Frequency.OFF]
