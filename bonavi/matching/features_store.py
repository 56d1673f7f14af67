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

from bonavi.core.once import once
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
    the Sudachi dictionary (the terms) and FEATURES_VERSION. Read once per process (≈ 5 ms)."""
    digest = hashlib.sha256(f"v{FEATURES_VERSION}".encode())
    digest.update(INDEX_PATH.read_bytes())
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


def fresh_row(posting: JobPosting) -> PostingFeatures | None:
    """The posting's stored row if it was loaded with it (select_related("matching_features")) and is fresh."""
    try:
        row: PostingFeatures = posting.matching_features
    except PostingFeatures.DoesNotExist:
        return None
    if row.posting_updated_at != posting.updated_at or row.fingerprint != fingerprint():
        return None
    return row


def rows_save(computed: Iterable[tuple[int, datetime, Derived]]) -> int:
    """Insert or overwrite the rows of (posting id, its updated_at, derived), in the caller's transaction; one
    statement per 500 rows."""
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
        for pk, updated_at, derived in computed
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
