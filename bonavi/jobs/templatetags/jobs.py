"""Template filters for postings: the conditions partial gets its sections from conditions.py, where the feed
gets them too."""

from __future__ import annotations

from django import template

from ..conditions import ConditionSection, OwnWords, conditions_items, own_words
from ..models import JobPosting

register = template.Library()


@register.filter
def condition_sections(posting: JobPosting) -> list[ConditionSection]:
    return conditions_items(posting)


@register.filter
def posting_own_words(posting: JobPosting) -> list[OwnWords]:
    return own_words(posting)
