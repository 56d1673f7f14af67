"""The job feed built into files (ADR 0081): rendering every posting on each request would let anyone keep the
server's cores busy for minutes per request, so the feed is built once into settings.FEED_DIR and the view sends
the file.

One pass over the public postings writes the whole feed (jobs.xml and jobs.xml.gz) and, gzipped, one feed per
prefecture and one per job family, each job rendered once. Every file is written under a temporary name and moved
into place with os.replace, so a reader gets the old file or the new one, never half of one. Each file's mtime is
the build's *data time*: the newest posting change it includes (at least the start of that day in JST), which is
the view's Last-Modified and what the next refresh compares with. Every .gz is written in segments compressed on
their own, listed beside it, so a copy less some withdrawn jobs reuses most of it (`filtered_copy`).

At most one build runs at a time: an exclusive flock on FEED_DIR/.build.lock. The kernel drops it when the holding
process dies, so a crashed build never leaves a lock to expire, and the lock covers exactly the directory whose
files it protects (several workers sharing one FEED_DIR, on one host or a shared volume, build one at a time).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import gzip
import hashlib
import json
import logging
import os
import re
import struct
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Q, Subquery

from bonavi.core import clock, db
from bonavi.core.prefectures import PREFECTURES

from . import feed, selectors
from .catalog import FAMILIES
from .jsonld import reference_number
from .models import FeedStaffChange, JobPosting, PostingStatus, Visibility

log = logging.getLogger(__name__)

FULL = "jobs.xml"
LOCK = ".build.lock"
# The worker looks this often whether a posting changed since the last build, and rebuilds if so. A posting closed,
# made 非公開, stopped or expired meanwhile is left out of the served file at once (`withdrawn_since`, ADR 0081
# amendment 4); the rebuild makes the file itself right.
REFRESH_SECONDS = 10 * 60
# Level 6 is zlib's default: a full feed compresses to about a tenth, at a small fraction of the render's time.
GZIP_LEVEL = 6
# Every .gz is compressed in segments of about this many bytes of XML, each on its own (ADR 0081 addenda s19, s20):
# a filtered copy recompresses only the segments holding a withdrawn job. 1 MB costs ≈ 3 % of the file's size
# (256 KB: ≈ 10 %) and ≈ 40 ms per touched segment (docs/benchmarks.md).
SEGMENT_BYTES = 1 << 20
# A row's `updated_at` (and a FeedStaffChange's `changed_at`) is stamped when it is saved, and the change is seen by
# others only when its transaction commits, later. A build that read the data time and the postings between the two
# kept the posting as it was while its stamp is already older than the build's data time: compared with that data
# time alone, the change would be neither withdrawn from the served file nor make the feed stale (ADR 0081
# addendum s21). The build waits for the write transactions open at its data time (WRITES_WAIT, addendum s22); what
# is left is a stamp taken before its transaction first wrote (a save outside a transaction waiting for a lock, a
# request that paused between the two). Changes stamped this long before a build are looked at again for those.
LATE_COMMIT = dt.timedelta(minutes=10)
# How long a build waits for the write transactions open when it read its data time (a bulk import of thousands of
# rows commits in seconds). Past it the build is put off to the worker's next round: the file on disk stays as it
# was, still served without whatever left the public set since (`withdrawn_since`), and still stale.
WRITES_WAIT = 30.0


def segments_name(name: str) -> str:
    """The list of the segments of the .gz file `name`, beside it."""
    return name + ".segments.json"


SEGMENTS = segments_name(FULL + ".gz")
# The plain whole feed is the same XML as jobs.xml.gz, so it holds the same jobs: its list names the plain file (its
# inode, size and date: no two files existing at once share an inode) and the .gz list whose jobs it shares (that
# file's size and trailer). Without it a withdrawal the build had already seen made one filtered copy per build.
PLAIN_LIST = segments_name(FULL)
# zlib's gzip header: magic, method, no flags, mtime 0, no extra flags, OS. Nothing optional, so always 10 bytes.
GZIP_HEADER = 10


def feed_dir() -> Path:
    return Path(settings.FEED_DIR)


def variant_name(*, prefecture: str = "", family: str = "") -> str:
    """The file of a feed: the whole one, one prefecture's, one family's, or one family's in one prefecture."""
    if prefecture and family:
        return f"jobs-prefecture-{prefecture}-family-{family}.xml.gz"
    if prefecture:
        return f"jobs-prefecture-{prefecture}.xml.gz"
    if family:
        return f"jobs-family-{family}.xml.gz"
    return FULL


def _micros(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1_000_000)


def built_data_time() -> dt.datetime | None:
    """The data time of the feed on disk, None before the first build."""
    try:
        ns = (feed_dir() / FULL).stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return dt.datetime.fromtimestamp(ns // 1000 / 1_000_000, tz=dt.UTC)


@contextmanager
def build_lock(*, wait: bool = False) -> Iterator[bool]:
    """Yields True while this process holds the build lock, False at once if another build holds it (or, with
    wait=True, blocks until it is free)."""
    directory = feed_dir()
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class FeedBuild:
    postings: int
    seconds: float
    data_time: dt.datetime
    bytes: int  # of the uncompressed whole feed


class Segment(NamedTuple):
    """One independently compressed part of a .gz feed file: whole jobs (the first also holds the header, the last
    the footer)."""

    start: int  # offset of its compressed bytes in the file
    length: int  # of its compressed bytes
    xml_bytes: int  # uncompressed
    crc: int  # CRC-32 of the XML from the start of the file to the end of this segment
    ids: list[int]  # the postings whose <job> it holds


@cache
def _any_reference() -> re.Pattern[bytes]:
    """A <referencenumber> and its posting id: 「]]></referencenumber>」 cannot be a posting's own words (xml_text
    splits any 「]]>」), so every match is a job's own number."""
    prefix = reference_number(JobPosting(pk=0)).removesuffix("0").encode()
    return re.compile(rb"<referencenumber><!\[CDATA\[" + re.escape(prefix) + rb"(\d+)\]\]></referencenumber>")


def _job_ids(data: bytes) -> list[int] | None:
    """The postings whose <job> `data` holds, or None when their numbers and the jobs do not tally: a job whose
    number was missed would be taken for untouched and copied even when withdrawn (a 「<job><title>」 in a posting's
    own words ends here too: safe, only slower)."""
    ids = [int(m) for m in _any_reference().findall(data)]
    return ids if len(ids) == data.count(_JOB_START) else None


def _segments_tmp(out: _Out) -> Path:
    return out.path.parent / f"{segments_name(out.path.name)}.{os.getpid()}.{threading.get_ident()}.tmp"


def _segments_write(out: _Out, segments: list[Segment]) -> None:
    """The segment list of `out`, just closed, naming the file it describes by its size and gzip trailer (CRC and
    length): a list found beside another build's file is recognised and not used."""
    with open(out.tmp, "rb") as written:
        size = os.fstat(written.fileno()).st_size
        written.seek(size - 8)
        trailer = written.read(8)
    listed = {"size": size, "trailer": trailer.hex(), "segments": [list(segment) for segment in segments]}
    _segments_tmp(out).write_text(json.dumps(listed, separators=(",", ":")))


class _Out:
    """One feed file being written under a temporary name; gzipped, in segments, when its name ends in .gz.

    `small`: the 282 prefecture × family files are open at once during a build, so each gets a small zlib state
    (an 8 KB window and memLevel 6, ≈ 64 KB instead of ≈ 256 KB) and hands zlib 32 KB at a time instead of 256 KB:
    ≈ 23 MB more at the build's peak for all of them instead of ≈ 140 MB, for a file ≈ 1.5× the size of a full
    window's (docs/benchmarks.md)."""

    def __init__(self, directory: Path, name: str, *, small: bool = False) -> None:
        self.path = directory / name
        self.tmp = directory / f"{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        self._raw: BinaryIO = open(self.tmp, "wb", buffering=(1 << 13) if small else (1 << 16))  # noqa: SIM115
        # 16 + window bits: zlib writes the gzip header (mtime 0) and trailer itself.
        self._zlib = (
            (
                zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + 13, 6)
                if small
                else zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + 15)
            )
            if name.endswith(".gz")
            else None
        )
        self._batch = (1 << 15) if small else (1 << 18)
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._pending_ids: list[int] = []
        # A .gz is cut into segments of ≈ SEGMENT_BYTES of whole jobs, each ended by a full flush (which resets the
        # window: it depends on no earlier byte) and listed, so a filtered copy can reuse the untouched ones as they
        # are. The boundary is independent of the batch: the small files keep their 32 KB batches.
        self.segments: list[Segment] | None = [] if self._zlib is not None else None
        self.segments_whole = True
        self._written = 0
        self._crc = 0
        self._segment_start = GZIP_HEADER
        self._segment_xml = 0
        self._segment_ids: list[int] = []

    def write(self, data: bytes, ids: Sequence[int] | None = ()) -> None:
        """`ids`: the postings whose <job> `data` holds (`_job_ids`, found once for the five files a job goes to);
        None when they could not be told, which leaves the file without a segment list."""
        # Jobs are collected and handed to zlib in batches: one compress call per 2 KB job cost ten times the
        # compression itself.
        self._pending.append(data)
        self._pending_size += len(data)
        if self.segments is not None:
            if ids is None:
                self.segments_whole = False
            else:
                self._pending_ids.extend(ids)
            if self._segment_xml + self._pending_size >= SEGMENT_BYTES:
                self._flush()
                return
        if self._pending_size >= self._batch:
            self._flush()

    def _flush(self, *, last: bool = False) -> None:
        data = b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        if self._zlib is None:
            self._raw.write(data)
            return
        out = self._zlib.compress(data)
        if self.segments is None:
            self._raw.write(out)
            return
        self._crc = zlib.crc32(data, self._crc)
        self._segment_xml += len(data)
        self._segment_ids += self._pending_ids
        self._pending_ids.clear()
        ended = self._segment_xml >= SEGMENT_BYTES or (last and self._segment_xml > 0)
        if ended:
            out += self._zlib.flush(zlib.Z_FULL_FLUSH)
        self._raw.write(out)
        self._written += len(out)
        if ended:
            self.segments.append(
                Segment(
                    self._segment_start,
                    self._written - self._segment_start,
                    self._segment_xml,
                    self._crc,
                    self._segment_ids,
                )
            )
            self._segment_start, self._segment_xml, self._segment_ids = self._written, 0, []

    def close(self) -> None:
        self._flush(last=True)
        if self._zlib is not None:
            self._raw.write(self._zlib.flush())
        self._raw.close()
        if self.segments is not None and self.segments_whole:
            _segments_write(self, self.segments)

    def discard(self) -> None:
        self._pending.clear()
        try:
            self.close()
        finally:
            self.tmp.unlink(missing_ok=True)
            _segments_tmp(self).unlink(missing_ok=True)


def feed_build() -> FeedBuild:
    """Write every feed file from the database. The caller holds build_lock()."""
    started = time.perf_counter()
    directory = feed_dir()
    directory.mkdir(parents=True, exist_ok=True)
    # Temporary files are only ever left by a build that died; with the lock held, none is in progress.
    for leftover in directory.glob("*.tmp"):
        leftover.unlink(missing_ok=True)
    _filtered_clean_leftovers()
    # Read before the postings (a posting's or a company's 採用担当's, FeedStaffChange): a change committed during
    # the build is newer, so the next refresh picks it up — once the transactions that had already written when it
    # was read have ended; one stamped before it and committed after the postings were read would not be.
    data_time = feed.feed_last_modified()
    db.wait_for_open_writes(timeout=WRITES_WAIT)
    header = feed.feed_header(built=clock.now()).encode()
    full = _Out(directory, FULL)
    outs = [full, _Out(directory, FULL + ".gz")]
    by_prefecture = {code: _Out(directory, variant_name(prefecture=code)) for code in PREFECTURES}
    by_family = {key: _Out(directory, variant_name(family=key)) for key in FAMILIES}
    by_pair = {
        (code, key): _Out(directory, variant_name(prefecture=code, family=key), small=True)
        for code in PREFECTURES
        for key in FAMILIES
    }
    outs += [*by_prefecture.values(), *by_family.values(), *by_pair.values()]
    count = size = 0
    try:
        for out in outs:
            out.write(header)
        for posting in selectors.feed_postings().iterator(chunk_size=feed.CHUNK_SIZE):
            job = feed.job_xml(posting).encode()
            ids = _job_ids(job)
            outs[0].write(job)
            outs[1].write(job, ids)
            if (pref := by_prefecture.get(posting.prefecture)) is not None:
                pref.write(job, ids)
            if (fam := by_family.get(posting.family)) is not None:
                fam.write(job, ids)
            if (pair := by_pair.get((posting.prefecture, posting.family))) is not None:
                pair.write(job, ids)
            count += 1
            size += len(job)
        footer = feed.FEED_FOOTER.encode()
        for out in outs:
            out.write(footer)
            out.close()
    except BaseException:
        for out in outs:
            out.discard()
        raise
    ns = _micros(data_time) * 1000
    # The whole feed last: a reader who finds the new jobs.xml finds the new variants too. Each segment list before
    # its .gz: it names the .gz it describes (size and trailer), so a list older or newer than the .gz is never used.
    for out in outs[1:]:
        listed = directory / segments_name(out.path.name)
        if _segments_tmp(out).exists():
            os.replace(_segments_tmp(out), listed)
        else:
            listed.unlink(missing_ok=True)
    _plain_list_write(full, ns)
    for out in [*outs[1:], full]:
        os.utime(out.tmp, ns=(ns, ns))
        os.replace(out.tmp, out.path)
    # The filtered copies describe the files just replaced: no request asks for them again.
    filtered_copies_remove()
    return FeedBuild(count, time.perf_counter() - started, data_time, size + len(header) * 2)


def _plain_list_write(full: _Out, ns: int) -> None:
    """The plain whole feed's list (PLAIN_LIST), written after the whole .gz's list is in place and before the plain
    file is: a reader who opened the new plain file finds this list or a later build's, which names another inode.
    No list when the .gz has none (its jobs and numbers did not tally)."""
    directory = full.path.parent
    listed = directory / PLAIN_LIST
    try:
        whole = json.loads((directory / SEGMENTS).read_bytes())
    except FileNotFoundError:
        listed.unlink(missing_ok=True)
        return
    stat = os.stat(full.tmp)
    plain = {
        "dev": stat.st_dev,
        "ino": stat.st_ino,
        "size": stat.st_size,
        "mtime_ns": ns,  # the date os.utime gives it next
        "gz": {"size": whole["size"], "trailer": whole["trailer"]},
    }
    tmp = directory / f"{PLAIN_LIST}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(plain, separators=(",", ":")))
    os.replace(tmp, listed)


def _plain_segments(source: BinaryIO) -> list[Segment] | None:
    """The segments (for their jobs) of the whole .gz built with the open plain whole feed `source`; None when the
    lists on disk describe another build's files."""
    try:
        plain = json.loads((feed_dir() / PLAIN_LIST).read_bytes())
        stat = os.fstat(source.fileno())
        if [plain["dev"], plain["ino"], plain["size"], plain["mtime_ns"]] != [
            stat.st_dev,
            stat.st_ino,
            stat.st_size,
            stat.st_mtime_ns,
        ]:
            return None
        whole = json.loads((feed_dir() / SEGMENTS).read_bytes())
        if [whole["size"], whole["trailer"]] != [plain["gz"]["size"], plain["gz"]["trailer"]]:
            return None
        return [Segment(*row) for row in whole["segments"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def file_names() -> list[str]:
    """Every file a build writes."""
    return [
        FULL,
        FULL + ".gz",
        *(variant_name(prefecture=code) for code in PREFECTURES),
        *(variant_name(family=key) for key in FAMILIES),
        *(variant_name(prefecture=code, family=key) for code in PREFECTURES for key in FAMILIES),
    ]


def feed_stale() -> bool:
    """Whether a posting or a company's 採用担当 changed (or a day began in JST) since the feed on disk was built, or a
    file of it is missing (a fresh install, or a new kind of file after an upgrade: the view answers 503 until it
    exists). Read from the database, so a change made through any server makes every server's feed stale."""
    built = built_data_time()
    if built is None or not all((feed_dir() / name).exists() for name in file_names()):
        return True
    if _micros(feed.feed_last_modified()) > _micros(built):
        return True
    return bool(_committed_late(built))


def _committed_late(built: dt.datetime) -> set[int]:
    """Postings in the feed's set now, changed (or their company's 採用担当) within LATE_COMMIT before the build's data
    time, that the built whole feed does not hold: committed after the build read the postings, with an older stamp
    (LATE_COMMIT). Without them a posting published then would wait for the next unrelated change. Empty when the
    whole feed's segment list cannot tell which jobs it holds."""
    since = built - LATE_COMMIT
    staff = FeedStaffChange.objects.filter(changed_at__gt=since, changed_at__lte=built).values(
        "organization_id"
    )
    candidates = set(
        selectors.feed_postings()
        .filter(Q(updated_at__gt=since, updated_at__lte=built) | Q(organization_id__in=Subquery(staff)))
        .values_list("id", flat=True)
    )
    if not candidates:
        return set()
    try:
        with open(feed_dir() / (FULL + ".gz"), "rb") as whole:
            held = posting_ids_in(whole, FULL + ".gz")
    except OSError:
        return set()
    return set() if held is None else candidates - held


def posting_ids_in(source: BinaryIO, name: str) -> frozenset[int] | None:
    """The postings whose <job> the open built file `source` (the file `name`) holds, from its segment list (the
    plain whole feed: from the whole .gz's); None for another plain file or when no list describes this very file.
    Read once per built file and process (a million postings' list takes a while to parse); the key is the open
    file's identity, which a build's os.replace changes."""
    if not name.endswith(".gz") and name != FULL:
        return None
    stat = os.fstat(source.fileno())
    key = (name, stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _ids_lock:
        if key in _ids_cache:
            return _ids_cache[key]
    at = source.tell()
    try:
        segments = _plain_segments(source) if name == FULL else _segments_for(source, name)
    finally:
        source.seek(at)  # the caller sends this file: from where it was, not from its trailer
    ids = None if segments is None else frozenset(pk for segment in segments for pk in segment.ids)
    with _ids_lock:
        _ids_cache[key] = ids
        while len(_ids_cache) > _IDS_KEPT:
            del _ids_cache[next(iter(_ids_cache))]
    return ids


# A few files' lists at a time: the whole feed's and the copies asked for most recently.
_IDS_KEPT = 8
_ids_cache: dict[tuple[str, int, int, int, int], frozenset[int] | None] = {}
_ids_lock = threading.Lock()


def feed_refresh(*, force: bool = False) -> FeedBuild | None:
    """The worker's duty and `bonavi build_feed`: rebuild if stale (or always with force), unless another build is
    running, in which case its result will do. None when nothing was built."""
    with build_lock() as held:
        if not held or not (force or feed_stale()):
            return None
        try:
            result = feed_build()
        except db.WritesStillOpen:
            log.warning("job feed build put off: a write transaction was open for over %gs", WRITES_WAIT)
            return None
    log.info("job feed built: %d postings in %.1fs", result.postings, result.seconds)
    return result


_background: threading.Thread | None = None


def _refresh_then_close() -> None:
    try:
        feed_refresh()
    except Exception:
        log.exception("job feed build failed")
    finally:
        connection.close()  # this thread's own connection


def feed_refresh_in_background() -> str:
    """The worker's duty: a build of a million postings takes minutes, and the worker's loop must keep sending mail
    meanwhile, so it runs in a thread of its own (one at a time in this process; the lock covers other processes).
    The view starts it too when a file is missing, and answers 503 at once instead of building inside the request."""
    global _background
    if _background is not None and _background.is_alive():
        return "running"
    _background = threading.Thread(target=_refresh_then_close, name="job-feed-build", daemon=True)
    _background.start()
    return "started"


# A posting that leaves the public set must leave the feed at once: a 非公開求人 never reaches a feed (ADR 0081,
# amendment 4). Rebuilding on every such change costs seconds at 10,000 postings and minutes at a million; instead
# the view leaves them out of the built file while it sends it, until the worker's next build.


def withdrawn_since(built: dt.datetime) -> set[int]:
    """The ids of postings that may be in the file built at data time `built` but are not public now: changed since
    (closed, made 非公開, stopped by the operator — any write moves `updated_at`, read from its index's end) and no
    longer live, or past their 掲載期限 since the build's day in JST without any row changing, or of a company whose
    採用担当 changed since and that has no active one now (ADR 0146; no posting row changes then). Indexed queries
    whose size is the changes since the last build (at most REFRESH_SECONDS of them, plus one build's time)."""
    today = clock.today_jst()
    # From LATE_COMMIT before the build: a change committed after the build read the postings may carry an older
    # stamp than the build's data time. Those that were already out of the file are dropped by the view
    # (`posting_ids_in`); without a list, filtering a job that is not there changes nothing.
    since = built - LATE_COMMIT
    # Only the rows not live now leave the index walk: after a bulk import the window holds thousands of changed
    # rows, nearly all of them public, and sending each to Python cost ≈ 0.2 s a request at 10,000 (s21).
    live = Q(status=PostingStatus.PUBLISHED, visibility=Visibility.PUBLIC) & (
        Q(valid_through__isnull=True) | Q(valid_through__gte=today)
    )
    gone = set(JobPosting.objects.filter(updated_at__gt=since).exclude(live).values_list("id", flat=True))
    gone.update(selectors.postings_left_by_staff_since(since))
    built_day = clock.date_jst(built)
    if built_day < today:  # a 掲載期限 passed at a midnight since the build: no row changed
        gone.update(
            JobPosting.objects.filter(
                status=PostingStatus.PUBLISHED,
                visibility=Visibility.PUBLIC,
                valid_through__gte=built_day,
                valid_through__lt=today,
            ).values_list("id", flat=True)
        )
    return gone


# A <job> ends with its <category> or <expirationdate> closing a CDATA section. feed.xml_text splits any 「]]>」 in
# a text over two sections, so 「]]>」 followed by a closing tag is never a posting's own words: this marks the ends of
# jobs and nothing else. A job starts with 「<job><title>」 (a title holds no markup: core.validators.reject_markup).
_JOB_END = re.compile(rb"\]\]></(?:category|expirationdate)></job>\n")
_JOB_START = b"<job><title>"
_LAST_END = (b"]]></category></job>\n", b"]]></expirationdate></job>\n")


def _references(posting_ids: set[int]) -> re.Pattern[bytes]:
    """One pattern for the <referencenumber> of every posting to leave out: a single pass over the file whatever
    their number (the literal prefix is what the regex engine searches for), where one bytes.find per id would
    read the file once per id."""
    numbers = b"|".join(str(pk).encode() for pk in sorted(posting_ids))
    prefix = reference_number(JobPosting(pk=0)).removesuffix("0").encode()  # 「bonavi-」, from its one place
    return re.compile(
        rb"<referencenumber><!\[CDATA\["
        + re.escape(prefix)
        + rb"(?:"
        + numbers
        + rb")\]\]></referencenumber>"
    )


def _last_job_end(buf: bytes) -> int:
    """The offset just after the last whole <job> in `buf`, or 0."""
    return max((i + len(end) for end in _LAST_END if (i := buf.rfind(end)) >= 0), default=0)


def _drop(block: bytes, references: re.Pattern[bytes]) -> Iterator[bytes]:
    """`block` (whole jobs, or the header or footer) less the jobs whose <referencenumber> is one of `references`."""
    cuts: list[tuple[int, int]] = []
    for found in references.finditer(block):
        start = block.rfind(_JOB_START, 0, found.start())
        job_end = _JOB_END.search(block, found.end())
        if start >= 0 and job_end is not None:
            cuts.append((start, job_end.end()))
    pos = 0
    for start, end in sorted(cuts):
        if start > pos:
            yield block[pos:start]
        pos = max(pos, end)
    if pos < len(block):
        yield block[pos:]


def without_jobs(chunks: Iterable[bytes], posting_ids: set[int]) -> Iterator[bytes]:
    """The feed read in `chunks`, with the <job> of each of these postings left out. Each chunk is cut after its
    last whole job, so a job is never split between two searches; the search is bytes.find for each id's
    <referencenumber> (one pattern for all of them), near the speed of reading the file (docs/benchmarks.md)."""
    references = _references(posting_ids)
    buf = b""
    for chunk in chunks:
        buf += chunk
        cut = _last_job_end(buf)
        if cut:
            yield from _drop(buf[:cut], references)
            buf = buf[cut:]
    if buf:
        yield from _drop(buf, references)


# Filtered copies (ADR 0081, addendum s19). Until the next build every request would scan the whole file again and
# send it plain (26.9 MB instead of 2.6 MB gzipped at 10,000 postings), so the first request after a withdrawal
# writes the file less the withdrawn jobs, gzipped when the client takes gzip, into FILTERED, and every later
# request with the same withdrawn set is sent that file as it is. The name carries the built file's identity and the
# withdrawn ids, so a new build or a new withdrawal never finds an old copy: it makes a new one, once.
FILTERED = ".filtered"
# A copy left half-written by a request that died; a live one takes seconds (minutes at a million postings).
_FILTERED_TMP_MAX_AGE = 60 * 60


def _filtered_dir() -> Path:
    return feed_dir() / FILTERED


def _filtered_key(source: os.stat_result, posting_ids: set[int]) -> str:
    """The built file's identity (a build os.replaces it: a new inode and mtime) and the withdrawn ids, hashed."""
    digest = hashlib.sha256(
        f"{source.st_dev}:{source.st_ino}:{source.st_size}:{source.st_mtime_ns}\n".encode()
        + b",".join(str(pk).encode() for pk in sorted(posting_ids))
    )
    return digest.hexdigest()[:32]


def _filtered_base(name: str) -> str:
    return name.removesuffix(".gz").removesuffix(".xml")


def _unlink_if_possible(path: Path) -> None:
    # An unwritable FILTERED (read-only volume, permissions) must not fail a build or a request: a copy left there
    # is never named again (its key names the built file), it only takes disk.
    with suppress(OSError):
        path.unlink(missing_ok=True)


def _filtered_clean(*, keep: Path | None, base: str = "", suffix: str = "") -> None:
    """Remove the copies of `base` in the form `suffix` other than `keep`, or every copy (after a build). A request
    still sending one keeps its open file: unlinking it only frees the disk once it is closed."""
    pattern = f"{base}--*{suffix}" if base else "*--*"
    for old in _filtered_dir().glob(pattern):
        # "--*.xml" matches the plain copies only: the ".xml.gz" ones are the other form, kept.
        if old != keep and not old.name.endswith(".tmp"):
            _unlink_if_possible(old)


def filtered_copies_remove() -> None:
    """Every filtered copy: after a build (none describes the new files), and `bench_feed` timing a first request."""
    _filtered_clean(keep=None)


def _filtered_clean_leftovers() -> None:
    cutoff = time.time() - _FILTERED_TMP_MAX_AGE
    for leftover in _filtered_dir().glob("*.tmp"):
        with suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink(missing_ok=True)


def _source_chunks(source: BinaryIO, *, gzipped: bool) -> Iterator[bytes]:
    source.seek(0)
    if not gzipped:
        while chunk := source.read(1 << 16):
            yield chunk
        return
    with gzip.GzipFile(fileobj=source, mode="rb") as reader:  # leaves `source` open: the view closes it
        while chunk := reader.read(1 << 16):
            yield chunk


class CopyNotKept(Exception):
    """FILTERED cannot be written (a read-only volume, a full disk, permissions): the caller sends
    `filtered_chunks` instead, made while sent and kept nowhere."""


# What writing FILTERED can fail with when the disk or the directory will not take a copy (ENOTDIR, EEXIST: a file
# where the directory should be). A read error of the built file is none of these and stays an error.
_UNWRITABLE = frozenset(
    {
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EFBIG,
        errno.ENOTDIR,
        errno.EEXIST,
        errno.EISDIR,
    }
)


def _not_kept(error: OSError, directory: Path) -> CopyNotKept:
    log.warning(
        "job feed: %s cannot be written (%s); the filtered feed is made while sent, not kept",
        directory,
        error,
    )
    return CopyNotKept(str(error))


def filtered_copy(source: BinaryIO, *, name: str, posting_ids: set[int], gzipped: bool) -> BinaryIO:
    """The open feed file `source` (the file `name` of FEED_DIR, already opened by the view) less the <job> of each
    of `posting_ids`, as an open file: gzipped or plain as asked. Made once per built file and withdrawn set; later
    calls open the copy made by the first. Raises CopyNotKept, having logged one warning, when FILTERED cannot be
    written.

    Concurrent requests: the copy is written under a temporary name and os.replaced into place, so no reader ever
    sees half of one; a lock per feed file and form makes the second request wait for the first one's copy instead
    of filtering the file a second time. The file returned is opened before anything can remove it."""
    suffix = ".xml.gz" if gzipped else ".xml"
    base = _filtered_base(name)
    directory = _filtered_dir()
    target = directory / f"{base}--{_filtered_key(os.fstat(source.fileno()), posting_ids)}{suffix}"
    try:
        return open(target, "rb")
    except FileNotFoundError:
        pass
    except OSError as error:  # FILTERED is a file, or unreadable
        if error.errno not in _UNWRITABLE:
            raise
        raise _not_kept(error, directory) from error
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = os.open(directory / f"{base}{suffix}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        if error.errno not in _UNWRITABLE:
            raise
        raise _not_kept(error, directory) from error
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return open(target, "rb")
        except FileNotFoundError:
            pass
        tmp = directory / f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            with open(tmp, "wb") as raw:
                for chunk in _copy_chunks(source, name=name, posting_ids=posting_ids, gzipped=gzipped):
                    raw.write(chunk)
            copy = open(tmp, "rb")  # noqa: SIM115 - opened before the name is given up
        except OSError as error:
            _unlink_if_possible(tmp)
            if error.errno not in _UNWRITABLE:
                raise
            raise _not_kept(error, directory) from error
        except BaseException:
            _unlink_if_possible(tmp)
            raise
        try:
            os.replace(tmp, target)
        except OSError as error:
            # The copy is whole and open: sent all the same, kept nowhere.
            _unlink_if_possible(tmp)
            if error.errno not in _UNWRITABLE:
                copy.close()
                raise
            _not_kept(error, directory)
            return copy
        _filtered_clean(keep=target, base=base, suffix=suffix)
        return copy
    finally:
        os.close(lock)  # releases the flock


def filtered_chunks(source: BinaryIO, *, name: str, posting_ids: set[int], gzipped: bool) -> Iterator[bytes]:
    """The body `filtered_copy` would have kept, made while it is sent (when FILTERED cannot be written): the same
    bytes, at the cost of filtering (and for a gzip client without a segment list, compressing) on every request.
    Closes `source` when done."""
    with source:
        yield from _copy_chunks(source, name=name, posting_ids=posting_ids, gzipped=gzipped)


def _copy_chunks(source: BinaryIO, *, name: str, posting_ids: set[int], gzipped: bool) -> Iterator[bytes]:
    """The file `name` less the jobs of `posting_ids`, in the asked form: a gzipped copy of a .gz file spliced from
    its segments when its list describes it, else the file read through `without_jobs` and, when asked, gzipped."""
    if gzipped and name.endswith(".gz") and (segments := _segments_for(source, name)) is not None:
        yield from _splice(source, segments, posting_ids)
        return
    blocks = without_jobs(_source_chunks(source, gzipped=name.endswith(".gz")), posting_ids)
    yield from _gzip_chunks(blocks) if gzipped else blocks


def _gzip_chunks(blocks: Iterable[bytes]) -> Iterator[bytes]:
    # Handed to zlib in 256 KB batches, as a build does (one call per job cost ten times the compression).
    deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + 15)
    pending: list[bytes] = []
    size = 0
    for block in blocks:
        pending.append(block)
        size += len(block)
        if size >= 1 << 18:
            if out := deflate.compress(b"".join(pending)):
                yield out
            pending.clear()
            size = 0
    yield deflate.compress(b"".join(pending)) + deflate.flush()


def _segments_for(source: BinaryIO, name: str) -> list[Segment] | None:
    """The segment list of the open .gz `source` (the file `name`); None when the list on disk describes another
    build's file (a build replaced one of them meanwhile), is missing (a build from before the lists, or a file
    whose jobs and numbers did not tally) or cannot be read."""
    try:
        listed = json.loads((feed_dir() / segments_name(name)).read_bytes())
        size = os.fstat(source.fileno()).st_size
        source.seek(size - 8)
        if listed["size"] != size or listed["trailer"] != source.read(8).hex():
            return None
        return [Segment(*row) for row in listed["segments"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


# CRC-32 arithmetic for the splice. The CRC register is a polynomial over GF(2) modulo the CRC's polynomial, in
# reflected bit order (the top bit is x⁰); running n zero bytes through it multiplies it by x^(8n). Powers
# x^(8·2^k) are squared up on demand, so a shift over any length costs a few dozen 32-step products (≈ 0.5 ms in
# Python) — where running the zeros themselves through zlib needed a 1 MB buffer in every process and ≈ 0.1 s per
# 26 MB (seconds at a million postings).
_CRC_POLYNOMIAL = 0xEDB88320
_X0 = 1 << 31


def _gf2_product(a: int, b: int) -> int:
    """a × b modulo the CRC polynomial, both in the register's reflected order."""
    product = 0
    bit = _X0
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _CRC_POLYNOMIAL if b & 1 else b >> 1
    return product


@cache
def _x_to_8_times_2_to(k: int) -> int:
    """x^(8·2^k): the effect of 2^k zero bytes."""
    if k == 0:
        return _X0 >> 8
    half = _x_to_8_times_2_to(k - 1)
    return _gf2_product(half, half)


def _crc_shift(delta: int, length: int) -> int:
    """How a difference `delta` in the CRC-32 before `length` bytes shows in the CRC after them (the CRC is linear
    in its starting value): `delta` times x^(8·length), without reading or making the bytes."""
    k = 0
    while delta and length:
        if length & 1:
            delta = _gf2_product(_x_to_8_times_2_to(k), delta)
        length >>= 1
        k += 1
    return delta


def _splice(source: BinaryIO, segments: list[Segment], posting_ids: set[int]) -> Iterator[bytes]:
    """The .gz file `source` less the jobs of `posting_ids`: the compressed bytes of every segment without one of
    them copied as they are, the others inflated, filtered and deflated again (a full flush: every segment starts
    with an empty window, so they fit together in any order). The CRC of the new XML is the built one's, corrected
    after each segment that changed — no byte of an untouched segment is decompressed."""
    source.seek(0)
    yield source.read(GZIP_HEADER)
    crc = total = 0
    built_crc = 0  # the built file's CRC up to the previous segment
    run: tuple[int, int] | None = None  # since the last changed segment: (crc difference, bytes)
    for segment in segments:
        gone = posting_ids.intersection(segment.ids)
        source.seek(segment.start)
        if not gone:
            run = (crc ^ built_crc, 0) if run is None else run
            run = (run[0], run[1] + segment.xml_bytes)
            yield source.read(segment.length)
        else:
            if run is not None:
                crc, run = built_crc ^ _crc_shift(*run), None
            xml = zlib.decompressobj(-15).decompress(source.read(segment.length))
            xml = b"".join(without_jobs([xml], gone))
            deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15)
            yield deflate.compress(xml) + deflate.flush(zlib.Z_FULL_FLUSH)
            crc = zlib.crc32(xml, crc)
            total += len(xml) - segment.xml_bytes
        total += segment.xml_bytes
        built_crc = segment.crc
    if run is not None:
        crc = built_crc ^ _crc_shift(*run)
    # The last block: empty, final; then the gzip trailer.
    yield zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15).flush() + struct.pack(
        "<II", crc, total & 0xFFFFFFFF
    )
