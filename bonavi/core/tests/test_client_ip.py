"""Which address the limits count: forged X-Forwarded-For is ignored unless proxies are declared."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from bonavi.accounts.models import LoginAttempt, User
from bonavi.core.ratelimit import client_ip


def _request(xff: str = "", remote: str = "10.0.0.5") -> object:
    return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=xff)


def test_without_declared_proxies_the_header_is_ignored() -> None:
    assert client_ip(_request("203.0.113.9")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_behind_one_proxy_the_last_entry_is_the_client() -> None:
    # the client claims to be 1.2.3.4; our proxy appended the address it really saw
    assert client_ip(_request("1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request("")) == "10.0.0.5"  # a request that bypassed the proxy


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_login_failures_are_recorded_against_the_forwarded_client(seeker: User) -> None:
    Client().post(
        "/accounts/login/",
        {"email": seeker.email, "password": "wrong-password"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert list(LoginAttempt.objects.values_list("ip", flat=True)) == ["198.51.100.7"]
