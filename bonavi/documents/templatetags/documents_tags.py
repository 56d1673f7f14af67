from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def hints_for(placed: dict[str, list[Any]], field: Any) -> list[Any]:
    return placed.get(field.html_name, [])


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)
