"""Reads for the seeker side, always scoped to who is asking.

A seeker sees only their own profile, favourites and applications. An employer sees applications (and the
profile sent with them) only for their own organisation's postings, and each such read of a profile is logged
by the caller through `services.profile_read_record`. Nobody else sees any of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import postings_visible_to

from .models import Application, ApplicationEvent, Favorite, ProfileAccess, SeekerProfile

MAX_COMPARE = 4


def _is_seeker(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_seeker


def profile_of(*, user: Any) -> SeekerProfile | None:
    if not _is_seeker(user):
        return None
    return (
        SeekerProfile.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("history", "qualifications")
        .first()
    )


def favorites_of(*, user: Any) -> QuerySet[Favorite]:
    if not _is_seeker(user):
        return Favorite.objects.none()
    return (
        Favorite.objects.filter(user=user)
        .select_related("posting", "posting__organization")
        .order_by("-created_at")
    )


def favorite_posting_ids(*, user: Any) -> set[int]:
    if not _is_seeker(user):
        return set()
    return set(Favorite.objects.filter(user=user).values_list("posting_id", flat=True))


def visible_favorites(*, user: Any) -> list[tuple[Favorite, bool]]:
    """Each favourite with whether its posting may still be shown (closed or 非公開 ones are not shown)."""
    favorites = list(favorites_of(user=user))
    visible = set(
        postings_visible_to(user)
        .filter(pk__in=[f.posting_id for f in favorites])
        .values_list("pk", flat=True)
    )
    return [(f, f.posting_id in visible) for f in favorites]


def compare_postings(*, user: Any, ids: list[int]) -> list[JobPosting]:
    """The postings to compare, in the order asked, keeping only those the user may see."""
    wanted = list(dict.fromkeys(ids))[:MAX_COMPARE]
    found = {p.pk: p for p in postings_visible_to(user).filter(pk__in=wanted).select_related("organization")}
    return [found[pk] for pk in wanted if pk in found]


def _listed(qs: QuerySet[Application], *, with_timeline: bool) -> QuerySet[Application]:
    qs = qs.select_related("posting", "posting__organization")
    if not with_timeline:
        # The lists show the status and `updated_at`; every event (with its note) is only read for a timeline.
        return qs
    return qs.prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "id"))
    )


def applications_of_seeker(*, user: Any, with_timeline: bool = False) -> QuerySet[Application]:
    if not _is_seeker(user):
        return Application.objects.none()
    return _listed(Application.objects.filter(applicant=user), with_timeline=with_timeline).order_by(
        "-created_at", "-id"
    )


def application_of_seeker(*, user: Any, pk: int) -> Application | None:
    return applications_of_seeker(user=user, with_timeline=True).filter(pk=pk).first()


def applications_for_employer(*, user: Any, with_timeline: bool = False) -> QuerySet[Application]:
    if user is None or not user.is_authenticated or not user.is_employer:
        return Application.objects.none()
    return _listed(
        Application.objects.filter(posting__organization_id=user.organization_id), with_timeline=with_timeline
    ).order_by("-created_at", "-id")


def application_for_employer(*, user: Any, pk: int) -> Application | None:
    return applications_for_employer(user=user, with_timeline=True).filter(pk=pk).first()


def profile_reads_of(*, user: Any) -> QuerySet[ProfileAccess]:
    if user is None or not user.is_authenticated:
        return ProfileAccess.objects.none()
    return ProfileAccess.objects.filter(owner=user).order_by("-created_at", "-id")
