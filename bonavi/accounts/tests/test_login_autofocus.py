"""The login page starts in its メールアドレス box (ADR 0160 addendum): the page is that form alone. Only when first
shown: a refused login keeps the one focus on its first reason (the summary or the field in error), and the reason
the page was shown (「…にはログインしてください」) is tied to the box, so the focus skipping it does not hide it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Role, User

pytestmark = pytest.mark.django_db
PASSWORD = "kanri-Bu-2026!"


def _tag(page: str, element_id: str) -> str:
    found = re.search(rf'<[a-z]+[^>]*\bid="{element_id}"[^>]*>', page)
    assert found is not None, element_id
    return found.group(0)


def test_the_address_box_has_the_focus_when_the_page_is_first_shown() -> None:
    page = Client().get(reverse("accounts:login")).content.decode()
    assert page.count("autofocus") == 1
    assert "autofocus" in _tag(page, "id_email")
    assert "aria-describedby" not in _tag(page, "id_email")  # no reason to say


def test_the_reason_the_page_was_shown_is_said_with_the_box() -> None:
    next_url = reverse("seekers:favorite_toggle", args=[1])
    page = Client().get(reverse("accounts:login"), {"next": next_url}).content.decode()
    assert 'id="login-reason"' in page
    email = _tag(page, "id_email")
    assert "autofocus" in email and 'aria-describedby="login-reason"' in email


def test_a_refused_login_puts_the_focus_on_its_reason_not_on_the_box() -> None:
    User.objects.create_user(email="hanako@example.com", password=PASSWORD, role=Role.SEEKER)
    response = Client().post(
        reverse("accounts:login"), {"email": "hanako@example.com", "password": "wrong-password"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("autofocus") == 1
    summary = re.search(r'<div class="alert" role="alert"[^>]*>', page)
    assert summary is not None and "autofocus" in summary.group(0)
    assert "autofocus" not in _tag(page, "id_email")


def test_an_empty_address_puts_the_focus_on_it_once_with_its_error() -> None:
    response = Client().post(reverse("accounts:login"), {"email": "", "password": "x"})
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("autofocus") == 1
    email = _tag(page, "id_email")
    assert "autofocus" in email and 'aria-describedby="id_email_error"' in email
