"""iCalendar files (RFC 5545), written by hand: one VEVENT needs no library. Shared by the events app's 企業説明会
and the interviews of seekers' applications and agents' 推薦 (seekers comes before events, so it lives here).

- Lines end in CRLF and are folded at 75 octets (§3.1); a fold never splits a UTF-8 character, so a Japanese
  title of any length survives calendars that decode each physical line.
- TEXT values escape backslash, semicolon, comma and newline (§3.3.11).
- DTSTART/DTEND/DTSTAMP are UTC with Z (§3.3.5 form 2): no VTIMEZONE block needed, and every calendar shows the
  local time correctly.
- The caller gives a stable UID and a SEQUENCE that rises with each change, so importing the file again updates
  the entry instead of adding a second one.
- One rule for a cancellation, for every kind of entry: METHOD:PUBLISH with STATUS:CANCELLED. METHOD:CANCEL is an
  iTIP message from an organizer (RFC 5546 §3.2.5 requires ORGANIZER and ATTENDEE), which a downloaded file has not;
  strict clients refuse it, while a published entry marked cancelled is updated in place by its UID and SEQUENCE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings

from bonavi.core.text import unix_breaks

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    value = unix_breaks(value)
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


def uid(kind: str, pk: object) -> str:
    """「<kind>-<pk>@<SITE_URL host>」: the same for every version of the entry, so a calendar updates it."""
    host = urlsplit(settings.SITE_URL).hostname or "bonavi.localhost"
    return f"{kind}-{pk}@{host}"


def calendar(*, prodid: str, properties: Sequence[tuple[str, str]], cancelled: bool) -> str:
    """A VCALENDAR with one VEVENT of `properties` (values already escaped where they are TEXT) and its STATUS:
    CANCELLED when `cancelled`, else CONFIRMED."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        *(f"{name}:{value}" for name, value in properties),
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
