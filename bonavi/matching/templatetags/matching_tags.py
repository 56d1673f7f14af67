"""jobtag's credit, given once for every page that shows what was built from its occupation data."""

from __future__ import annotations

from django import template

from bonavi.matching.profiles import JOBTAG_ATTRIBUTION

register = template.Library()


@register.simple_tag
def jobtag_attribution() -> str:
    """The credit its terms (Art. 9) want. matching/_attribution.html prints it; whether the page shows jobtag's
    data (and so includes it) is the template's to say, not each view's."""
    return JOBTAG_ATTRIBUTION
