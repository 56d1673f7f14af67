"""`bonavi demo` leaves the demo seeker and employer a direct application with a message thread (seekers_demo)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.seekers.models import Application, ApplicationMessage, ApplicationStatus

pytestmark = pytest.mark.django_db


def _as(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_the_demo_has_one_application_in_screening_with_a_thread_both_sides_read() -> None:
    call_command("demo", "--postings", "20", stdout=StringIO())
    application = Application.objects.get(applicant__email="seeker@example.com")
    assert application.status == ApplicationStatus.SCREENING
    assert application.document_label  # the 職務経歴書 the walk-through made is sent with it
    assert application.posting.organization.name == "株式会社BOナビデモ商事"
    assert ApplicationMessage.objects.filter(application=application).count() == 2
    seeker_page = _as("seeker@example.com").get(reverse("seekers:application_detail", args=[application.pk]))
    assert "来週の平日18時以降" in seeker_page.content.decode()
    employer_page = _as("employer@example.com").get(reverse("applicants:detail", args=[application.pk]))
    assert "来週の火曜日と木曜日" in employer_page.content.decode()

    out = StringIO()
    call_command("seekers_demo", stdout=out)  # a second run adds nothing
    assert "作成済み" in out.getvalue()
    assert Application.objects.count() == 1 and ApplicationMessage.objects.count() == 2
