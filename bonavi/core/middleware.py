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
