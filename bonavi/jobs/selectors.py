"""Reads of postings, always through a permission check.

Anything that shows postings to a person (lists, detail, sitemap, JSON-LD, API, search, e-mail) starts from
`postings_visible_to(user)` or `public_postings()`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bonavi.core.clock import today_jst

from .models import JobPosting, PostingStatus, Visibility


def _live() -> Q:
    return Q(status=PostingStatus.PUBLISHED) & (
        Q(valid_through__isnull=True) | Q(valid_through__gte=today_jst())
    )


def public_postings() -> QuerySet[JobPosting]:
    """What anyone, signed in or not, may see: published, public, not past its 掲載期限."""
    return JobPosting.objects.filter(_live(), visibility=Visibility.PUBLIC)


def postings_visible_to(user: Any) -> QuerySet[JobPosting]:
    if user is None or not user.is_authenticated:
        return public_postings()
    if user.is_operator:
        return JobPosting.objects.all()
    q = _live() & Q(visibility=Visibility.PUBLIC)
    if user.is_employer:
        q |= Q(organization_id=user.organization_id)
    return JobPosting.objects.filter(q)


def posting_get_visible(*, user: Any, pk: int) -> JobPosting | None:
    return postings_visible_to(user).select_related("organization").filter(pk=pk).first()


def employer_postings(*, user: Any) -> QuerySet[JobPosting]:
    if not getattr(user, "is_employer", False):
        return JobPosting.objects.none()
    return JobPosting.objects.filter(organization_id=user.organization_id)


def employer_posting_get(*, user: Any, pk: int) -> JobPosting | None:
    """A posting the user may edit: one of their own organisation's."""
    return employer_postings(user=user).filter(pk=pk).first()
