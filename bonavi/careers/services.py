"""Writes of the careers app: loading the jobtag reference, and saving or deleting a seeker's results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from . import jobtag
from .models import DimensionLabel, JobtagRelease, Occupation, SavedAssessment, SavedTranslation

_OCCUPATION_FIELDS = [
    f.name for f in Occupation._meta.get_fields() if getattr(f, "concrete", False) and f.name != "jobtag_id"
]


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    deleted: int
    unchanged: bool
    digest: str


def reference_import(*, data: dict[str, Any], source: str) -> ImportSummary:
    """Load processed jobtag records (from the raw folder or the snapshot). Idempotent: the same content twice
    changes nothing; a new release updates rows in place and removes occupations that disappeared."""
    digest = jobtag.digest_of(data)
    records = data["occupations"]
    with transaction.atomic():
        current = JobtagRelease.objects.order_by("-id").first()
        if current is not None and current.digest == digest and Occupation.objects.count() == len(records):
            return ImportSummary(0, 0, 0, True, digest)
        existing = set(Occupation.objects.values_list("jobtag_id", flat=True))
        incoming = {r["jobtag_id"] for r in records}
        to_create = [Occupation(**r) for r in records if r["jobtag_id"] not in existing]
        to_update = [Occupation(**r) for r in records if r["jobtag_id"] in existing]
        Occupation.objects.bulk_create(to_create, batch_size=200)
        Occupation.objects.bulk_update(to_update, _OCCUPATION_FIELDS, batch_size=100)
        deleted, _ = Occupation.objects.exclude(jobtag_id__in=incoming).delete()
        DimensionLabel.objects.all().delete()
        DimensionLabel.objects.bulk_create(
            [
                DimensionLabel(block=block, key=key, ja=ja, en=en)
                for block, labels in data["labels"].items()
                for key, (ja, en) in labels.items()
            ]
        )
        release = data["release"]
        JobtagRelease.objects.all().delete()
        JobtagRelease.objects.create(
            version=release["version"],
            retrieved_at=dt.date.fromisoformat(release["retrieved_at"]),
            digest=digest,
            source=source,
            constants=jobtag.standardisation_constants(records, digest),
        )
    return ImportSummary(len(to_create), len(to_update), deleted, False, digest)


def reference_import_snapshot() -> ImportSummary:
    return reference_import(data=jobtag.read_snapshot(), source="snapshot")


def saved_assessment_create(*, user: Any, answers: dict[str, int], result: dict[str, Any]) -> SavedAssessment:
    _require_seeker(user)
    with transaction.atomic():
        return SavedAssessment.objects.create(
            user=user, answers=answers, result=result, constants_version=result.get("constants_version", "")
        )


def saved_translation_create(
    *, user: Any, text: str, target_jobtag_id: int | None, result: dict[str, Any]
) -> SavedTranslation:
    _require_seeker(user)
    with transaction.atomic():
        return SavedTranslation.objects.create(
            user=user, text=text, target_jobtag_id=target_jobtag_id, result=result
        )


def saved_result_delete(*, user: Any, kind: str, pk: int) -> bool:
    """Delete one of the user's own saved results; another person's id simply matches nothing."""
    model = SavedAssessment if kind == "assessment" else SavedTranslation
    with transaction.atomic():
        deleted, _ = model.objects.filter(user=user, pk=pk).delete()
    return deleted > 0


class NotASeeker(PermissionError):
    """Only signed-in seekers keep results; employers and agents use the tools anonymously."""


def _require_seeker(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_seeker", False):
        raise NotASeeker("結果を保存できるのは求職者としてログインしている場合だけです。")
