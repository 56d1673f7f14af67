"""The event as an iCalendar file (RFC 5545), through core.ics (CRLF, 75-octet folding, TEXT escaping, UTC
times). UID is stable (event-<id>@<SITE_URL host>) and SEQUENCE rises with each change, so importing the file
again updates the entry instead of adding a second one; a cancelled event says STATUS:CANCELLED (core.ics).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from bonavi.core import clock
from bonavi.core.ics import calendar, escape_text, uid, utc_stamp
from bonavi.core.prefectures import prefecture_name

from .models import Event

__all__ = ["event_ics", "event_location", "event_uid"]


def event_uid(event: Event) -> str:
    return uid("event", event.pk)


def event_location(event: Event, *, join_url: str | None) -> str:
    if event.is_online:
        return f"オンライン {join_url}" if join_url else "オンライン"
    place = event.venue
    pref = prefecture_name(event.prefecture) if event.prefecture else ""
    return place if not pref or place.startswith(pref) else f"{pref}{place}"


def event_ics(event: Event, *, join_url: str | None, now: dt.datetime | None = None) -> str:
    """The .ics text. `join_url` is what `selectors.join_url_for` decided (None: not this person's to see)."""
    page = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    description = [event.description, "", f"主催：{event.organization.name}"]
    if event.is_online and join_url:
        description.append(f"参加URL：{join_url}")
    description.append(f"詳細：{page}")
    properties = [
        ("UID", event_uid(event)),
        ("DTSTAMP", utc_stamp(now or clock.now())),
        ("DTSTART", utc_stamp(event.starts_at)),
        ("DTEND", utc_stamp(event.ends_at)),
        ("SEQUENCE", str(event.sequence)),
        ("SUMMARY", escape_text(event.title)),
        ("LOCATION", escape_text(event_location(event, join_url=join_url))),
        ("DESCRIPTION", escape_text("\n".join(description))),
        ("URL", page),  # a URI value, not TEXT: not escaped
    ]
    return calendar(
        prodid="-//BONAVI//Company information sessions//JA",
        properties=properties,
        cancelled=event.is_cancelled,
    )
