"""A posting of a company without an active 採用担当 takes no BOナビ 応募 (ADR 0143); the page said so, and now the
public API says it too (accepts_applications), the XML feed leaves it out and the page carries no JSON-LD: an
aggregator or Google for Jobs would otherwise send people to apply where nobody reads it (ADR 0146)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs import feed_files, selectors
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def feed_dir(settings: Any, tmp_path: Path) -> None:
    settings.FEED_DIR = tmp_path / "feeds"


@pytest.fixture
def unread(db: None) -> JobPosting:
    org = Organization.objects.create(name="株式会社だれもいない", address="東京都港区1-1")
    return make_posting(org, title="総務スタッフ（応募先なし）")


@pytest.fixture
def read(employer: User) -> JobPosting:
    return make_posting(employer.organization, title="経理事務（応募できる）")


def test_the_api_says_whether_a_posting_takes_applications(unread: JobPosting, read: JobPosting) -> None:
    client = Client()
    assert client.get(f"/api/v1/jobs/{unread.pk}").json()["accepts_applications"] is False
    assert client.get(f"/api/v1/jobs/{read.pk}").json()["accepts_applications"] is True
    listed = {p["id"]: p["accepts_applications"] for p in client.get("/api/v1/jobs").json()["results"]}
    assert listed == {unread.pk: False, read.pk: True}


def test_the_api_list_asks_it_in_its_own_query_not_once_per_posting(employer: User) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get("/api/v1/jobs").status_code == 200
        return len(ctx.captured_queries)

    make_posting(employer.organization)
    one = queries()
    for n in range(4):
        make_posting(Organization.objects.create(name=f"株式会社{n}", address="東京都港区1-1"))
    assert queries() == one


def test_the_employer_api_says_it_too(employer: User, read: JobPosting) -> None:
    client = Client()
    client.force_login(employer)
    assert client.get(f"/api/v1/employer/postings/{read.pk}").json()["accepts_applications"] is True
    assert client.get("/api/v1/employer/postings").json()["results"][0]["accepts_applications"] is True


def test_a_company_whose_last_hiring_staff_left_says_false_at_once(employer: User, read: JobPosting) -> None:
    employer.is_active = False
    employer.save(update_fields=["is_active"])
    assert Client().get(f"/api/v1/jobs/{read.pk}").json()["accepts_applications"] is False


def test_the_feed_leaves_out_a_posting_nobody_would_read_applications_for(
    unread: JobPosting, read: JobPosting
) -> None:
    assert list(selectors.feed_postings()) == [read]
    build = feed_files.feed_refresh(force=True)
    assert build is not None and build.postings == 1
    xml = (Path(feed_files.feed_dir()) / feed_files.FULL).read_text()
    assert f"bonavi-{read.pk}" in xml and f"bonavi-{unread.pk}" not in xml


def test_the_last_hiring_staff_leaving_makes_the_feed_out_of_date(employer: User, read: JobPosting) -> None:
    """No posting row changes when the last 採用担当 is switched off: without the mark (FeedStaffChange, in the
    change's transaction) the feed kept the posting until some posting changed."""
    feed_files.feed_refresh(force=True)
    assert not feed_files.feed_stale()
    employer.last_login = None
    employer.save(update_fields=["last_login"])  # a login: nothing to do with the feed
    assert not feed_files.feed_stale()
    employer.is_active = False
    employer.save(update_fields=["is_active"])
    assert feed_files.feed_stale()
    build = feed_files.feed_refresh()
    assert build is not None and build.postings == 0
    assert not feed_files.feed_stale()
    User.objects.create_user(
        email="new@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
    )
    assert feed_files.feed_stale()
    assert feed_files.feed_refresh() is not None and list(selectors.feed_postings()) == [read]


def _jsonld(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">', html)


def test_the_page_of_a_posting_nobody_can_apply_to_has_no_jsonld(
    unread: JobPosting, read: JobPosting
) -> None:
    client = Client()
    page = client.get(f"/jobs/{unread.pk}/").content.decode()
    assert "この求人は現在BOナビからの応募を受け付けていません。" in page  # the page stays and says so
    assert _jsonld(page) == []
    assert len(_jsonld(client.get(f"/jobs/{read.pk}/").content.decode())) == 1
