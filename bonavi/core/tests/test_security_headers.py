"""Security headers on every kind of answer: the pages, the JSON API and the files (CSV, PDF, XML), not only the
pages a person reads — a download or an API error is as much this site's answer as the home page (ADR 0163)."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings

from bonavi.accounts.models import User
from bonavi.core.middleware import FILE_POLICY, PAGE_POLICY, PDF_POLICY, content_security_policy

pytestmark = pytest.mark.django_db


def _common(response: HttpResponse) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_page_may_run_only_our_own_scripts() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    _common(response)
    policy = response["Content-Security-Policy"]
    assert policy == PAGE_POLICY
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.replace(
        "style-src-attr 'unsafe-inline'", ""
    )
    assert response["X-Frame-Options"] == "DENY"


def test_the_api_answers_and_its_errors_carry_them_too() -> None:
    for url, status in (("/api/v1/jobs", 200), ("/api/v1/me/profile", 401), ("/api/v1/no-such-thing", 404)):
        response = Client().get(url)
        assert response.status_code == status, url
        _common(response)
        assert response["Content-Security-Policy"] == FILE_POLICY, url


def test_a_downloaded_file_carries_them(employer: User) -> None:
    client = Client()
    client.force_login(employer)
    response = client.get("/jobs/manage/import/template.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    _common(response)
    assert response["Content-Security-Policy"] == FILE_POLICY


def test_a_pdf_keeps_only_the_frame_rule_so_the_browser_can_draw_it() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"%PDF-1.7", content_type="application/pdf")

    assert content_security_policy(view)(HttpRequest())["Content-Security-Policy"] == PDF_POLICY


def test_a_policy_a_view_set_itself_is_kept() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    assert content_security_policy(view)(HttpRequest())["Content-Security-Policy"] == "default-src 'none'"


@override_settings(SECURE_HSTS_SECONDS=2_592_000)
def test_hsts_is_sent_over_https_only() -> None:
    assert "Strict-Transport-Security" not in Client().get("/")
    for url in ("/", "/api/v1/jobs"):
        assert Client().get(url, secure=True)["Strict-Transport-Security"] == "max-age=2592000", url
