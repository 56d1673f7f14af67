from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from bonavi.core.postal import postal_fill


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


@require_POST
def postal(request: HttpRequest) -> HttpResponse:
    """「住所を検索」 with JavaScript (seekers' profile.js, documents.js): postal_fill's answer as JSON, so the page
    shows the rule's own result and messages instead of repeating them. Here in core, not documents, because the
    seekers app (earlier in the import order) calls it too. POST, CSRF-checked like the form it serves: the typed
    住所 is personal data and stays out of URLs and access logs. Nothing is stored."""
    # Cut, not refused: a 〒 or 住所 far longer than any real one (an edited request) still gets an answer.
    fill = postal_fill(
        request.POST.get("postal_code", "")[:20],
        request.POST.get("address", "")[:300],
        replace=request.POST.get("replace") == "1",
    )
    status = 200 if fill.found else 422 if fill.bad_code else 404
    return JsonResponse(
        {
            "postal_code": fill.postal_code,
            "address": fill.address,
            "message": fill.message,
            "offer": fill.offer,
            "found": fill.found,  # 都道府県・市区町村・町域・読み, for the documents editor's separate fields
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
