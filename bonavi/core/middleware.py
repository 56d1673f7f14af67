"""Middleware of our own: a Japanese page where Django would answer with an empty body."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def method_not_allowed_page(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """`require_POST` answers a GET with a blank 405. People do reach such URLs by GET: logging in again after the
    session ran out sends them to the `next` of the button they pressed (☆ お気に入り, 結果を保存する …), and
    /accounts/logout/ gets typed or bookmarked. Give them a page that says what to do; the JSON API gets a JSON
    error in Japanese."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405:
            return response
        allowed = response.get("Allow", "")
        if request.path.startswith("/api/"):
            # Ninja answers "Method not allowed" as text/html; API clients get the JSON error shape, in Japanese.
            if response.get("Content-Type", "").startswith("application/json"):
                return response
            detail = f"このURLでは {request.method} は使えません（使えるメソッド：{allowed or 'なし'}）。"
            answer = JsonResponse({"detail": detail}, status=405, json_dumps_params={"ensure_ascii": False})
            answer["Allow"] = allowed
            return answer
        if not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = allowed
            return page
        return response

    return middleware


# What a page may load and run: only our own files. No template has an inline <script> or on…= handler (the JSON-LD
# block is data, which a policy does not govern), so an injected one is refused even if escaping were ever missed.
# Inline style="" attributes are allowed on their own (style-src-attr): 50-odd templates use them for layout, and a
# style attribute cannot run script. Swagger UI (/api/v1/docs) draws its icons from data: images.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Everything else (a CSV, a JSON answer, an uploaded file sent back): nothing in it may load or run anything if a
# browser is ever talked into rendering it as a page. A PDF is left to the frame rule only: Chrome's PDF viewer runs
# inside the response and does not draw under default-src 'none'.
FILE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
PDF_POLICY = "frame-ancestors 'none'"


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A Content-Security-Policy on every response (Django 5.2 has none of its own), chosen by what the response is."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if "Content-Security-Policy" in response:
            return response
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type == "text/html":
            response["Content-Security-Policy"] = PAGE_POLICY
        elif content_type == "application/pdf":
            response["Content-Security-Policy"] = PDF_POLICY
        else:
            response["Content-Security-Policy"] = FILE_POLICY
        return response

    return middleware
