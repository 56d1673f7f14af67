"""The header's ログイン and 新規登録 keep the page she was on (?next=), so a ☆ or a search before signing up is
not lost; the login page's 新規登録 is a full-width button that keeps the same next."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User

pytestmark = pytest.mark.django_db


def _href(name: str, next_url: str) -> str:
    return f'href="{reverse(name)}?next={quote(next_url, safe="/")}"'


def test_the_header_links_carry_the_page_she_is_on(client: Client) -> None:
    page = client.get(reverse("search:search"), {"q": "経理"}).content.decode()
    next_url = reverse("search:search") + "?q=" + quote("経理")
    assert _href("accounts:signup", next_url) in page and _href("accounts:login", next_url) in page


def test_on_the_login_page_the_header_keeps_its_next_and_never_points_to_itself(client: Client) -> None:
    page = client.get(reverse("accounts:login") + "?next=/jobs/214/").content.decode()
    # The header's link and the page's own button both keep it.
    assert page.count(_href("accounts:signup", "/jobs/214/")) == 2
    # Without a next of its own, the login page is not a place to come back to.
    bare = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("accounts:signup")}"' in bare and "?next=/accounts" not in bare


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_a_foreign_next_is_not_carried(client: Client, evil: str) -> None:
    page = client.get(reverse("accounts:login"), {"next": evil}).content.decode()
    assert "evil.example" not in page


def test_the_login_pages_signup_is_a_full_width_button_keeping_next(client: Client) -> None:
    page = client.get(reverse("accounts:login") + "?next=/jobs/214/").content.decode()
    assert (
        f'<a class="btn secondary full" id="signup-link" {_href("accounts:signup", "/jobs/214/")}>'
        "はじめての方は新規登録（無料）</a>"
    ) in page


def test_a_logged_in_person_sees_no_such_links(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    page = client.get(reverse("search:search")).content.decode()
    assert "新規登録" not in page
