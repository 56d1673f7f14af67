"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import Organization, Role, User


@pytest.fixture(autouse=True)
def documented_answers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every JSON answer a test gets from /api/v1/ must match the OpenAPI document (bonavi/core/tests/
    openapi_answers.py): an endpoint cannot change its answer, or answer with an undocumented status, without the
    document saying so. A test that sends a deliberately undocumented request opts out with
    @pytest.mark.undocumented_answers."""
    if request.node.get_closest_marker("undocumented_answers") or request.node.get_closest_marker("browser"):
        yield
        return
    from bonavi.core.tests.openapi_answers import API_PREFIX, problems

    real = Client.request
    found: list[str] = []

    def checked(self: Client, **environ: Any) -> Any:
        response = real(self, **environ)
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(API_PREFIX):
            found.extend(problems(str(environ.get("REQUEST_METHOD", "GET")), path, response))
        return response

    monkeypatch.setattr(Client, "request", checked)
    yield
    assert not found, "API answers that differ from the OpenAPI document:\n" + "\n".join(found)


@pytest.fixture
def employer(db) -> User:
    org = Organization.objects.create(
        name="株式会社テスト商事", address="東京都千代田区1-1", phone="03-0000-0000"
    )
    return User.objects.create_user(
        email="hr@test.example", password="pw-Long-enough-1", role=Role.EMPLOYER, organization=org
    )


@pytest.fixture
def other_employer(db) -> User:
    org = Organization.objects.create(
        name="株式会社よそ", address="大阪府大阪市北区1-1", phone="06-0000-0000"
    )
    return User.objects.create_user(
        email="hr@other.example", password="pw-Long-enough-1", role=Role.EMPLOYER, organization=org
    )


@pytest.fixture
def seeker(db) -> User:
    return User.objects.create_user(
        email="seeker@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_superuser(email="ops@test.example", password="pw-Long-enough-1")
