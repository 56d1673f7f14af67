"""A 採用担当 is told the purposes for which BOナビ uses an employer account's data, not a job seeker's (応募,
新着求人メール …), and the consent record names the notice that was shown: joining a team by invitation (ADR 0078)
and signing up as an employer."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.seekers import privacy
from bonavi.seekers.models import ConsentRecord

pytestmark = pytest.mark.django_db
PASSWORD = "Saiyou-Team-2026"


def _section(page: str, heading: str) -> str:
    """The notice whose heading contains `heading`, up to the end of its section."""
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_the_join_page_shows_the_employer_purposes_and_the_record_names_them(employer: User) -> None:
    inviter = Client()
    inviter.force_login(employer)
    inviter.post(reverse("accounts:team"), {"email": "new@test.example", "display_name": "鈴木"})
    found = re.search(r"/accounts/team/join/\S+/", mail.outbox[-1].body)
    assert found is not None
    client = Client()
    page = client.get(found.group(0)).content.decode()
    notice = _section(page, "個人情報の利用目的（採用担当の方")
    for purpose in privacy.EMPLOYER_PURPOSES:
        assert purpose in notice
    for seekers_only in (*privacy.PURPOSES[:3], "応募した企業", "新着求人を"):
        assert seekers_only not in page
    client.post(
        found.group(0),
        {"display_name": "鈴木 一郎", "password1": PASSWORD, "password2": PASSWORD, "agree": "on"},
    )
    consent = ConsentRecord.objects.get(user__email="new@test.example")
    assert consent.version == privacy.EMPLOYER_NOTICE_VERSION
    assert consent.purposes == privacy.EMPLOYER_PURPOSES


def test_signing_up_as_an_employer_records_the_employer_notice_shown_for_that_type() -> None:
    client = Client()
    # Each type's sign-up page shows its own notice only.
    page = client.get(reverse("accounts:signup")).content.decode()
    for purpose in privacy.PURPOSES:
        assert purpose in _section(page, "個人情報の利用目的（求職者の方")
    page = client.get(reverse("accounts:signup") + "?role=employer").content.decode()
    for purpose in privacy.EMPLOYER_PURPOSES:
        assert purpose in _section(page, "個人情報の利用目的（採用担当の方")
    client.post(
        reverse("accounts:signup"),
        {
            "account_type": "employer",
            "organization_name": "株式会社新規",
            "email": "boss@new.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "agree": "on",
        },
    )
    link = re.search(r"/accounts/signup/confirm/\S+/", mail.outbox[-1].body)
    assert link is not None
    client.post(link.group(0))
    consent = ConsentRecord.objects.get(user__email="boss@new.example")
    assert (consent.version, consent.purposes) == (privacy.EMPLOYER_NOTICE_VERSION, privacy.EMPLOYER_PURPOSES)
