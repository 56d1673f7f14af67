"""Reads for the seeker side, always scoped to who is asking.

A seeker sees only their own profile, favourites and applications. An employer sees applications (and the
profile sent with them) only for their own organisation's postings, and each such read of a profile is logged
by the caller through `services.profile_read_record`. Nobody else sees any of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from bonavi.core import clock
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import postings_visible_to

from .models import (
    RECENT_VIEWS_DAYS,
    RECENT_VIEWS_MAX,
    Application,
    ApplicationEvent,
    Favorite,
    ProfileAccess,
    RecentView,
    RecentViewsOff,
    SeekerProfile,
)

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


# --- 最近見た求人 (ADR 0087) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentItem:
    """One entry of 最近見た求人. `posting` is None when the person may no longer see it (closed, past its
    掲載期限, made 非公開): the page then says 「掲載が終了した求人」 and shows nothing of it."""

    posting_id: int
    viewed_at: dt.datetime
    posting: JobPosting | None


def _recent_rows(user: Any) -> QuerySet[RecentView]:
    # Past the retention the row is as good as gone, even before the duty has deleted it.
    since = clock.now() - dt.timedelta(days=RECENT_VIEWS_DAYS)
    return RecentView.objects.filter(user=user, viewed_at__gte=since).order_by("-viewed_at", "-pk")


def recent_views_of(*, user: Any) -> list[RecentItem]:
    """The whole list, newest first: two queries (the entries, then those of their postings the person may see,
    read through postings_visible_to). A posting's content never comes from the history row's own join."""
    if not _is_seeker(user):
        return []
    rows = list(_recent_rows(user).values_list("posting_id", "viewed_at")[:RECENT_VIEWS_MAX])
    visible = {
        p.pk: p
        for p in postings_visible_to(user)
        .filter(pk__in=[pk for pk, _ in rows])
        .select_related("organization")
    }
    return [RecentItem(pk, at, visible.get(pk)) for pk, at in rows]


def recent_postings_of(*, user: Any, limit: int) -> list[RecentItem]:
    """The short list (top page, マイページ): the newest `limit` the person may still see, in one query."""
    if not _is_seeker(user):
        return []
    rows = (
        _recent_rows(user)
        .filter(posting__in=postings_visible_to(user))
        .select_related("posting", "posting__organization")[:limit]
    )
    return [RecentItem(r.posting_id, r.viewed_at, r.posting) for r in rows]


def recent_views_recording(*, user: Any) -> bool:
    return _is_seeker(user) and not RecentViewsOff.objects.filter(user=user).exists()


def experience_of(*, user: Any) -> str:
    """The profile's 経験（アルバイト・サークル・ボランティアなど） text, "" when none (one query, no prefetches)."""
    if not _is_seeker(user):
        return ""
    return SeekerProfile.objects.filter(user=user).values_list("experience", flat=True).first() or ""
