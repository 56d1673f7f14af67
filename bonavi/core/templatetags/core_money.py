"""「3,300,000円」: an amount of yen as a page shows it (CSV files keep plain digits for the spreadsheet)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def yen(value: Any) -> str:
    """An int (or its digits) with thousands commas and 円; "" for nothing, anything else as it is."""
    if value is None or value == "":
        return ""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{amount:,}円"
