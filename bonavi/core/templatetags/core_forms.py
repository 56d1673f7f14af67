"""Template side of core.forms' focus rule, a builtin (settings.TEMPLATES): no {% load %} in the templates."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from bonavi.core.forms import ErrorLink, error_links, summary_takes_focus
from bonavi.core.prefectures import RegionBoxes, by_region

register = template.Library()


@register.filter
def summary_focus(form: forms.BaseForm) -> SafeString:
    """The attributes that put the focus on a form's summary of reasons when it was refused only as a whole
    (no field in error to focus): every form's summary, by the one rule the renderer follows for fields."""
    return mark_safe(' tabindex="-1" autofocus' if summary_takes_focus(form) else "")


@register.filter(name="error_links")
def error_links_filter(form: forms.BaseForm) -> list[ErrorLink]:
    """A refused form's reasons, each linked to its field, in page order (core.forms.error_links)."""
    return error_links(form)


@register.filter
def prefecture_regions(field: forms.BoundField) -> list[RegionBoxes]:
    """A 都道府県 field's boxes by region, its value ticked (includes/checks_field.html with by_region=True)."""
    return by_region(str(code) for code in field.value() or [])
