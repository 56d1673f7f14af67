"""Template filters for postings: the conditions partial gets its sections from conditions.py, where the feed
gets them too."""

from __future__ import annotations

from django import template

from ..conditions import ConditionSection, conditions_items
from ..models import JobPosting

register = template.Library()


@register.filter
def condition_sections(posting: JobPosting) -> list[ConditionSection]:
    return conditions_items(posting)
