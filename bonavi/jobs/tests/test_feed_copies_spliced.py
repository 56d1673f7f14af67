"""Every gzipped feed file is built in segments and its filtered copy spliced from them (ADR 0081 addendum s20): the
prefecture, family and prefecture × family copies as the whole feed's. And a FEED_DIR/.filtered that cannot be
written (read-only volume, full disk, a file where the directory should be) never makes the feed answer 500: the
filtered body is made while it is sent, a withdrawn posting left out in every path."""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import gzip
import logging
import os
import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.jobs import feed_files, services
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_feed import URL, _body, _build, feed_dir  # noqa: F401  (feed_dir: autouse fixture)
from bonavi.jobs.tests.test_feed_withdrawn_at_once import _count_filtering, _refs_in

pytestmark = pytest.mark.django_db

TOKYO_ACCOUNTING, OSAKA_ACCOUNTING, TOKYO_HR = (
    {"prefecture": "13"},
    {"prefecture": "27", "municipality": "大阪市北区"},
    {"prefecture": "13", "subrole": "payroll"},
)


@pytest.fixture
def spread(employer: User, monkeypatch: pytest.MonkeyPatch) -> list[JobPosting]:
    """Nine postings over two prefectures and two families, built with a segment per job."""
    assert employer.organization is not None
    monkeypatch.setattr(feed_files, "SEGMENT_BYTES", 1)
    postings = [
        make_posting(employer.organization, title=f"求人{n}", **place)
        for n, place in enumerate([TOKYO_ACCOUNTING, OSAKA_ACCOUNTING, TOKYO_HR] * 3)
    ]
    JobPosting.objects.update(updated_at=timezone.now() - dt.timedelta(seconds=30))
    _build()
    return postings


def _gz_names() -> list[str]:
    return [name for name in feed_files.file_names() if name.endswith(".gz")]


def _count_splicing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose copy was spliced from segments (not gunzipped, filtered and gzipped whole)."""
    spliced: list[str] = []
    real = feed_files._splice

    def counting(source: Any, segments: Any, posting_ids: set[int]) -> Any:
        spliced.append(Path(source.name).name)
        return real(source, segments, posting_ids)

    monkeypatch.setattr(feed_files, "_splice", counting)
    return spliced


def _fully_filtered(name: str, posting_ids: set[int]) -> bytes:
    """The file gunzipped and filtered whole: what a copy was before the lists."""
    xml = gzip.decompress((feed_files.feed_dir() / name).read_bytes())
    return b"".join(feed_files.without_jobs([xml], posting_ids))


def test_every_gzipped_file_is_listed_in_segments_that_make_it(spread: list[JobPosting]) -> None:
    for name in _gz_names():
        built = (feed_files.feed_dir() / name).read_bytes()
        with open(feed_files.feed_dir() / name, "rb") as file:
            segments = feed_files._segments_for(file, name)
        assert segments is not None, name
        jobs = gzip.decompress(built).count(b"<job>")
        assert sum(len(s.ids) for s in segments) == jobs, name
        # Each segment inflates on its own (a full flush ended the one before) to its listed length and CRC.
        crc = 0
        for segment in segments:
            xml = zlib.decompressobj(-15).decompress(built[segment.start : segment.start + segment.length])
            crc = zlib.crc32(xml, crc)
            assert (len(xml), crc) == (segment.xml_bytes, segment.crc), name


def test_each_spliced_copy_is_the_fully_filtered_file_and_no_withdrawn_job_is_in_any(
    spread: list[JobPosting],
) -> None:
    withdrawn = {spread[0].pk, spread[4].pk, spread[8].pk}  # one of each place, in the middle and at the ends
    kept = {f"bonavi-{p.pk}" for p in spread if p.pk not in withdrawn}
    spliced = 0
    for name in _gz_names():
        with open(feed_files.feed_dir() / name, "rb") as source:
            segments = feed_files._segments_for(source, name)
            assert segments is not None, name
            zipped = b"".join(feed_files._copy_chunks(source, name=name, posting_ids=withdrawn, gzipped=True))
        xml = gzip.decompress(zipped)  # checks the spliced CRC and length
        assert xml == _fully_filtered(name, withdrawn), name
        assert _refs_in(xml) <= kept, name
        touched = [s for s in segments if withdrawn & set(s.ids)]
        if touched:
            spliced += 1
        built = (feed_files.feed_dir() / name).read_bytes()
        assert all(built[s.start : s.start + s.length] in zipped for s in segments if s not in touched), name
    # The whole feed, both prefectures, both families and the three pairs holding a withdrawn job.
    assert spliced == 1 + 2 + 2 + 3


@pytest.mark.parametrize(
    "query", [{"prefecture": "13"}, {"family": "hr_labor"}, {"prefecture": "27", "family": "accounting"}]
)
@pytest.mark.parametrize("accept", ["gzip", ""])
def test_a_prefecture_or_family_copy_recompresses_only_the_touched_segments(
    client: Client,
    employer: User,
    spread: list[JobPosting],
    monkeypatch: pytest.MonkeyPatch,
    query: dict[str, str],
    accept: str,
) -> None:
    inside = [p for p in spread if all(getattr(p, k) == v for k, v in query.items())]
    closing = inside[1]
    services.posting_close(user=employer, posting=closing)
    calls = _count_filtering(monkeypatch)
    spliced = _count_splicing(monkeypatch)
    response = client.get(URL, query, headers={"accept-encoding": accept})
    assert response.status_code == 200
    body = _body(response)
    xml = gzip.decompress(body) if accept else body
    assert (response.get("Content-Encoding") == "gzip") == bool(accept)
    assert _refs_in(xml) == {f"bonavi-{p.pk}" for p in inside if p != closing}
    # The copy is kept gzipped whatever the client takes, spliced: one segment, of one job, filtered.
    assert spliced == [feed_files.variant_name(**query)] and calls == [{closing.pk}]


def test_a_list_that_does_not_match_its_file_falls_back_to_the_full_filter(
    client: Client, employer: User, spread: list[JobPosting], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = feed_files.variant_name(prefecture="13")
    listed = feed_files.feed_dir() / feed_files.segments_name(name)
    listed.write_text(listed.read_text().replace('"trailer":"', '"trailer":"00', 1))  # another file's
    closing = spread[0]
    services.posting_close(user=employer, posting=closing)
    calls = _count_filtering(monkeypatch)
    spliced = _count_splicing(monkeypatch)
    response = client.get(URL, {"prefecture": "13"}, headers={"accept-encoding": "gzip"})
    xml = gzip.decompress(_body(response))
    assert spliced == [] and calls == [{closing.pk}]  # the whole file filtered once
    assert xml == _fully_filtered(name, {closing.pk}) and f"bonavi-{closing.pk}" not in _refs_in(xml)
    assert len(_refs_in(xml)) == 5


def test_the_crc_shift_is_that_of_as_many_zero_bytes() -> None:
    """Computed by GF(2) products, without a buffer of zeros; checked here against zlib running the zeros."""
    rng = random.Random(81)
    for length in [0, 1, 2, 3, 8, 1000, (1 << 20) - 1, 1 << 20, (1 << 21) + 12345, rng.randrange(1 << 22)]:
        for delta in [0, 1, 0xFFFFFFFF, rng.getrandbits(32)]:
            expected = zlib.crc32(bytes(length), delta ^ 0xFFFFFFFF) ^ 0xFFFFFFFF
            assert feed_files._crc_shift(delta, length) == expected, (delta, length)
    assert not any(isinstance(v, bytes) and len(v) >= 1 << 16 for v in vars(feed_files).values())


# FEED_DIR/.filtered cannot be written.


def _withdraw_one(employer: User, spread: list[JobPosting]) -> JobPosting:
    closing = spread[0]  # in the whole feed, Tokyo's and accounting's
    services.posting_close(user=employer, posting=closing)
    return closing


def _assert_served_without(client: Client, closing: JobPosting, caplog: pytest.LogCaptureFixture) -> None:
    for query in [
        {},
        {"prefecture": "13"},
        {"family": "accounting"},
        {"prefecture": "13", "family": "accounting"},
    ]:
        for accept in ["gzip", ""]:
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="bonavi.jobs.feed_files"):
                response = client.get(URL, query, headers={"accept-encoding": accept})
                assert response.status_code == 200, (query, accept)
                body = _body(response)
            assert (response.get("Content-Encoding") == "gzip") == bool(accept), (query, accept)
            xml = gzip.decompress(body) if accept else body
            refs = _refs_in(xml)
            assert refs and f"bonavi-{closing.pk}" not in refs, (query, accept)
            warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
            assert len(warnings) == 1, (query, accept, [r.getMessage() for r in caplog.records])


def _no_copies_kept() -> None:
    directory = feed_files.feed_dir() / feed_files.FILTERED
    assert not directory.is_dir() or not [p for p in directory.iterdir() if "--" in p.name]


def test_a_file_where_the_copies_directory_should_be(
    client: Client, employer: User, spread: list[JobPosting], caplog: pytest.LogCaptureFixture
) -> None:
    (feed_files.feed_dir() / feed_files.FILTERED).write_text("")  # mkdir and every path under it fail
    closing = _withdraw_one(employer, spread)
    _assert_served_without(client, closing, caplog)
    # The streamed gzip body is the copy that would have been kept.
    name = feed_files.variant_name(prefecture="13")
    with open(feed_files.feed_dir() / name, "rb") as source:
        streamed = b"".join(
            feed_files.filtered_chunks(source, name=name, posting_ids={closing.pk}, gzipped=True)
        )
    assert gzip.decompress(streamed) == _fully_filtered(name, {closing.pk})
    _build()  # a build does not trip over it either
    assert f"bonavi-{closing.pk}" not in _refs_in(_body(client.get(URL)))


def test_a_full_disk_while_writing_the_copy(
    client: Client,
    employer: User,
    spread: list[JobPosting],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_open = builtins.open

    class Full:
        def __init__(self, file: Any) -> None:
            self._file = file

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

    def full_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        file = real_open(path, mode, *args, **kwargs)
        return Full(file) if "w" in mode and feed_files.FILTERED in str(path) else file

    monkeypatch.setattr(feed_files, "open", full_open, raising=False)
    closing = _withdraw_one(employer, spread)
    _assert_served_without(client, closing, caplog)
    assert not [p for p in (feed_files.feed_dir() / feed_files.FILTERED).iterdir() if p.suffix == ".tmp"]
    _no_copies_kept()


def test_a_copy_that_cannot_be_put_in_place_is_sent_all_the_same(
    client: Client,
    employer: User,
    spread: list[JobPosting],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_room(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(feed_files.os, "replace", no_room)
    closing = _withdraw_one(employer, spread)
    _assert_served_without(client, closing, caplog)
    assert not [p for p in (feed_files.feed_dir() / feed_files.FILTERED).iterdir() if p.suffix == ".tmp"]
    _no_copies_kept()


def _permissions_enforced(tmp_path: Path) -> bool:
    """Whether a directory made read-only refuses this process a file: not for root with CAP_DAC_OVERRIDE (run as
    `setpriv --bounding-set -dac_override,-dac_read_search --inh-caps -dac_override,-dac_read_search` it is)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        (probe / "file").write_text("")
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


@pytest.mark.parametrize("read_only", ["copies", "feed_dir"])
def test_a_read_only_directory(
    client: Client,
    employer: User,
    spread: list[JobPosting],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    read_only: str,
) -> None:
    if not _permissions_enforced(tmp_path):
        pytest.skip(
            "permissions are not enforced for this process (root): the other tests simulate the failure"
        )
    directory = feed_files.feed_dir()
    if read_only == "copies":
        directory = directory / feed_files.FILTERED
        directory.mkdir()
    closing = _withdraw_one(employer, spread)
    directory.chmod(0o555)
    try:
        _assert_served_without(client, closing, caplog)
        _no_copies_kept()
    finally:
        directory.chmod(0o755)


def test_a_read_error_of_the_built_file_is_not_taken_for_a_full_disk(
    employer: User, spread: list[JobPosting], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml.gz"
    broken.write_bytes(b"not gzip at all")
    with open(broken, "rb") as source, pytest.raises(gzip.BadGzipFile):
        feed_files.filtered_copy(source, name="broken.xml.gz", posting_ids={spread[0].pk}, gzipped=True)


def test_bench_feed_times_the_prefecture_s_copy_and_leaves_the_directory_as_it_was(employer: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    assert employer.organization is not None
    make_posting(employer.organization, prefecture="13")  # one to withdraw
    out = StringIO()
    call_command("bench_feed", postings=3, runs=1, withdraw=1, prefecture="13", stdout=out)
    text = out.getvalue()
    assert "送信?prefecture=13（gzip、1件を除外・初回" in text and "分割なし＝全体を再圧縮" in text
    assert text.count(".filtered に書けない") == 4
    directory = feed_files.feed_dir()
    assert (directory / feed_files.FILTERED).is_dir()
    assert (directory / feed_files.segments_name(feed_files.variant_name(prefecture="13"))).exists()
    assert not list(directory.glob("*.aside"))
