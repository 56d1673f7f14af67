"""Middleware of our own: a Japanese page where Django would answer with an empty body."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def method_not_allowed_page(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """`require_POST` answers a GET with a blank 405. People do reach such URLs by GET: logging in again after the
    session ran out sends them to the `next` of the button they pressed (☆ お気に入り, 結果を保存する …), and
    /accounts/logout/ gets typed or bookmarked. Give them a page that says what to do. The JSON API keeps its own
    answers."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 405 and not response.content and not request.path.startswith("/api/"):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    return middleware
