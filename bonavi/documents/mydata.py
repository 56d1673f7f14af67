"""The seeker's documents in マイデータ: each 応募書類 (its JSON Resume content and whether it has a photo), her
interview-practice answers and the profile's JSON Resume — each with its own section on the on-screen page, so
that nothing there is a raw field name or a Python value (CASCADE on the user erases them)."""

from __future__ import annotations

from typing import Any

from .models import DocumentVersion, InterviewAnswer, ProfileResume


def versions_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "title": v.title,
            "created_at": v.created_at.isoformat(),
            "updated_at": v.updated_at.isoformat(),
            "has_photo": bool(v.photo),
            "content": v.data,
        }
        for v in DocumentVersion.objects.filter(owner=user).defer("photo").order_by("created_at", "pk")
    ]


def answers_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "question": a.question,
            "answer": a.answer,
            "family": a.family,
            "posting_title": a.posting.title if a.posting else None,
            "feedback": a.feedback,
            "created_at": a.created_at.isoformat(),
        }
        for a in InterviewAnswer.objects.filter(owner=user).select_related("posting").order_by("created_at")
    ]


def profile_resume_export(user: Any) -> list[dict[str, Any]]:
    return [
        {"updated_at": r.updated_at.isoformat(), "content": r.data}
        for r in ProfileResume.objects.filter(owner=user)
    ]


def register() -> None:
    from bonavi.seekers.mydata import register_export

    register_export(
        "documents.DocumentVersion",
        key="documents",
        export=versions_export,
        page=("応募書類（履歴書・職務経歴書）", "documents/mydata_versions.html"),
    )
    register_export(
        "documents.InterviewAnswer",
        key="interview_answers",
        export=answers_export,
        page=("面接練習の回答", "documents/mydata_answers.html"),
    )
    register_export(
        "documents.ProfileResume",
        key="profile_resume",
        export=profile_resume_export,
        page=("プロフィールの職務経歴（JSON Resume）", "documents/mydata_profile_resume.html"),
    )
