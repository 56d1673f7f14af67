"""Where each role lands after logging in without a ?next= (accounts.landing): a seeker on マイページ, an employer
on 求人管理, agency staff on their workbench, an operator in the admin; a ?next= still wins. And the
「既に登録があります」 mail keeps the ?next= the sign-up began with in its login link."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Role, User
from bonavi.accounts.tests.test_auth import signup
from bonavi.agents.tests.factories import PASSWORD as AGENT_PASSWORD
from bonavi.agents.tests.factories import make_agency

pytestmark = pytest.mark.django_db
PASSWORD = "pw-Long-enough-1"


def log_in(email: str, password: str = PASSWORD, **extra: str) -> str:
    response = Client().post(reverse("accounts:login"), {"email": email, "password": password, **extra})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_each_role_lands_where_it_works(seeker: User, employer: User, operator: User) -> None:
    assert log_in(seeker.email) == reverse("seekers:dashboard")
    assert log_in(employer.email) == reverse("jobs:employer_list")
    assert log_in(operator.email) == reverse("admin:index")
    setup = make_agency()
    assert log_in(setup.ca.email, AGENT_PASSWORD) == reverse("agents:dashboard")


def test_a_login_no_page_is_for_lands_on_the_top_page(db: None) -> None:
    # An agent login with no Staff row (the workbench would answer 403) and an operator the admin would refuse.
    User.objects.create_user(email="agent@test.example", password=PASSWORD, role=Role.AGENT)
    User.objects.create_user(email="ops2@test.example", password=PASSWORD, role=Role.OPERATOR)
    assert log_in("agent@test.example") == reverse("home")
    assert log_in("ops2@test.example") == reverse("home")


def test_next_still_wins_over_the_landing(seeker: User, employer: User) -> None:
    assert log_in(seeker.email, next="/jobs/214/") == "/jobs/214/"
    assert log_in(employer.email, next="/jobs/manage/new/") == "/jobs/manage/new/"
    assert log_in(seeker.email, next="//evil.example/") == reverse("seekers:dashboard")


def test_the_already_registered_mail_keeps_next_in_its_login_link(client: Client, seeker: User) -> None:
    signup(client, email=seeker.email, next="/jobs/214/?from=top&x=1")
    [sent] = [m for m in mail.outbox if m.to == [seeker.email]]
    assert "既に登録があります" in sent.body
    login_link = re.search(r"^(http://\S+/accounts/login/\S*)$", sent.body, re.M)
    assert login_link is not None, sent.body
    assert login_link.group(1).endswith(f"/accounts/login/?next={quote('/jobs/214/?from=top&x=1', safe='')}")
    # Followed, the login page carries the place on to the login.
    page = client.get(reverse("accounts:login") + login_link.group(1).split("/accounts/login/", 1)[1])
    assert '<input type="hidden" name="next" value="/jobs/214/?from=top&amp;x=1">' in page.content.decode()


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/jobs/", "/\\evil.example/"])
def test_the_already_registered_mail_drops_a_next_off_the_site(
    client: Client, seeker: User, evil: str
) -> None:
    signup(client, email=seeker.email, next=evil)
    [sent] = [m for m in mail.outbox if m.to == [seeker.email]]
    assert "evil" not in sent.body
    assert re.search(r"^http://\S+/accounts/login/$", sent.body, re.M), sent.body
