"""Generator and timer for the digest benchmark (`bonavi bench_digests`): N saved searches × M new postings.

Saved searches are drawn the way people make them: a job family or a keyword, usually a prefecture (weighted
by population), sometimes an employment type, a salary floor or a flag; about two per person. Postings come from
the jobs generator (5 % 非公開), all published within the last day, so every search's window holds all of them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core.prefectures import POPULATION_THOUSANDS
from bonavi.jobs.catalog import FAMILIES
from bonavi.jobs.generator import generate_postings
from bonavi.jobs.models import JobPosting
from bonavi.jobs.seeding import companies_ensure
from bonavi.jobs.signals import postings_bulk_loaded
from bonavi.search.params import SearchParams

from .digests import digests_prepare
from .models import Frequency, MessageKind, OutboxMessage, SavedSearch
from .outbox import CLAIM_BATCH, digest_contexts, render_message

KEYWORDS = [
    "経理", "人事", "総務", "法務", "広報", "一般事務", "営業事務", "貿易事務", "医療事務", "受付", "秘書",
    "給与計算", "決算", "労務", "採用", "財務", "会計", "社内SE", "ヘルプデスク", "データ入力", "IR", "英語",
    "簿記", "Excel", "未経験", "在宅", "時短", "契約書", "社会保険", "請求書",
]  # fmt: skip
BATCH = 5000


@dataclass
class BenchReport:
    searches: int = 0
    users: int = 0
    postings: int = 0
    distinct_queries: int = 0
    messages: int = 0
    sections: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _query(rng: random.Random, prefs: list[str], weights: list[int]) -> str:
    qd = QueryDict(mutable=True)
    if rng.random() < 0.55:
        qd["q"] = rng.choice(KEYWORDS)
    else:
        qd["family"] = rng.choice(list(FAMILIES))
    if rng.random() < 0.85:
        qd.setlist("pref", rng.choices(prefs, weights=weights, k=rng.choice([1, 1, 1, 2])))
    if rng.random() < 0.3:
        qd["emp"] = rng.choice(["seishain", "keiyaku", "haken", "part"])
    if rng.random() < 0.2:
        qd["salary_unit"], qd["salary_min"] = "month", str(rng.choice([180000, 200000, 220000, 250000]))
    for flag in ("inexp", "weekend", "remote"):
        if rng.random() < 0.12:
            qd[flag] = "any" if flag == "remote" else "1"
    return SearchParams.from_querydict(qd).to_querystring()


def seed(*, searches: int, postings: int, seed_value: int = 11, per_user: int = 2) -> tuple[int, int]:
    """Create the users, saved searches and postings (only what is missing). Returns (searches, postings)."""
    rng = random.Random(seed_value)
    now = timezone.now()
    prefs, weights = list(POPULATION_THOUSANDS), list(POPULATION_THOUSANDS.values())
    have = SavedSearch.objects.count()
    users_needed = -(-max(searches - have, 0) // per_user)
    start = User.objects.count()
    for offset in range(0, users_needed, BATCH):
        with transaction.atomic():
            User.objects.bulk_create(
                [
                    User(email=f"bench{start + offset + i}@bench.example", password="!", role=Role.SEEKER)
                    for i in range(min(BATCH, users_needed - offset))
                ],
                batch_size=BATCH,
            )
    user_ids = list(
        User.objects.filter(email__endswith="@bench.example").order_by("id").values_list("id", flat=True)
    )
    made = have
    pending: list[SavedSearch] = []
    seen: set[tuple[int, str]] = set()
    for user_id in user_ids:
        for _ in range(per_user):
            if made >= searches:
                break
            query = _query(rng, prefs, weights)
            while (user_id, query) in seen:  # one person does not save the same search twice
                query = _query(rng, prefs, weights)
            seen.add((user_id, query))
            pending.append(
                SavedSearch(
                    user_id=user_id,
                    name=query[:100],
                    query=query,
                    frequency=rng.choice(
                        [Frequency.INSTANT, Frequency.DAILY, Frequency.DAILY, Frequency.WEEKLY]
                    ),
                    covered_until=now - dt.timedelta(days=1),
                    next_due_at=now - dt.timedelta(minutes=1),
                )
            )
            made += 1
        if len(pending) >= BATCH:
            SavedSearch.objects.bulk_create(pending, batch_size=BATCH, ignore_conflicts=True)
            pending = []
    SavedSearch.objects.bulk_create(pending, batch_size=BATCH, ignore_conflicts=True)

    missing = postings - JobPosting.objects.filter(date_posted__gt=now - dt.timedelta(days=1)).count()
    if missing > 0:
        companies = companies_ensure(count=200)
        gen = generate_postings(count=missing, companies=companies, seed=seed_value, now=now)
        batch: list[JobPosting] = []
        for posting in gen:
            posting.date_posted = now - dt.timedelta(minutes=2 + rng.random() * 1300)
            posting.created_at = posting.date_posted
            batch.append(posting)
            if len(batch) >= 2000:
                _load(batch)
                batch = []
        _load(batch)
    return SavedSearch.objects.count(), JobPosting.objects.count()


def _load(batch: list[JobPosting]) -> None:
    if not batch:
        return
    with transaction.atomic():
        created = JobPosting.objects.bulk_create(batch)
        postings_bulk_loaded.send(sender=JobPosting, ids=[p.pk for p in created if p.pk is not None])


def run(*, render_sample: int = 5000) -> BenchReport:
    """Time one digest pass over everything due, then rendering a sample of the messages it queued."""
    started, cpu_started = time.perf_counter(), time.process_time()
    first_message = (OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    report = digests_prepare()
    bench = BenchReport(
        searches=report.due_searches,
        users=report.users,
        postings=report.postings,
        distinct_queries=report.distinct_queries,
        messages=report.messages,
        sections=report.sections,
        seconds={
            **report.timings,
            "pass": time.perf_counter() - started,
            "pass_cpu": time.process_time() - cpu_started,
        },
    )
    sample = list(
        OutboxMessage.objects.filter(id__gte=first_message, kind=MessageKind.DIGEST).order_by("id")[
            :render_sample
        ]
    )
    t0, cpu0 = time.perf_counter(), time.process_time()
    for start in range(0, len(sample), CLAIM_BATCH):  # as the sender does: one batch's reads at a time
        part = sample[start : start + CLAIM_BATCH]
        contexts = digest_contexts(part)
        for message in part:
            email = render_message(message, contexts=contexts)
            if email is not None:
                email.message().as_bytes()
    elapsed = time.perf_counter() - t0
    bench.seconds["render_cpu"] = time.process_time() - cpu0
    bench.seconds["render_sample"] = elapsed
    bench.seconds["render_sample_size"] = float(len(sample))
    if sample:
        bench.seconds["render_all_estimate"] = elapsed / len(sample) * report.messages
    return bench
