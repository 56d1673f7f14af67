"""The digest pass: for every due saved search, choose the new public postings that match it, and record one
digest message per person — atomically with moving each search's window forward.

Why nothing is lost or sent twice (ADR 0041):
- A search's window is (covered_until, pass time − SETTLE]. Windows of one search never overlap, because
  `covered_until` moves to the window's end in the same transaction that records the digest listing it.
- A crash before that commit leaves the search due with its old window: the next pass chooses again.
- After the commit the digest is an outbox row with a fixed Message-ID; sending it is `outbox.py`'s job.
- A posting closed and published again gets a new date_posted; `DigestPostingSeen` recognises it and it is not
  listed again for a search that already listed it.
- Only `public_postings()` are considered, and the sender re-checks at send time.

Matching uses the search app's in-memory matcher (`bonavi.search.matching`), with the same semantics as the
search page, evaluated once per distinct query over the pass's postings and kept as a bitset (bit i = the i-th
newest posting), so a window is a prefix mask and "top 20" are the lowest set bits.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Min
from django.http import QueryDict

from bonavi.core import clock
from bonavi.core.mail import message_id
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import public_postings
from bonavi.search.matching import Matcher, compile_params, posting_terms
from bonavi.search.params import SearchParams

from .crashpoints import DIGEST_BUILT, DIGEST_CHOSEN, crash_point
from .models import DigestPostingSeen, DigestSection, Frequency, MessageKind, OutboxMessage, SavedSearch
from .outbox import digest_subject
from .schedule import SETTLE, next_due

TOP_N = 20
USERS_PER_BATCH = 500
_PASS_LOCK_KEY = 0x626E7664  # "bnvd": one digest pass at a time across PostgreSQL workers


@dataclass
class PassReport:
    due_searches: int = 0
    users: int = 0
    messages: int = 0
    sections: int = 0
    postings: int = 0
    distinct_queries: int = 0
    skipped: bool = False  # another worker was running the pass
    timings: dict[str, float] = field(default_factory=dict)


class WindowPostings:
    """The public postings published in (oldest window start, upper], newest first, with their match terms.

    Bit i of every bitset here stands for the i-th newest posting, so "published after t" is a prefix mask and
    the newest matches are the lowest set bits.
    """

    def __init__(self, postings: Sequence[JobPosting]) -> None:
        self.ids = [p.pk for p in postings]
        # Ascending copy of the dates, for bisect: the number of postings newer than t is n − bisect_right(t).
        self._dates_asc = [_posted(p) for p in reversed(postings)]
        self._postings = list(postings)
        self._terms = [posting_terms(p) for p in postings]
        self._by_term = _term_bitsets(self._terms)
        self._all = (1 << len(self.ids)) - 1
        self._bits_by_query: dict[str, int] = {}
        self.match_seconds = 0.0
        # Index of each posting that had been seen before with an earlier publication date → those dates.
        self.republished: dict[int, list[dt.datetime]] = {}
        self.republished_mask = 0

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def load(cls, *, after: dt.datetime, upper: dt.datetime) -> WindowPostings:
        postings = list(
            public_postings()
            .filter(date_posted__gt=after, date_posted__lte=upper)
            .select_related("organization")
            .order_by("-date_posted", "-id")
        )
        return cls(postings)

    def newer_than(self, moment: dt.datetime) -> int:
        """How many postings (a prefix, newest first) were published after `moment`."""
        return len(self._dates_asc) - bisect.bisect_right(self._dates_asc, moment)

    def matches(self, query: str) -> int:
        """Bitset of the postings the saved query matches, with the search app's matcher semantics.

        Most saved searches are conjunctions of terms (filters, words, two-word phrases, exclusions); for those
        the result is computed exactly with bitset algebra over the posting terms. Anything else (phrases of
        three or more words, date or off-ladder salary bounds) is narrowed with the matcher's `rare_terms` — sets
        of which a match must contain at least one — and each remaining candidate is put to `Matcher.matches`.
        A test checks the two ways agree.
        """
        bits = self._bits_by_query.get(query)
        if bits is None:
            started = time.perf_counter()
            matcher = compile_params(SearchParams.from_querydict(QueryDict(query)))
            exact = self.exact_bits(matcher)
            if exact is not None:
                bits = exact
            else:
                candidates = self._all
                for group in matcher.rare_terms:
                    candidates &= self._any(group)
                    if not candidates:
                        break
                bits = 0
                for i in _lowest_bits(candidates, len(self.ids)):
                    if matcher.matches(self._terms[i], self._postings[i]):
                        bits |= 1 << i
            self._bits_by_query[query] = bits
            self.match_seconds += time.perf_counter() - started
        return bits

    def _every(self, terms: Iterable[str]) -> int:
        bits = self._all
        for term in terms:
            bits &= self._by_term.get(term, 0)
            if not bits:
                break
        return bits

    def _any(self, terms: Iterable[str]) -> int:
        bits = 0
        for term in terms:
            bits |= self._by_term.get(term, 0)
        return bits

    def exact_bits(self, matcher: Matcher) -> int | None:
        """`matcher.matches` over every window posting as bitset algebra, or None when it needs more than terms.

        The window holds only public, live postings, so the matcher's access and expiry checks hold for all.
        """
        if matcher.key_min is not None or matcher.plan.wage_exact or matcher.plan.posted_after is not None:
            return None
        clauses = [*matcher.positive, *matcher.negative]
        if any(len(alt.phrase) >= 3 for clause in clauses for alt in clause):
            return None
        bits = self._every(matcher.required)
        for group in matcher.any_of:
            bits &= self._any(group)
        for clause in matcher.positive:
            hit = 0
            for alt in clause:
                hit |= self._every(alt.required)
            bits &= hit
        for clause in matcher.negative:
            for alt in clause:
                bits &= ~self._every(alt.required)
        return bits & self._all

    @property
    def distinct_queries(self) -> int:
        return len(self._bits_by_query)

    def note_publications(self) -> None:
        """Record this pass's (posting, date_posted) pairs and find postings seen before with another date."""
        if not self.ids:
            return
        index = {pk: i for i, pk in enumerate(self.ids)}
        current = {pk: _posted(self._postings[i]) for pk, i in index.items()}
        for chunk in _chunks(self.ids, 5000):
            for posting_id, seen_at in DigestPostingSeen.objects.filter(posting_id__in=chunk).values_list(
                "posting_id", "date_posted"
            ):
                if seen_at < current[posting_id]:
                    self.republished.setdefault(index[posting_id], []).append(seen_at)
        for i in self.republished:
            self.republished_mask |= 1 << i
        with transaction.atomic():
            DigestPostingSeen.objects.bulk_create(
                [DigestPostingSeen(posting_id=pk, date_posted=d) for pk, d in current.items()],
                ignore_conflicts=True,
                batch_size=2000,
            )


def _posted(posting: JobPosting) -> dt.datetime:
    assert posting.date_posted is not None  # the window query only returns postings with one
    return posting.date_posted


def _term_bitsets(all_terms: Sequence[frozenset[str]]) -> dict[str, int]:
    """term → bitset of the postings containing it (built through byte arrays: one big-int per term)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(all_terms):
        for term in terms:
            positions[term].append(i)
    size = len(all_terms) // 8 + 1
    out = {}
    for term, where in positions.items():
        buf = bytearray(size)
        for i in where:
            buf[i >> 3] |= 1 << (i & 7)
        out[term] = int.from_bytes(buf, "little")
    return out


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def _lowest_bits(bits: int, limit: int) -> list[int]:
    out: list[int] = []
    while bits and len(out) < limit:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _already_listed(search_id: int, window: WindowPostings, candidates: int) -> int:
    """Of the republished postings in `candidates`, those an earlier digest for this search already listed."""
    drop = 0
    for i in _lowest_bits(candidates, len(window)):
        earlier = window.republished[i]
        listed = DigestSection.objects.filter(
            saved_search_id=search_id, window_start__lt=max(earlier), window_end__gte=min(earlier)
        ).values_list("posting_ids", flat=True)
        if any(window.ids[i] in ids for ids in listed):
            drop |= 1 << i
    return drop


@contextlib.contextmanager
def _pass_lock() -> Iterator[bool]:
    """On PostgreSQL, a session advisory lock so that of several workers one runs the pass (the others only
    send); it is released by the server if the worker dies. SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", [_PASS_LOCK_KEY])
        acquired = bool(cur.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", [_PASS_LOCK_KEY])


def _due() -> Any:
    return SavedSearch.objects.filter(next_due_at__isnull=False).exclude(frequency=Frequency.OFF)


def digests_prepare(*, now: dt.datetime | None = None, users_per_batch: int = USERS_PER_BATCH) -> PassReport:
    """One digest pass over every saved search due at `now`. Sends nothing: it queues outbox messages."""
    now = now or clock.now()
    upper = now - SETTLE
    report = PassReport()
    started = time.perf_counter()
    with _pass_lock() as acquired:
        if not acquired:
            report.skipped = True
            return report
        due = _due().filter(next_due_at__lte=now)
        user_ids = list(due.order_by("user_id").values_list("user_id", flat=True).distinct())
        if not user_ids:
            return report
        oldest = due.aggregate(oldest=Min("covered_until"))["oldest"] or upper
        window = WindowPostings.load(after=min(oldest, upper), upper=upper)
        window.note_publications()
        report.postings = len(window)
        report.timings["load"] = time.perf_counter() - started
        for batch in _chunks(user_ids, users_per_batch):
            _prepare_batch(batch, window=window, now=now, upper=upper, report=report)
        report.distinct_queries = window.distinct_queries
        report.timings["match"] = window.match_seconds
    report.timings["total"] = time.perf_counter() - started
    return report


def _prepare_batch(
    user_ids: Sequence[int],
    *,
    window: WindowPostings,
    now: dt.datetime,
    upper: dt.datetime,
    report: PassReport,
) -> None:
    with transaction.atomic():
        # Re-read under lock: a concurrent pass (or a user changing the search) may have moved it meanwhile.
        rows = list(
            _due()
            .filter(user_id__in=user_ids, next_due_at__lte=now)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("user_id", "id")
            .values(
                "id",
                "user_id",
                "name",
                "query",
                "frequency",
                "covered_until",
                "user__email",
                "user__is_active",
            )
        )
        if not rows:
            return
        report.due_searches += len(rows)
        sections: dict[int, list[DigestSection]] = defaultdict(list)
        emails: dict[int, str] = {}
        for row in rows:
            start = row["covered_until"]
            if start >= upper or not row["user__is_active"]:
                continue
            bits = window.matches(row["query"]) & ((1 << window.newer_than(start)) - 1)
            if bits & window.republished_mask:
                bits &= ~_already_listed(row["id"], window, bits & window.republished_mask)
            if not bits:
                continue
            listed = [window.ids[i] for i in _lowest_bits(bits, TOP_N)]
            sections[row["user_id"]].append(
                DigestSection(
                    saved_search_id=row["id"],
                    name=row["name"],
                    query=row["query"],
                    window_start=start,
                    window_end=upper,
                    total=bits.bit_count(),
                    posting_ids=listed,
                )
            )
            emails[row["user_id"]] = row["user__email"]
        crash_point(DIGEST_CHOSEN)
        queued_at = clock.now()  # the real time, also when a pass is run for another `now`

        messages = [
            OutboxMessage(
                kind=MessageKind.DIGEST,
                user_id=user_id,
                to_email=emails[user_id],
                subject=digest_subject([s.name for s in parts], sum(s.total for s in parts)),
                message_id=message_id("digest"),
                next_attempt_at=queued_at,
                created_at=queued_at,
            )
            for user_id, parts in sections.items()
        ]
        OutboxMessage.objects.bulk_create(messages, batch_size=1000)
        all_sections = []
        for message in messages:
            assert message.user_id is not None
            for section in sections[message.user_id]:
                section.message = message
                all_sections.append(section)
        DigestSection.objects.bulk_create(all_sections, batch_size=1000)

        ids = [row["id"] for row in rows]
        for chunk in _chunks(ids, 2000):
            SavedSearch.objects.filter(id__in=chunk, covered_until__lt=upper).update(covered_until=upper)
        by_frequency: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            by_frequency[row["frequency"]].append(row["id"])
        for frequency, freq_ids in by_frequency.items():
            for chunk in _chunks(freq_ids, 2000):
                SavedSearch.objects.filter(id__in=chunk).update(next_due_at=next_due(frequency, after=now))
        sent_ids = [s.saved_search_id for parts in sections.values() for s in parts]
        for chunk in _chunks(sent_ids, 2000):
            SavedSearch.objects.filter(id__in=chunk).update(last_sent_at=now)
    crash_point(DIGEST_BUILT)
    report.users += len(sections)
    report.messages += len(messages)
    report.sections += len(all_sections)
