"""Template filters for postings: the conditions partial gets its sections from conditions.py, where the feed
gets them too."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist

from bonavi.compliance.findings import Finding

from ..conditions import ConditionSection, OwnWords, conditions_items, own_words
from ..facts import form_field_for
from ..models import JobPosting

register = template.Library()


@register.filter
def condition_sections(posting: JobPosting) -> list[ConditionSection]:
    return conditions_items(posting)


@register.filter
def posting_own_words(posting: JobPosting) -> list[OwnWords]:
    return own_words(posting)


@register.filter
def finding_place(finding: Finding) -> str:
    """The posting field whose words a finding quotes (「求める人物像」), "" for a finding about a condition: the
    preview's list of warnings names the item (性別, 年齢…), and wording can stand in any of the free texts —
    業務内容, 仕事の魅力・職場の様子, 求める人物像 (ADR 0128) — so it says which."""
    if finding.start < 0 or not finding.field:
        return ""
    try:
        field = JobPosting._meta.get_field(form_field_for(finding.field))
    except FieldDoesNotExist:
        return ""
    return str(getattr(field, "verbose_name", ""))
