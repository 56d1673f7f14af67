"""A seeker's sign-up form shows only what applies to a seeker, and the place a sign-up or login began (?next=)
is kept through login, the 新規登録 link and the mailed confirmation, on this site only."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import PendingSignup, User
from bonavi.accounts.next_url import safe_next
from bonavi.accounts.tests.test_auth import confirm_link, signup
from bonavi.seekers.privacy import EMPLOYER_PURPOSES, PURPOSES

pytestmark = pytest.mark.django_db


def test_a_seeker_signup_page_shows_no_company_field_and_no_employer_notice(client: Client) -> None:
    """Both notices and the 会社名 field were on the one form, shown to every seeker, JS or not."""
    seeker_page = client.get(reverse("accounts:signup")).content.decode()
    assert 'name="organization_name"' not in seeker_page and "会社名" not in seeker_page
    assert PURPOSES[0] in seeker_page and EMPLOYER_PURPOSES[0] not in seeker_page
    assert '<input type="hidden" name="account_type" value="seeker"' in seeker_page
    assert f'href="{reverse("accounts:signup")}?role=employer"' in seeker_page

    employer_page = client.get(reverse("accounts:signup") + "?role=employer").content.decode()
    assert 'name="organization_name"' in employer_page and "会社名" in employer_page
    assert EMPLOYER_PURPOSES[0] in employer_page and PURPOSES[0] not in employer_page
    assert '<input type="hidden" name="account_type" value="employer"' in employer_page

    # A company name sent with a seeker's sign-up is not kept.
    signup(client, organization_name="株式会社ついで")
    assert PendingSignup.objects.get().organization_name == ""
    # A refused employer sign-up is shown again as the employer's form.
    refused = signup(client, account_type="employer", email="boss@example.com").content.decode()
    assert "会社名を入力してください" in refused and EMPLOYER_PURPOSES[0] in refused


def test_a_signup_begun_on_a_posting_lands_there_after_the_confirmation(client: Client) -> None:
    page = client.get(reverse("accounts:signup") + "?next=/jobs/214/").content.decode()
    assert '<input type="hidden" name="next" value="/jobs/214/">' in page
    assert f"{reverse('accounts:login')}?next={quote('/jobs/214/', safe='/')}" in page
    signup(client, next="/jobs/214/")
    # Opened in another browser (a phone's mail app): the place is kept with the sign-up, not in the session.
    other = Client()
    response = other.post(confirm_link("new@example.com"))
    assert response.status_code == 302 and response["Location"] == "/jobs/214/"
    assert User.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize(
    "evil",
    [
        "https://evil.example/",
        "//evil.example/jobs/",
        "/\\evil.example/",
        "http:/evil.example",
        "javascript:x",
        "jobs/",
    ],
)
def test_no_next_leads_off_the_site(client: Client, seeker: User, evil: str) -> None:
    assert safe_next(evil) == ""
    signup(client, next=evil)
    assert PendingSignup.objects.get().next_url == ""
    assert client.post(confirm_link("new@example.com"))["Location"] == reverse("seekers:dashboard")
    login = Client()
    page = login.get(reverse("accounts:login"), {"next": evil}).content.decode()
    assert "evil" not in page
    response = login.post(
        reverse("accounts:login"), {"email": seeker.email, "password": "pw-Long-enough-1", "next": evil}
    )
    assert response.status_code == 302 and response["Location"] == reverse("seekers:dashboard")


def test_the_login_pages_signup_link_keeps_next(client: Client) -> None:
    page = client.get(reverse("accounts:login"), {"next": "/jobs/214/?from=top"}).content.decode()
    assert f"{reverse('accounts:signup')}?next={quote('/jobs/214/?from=top', safe='/')}" in page
    assert "お気に入りに追加するにはログインしてください" not in page


def test_switching_between_the_seeker_and_employer_signup_keeps_next(client: Client) -> None:
    seeker_page = client.get("/accounts/signup/", {"next": "/jobs/7/"}).content.decode()
    assert 'href="/accounts/signup/?role=employer&amp;next=/jobs/7/">採用担当の新規登録</a>' in seeker_page
    employer_page = client.get("/accounts/signup/", {"role": "employer", "next": "/jobs/7/"}).content.decode()
    assert 'href="/accounts/signup/?next=/jobs/7/">求職者の新規登録</a>' in employer_page
