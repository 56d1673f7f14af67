"""A cap on one view's file uploads, enforced while Django reads the request (ADR 0097).

Django's own limits do not bound a file: DATA_UPLOAD_MAX_MEMORY_SIZE counts only the other fields, and a file over
FILE_UPLOAD_MAX_MEMORY_SIZE is streamed whole into a temporary file. `upload_cap(n)` puts a handler in front of
Django's for one view: once a file passes n bytes the handler skips it (Django discards the rest of it as it
arrives and removes what it had written), the other fields still arrive, and `upload_too_large(request)` tells the
view, which answers with its own Japanese message. Nothing of the file is kept.

The handler must be installed before anything reads request.POST, and CsrfViewMiddleware reads it for every POST;
so the view is marked csrf_exempt and the same check runs inside, after the handler is in place (the pattern
Django's upload-handler documentation gives).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class CappedUploadHandler(FileUploadHandler):
    """Passes each file on to Django's handlers until it passes `max_bytes`, then skips it and remembers that."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self._received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the UploadedFile


def upload_cap(max_bytes: int) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        checked = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.upload_handlers.insert(0, CappedUploadHandler(request, max_bytes))
            return checked(request, *args, **kwargs)

        return wrapped

    return decorate


def upload_too_large(request: HttpRequest) -> bool:
    """Whether a file of this request passed its view's cap (and was therefore dropped)."""
    return any(isinstance(h, CappedUploadHandler) and h.too_large for h in request.upload_handlers)
