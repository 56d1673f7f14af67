"""Reads of a seeker's saved career results; every query is limited to the requesting user."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet

from bonavi.seekers.selectors import experience_of, work_history_of

from .families import FAMILY_OF
from .models import SavedAssessment, SavedTranslation


def _seeker(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_seeker", False))


def saved_assessments(*, user: Any) -> QuerySet[SavedAssessment]:
    if not _seeker(user):
        return SavedAssessment.objects.none()
    return SavedAssessment.objects.filter(user=user)


def saved_translations(*, user: Any) -> QuerySet[SavedTranslation]:
    if not _seeker(user):
        return SavedTranslation.objects.none()
    return SavedTranslation.objects.filter(user=user)


def saved_result_get(*, user: Any, kind: str, pk: int) -> SavedAssessment | SavedTranslation | None:
    if kind == "assessment":
        return saved_assessments(user=user).filter(pk=pk).first()
    if kind == "translation":
        return saved_translations(user=user).filter(pk=pk).first()
    return None


def latest_translations_evidence(*, owner_ids: Collection[int]) -> dict[int, tuple[Any, list[str]]]:
    """For each of `owner_ids` who saved a 棚卸し: when she saved her latest and the passages of her text it quoted
    as evidence (her own words), in one query. Not the requesting user's: a later app asks it for the people whose
    consent covers it (agents, ADR 0141)."""
    found: dict[int, tuple[Any, list[str]]] = {}
    rows = (
        SavedTranslation.objects.filter(user_id__in=list(owner_ids))
        .only("user_id", "created_at", "result")
        .order_by("user_id", "-created_at", "-id")
    )
    for saved in rows:
        if saved.user_id in found:
            continue  # an older one of hers
        spans = [str(e.get("span") or "") for e in (saved.result or {}).get("evidence") or []]
        found[saved.user_id] = (saved.created_at, [x for x in dict.fromkeys(spans) if x.strip()])
    return {owner: kept for owner, kept in found.items() if kept[1]}


def latest_translation_for_family(*, user: Any, family: str) -> dict[str, Any] | None:
    """Next steps from the seeker's latest saved translation whose target belongs to this family."""
    for saved in saved_translations(user=user)[:20]:
        target = (saved.result or {}).get("target") or {}
        if FAMILY_OF.get(int(target.get("jobtag_id") or 0)) == family:
            return {
                "saved": saved,
                "target": target,
                "gaps": saved.result.get("gaps", []),
                "next_steps": saved.result.get("next_steps", []),
            }
    return None


def profile_experience(*, user: Any) -> str:
    """What the seeker's profile says they did, to start the experience translator from: the 経験 text
    (アルバイト・サークル・ボランティアなど), then the 職歴 rows under a heading. "" for anyone else or an empty
    profile; the person edits it before reading, and nothing here changes the profile."""
    experience = experience_of(user=user).strip()
    work = work_history_of(user=user)
    parts = [experience] if experience else []
    if work:
        parts.append("【職歴】\n" + "\n".join(work))
    return "\n\n".join(parts)
