"""The seeker's saved career results in マイデータ (seekers' export registry; CASCADE on the user erases them)."""

from __future__ import annotations

from typing import Any

from .models import SavedAssessment, SavedTranslation


def saved_assessments_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "saved_at": s.created_at.isoformat(),
            "answers": s.answers,
            "result": s.result,
            "constants_version": s.constants_version,
        }
        for s in SavedAssessment.objects.filter(user=user).order_by("created_at")
    ]


def saved_translations_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "saved_at": s.created_at.isoformat(),
            "text": s.text,
            "target_jobtag_id": s.target_jobtag_id,
            "result": s.result,
        }
        for s in SavedTranslation.objects.filter(user=user).order_by("created_at")
    ]


def register() -> None:
    from bonavi.seekers.mydata import register_export

    register_export(
        "careers.SavedAssessment",
        key="career_assessments",
        export=saved_assessments_export,
        page=("保存した適職診断", "careers/mydata_assessments.html"),
    )
    register_export(
        "careers.SavedTranslation",
        key="career_translations",
        export=saved_translations_export,
        page=("保存した経験の言い換え", "careers/mydata_translations.html"),
    )
