"""☆ pressed while logged out: after logging in the posting is simply in her favourites, and she is back on it with
「お気に入りに追加しました。」 — no second page asking 「お気に入りに追加する／追加せずに戻る」 (the walk of session 16).

CSRF: the addition happens in the login POST itself (Django's CSRF check has passed it, and she typed her password
on a page that said 「お気に入りに追加するにはログインしてください」), read from that POST's next=. A GET of the ☆'s URL
still adds nothing: a link from another site, or a login without that next=, gets the confirmation as before."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.jobs.models import JobPosting

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Long-enough-1"


def _star_next(posting: JobPosting) -> str:
    """The next= the logged-out ☆ puts on the login link (seekers.templatetags.seekers.favorite_button)."""
    return f"/me/favorites/{posting.pk}/?{urlencode({'next': f'/jobs/{posting.pk}/'})}"


def _seeker(email: str = "hoshi@test.example") -> User:
    return User.objects.create_user(email=email, password=PASSWORD, role=Role.SEEKER)


def test_logging_in_from_the_star_adds_it_and_lands_on_the_posting(posting: JobPosting) -> None:
    user = _seeker()
    client = Client(enforce_csrf_checks=True)
    login_page = client.get("/accounts/login/", {"next": _star_next(posting)})
    token = login_page.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {
            "email": user.email,
            "password": PASSWORD,
            "next": _star_next(posting),
            "csrfmiddlewaretoken": token,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert [url for url, _ in response.redirect_chain][-1] == f"/jobs/{posting.pk}/"  # the top, no #job-<id>
    page = response.content.decode()
    assert "お気に入りに追加しました。" in page and page.count("お気に入りに追加しました。") == 1
    assert "追加せずに戻る" not in page
    assert list(user.favorites.values_list("posting_id", flat=True)) == [posting.pk]


def test_a_login_without_a_csrf_token_adds_nothing(posting: JobPosting) -> None:
    user = _seeker()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"email": user.email, "password": PASSWORD, "next": _star_next(posting)}
    )
    assert response.status_code == 403
    assert not user.favorites.exists()


def test_a_get_of_the_star_url_still_only_asks(posting: JobPosting) -> None:
    """Logged in some other way (or a link from elsewhere): the GET shows the confirmation and changes nothing."""
    user = _seeker()
    client = Client()
    client.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    page = client.get(_star_next(posting))
    assert page.status_code == 200 and "お気に入りに追加する" in page.content.decode()
    assert not user.favorites.exists()
    # The one-time note is spent by the login it came with: a later GET does not add either.
    client.get(_star_next(posting))
    assert not user.favorites.exists()


def test_a_login_for_another_page_adds_nothing(posting: JobPosting) -> None:
    user = _seeker()
    client = Client()
    client.post(
        "/accounts/login/", {"email": user.email, "password": PASSWORD, "next": f"/jobs/{posting.pk}/"}
    )
    assert not user.favorites.exists()


def test_a_wrong_password_adds_nothing(posting: JobPosting) -> None:
    user = _seeker()
    response = Client().post(
        "/accounts/login/", {"email": user.email, "password": "wrong-password-1", "next": _star_next(posting)}
    )
    assert response.status_code == 422 and not user.favorites.exists()


def test_an_employer_logging_in_from_the_star_adds_nothing(employer: User, posting: JobPosting) -> None:
    employer.set_password(PASSWORD)
    employer.save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"email": employer.email, "password": PASSWORD, "next": _star_next(posting)}
    )
    assert response.status_code == 302
    assert not employer.favorites.exists()


def test_a_posting_she_may_not_see_is_not_added(employer: User) -> None:
    from bonavi.jobs.tests.factories import make_posting

    assert employer.organization is not None
    hidden = make_posting(employer.organization, visibility="private")
    user = _seeker()
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"email": user.email, "password": PASSWORD, "next": _star_next(hidden)},
        follow=True,
    )
    # Not added; since ADR 0148 the login ends on the job search with one message that names no posting (the same
    # for a 非公開, an ended or an unknown id), where it ended on the ☆'s 404.
    assert response.status_code == 200 and not user.favorites.exists()
    assert [url for url, _ in response.redirect_chain][-1] == "/search/"
    page = response.content.decode()
    assert "お気に入りに追加しようとした求人は掲載が終了しています。" in page and hidden.title not in page
