"""A posting that leaves the public set leaves /feeds/jobs.xml at once (ADR 0081 amendment 4): closed, made 非公開,
stopped by the operator or past its 掲載期限, it is left out of the built file while the view sends it — plain,
gzip, a prefecture's file — until the worker's next build; and a client holding the file's version gets the new
body, not a 304. Before, it stayed in the served feed up to REFRESH_SECONDS plus a build."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs import feed_files, services
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_feed import URL, _body, _build, feed_dir  # noqa: F401  (feed_dir: autouse fixture)

pytestmark = pytest.mark.django_db


def _refs(response: Any) -> set[str]:
    body = _body(response)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return {str(job.findtext("referencenumber")) for job in ET.fromstring(body).iter("job")}


@pytest.fixture
def three(employer: User) -> tuple[JobPosting, JobPosting, JobPosting]:
    assert employer.organization is not None
    earlier = timezone.now() - dt.timedelta(seconds=30)
    postings = tuple(make_posting(employer.organization, title=f"求人{n}") for n in range(3))
    JobPosting.objects.update(updated_at=earlier)  # the build's data time is before any change below
    _build()
    return postings  # type: ignore[return-value]


@pytest.mark.parametrize("accept", ["", "gzip"])
def test_closing_a_posting_removes_it_from_the_served_feed_at_once(
    client: Client, employer: User, three: tuple[JobPosting, ...], accept: str
) -> None:
    closing, hiding, kept = three
    services.posting_close(user=employer, posting=closing)
    services.posting_update(user=employer, posting=hiding, data={"visibility": Visibility.PRIVATE})
    assert (
        f"bonavi-{closing.pk}]".encode() in (feed_files.feed_dir() / "jobs.xml").read_bytes()
    )  # not rebuilt
    response = client.get(URL, headers={"accept-encoding": accept})
    assert response.status_code == 200
    assert _refs(response) == {f"bonavi-{kept.pk}"}
    prefecture = client.get(URL, {"prefecture": kept.prefecture}, headers={"accept-encoding": accept})
    assert _refs(prefecture) == {f"bonavi-{kept.pk}"}


def test_a_client_holding_the_file_s_version_is_not_told_304(
    client: Client, employer: User, three: tuple[JobPosting, ...]
) -> None:
    closing, *_ = three
    held = client.get(URL)
    _body(held)
    services.posting_close(user=employer, posting=closing)
    again = client.get(URL, headers={"if-modified-since": held["Last-Modified"]})
    assert again.status_code == 200 and f"bonavi-{closing.pk}" not in _refs(again)


def test_the_operator_s_stop_removes_it_at_once(
    client: Client, operator: User, three: tuple[JobPosting, ...]
) -> None:
    stopped, *rest = three
    services.posting_stop(user=operator, posting=stopped, reason="差別的な表現があるため")
    assert _refs(client.get(URL)) == {f"bonavi-{p.pk}" for p in rest}


def test_a_posting_past_its_deadline_leaves_at_midnight_without_a_rebuild(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert employer.organization is not None
    today = clock.today_jst()
    last_day = make_posting(employer.organization, valid_through=today)
    kept = make_posting(employer.organization, valid_through=today + dt.timedelta(days=30))
    _build()
    monkeypatch.setattr(clock, "today_jst", lambda: today + dt.timedelta(days=1))
    assert _refs(client.get(URL)) == {f"bonavi-{kept.pk}"}
    assert JobPosting.objects.get(pk=last_day.pk).status == "published"  # no row changed


def test_a_posting_changed_but_still_public_stays(
    client: Client, employer: User, three: tuple[JobPosting, ...]
) -> None:
    edited, *_ = three
    services.posting_update(user=employer, posting=edited, data={"title": "求人0（更新）"})
    assert _refs(client.get(URL)) == {f"bonavi-{p.pk}" for p in three}


def test_without_jobs_cuts_only_whole_jobs_whatever_the_chunks() -> None:
    jobs = [
        f"<job><title><![CDATA[t{n}]]></title><referencenumber><![CDATA[bonavi-{n}]]></referencenumber>"
        f"<description><![CDATA[a]]]]><![CDATA[></category></job>\n b]]></description>"
        f"<category><![CDATA[c]]></category>{'<expirationdate><![CDATA[x]]></expirationdate>' if n % 2 else ''}"
        "</job>\n"
        for n in (1, 12, 2, 21)
    ]
    whole = ("<?xml?>\n<source><lastBuildDate>d</lastBuildDate>\n" + "".join(jobs) + "</source>\n").encode()
    expected = whole.replace(jobs[0].encode(), b"").replace(jobs[2].encode(), b"")
    for size in (1, 7, 64, len(whole)):
        chunks = [whole[i : i + size] for i in range(0, len(whole), size)]
        assert b"".join(feed_files.without_jobs(chunks, {1, 2})) == expected, size
