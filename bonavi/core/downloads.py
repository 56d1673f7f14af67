"""A file answered as a download (CSV, JSON, PDF, iCalendar), with its name written once, by Django.

`content_disposition_header` quotes an ASCII name and writes any other (「履歴書.pdf」) as RFC 6266's `filename*`,
which every current browser reads; a name built by hand got the quoting wrong in one place or another.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(body: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """`body` as a download saved under `filename`."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
