"""The job feed leaves out the postings of a company without an active 採用担当 (ADR 0146). A change of who is one
is recorded in the database (FeedStaffChange, ADR 0081 addendum s19 staff mark), not beside one server's feed
files: every server's feed is stale after it, and the company's postings leave the served feed at once, before any
rebuild. Before, a file mark reached only the FEED_DIR of the server that made the change, and even there the
postings were sent until the worker's next build."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs import feed_files
from bonavi.jobs.management.commands.demo import hiring_staff_ensure
from bonavi.jobs.models import FeedStaffChange, JobPosting
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

URL = "/feeds/jobs.xml"


@pytest.fixture
def servers(settings: Any, tmp_path: Path) -> tuple[Path, Path]:
    """Two servers' feed directories (PostgreSQL deployments: one FEED_DIR per machine, one database)."""
    settings.FEED_DIR = tmp_path / "server-a"
    return tmp_path / "server-a", tmp_path / "server-b"


def _on(settings: Any, directory: Path) -> None:
    settings.FEED_DIR = directory


def _refs(client: Client, accept: str = "", **params: str) -> set[str]:
    response = client.get(URL, params, headers={"accept-encoding": accept})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return {str(job.findtext("referencenumber")) for job in ET.fromstring(body).iter("job")}


def _ref(posting: JobPosting) -> str:
    return f"bonavi-{posting.pk}"


@pytest.fixture
def postings(employer: User, other_employer: User) -> tuple[JobPosting, JobPosting]:
    """One posting of each company, every change dated before the builds below."""
    assert employer.organization is not None and other_employer.organization is not None
    mine = make_posting(employer.organization, title="経理事務")
    theirs = make_posting(other_employer.organization, title="総務事務")
    earlier = timezone.now() - dt.timedelta(seconds=30)
    JobPosting.objects.update(updated_at=earlier)
    FeedStaffChange.objects.update(changed_at=earlier)
    return mine, theirs


def _build() -> None:
    assert feed_files.feed_refresh(force=True) is not None


def _deactivate(user: User) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])


def test_a_change_made_on_one_server_makes_the_other_server_s_feed_stale_and_leaves_out_at_once(
    settings: Any,
    client: Client,
    servers: tuple[Path, Path],
    employer: User,
    postings: tuple[JobPosting, ...],
) -> None:
    a, b = servers
    mine, theirs = postings
    for server in servers:
        _on(settings, server)
        _build()
        assert not feed_files.feed_stale()
    _on(settings, a)
    _deactivate(employer)  # the company's only 採用担当, switched off through server A
    _on(settings, b)
    assert feed_files.feed_stale()
    assert _ref(mine) in (b / feed_files.FULL).read_text()  # B's file is as built
    assert _refs(client) == {_ref(theirs)}  # but B no longer sends it
    result = feed_files.feed_refresh()
    assert result is not None and result.postings == 1 and not feed_files.feed_stale()
    _on(settings, a)
    assert feed_files.feed_stale()  # B's build is not A's
    assert _refs(client) == {_ref(theirs)}


@pytest.mark.parametrize("accept", ["", "gzip"])
def test_the_postings_vanish_when_the_last_hiring_staff_leaves_and_come_back_with_a_new_one(
    client: Client, servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...], accept: str
) -> None:
    mine, theirs = postings
    _build()
    assert _refs(client, accept) == {_ref(mine), _ref(theirs)}
    _deactivate(employer)
    assert _refs(client, accept) == {_ref(theirs)}  # before any rebuild
    assert _ref(mine) not in _refs(client, accept, prefecture=mine.prefecture)
    assert feed_files.feed_refresh() is not None  # stale: the worker's next round rebuilds
    assert _refs(client, accept) == {_ref(theirs)} and not feed_files.feed_stale()
    User.objects.create_user(
        email="new-hr@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
    )
    assert feed_files.feed_stale()
    assert feed_files.feed_refresh() is not None
    assert _refs(client, accept) == {_ref(mine), _ref(theirs)}


def test_a_second_hiring_staff_leaving_changes_nothing_served(
    client: Client, servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...]
) -> None:
    """The company still has an active 採用担当: its postings stay (the feed is rebuilt, to the same jobs)."""
    second = User.objects.create_user(
        email="hr2@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=employer.organization,
    )
    _build()
    _deactivate(second)
    assert _refs(client) == {_ref(p) for p in postings}


def test_a_login_or_a_name_change_writes_no_mark(
    client: Client, servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...]
) -> None:
    _build()
    marks = list(FeedStaffChange.objects.values_list("organization_id", "changed_at"))
    client.force_login(employer)  # saves last_login only
    employer.display_name = "山田"
    employer.save(update_fields=["display_name"])
    assert list(FeedStaffChange.objects.values_list("organization_id", "changed_at")) == marks
    assert not feed_files.feed_stale()


def test_the_mark_is_written_in_the_change_s_transaction(
    servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...]
) -> None:
    _build()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        _deactivate(employer)
        assert feed_files.feed_stale()  # seen inside the transaction already
        raise Undone
    assert not feed_files.feed_stale()  # rolled back with the change: no rebuild for nothing


def test_moving_the_last_hiring_staff_to_another_company_leaves_out_the_old_one_s_postings(
    client: Client, servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...]
) -> None:
    mine, theirs = postings
    _build()
    moved = User.objects.get(pk=employer.pk)  # loaded afresh, as the admin does
    new_company = Organization.objects.create(name="株式会社うつり先", address="東京都港区1-1")
    moved.organization = new_company
    moved.save()
    assert FeedStaffChange.objects.filter(organization_id=mine.organization_id).exists()
    assert FeedStaffChange.objects.filter(organization=new_company).exists()
    assert _refs(client) == {_ref(theirs)}


def test_with_no_company_changed_the_view_reads_one_more_indexed_query(
    client: Client, servers: tuple[Path, Path], employer: User, postings: tuple[JobPosting, ...]
) -> None:
    """The feed view's only new cost: one query on the `changed_at` index (none changed: no posting is read). The
    companies' 採用担当 joined before the look-back for late commits (LATE_COMMIT before the build's data time, ADR
    0081 addendum s21): within it, their postings are read once more."""
    FeedStaffChange.objects.update(
        changed_at=timezone.now() - feed_files.LATE_COMMIT - dt.timedelta(minutes=1)
    )
    _build()
    with CaptureQueriesContext(connection) as ctx:
        assert len(_refs(client)) == 2
    (staff,) = [q["sql"] for q in ctx.captured_queries if "feedstaffchange" in q["sql"]]
    assert len(ctx) == 2 and "jobposting" not in staff
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # three rows: what matters is that it *can*
            cursor.execute("EXPLAIN " + staff)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + staff)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "changed_at" in plan, plan


def test_the_demo_s_hiring_staff_made_in_bulk_mark_their_companies(
    servers: tuple[Path, Path], postings: tuple[JobPosting, ...]
) -> None:
    """bulk_create sends no post_save: hiring_staff_ensure writes the mark itself, so the postings join the feed."""
    unread = make_posting(Organization.objects.create(name="株式会社デモ", address="東京都港区1-1"))
    _build()
    assert hiring_staff_ensure() == 1
    assert FeedStaffChange.objects.filter(organization_id=unread.organization_id).exists()
    assert feed_files.feed_stale()
