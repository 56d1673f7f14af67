"""Keeping the index in step with postings.

Single saves arrive through post_save/post_delete and are indexed inside the same transaction; bulk loads
(seeder, imports) send `postings_bulk_loaded` with ids, indexed in batches. `reindex_all` is the full rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Max, Min

from bonavi.jobs.models import JobPosting

from .analyzer import get_analyzer
from .backends import get_backend
from .terms import IndexDoc, index_doc

# Only what the index reads, so a rebuild does not drag every legal field through the ORM.
INDEX_FIELDS = [
    "id",
    "organization_id",
    "status",
    "visibility",
    "title",
    "family",
    "subrole",
    "employment_type",
    "duties",
    "appeal",
    "ideal_candidate",
    "prefecture",
    "municipality",
    "nearest_station",
    "telework",
    "overtime_exists",
    "overtime_monthly_hours",
    "holiday_pattern",
    "annual_holidays",
    "wage_unit",
    "wage_min",
    "employer_name",
    "required_qualifications",
    "preferred_qualifications",
    "required_experience",
    "inexperienced_welcome",
    "education_not_required",
    "date_posted",
    "valid_through",
    "created_at",
    "organization__name",
]


def _docs(postings: Iterable[JobPosting]) -> list[IndexDoc]:
    a = get_analyzer()
    return [
        index_doc(p, analyzer=a, org_name=p.organization.name if p.organization_id else "") for p in postings
    ]


def index_postings(ids: Iterable[int]) -> int:
    """(Re)index these postings, in the caller's transaction."""
    ids = list(ids)
    backend = get_backend()
    done = 0
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        postings = list(
            JobPosting.objects.filter(pk__in=chunk).select_related("organization").only(*INDEX_FIELDS)
        )
        backend.write(_docs(postings))
        missing = set(chunk) - {p.pk for p in postings}
        if missing:
            backend.delete(missing)
        done += len(postings)
    return done


def unindex_postings(ids: Iterable[int]) -> None:
    get_backend().delete(ids)


def _docs_between(bounds: tuple[int, int]) -> list[IndexDoc]:
    lo, hi = bounds
    qs = JobPosting.objects.filter(pk__gt=lo, pk__lte=hi).order_by("pk").select_related("organization")
    return _docs(qs.only(*INDEX_FIELDS))


def _worker_init() -> None:
    # Each worker opens its own database connection (none is inherited: the parent closed them before fork).
    connections.close_all()


def reindex_all(
    *, batch: int = 5000, workers: int = 1, progress: Callable[[int, int], None] | None = None
) -> int:
    """Full rebuild: clear, then index every posting in id ranges, one transaction per batch.

    With workers > 1 (command line only: they must see committed rows) analysis runs in forked worker
    processes while this process writes, which uses both cores of the reference machine.
    """
    backend = get_backend()
    total = JobPosting.objects.count()
    agg = JobPosting.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    with transaction.atomic():
        backend.clear()
        backend.begin_rebuild()
    if not total:
        backend.finish_rebuild()
        return 0
    lo, hi = (agg["lo"] or 1) - 1, agg["hi"] or 0
    ranges = [(a, min(a + batch, hi)) for a in range(lo, hi, batch)]
    done = 0

    def store(docs: list[IndexDoc]) -> None:
        nonlocal done
        with transaction.atomic():
            backend.write(docs)
        done += len(docs)
        if progress:
            progress(done, total)

    if workers > 1 and not connection.in_atomic_block:
        import multiprocessing

        connections.close_all()
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers, initializer=_worker_init) as pool:
            for docs in pool.imap(_docs_between, ranges):
                store(docs)
    else:
        for r in ranges:
            store(_docs_between(r))
    backend.finish_rebuild()
    return done


# Signal receivers (connected in SearchConfig.ready) -------------------------------------------------------------
def on_posting_saved(sender: Any, instance: JobPosting, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: the fixture's rows may reference things not loaded yet; `bonavi reindex` afterwards
        return
    index_postings([instance.pk])


def on_posting_deleted(sender: Any, instance: JobPosting, **kwargs: Any) -> None:
    unindex_postings([instance.pk])


def on_bulk_loaded(sender: Any, ids: list[int], **kwargs: Any) -> None:
    index_postings(ids)


def on_post_migrate(sender: Any, **kwargs: Any) -> None:
    """After `flush` (tests) the postings are gone; an index table Django does not know must follow."""
    # Sent per app *with models*; search has none, so listen for the jobs app (whose table was just flushed).
    if sender.label != "jobs":
        return
    using = kwargs.get("using", "default")
    if using != connection.alias:
        return
    try:
        if not JobPosting.objects.exists():
            with transaction.atomic():
                get_backend().clear()
    except DatabaseError:  # tables not there yet (migrating backwards); nothing to clear
        return
