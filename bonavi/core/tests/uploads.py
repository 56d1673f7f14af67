"""For tests of an upload view: how many bytes of the request's files Django's own handlers received (and so wrote
to memory or a temporary file) — at most the site's cap however large the upload (core.uploads)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler


def count_written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the chunks Django's memory and temporary-file handlers receive from now on in the test."""
    chunks: list[int] = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self: Any, raw_data: bytes, start: int, original: Any = original) -> Any:
            # The memory handler passes a chunk on to the temporary file when the request is too big to keep.
            if getattr(self, "activated", True):
                chunks.append(len(raw_data))
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return chunks
