"""The company page's 「この企業の企業説明会」: the events app adds it through jobs.sections (ADR 0089)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.events import services
from bonavi.events.models import Event
from bonavi.events.tests.factories import make_event
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def test_company_page_lists_its_upcoming_events_only(
    client: Client, employer: User, other_employer: User
) -> None:
    assert employer.organization is not None
    make_posting(employer.organization)
    url = reverse("companies:detail", args=[employer.organization.pk])
    assert "この企業の企業説明会" not in client.get(url).content.decode()  # none: no empty section
    make_event(employer, title="経理部門の説明会")
    make_event(other_employer, title="よその説明会")
    cancelled = make_event(employer, title="中止した説明会")
    services.event_cancel(user=employer, event=cancelled)
    past = make_event(employer, title="終わった説明会")
    Event.objects.filter(pk=past.pk).update(starts_at=clock.now() - dt.timedelta(days=1))
    html = client.get(url).content.decode()
    assert "この企業の企業説明会" in html
    assert "経理部門の説明会" in html
    for title in ("よその説明会", "中止した説明会", "終わった説明会"):
        assert title not in html
