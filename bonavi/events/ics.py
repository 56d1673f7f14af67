"""The event as an iCalendar file (RFC 5545), written by hand: one VEVENT needs no library.

- Lines end in CRLF and are folded at 75 octets (§3.1); a fold never splits a UTF-8 character, so a Japanese
  title of any length survives calendars that decode each physical line.
- TEXT values escape backslash, semicolon, comma and newline (§3.3.11).
- DTSTART/DTEND/DTSTAMP are UTC with Z (§3.3.5 form 2): no VTIMEZONE block needed, and every calendar shows the
  local time correctly.
- UID is stable (event-<id>@<SITE_URL host>) and SEQUENCE rises with each change, so importing the file again
  updates the entry instead of adding a second one; a cancelled event says STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from bonavi.core import clock
from bonavi.core.prefectures import prefecture_name

from .models import Event

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets, each continuation starting with a space."""
    parts: list[bytes] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > LINE_OCTETS:
            parts.append(current)
            current = b" "  # the leading space of a continuation counts toward its 75 octets
        current += encoded
    parts.append(current)
    return "\r\n".join(p.decode("utf-8") for p in parts)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "bonavi.localhost"
    return f"event-{event.pk}@{host}"


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
        ("STATUS", "CANCELLED" if event.is_cancelled else "CONFIRMED"),
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BONAVI//Company information sessions//JA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        *(f"{name}:{value}" for name, value in properties),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
