"""A change is stamped (`updated_at`) when its row is saved and seen when its transaction commits. A build that read
its data time and the postings in between kept the posting as it was, while the change's stamp is older than the
build's data time: compared with that time alone, a posting made 非公開 then stayed in the served feed, and the feed
did not count as stale, until some other change (ADR 0081 addendum s21). The tests write the late stamp directly:
the same rows a slow transaction would leave."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs import feed_files
from bonavi.jobs.models import FeedStaffChange, JobPosting, PostingStatus, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_feed import URL, _body, _build, feed_dir  # noqa: F401  (feed_dir: autouse fixture)

pytestmark = pytest.mark.django_db


def _refs(response: Any) -> set[str]:
    body = _body(response)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return {str(job.findtext("referencenumber")) for job in ET.fromstring(body).iter("job")}


def _ref(posting: JobPosting) -> str:
    return f"bonavi-{posting.pk}"


@pytest.fixture
def built(employer: User) -> tuple[JobPosting, JobPosting, dt.datetime]:
    """Two Tokyo postings in a build whose data time is the newer one's stamp (30 s ago); the other's is 60 s ago."""
    assert employer.organization is not None
    late, newest = (make_posting(employer.organization, prefecture="13", title=f"経理{n}") for n in range(2))
    now = timezone.now()
    FeedStaffChange.objects.update(changed_at=now - dt.timedelta(hours=1))
    JobPosting.objects.filter(pk=late.pk).update(updated_at=now - dt.timedelta(seconds=60))
    JobPosting.objects.filter(pk=newest.pk).update(updated_at=now - dt.timedelta(seconds=30))
    _build()
    data_time = feed_files.built_data_time()
    assert data_time is not None and abs(data_time - (now - dt.timedelta(seconds=30))) < dt.timedelta(
        seconds=1
    )
    return late, newest, data_time


@pytest.mark.parametrize(
    ("params", "accept"), [({}, ""), ({}, "gzip"), ({"prefecture": "13"}, ""), ({"prefecture": "13"}, "gzip")]
)
def test_a_posting_made_private_in_a_transaction_the_build_did_not_see_is_never_served(
    client: Client, built: tuple[JobPosting, JobPosting, dt.datetime], params: dict[str, str], accept: str
) -> None:
    late, newest, data_time = built
    # Saved 15 s before the build's data time, committed after the build: the file holds it as public.
    JobPosting.objects.filter(pk=late.pk).update(
        visibility=Visibility.PRIVATE, updated_at=data_time - dt.timedelta(seconds=15)
    )
    assert f"bonavi-{late.pk}]".encode() in (feed_files.feed_dir() / "jobs.xml").read_bytes()
    response = client.get(URL, params, headers={"accept-encoding": accept})
    assert response.status_code == 200
    assert _refs(response) == {_ref(newest)}


def test_a_posting_closed_long_before_the_build_is_not_looked_at_again(
    built: tuple[JobPosting, JobPosting, dt.datetime],
) -> None:
    late, _, data_time = built
    JobPosting.objects.filter(pk=late.pk).update(
        status=PostingStatus.CLOSED, updated_at=data_time - feed_files.LATE_COMMIT - dt.timedelta(seconds=1)
    )
    assert feed_files.withdrawn_since(data_time) == set()
    JobPosting.objects.filter(pk=late.pk).update(updated_at=data_time - feed_files.LATE_COMMIT / 2)
    assert feed_files.withdrawn_since(data_time) == {late.pk}


def test_a_posting_published_in_a_transaction_the_build_did_not_see_makes_the_feed_stale_once(
    client: Client, employer: User, built: tuple[JobPosting, JobPosting, dt.datetime]
) -> None:
    late, newest, data_time = built
    assert employer.organization is not None
    assert not feed_files.feed_stale()
    published = make_posting(employer.organization, prefecture="27", title="総務")
    JobPosting.objects.filter(pk=published.pk).update(updated_at=data_time - dt.timedelta(seconds=10))
    assert feed_files.feed_stale()  # its stamp is older than the build: only the window says so
    result = feed_files.feed_refresh()
    assert result is not None and result.postings == 3
    assert _refs(client.get(URL, headers={"accept-encoding": "gzip"})) == {
        _ref(late),
        _ref(newest),
        _ref(published),
    }
    assert not feed_files.feed_stale() and feed_files.feed_refresh() is None  # no rebuild for ever after


def test_a_company_s_hiring_staff_change_committed_late_is_looked_at_too(
    client: Client, employer: User, built: tuple[JobPosting, JobPosting, dt.datetime]
) -> None:
    _, _, data_time = built
    assert employer.organization is not None
    employer.is_active = False  # the company's only 採用担当 leaves: its postings leave the feed (ADR 0146)
    employer.save(update_fields=["is_active"])
    FeedStaffChange.objects.filter(organization=employer.organization).update(
        changed_at=data_time - dt.timedelta(seconds=5)
    )
    assert _refs(client.get(URL, headers={"accept-encoding": "gzip"})) == set()


def test_a_copy_is_sent_as_built_when_it_does_not_hold_the_withdrawn_posting(
    client: Client, employer: User, built: tuple[JobPosting, JobPosting, dt.datetime]
) -> None:
    """Only jobs the file holds are left out (its segment list says which): closing an Osaka posting leaves Tokyo's
    copy the built file, sent whole from its start, and makes no filtered copy of it."""
    late, newest, _ = built
    assert employer.organization is not None
    osaka = make_posting(employer.organization, prefecture="27", title="大阪の経理")
    _build()
    osaka.status = PostingStatus.CLOSED
    osaka.save()
    tokyo = client.get(URL, {"prefecture": "13"}, headers={"accept-encoding": "gzip"})
    assert isinstance(tokyo, FileResponse) and _refs(tokyo) == {_ref(late), _ref(newest)}
    copies = feed_files.feed_dir() / feed_files.FILTERED
    assert not copies.is_dir() or not list(copies.iterdir())
    assert _refs(client.get(URL, {"prefecture": "27"}, headers={"accept-encoding": "gzip"})) == set()
    assert _refs(client.get(URL, headers={"accept-encoding": "gzip"})) == {_ref(late), _ref(newest)}
    assert [p.name for p in copies.iterdir() if "--" in p.name]  # those two were filtered


def test_the_look_back_reads_the_index_alone(built: tuple[JobPosting, JobPosting, dt.datetime]) -> None:
    """Every feed request reads the postings changed within LATE_COMMIT before the build and no longer live: after a
    bulk import that window holds thousands of rows, so the answer comes from the `job_updated_at` index, which
    holds the columns asked about (SQLite: a covering index; 26–33 ms → 4–10 ms at 10,000 rows, ADR 0081 s21)."""
    _, _, data_time = built
    with CaptureQueriesContext(connection) as ctx:
        feed_files.withdrawn_since(data_time)
    query = ctx.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + query)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + query)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "job_updated_at" in plan, plan
    if connection.vendor == "sqlite":
        assert "COVERING INDEX job_updated_at" in plan, plan


def test_the_plain_whole_feed_is_sent_as_built_for_a_change_its_build_already_saw(
    client: Client, employer: User, built: tuple[JobPosting, JobPosting, dt.datetime]
) -> None:
    """The plain jobs.xml holds the whole .gz's jobs (PLAIN_LIST, s22): a posting closed before the build, within
    the look-back, is not in it, so the file goes out as built and no copy is made for it."""
    late, newest, _ = built
    assert employer.organization is not None
    closed = make_posting(employer.organization, prefecture="13", title="締切済みの経理")
    closed.status = PostingStatus.CLOSED
    closed.save()
    _build()
    plain = client.get(URL)
    assert isinstance(plain, FileResponse) and _refs(plain) == {_ref(late), _ref(newest)}
    copies = feed_files.feed_dir() / feed_files.FILTERED
    assert not copies.is_dir() or not list(copies.iterdir())
    # A posting the file holds still leaves it.
    newest.status = PostingStatus.CLOSED
    newest.save()
    assert _refs(client.get(URL)) == {_ref(late)}


@pytest.mark.parametrize("changed", ["ino", "mtime_ns", "gz"])
def test_the_plain_feed_s_list_is_not_used_for_another_build_s_files(
    built: tuple[JobPosting, JobPosting, dt.datetime], changed: str
) -> None:
    late, newest, _ = built
    listed = feed_files.feed_dir() / feed_files.PLAIN_LIST
    with open(feed_files.feed_dir() / feed_files.FULL, "rb") as plain:
        assert feed_files.posting_ids_in(plain, feed_files.FULL) == {late.pk, newest.pk}
        assert plain.tell() == 0
    record = json.loads(listed.read_bytes())
    if changed == "gz":
        record["gz"]["trailer"] = "00" * 8  # names a whole .gz other than the one on disk
    else:
        record[changed] += 1
    listed.write_text(json.dumps(record))
    feed_files._ids_cache.clear()  # kept per open file's identity, which a real build changes with its lists
    with open(feed_files.feed_dir() / feed_files.FULL, "rb") as plain:
        assert feed_files.posting_ids_in(plain, feed_files.FULL) is None
