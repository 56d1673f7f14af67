from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Japanese page for a failed CSRF check (an expired form, usually), instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
