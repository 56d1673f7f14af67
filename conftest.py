"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User


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
