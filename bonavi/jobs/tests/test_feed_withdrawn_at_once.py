"""A posting that leaves the public set leaves /feeds/jobs.xml at once (ADR 0081 amendment 4): closed, made 非公開,
stopped by the operator or past its 掲載期限, it is left out of the built file while the view sends it — plain,
gzip, a prefecture's file — until the worker's next build; and a client holding the file's version gets the new
body, not a 304. Before, it stayed in the served feed up to REFRESH_SECONDS plus a build."""

from __future__ import annotations

import datetime as dt
import gzip
import threading
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs import feed_files, services
from bonavi.jobs.models import FeedStaffChange, JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_feed import URL, _body, _build, feed_dir  # noqa: F401  (feed_dir: autouse fixture)

pytestmark = pytest.mark.django_db


def _refs(response: Any) -> set[str]:
    body = _body(response)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return _refs_in(body)


def _refs_in(body: bytes) -> set[str]:
    return {str(job.findtext("referencenumber")) for job in ET.fromstring(body).iter("job")}


@pytest.fixture
def three(employer: User) -> tuple[JobPosting, JobPosting, JobPosting]:
    assert employer.organization is not None
    earlier = timezone.now() - dt.timedelta(seconds=30)
    postings = tuple(make_posting(employer.organization, title=f"求人{n}") for n in range(3))
    JobPosting.objects.update(updated_at=earlier)  # the build's data time is before any change below
    FeedStaffChange.objects.update(changed_at=earlier)  # the employer's joining too
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


# The filtered feed compressed and kept (ADR 0081 addendum s19): made once per built file and withdrawn set, beside
# the build, and sent as a built file is.


def _count_filtering(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    calls: list[set[int]] = []
    real = feed_files.without_jobs

    def counting(chunks: Any, posting_ids: set[int]) -> Any:
        calls.append(set(posting_ids))
        return real(chunks, posting_ids)

    monkeypatch.setattr(feed_files, "without_jobs", counting)
    return calls


def _copies(suffix: str = "") -> list[str]:
    return sorted(
        p.name
        for p in (feed_files.feed_dir() / feed_files.FILTERED).glob(f"*--*{suffix}")
        if p.suffix != ".tmp"
    )


@pytest.mark.parametrize("query", [{}, {"prefecture": "13"}])
def test_the_filtered_feed_is_gzipped_when_accepted_and_the_same_as_the_plain_one(
    client: Client, employer: User, three: tuple[JobPosting, ...], query: dict[str, str]
) -> None:
    closing, *rest = three
    assert all(p.prefecture == "13" for p in three)  # the prefecture's file holds them all
    services.posting_close(user=employer, posting=closing)
    zipped = client.get(URL, query, headers={"accept-encoding": "gzip, deflate"})
    plain = client.get(URL, query)
    assert zipped["Content-Encoding"] == "gzip" and not plain.has_header("Content-Encoding")
    zipped_body, plain_body = _body(zipped), _body(plain)
    assert len(zipped_body) < len(plain_body)
    assert gzip.decompress(zipped_body) == plain_body
    assert _refs_in(plain_body) == {f"bonavi-{p.pk}" for p in rest}
    assert zipped["Last-Modified"] == plain["Last-Modified"]


def test_the_filtered_copy_is_made_once_and_sent_as_it_is_after(
    client: Client, employer: User, three: tuple[JobPosting, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    closing, *_ = three
    services.posting_close(user=employer, posting=closing)
    calls = _count_filtering(monkeypatch)
    first = client.get(URL, headers={"accept-encoding": "gzip"})
    body = _body(first)
    [copy] = _copies(".gz")
    made = (feed_files.feed_dir() / feed_files.FILTERED / copy).stat()
    again = client.get(URL, headers={"accept-encoding": "gzip"})
    assert _body(again) == body and again["Last-Modified"] == first["Last-Modified"]
    assert calls == [{closing.pk}]  # filtered once: the second request sent the copy
    after = (feed_files.feed_dir() / feed_files.FILTERED / copy).stat()
    assert (after.st_ino, after.st_mtime_ns) == (made.st_ino, made.st_mtime_ns)
    assert f"bonavi-{closing.pk}" not in _refs_in(gzip.decompress(body))


def test_a_second_withdrawal_makes_a_new_copy_and_removes_the_old_one(
    client: Client, employer: User, three: tuple[JobPosting, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, kept = three
    calls = _count_filtering(monkeypatch)
    services.posting_close(user=employer, posting=first)
    assert _refs(client.get(URL, headers={"accept-encoding": "gzip"})) == {
        f"bonavi-{second.pk}",
        f"bonavi-{kept.pk}",
    }
    [old] = _copies(".gz")
    services.posting_update(user=employer, posting=second, data={"visibility": Visibility.PRIVATE})
    assert _refs(client.get(URL, headers={"accept-encoding": "gzip"})) == {f"bonavi-{kept.pk}"}
    assert calls == [{first.pk}, {first.pk, second.pk}]
    [new] = _copies(".gz")
    assert new != old  # the old withdrawn set's copy is gone, not kept beside


def test_a_build_removes_the_copies_and_the_feed_is_the_built_file_again(
    client: Client, employer: User, three: tuple[JobPosting, ...]
) -> None:
    closing, *rest = three
    services.posting_close(user=employer, posting=closing)
    client.get(URL, headers={"accept-encoding": "gzip"})
    client.get(URL)
    assert len(_copies()) == 2  # the gzipped and the plain copy of the whole feed
    _build()
    assert _copies() == []
    body = _body(client.get(URL))
    assert body == (feed_files.feed_dir() / "jobs.xml").read_bytes()
    assert _refs_in(body) == {f"bonavi-{p.pk}" for p in rest}


def test_a_conditional_or_head_request_makes_no_copy(
    client: Client, employer: User, three: tuple[JobPosting, ...]
) -> None:
    closing, *_ = three
    services.posting_close(user=employer, posting=closing)
    assert client.head(URL).status_code == 200
    held = client.get(URL)
    _body(held)
    [copy] = _copies()
    assert client.get(URL, headers={"if-modified-since": held["Last-Modified"]}).status_code == 304
    assert _copies() == [copy]


def test_requests_at_once_filter_the_file_once(
    employer: User, three: tuple[JobPosting, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two requests finding no copy: the second waits for the first one's copy (no second filtering, no copy half
    written by two)."""
    closing, *_ = three
    calls = _count_filtering(monkeypatch)
    started = threading.Barrier(4)
    bodies: list[bytes] = []

    def fetch() -> None:
        with open(feed_files.feed_dir() / "jobs.xml", "rb") as source:
            started.wait()
            with feed_files.filtered_copy(
                source, name="jobs.xml", posting_ids={closing.pk}, gzipped=True
            ) as copy:
                bodies.append(copy.read())

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(bodies) == 4 and len(set(bodies)) == 1
    assert f"bonavi-{closing.pk}]".encode() not in gzip.decompress(bodies[0])
    assert len(_copies()) == 1


def test_the_whole_feed_s_gzip_copy_reuses_the_untouched_segments(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jobs.xml.gz is built in segments compressed on their own; the copy recompresses only those holding a
    withdrawn job, and its CRC, corrected without reading the others, is right (gzip.decompress checks it)."""
    assert employer.organization is not None
    monkeypatch.setattr(feed_files, "SEGMENT_BYTES", 1)  # a segment per job
    postings = [make_posting(employer.organization, title=f"求人{n}") for n in range(6)]
    JobPosting.objects.update(updated_at=timezone.now() - dt.timedelta(seconds=30))
    _build()
    built = (feed_files.feed_dir() / "jobs.xml.gz").read_bytes()
    assert gzip.decompress(built) == (feed_files.feed_dir() / "jobs.xml").read_bytes()
    with open(feed_files.feed_dir() / "jobs.xml.gz", "rb") as file:
        segments = feed_files._segments_for(file, "jobs.xml.gz")
    # The header's segment, one per job, the footer's.
    assert segments is not None and [len(s.ids) for s in segments] == [0, *[1] * 6, 0]
    withdrawn = [postings[1], postings[4]]  # ids in the middle: a changed segment between untouched ones
    for posting in withdrawn:
        services.posting_close(user=employer, posting=posting)
    calls = _count_filtering(monkeypatch)
    zipped = _body(client.get(URL, headers={"accept-encoding": "gzip"}))
    plain = _body(client.get(URL))
    assert gzip.decompress(zipped) == plain
    assert _refs_in(plain) == {f"bonavi-{p.pk}" for p in postings} - {f"bonavi-{p.pk}" for p in withdrawn}
    kept = [s for s in segments if not {p.pk for p in withdrawn} & set(s.ids)]
    assert len(kept) == 6 and all(built[s.start : s.start + s.length] in zipped for s in kept)
    # Two segments filtered for the gzip copy (one each), the whole plain file once for the plain one.
    assert [len(c) for c in calls] == [1, 1, 2]


def test_a_segment_list_of_another_build_is_not_used(
    client: Client, employer: User, three: tuple[JobPosting, ...]
) -> None:
    closing, *rest = three
    listed = feed_files.feed_dir() / feed_files.SEGMENTS
    listed.write_text(listed.read_text().replace('"size":', '"size":1', 1))  # another file's
    services.posting_close(user=employer, posting=closing)
    response = client.get(URL, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert _refs_in(gzip.decompress(_body(response))) == {f"bonavi-{p.pk}" for p in rest}


def test_no_segment_list_when_a_job_s_number_could_be_missed(
    client: Client, employer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment whose jobs and numbers do not tally (here 「<job><title>」 in a posting's own words) is not listed:
    a job taken for untouched would be sent withdrawn. The copy is then made by filtering the whole file."""
    assert employer.organization is not None
    monkeypatch.setattr(feed_files, "SEGMENT_BYTES", 1)
    odd = make_posting(
        employer.organization, duties="求人票の例：<job><title>経理</title></job> と書く業務です。"
    )
    closing = make_posting(employer.organization)
    JobPosting.objects.update(updated_at=timezone.now() - dt.timedelta(seconds=30))
    _build()
    assert not (feed_files.feed_dir() / feed_files.SEGMENTS).exists()
    services.posting_close(user=employer, posting=closing)
    body = gzip.decompress(_body(client.get(URL, headers={"accept-encoding": "gzip"})))
    assert _refs_in(body) == {f"bonavi-{odd.pk}"}
