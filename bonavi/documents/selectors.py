"""Reads, always scoped to the person asking: documents and practice answers are private to their owner."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bonavi.core.clock import moment_ja

from .models import DocumentComment, DocumentVersion, InterviewAnswer


def versions_of(user: Any) -> QuerySet[DocumentVersion]:
    if user is None or not user.is_authenticated:
        return DocumentVersion.objects.none()
    return DocumentVersion.objects.filter(owner_id=user.pk).defer("photo")


def version_label(version: DocumentVersion) -> str:
    """「事務職用（2026年11月26日（木）14:42 保存の版）」: which version, as the seeker knew it (its name and when it
    was last saved, in Japan time). Stored with an application or a 推薦 and read there by the employer."""
    return f"{version.title}（{moment_ja(version.updated_at)} 保存の版）"


def version_get(*, user: Any, pk: int) -> DocumentVersion | None:
    if user is None or not user.is_authenticated:
        return None
    return DocumentVersion.objects.filter(owner_id=user.pk, pk=pk).first()


def answers_of(user: Any) -> QuerySet[InterviewAnswer]:
    if user is None or not user.is_authenticated:
        return InterviewAnswer.objects.none()
    return InterviewAnswer.objects.filter(owner_id=user.pk)


def practice_posting(*, user: Any, pk: int) -> Any:
    """A posting the user may see (through the jobs app's permission-checked selector)."""
    from bonavi.jobs.selectors import posting_get_visible

    return posting_get_visible(user=user, pk=pk)


def comments_on(*, user: Any, version: DocumentVersion) -> QuerySet[DocumentComment]:
    """Reviewer comments on the user's own version (the owner is the only reader here)."""
    if user is None or not user.is_authenticated or version.owner_id != user.pk:
        return DocumentComment.objects.none()
    return DocumentComment.objects.filter(version=version)


def comment_get(*, user: Any, pk: int) -> DocumentComment | None:
    if user is None or not user.is_authenticated:
        return None
    return DocumentComment.objects.select_related("version").filter(pk=pk, version__owner_id=user.pk).first()
