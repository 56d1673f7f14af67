"""Reads of postings, always through a permission check.

Anything that shows postings to a person (lists, detail, sitemap, JSON-LD, API, search, e-mail) starts from
`postings_visible_to(user)` or `public_postings()`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Q, QuerySet

from bonavi.core.clock import today_jst

from .models import JobPosting, PostingStatus, Visibility


def _live() -> Q:
    return Q(status=PostingStatus.PUBLISHED) & (
        Q(valid_through__isnull=True) | Q(valid_through__gte=today_jst())
    )


def public_postings() -> QuerySet[JobPosting]:
    """What anyone, signed in or not, may see: published, public, not past its 掲載期限."""
    return JobPosting.objects.filter(_live(), visibility=Visibility.PUBLIC)


# Columns the job feed never reads: who created the row, and the state public_postings() has already filtered on.
_FEED_UNUSED = {"created_by", "closed_at", "status", "visibility"}


def feed_postings(*, prefecture: str = "", family: str = "") -> QuerySet[JobPosting]:
    """The XML job feed's postings: public_postings() only, with the company name joined in (no query per row)."""
    qs = public_postings()
    if prefecture:
        qs = qs.filter(prefecture=prefecture)
    if family:
        qs = qs.filter(family=family)
    columns = [f.name for f in JobPosting._meta.concrete_fields if f.name not in _FEED_UNUSED]
    # Newest first by primary key: PostgreSQL walks the key index and sends the first rows at once, where an
    # ORDER BY on another column would sort every matching row before the first byte.
    return qs.select_related("organization").only(*columns, "organization__name").order_by("-id")


def postings_changed_at() -> dt.datetime | None:
    """When any posting last changed, public or not. A posting leaving the public set (closed, made 非公開) is a
    change to every public list even though no public posting changed; only the newest change of all says so."""
    return JobPosting.objects.aggregate(newest=Max("updated_at"))["newest"]


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
