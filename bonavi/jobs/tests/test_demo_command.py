"""`bonavi demo` (make demo): every role has an account, and the demo company has two 採用担当 so that
採用担当の管理 (/accounts/team/, ADR 0078) shows a colleague."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.accounts import selectors
from bonavi.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_the_demo_company_has_two_active_hiring_staff() -> None:
    out = StringIO()
    call_command("demo", "--postings", "20", stdout=out)
    first = User.objects.get(email="employer@example.com")
    team = list(selectors.team_members(user=first).values_list("email", "is_active", "role"))
    assert team == [
        ("employer@example.com", True, Role.EMPLOYER),
        ("employer2@example.com", True, Role.EMPLOYER),
    ]
    assert "employer2@example.com" in out.getvalue()  # listed with the other demo logins


def test_the_demo_people_agreed_to_the_purposes_as_at_sign_up(client) -> None:
    # Demo accounts are made directly, not through sign-up, so they had no consent record and the demo seeker's
    # first page asked them to agree to 「更新した」 purposes they had never been shown.
    call_command("demo", "--postings", "20", stdout=StringIO())
    client.force_login(User.objects.get(email="seeker@example.com"))
    assert "利用目的を更新しました" not in client.get("/me/").content.decode()
