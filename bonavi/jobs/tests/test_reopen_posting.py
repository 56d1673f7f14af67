"""「募集を再開する」 (ADR 0146): a posting that ended (募集終了, 掲載期限切れ) is published again as itself — same URL, its
applications still attached — through the same gate as a first publication, with a new 掲載期限 (ADR 0069's 60
days). Refused, it says what to fix and changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core.clock import today_jst
from bonavi.jobs import selectors, services
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

FRESH = dt.timedelta(days=services.DEFAULT_LISTING_DAYS)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ended(
    employer: User, status: str, *, days_left: int, posted_days_ago: int = 70, **kw: object
) -> JobPosting:
    return make_posting(
        employer.organization,
        status=status,
        valid_through=today_jst() + dt.timedelta(days=days_left),
        date_posted=timezone.now() - dt.timedelta(days=posted_days_ago),
        closed_at=timezone.now() - dt.timedelta(days=1),
        **kw,
    )


def test_an_expired_posting_reopens_with_a_new_listing_period_and_date(employer: User, seeker: User) -> None:
    posting = _ended(employer, PostingStatus.EXPIRED, days_left=-5)
    application = Application.objects.create(posting=posting, applicant=seeker)
    client = _client(employer)
    preview = client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    # its own 掲載期限 has passed, yet nothing stands in the way: re-opening replaces it
    assert 'id="findings-errors"' not in preview and "掲載期限が過去の日付です" not in preview
    until = today_jst() + FRESH
    assert ">募集を再開する</button>" in preview
    assert f"掲載期限は{until.year}年{until.month}月{until.day}日になります" in preview
    response = client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 302 and response["Location"] == f"/jobs/{posting.pk}/"
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.closed_at is None
    assert posting.valid_through == until
    assert posting.date_posted is not None and posting.date_posted > timezone.now() - dt.timedelta(minutes=1)
    # the same posting: her application is still on it
    application.refresh_from_db()
    assert application.posting_id == posting.pk
    public = client.get(response["Location"])
    assert public.status_code == 200  # no longer the 410 of an ended posting (ADR 0132)
    page = public.content.decode()
    assert "募集を再開しました。" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["datePosted"] == today_jst().isoformat()
    assert data["validThrough"].startswith(until.isoformat())
    assert posting in selectors.feed_postings() and posting in selectors.public_postings()


def test_closed_and_reopened_within_its_period_keeps_its_date(employer: User) -> None:
    """A pause, not a new campaign: closing and re-opening must not carry a posting to the top of 新着順."""
    posting = _ended(employer, PostingStatus.CLOSED, days_left=10, posted_days_ago=20)
    posted = posting.date_posted
    services.posting_publish(user=employer, posting=posting)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.date_posted == posted
    assert posting.valid_through == today_jst() + FRESH


def test_closed_after_its_period_ended_gets_a_new_date(employer: User) -> None:
    posting = _ended(employer, PostingStatus.CLOSED, days_left=-1)
    services.posting_publish(user=employer, posting=posting)
    posting.refresh_from_db()
    assert posting.date_posted is not None and posting.date_posted > timezone.now() - dt.timedelta(minutes=1)


def test_a_later_date_she_set_before_reopening_is_kept(employer: User) -> None:
    posting = _ended(employer, PostingStatus.CLOSED, days_left=120)
    services.posting_publish(user=employer, posting=posting)
    posting.refresh_from_db()
    assert posting.valid_through == today_jst() + dt.timedelta(days=120)


def test_reopening_is_refused_when_the_posting_no_longer_passes_and_nothing_changes(employer: User) -> None:
    """A 最低賃金 raised since, here an hourly wage under Tokyo's: refused in words naming the problem, the posting
    stays ended with its old dates."""
    posting = _ended(
        employer,
        PostingStatus.EXPIRED,
        days_left=-5,
        employment_type="part",
        wage_unit="hour",
        wage_min=900,
        wage_max=None,
    )
    before = JobPosting.objects.values().get(pk=posting.pk)
    client = _client(employer)
    preview = client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    assert ">募集を再開する</button>" not in preview and "最低賃金" in preview
    response = client.post(reverse("jobs:employer_publish", args=[posting.pk]))
    assert response.status_code == 422
    html = response.content.decode()
    assert "募集を再開できませんでした" in html and "最低賃金" in html
    assert "掲載期限が過去の日付です" not in html
    assert JobPosting.objects.values().get(pk=posting.pk) == before
    with pytest.raises(services.PostingInvalid) as refused:
        services.posting_publish(user=employer, posting=posting)
    assert "wage_min" in refused.value.errors
    assert JobPosting.objects.values().get(pk=posting.pk) == before


def test_the_api_reopens_by_the_same_rule(employer: User) -> None:
    posting = _ended(employer, PostingStatus.EXPIRED, days_left=-5)
    client = _client(employer)
    response = client.post(f"/api/v1/employer/postings/{posting.pk}/publish")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "published" and body["id"] == posting.pk
    assert body["valid_through"] == (today_jst() + FRESH).isoformat()


def test_another_company_cannot_reopen_it(employer: User, other_employer: User) -> None:
    posting = _ended(employer, PostingStatus.CLOSED, days_left=-1)
    assert (
        _client(other_employer).post(reverse("jobs:employer_publish", args=[posting.pk])).status_code == 404
    )
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_a_draft_is_still_published_as_before(employer: User) -> None:
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT)
    client = _client(employer)
    preview = client.get(reverse("jobs:employer_preview", args=[draft.pk])).content.decode()
    assert ">公開する</button>" in preview and "募集を再開する" not in preview
    client.post(reverse("jobs:employer_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == PostingStatus.PUBLISHED and draft.valid_through == today_jst() + FRESH
