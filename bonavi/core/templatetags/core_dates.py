"""Dates and times on every page as core.clock writes them in mail: 「2026年11月26日」, 「2027年1月8日（金）」,
「2026年11月26日（木）14:42」 in Japan time. A builtin (settings.TEMPLATES): no {% load %} in the templates. Pages
used to mix 「2004-05-10」, 「2026-11-26 16:32」 and 「2026年11月26日」, each template with its own |date format."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from bonavi.core import clock

register = template.Library()


def _moment(value: Any) -> dt.datetime | None:
    """An aware moment from a datetime or an ISO datetime string (the JSON of マイデータ and of snapshots); a naive
    one is taken as Japan time, the only time the project writes without a zone."""
    if isinstance(value, str) and "T" in value:
        value = parse_datetime(value)
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=clock.JST)


def _day(value: Any) -> dt.date | None:
    """The calendar day `value` names: a date, a moment (its day in Japan), or an ISO date or datetime string (the
    profile snapshot an application keeps as JSON); None for nothing or anything else."""
    moment = _moment(value)
    if moment is not None:
        return clock.date_jst(moment)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@register.filter
def day_ja(value: Any) -> str:
    """「2026年11月26日」 (a birth date, 入社日, the day something was saved); "" for nothing."""
    day = _day(value)
    return clock.day_ja(day) if day else ("" if value in (None, "") else str(value))


@register.filter
def date_ja(value: Any) -> str:
    """「2027年1月8日（金）」: with the day of the week, where the day matters (a deadline, a 期日)."""
    day = _day(value)
    return clock.date_ja(day) if day else ("" if value in (None, "") else str(value))


@register.filter
def moment_ja(value: Any) -> str:
    """「2026年11月26日（木）14:42」: when something happened, in Japan time; a date alone is said as date_ja."""
    moment = _moment(value)
    return clock.moment_ja(moment) if moment is not None else date_ja(value)


# A date as the filters above write it, with its weekday and time when it has them: 「2029年5月27日（日）」, 「2026年11月26日（木）14:42」.
_WRITTEN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日(?:（.）)?(?: ?\d{1,2}:\d{2})?")


@register.filter(needs_autoescape=True)
def dates_whole(value: Any, autoescape: bool = True) -> str:
    """Text with each written date kept on one line (「2029年5月27／日」 cut at a phone's line end): for values put
    together in Python, such as マイデータ's 「2029年5月27日（日）まで（その後…）」, which a template cannot wrap."""
    text = conditional_escape(value) if autoescape else str(value)
    return mark_safe(_WRITTEN_DATE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', str(text)))
