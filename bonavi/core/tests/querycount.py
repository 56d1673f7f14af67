"""For tests that pin a page's query count: the same number of queries with few rows and with more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries(client: Any, url: str) -> int:
    """Queries one GET of `url` runs (which must answer 200), streamed bodies included."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


def assert_flat(client: Any, url: str, grow: Callable[[], None]) -> None:
    """`url` runs as many queries after `grow()` adds rows as before: no query per row (N+1)."""
    client.get(url)  # the first request warms per-process caches (content types, catalogues, references)
    before = queries(client, url)
    grow()
    after = queries(client, url)
    assert after == before, f"{url}: {before} queries before, {after} after adding rows"
