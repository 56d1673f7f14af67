from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Japanese page for a failed CSRF check (an expired form, usually), instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """An /api/v1/ URL no endpoint has (e.g. /api/v1/jobs/abc): a JSON answer an API client can read, like the
    API's own 404s, instead of the site's HTML page."""
    return JsonResponse(
        {"detail": "APIのURLが見つかりません。/api/v1/docs で使えるURLを確認してください。"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
