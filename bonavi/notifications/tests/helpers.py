"""Shared set-up for the digest tests: a seeker's saved search that is due, and postings published a while ago."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bonavi.accounts.models import Organization
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications import services
from bonavi.notifications.models import SavedSearch


def due_search(
    user: Any,
    query: str,
    *,
    name: str = "",
    frequency: str = "instant",
    since: dt.timedelta = dt.timedelta(hours=1),
) -> SavedSearch:
    """A saved search whose window started `since` ago and which is due now."""
    search = services.saved_search_create(user=user, query=query, name=name, frequency=frequency)
    now = timezone.now()
    SavedSearch.objects.filter(pk=search.pk).update(
        covered_until=now - since, next_due_at=now - dt.timedelta(minutes=1)
    )
    search.refresh_from_db()
    return search


def posted(org: Organization, ago: dt.timedelta = dt.timedelta(minutes=10), **over: Any) -> JobPosting:
    """A published posting whose date_posted is `ago` in the past (older than the digest's settle time)."""
    return make_posting(org, date_posted=timezone.now() - ago, **over)
