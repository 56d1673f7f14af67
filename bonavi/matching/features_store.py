"""The classified part of a posting's features, kept in the database (ADR 0106).

`services.job_facts` classifies a posting's title and duties (≈ 1–3 ms a posting); the in-memory cache kept the
result only for the life of one process, so every deploy and every worker classified the big areas' postings again
on their first 「おすすめ求人」. The expensive, text-derived part (`Derived`) is stored one row per posting
(`PostingFeatures`), stamped with the posting's updated_at and `fingerprint()`; a row whose stamp differs is
stale and is recomputed. This module only reads and writes rows; computing them is `services`' job.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet

from bonavi.core.once import once
from bonavi.jobs.catalog import SUBROLE_BY_CODE
from bonavi.jobs.models import JobPosting

from .classifier import INDEX_PATH
from .models import PostingFeatures

# Bump when what `services.derived_features` computes from the same posting and classifier data changes (the sub-role
# prior, the number of occupations kept, which text is read, the terms' rule …): every stored row becomes stale.
FEATURES_VERSION = 1


@dataclass(frozen=True)
class Derived:
    """What `services.job_facts` derives from a posting's text with the classifier: the costly part."""

    occupations: tuple[tuple[int, float], ...]  # (jobtag id, weight), best first, at most four
    terms: frozenset[str]
    key_occupation: int | None  # whose key skills the posting shows (services.occupation_key_skills)
    key_title: str  # that occupation's title


@once
def fingerprint() -> str:
    """What a stored row was computed with: the occupation index file (a rebuilt index classifies differently),
    the jobs sub-role catalog (a posting's prior occupations are found by its sub-role's name and MHLW code,
    services.subrole_occupations), the Sudachi dictionary (the terms) and FEATURES_VERSION. Read once per process
    (≈ 5 ms)."""
    digest = hashlib.sha256(f"v{FEATURES_VERSION}".encode())
    digest.update(INDEX_PATH.read_bytes())
    for code, sub in SUBROLE_BY_CODE.items():
        digest.update(f"{code}\t{sub.name}\t{sub.mhlw_code}\n".encode())
    for package in ("sudachipy", "sudachidict_core"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):  # only the versions installed
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def derived_of(row: PostingFeatures) -> Derived:
    return Derived(
        occupations=tuple((int(jobtag_id), float(weight)) for jobtag_id, weight in row.occupations),
        terms=frozenset(row.terms),
        key_occupation=row.key_occupation,
        key_title=row.key_title,
    )


# What "fresh" means, once: the row is stamped with its posting's updated_at and this process's fingerprint().
# fresh_q is the database's side, stored_row the same two comparisons on a loaded row.
#
# A row stamped with the posting's updated_at but another fingerprint is *current*: computed from the posting as it
# is now, with older classifier data (a rebuilt occupation index, a changed sub-role catalog, FEATURES_VERSION).
# A ranking serves it as it is (still good features, just not the newest) and leaves recomputing it to the worker,
# so new classifier data never makes a request classify its whole pool (ADR 0106, addendum). A row stamped with
# another updated_at is never served: the posting's own text may have changed since.


def fresh_q() -> Q:
    """The postings whose stored row is fresh."""
    return Q(
        matching_features__posting_updated_at=F("updated_at"), matching_features__fingerprint=fingerprint()
    )


def current_q() -> Q:
    """The postings whose stored row was computed from the posting as it is now (fresh or of older data)."""
    return Q(matching_features__posting_updated_at=F("updated_at"))


def stored_row(posting: JobPosting) -> tuple[PostingFeatures, bool] | None:
    """The posting's stored row if it was loaded with it (select_related("matching_features")) and is current,
    with whether it is also fresh; None without a row or when the posting changed since it was computed."""
    try:
        row: PostingFeatures = posting.matching_features
    except PostingFeatures.DoesNotExist:
        return None
    if row.posting_updated_at != posting.updated_at:
        return None
    return row, row.fingerprint == fingerprint()


def without_fresh_row(postings: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    """`postings` less those with a fresh row: those without one yet, changed since, or of other classifier data."""
    return postings.exclude(pk__in=postings.filter(fresh_q()).values("pk"))


def rows_save(computed: Iterable[tuple[int, datetime, Derived]]) -> int:
    """Insert or overwrite the rows of (posting id, its updated_at, derived), in the caller's transaction; one
    statement per 500 rows. Written in posting id order: an upsert locks its rows one by one, and two on
    PostgreSQL (a save's receiver, a ranking, the worker) taking shared postings in opposite orders deadlock."""
    stamp = fingerprint()
    rows = [
        PostingFeatures(
            posting_id=pk,
            posting_updated_at=updated_at,
            fingerprint=stamp,
            occupations=[[jobtag_id, weight] for jobtag_id, weight in derived.occupations],
            terms=sorted(derived.terms),
            key_occupation=derived.key_occupation,
            key_title=derived.key_title,
        )
        for pk, updated_at, derived in sorted(computed, key=lambda c: c[0])
    ]
    PostingFeatures.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["posting"],
        update_fields=[
            "posting_updated_at",
            "fingerprint",
            "occupations",
            "terms",
            "key_occupation",
            "key_title",
            "computed_at",
        ],
    )
    return len(rows)
