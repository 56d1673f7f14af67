"""A site-wide cap on the files of one request, enforced while Django reads it (ADR 0097).

Django's own limits do not bound a file: DATA_UPLOAD_MAX_MEMORY_SIZE counts only the other fields, and a file over
FILE_UPLOAD_MAX_MEMORY_SIZE is streamed whole into a temporary file. CappedUploadHandler comes first in
settings.FILE_UPLOAD_HANDLERS, so it sees every chunk of every request (web or API, before CsrfViewMiddleware or the
API's authentication reads the body): once the request's files together pass settings.UPLOAD_MAX_BYTES (the largest
upload any page accepts), it skips the file it is in and every later one — Django discards the rest as it arrives
and removes what it had written — while the other fields still arrive. `upload_too_large(request)` tells the view,
which answers with its own Japanese message; each upload keeps its own, smaller limit after that.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class CappedUploadHandler(FileUploadHandler):
    """Passes file data on to Django's handlers until the request's files together pass the cap, then skips them and
    remembers that. The count is per request, not per file: five files of 4 MB are as much to write as one of 20."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.max_bytes: int = settings.UPLOAD_MAX_BYTES
        self.too_large = False
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the UploadedFile


def upload_too_large(request: HttpRequest) -> bool:
    """Whether this request's files passed the site's cap (and were therefore dropped)."""
    return any(isinstance(h, CappedUploadHandler) and h.too_large for h in request.upload_handlers)


def mb_label(size: int) -> str:
    """「2 MB」「5 MB」: a size limit as every message names it."""
    return f"{size / (1024 * 1024):g} MB"


_MESSAGE_ATTR = "bonavi_upload_too_large"


def upload_limit(message: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """What an API operation with a smaller file limit than the site's cap answers (413) when the cap dropped its
    file: its own message, the one its code says of a file over its limit (a photo's, an import's), so a 3 MB and
    a 6 MB photo are told the same. Applied with ninja's decorate_view, it runs before Ninja reads the body, so the
    refusal — which Ninja raises before the operation's own code runs — knows it."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            setattr(request, _MESSAGE_ATTR, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_large_message(request: HttpRequest | None = None) -> str:
    """What the API answers (413) for a request whose files passed the cap: Ninja refuses the missing file before
    the operation's own code runs, so this is said here for every upload endpoint — the endpoint's own message
    (upload_limit) if it has one, else the cap's."""
    own: str | None = getattr(request, _MESSAGE_ATTR, None)
    return (
        own
        or f"ファイルが大きすぎます。1回に送れるファイルは合わせて{mb_label(settings.UPLOAD_MAX_BYTES)}までです。"
    )


def say_too_large(form: forms.Form, field: str, message: str) -> None:
    """Put `message` beside `field` of a bound form whose file the cap dropped, in place of what the form says of a
    missing file (「ファイルを選んでください」), keeping what it says of the other fields."""
    form.is_valid()
    form.errors.pop(field, None)
    form.add_error(field, message)
