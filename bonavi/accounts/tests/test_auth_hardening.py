"""What the security audit of s22 (ADR 0163) checked of logging in and of the reset link, kept as tests: they held
already, and nothing else would notice were one of them lost in a later change of the login or reset pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from bonavi.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Long-enough-1"  # the conftest users' password
NEW = "Atarashii-Pass-77"


def test_logging_in_gives_the_browser_a_new_session_key(client: Client, seeker: User) -> None:
    """A session key planted before the login (session fixation) is not the one that ends up logged in."""
    session = client.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    response = client.post(reverse("accounts:login"), {"email": seeker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != planted
    assert not Session.objects.filter(session_key=planted).exists()


def test_logins_from_one_client_are_throttled_whatever_addresses_they_try(
    client: Client, seeker: User
) -> None:
    """Guessing one password across many accounts (password spraying) stops at the per-client limit, even for an
    account that has had no failure of its own."""
    for n in range(settings.LOGIN_THROTTLE_LIMIT * 4):
        client.post(
            reverse("accounts:login"), {"email": f"guess-{n}@test.example", "password": "Password123"}
        )
    response = client.post(reverse("accounts:login"), {"email": seeker.email, "password": PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert (
        other.post(reverse("accounts:login"), {"email": seeker.email, "password": PASSWORD}).status_code
        == 302
    )


def _reset_link(client: Client, user: User) -> str:
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    found = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_reset_link_works_once(client: Client, seeker: User) -> None:
    link = _reset_link(client, seeker)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    assert client.post(form_url, {"new_password1": NEW, "new_password2": NEW}).status_code == 302
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    seeker.refresh_from_db()
    assert seeker.check_password(NEW)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_reset_link_expires(client: Client, seeker: User) -> None:
    link = _reset_link(client, seeker)
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        late = Client().get(link, follow=True)
    assert late.context["validlink"] is False
    assert settings.PASSWORD_RESET_TIMEOUT <= 3 * 24 * 3600  # Django's three days, not lengthened
