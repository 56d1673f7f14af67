"""Reads for accounts, each with its permission check: a company's 採用担当 and its pending invitations (ADR 0078)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from .models import Role, TeamInvitation, User


def team_manager(user: Any) -> User | None:
    """The user if they may see and manage their company's 採用担当 (an active employer account), else None.

    Only employer accounts: an agent or operator linked to an organisation is not one of its 採用担当."""
    if isinstance(user, User) and user.is_active and user.is_employer:
        return user
    return None


def hiring_staff(*, organization_id: int | OuterRef | None) -> QuerySet[User]:
    """The company's active 採用担当: the employer accounts that can log in and read its 応募, and the only ones its
    application mails go to (notifications.hiring_staff_mail). None (no organisation) has none. An OuterRef to an
    organisation id makes it a subquery (hiring_staff_exists)."""
    if organization_id is None:
        return User.objects.none()
    return User.objects.filter(organization_id=organization_id, is_active=True, role=Role.EMPLOYER)


def has_hiring_staff(*, organization_id: int | None) -> bool:
    """Whether anyone would read a BOナビ 応募 to this company (ADR 0143): without an active 採用担当 it is refused."""
    return hiring_staff(organization_id=organization_id).exists()


def hiring_staff_exists(organization_id: OuterRef) -> Exists:
    """has_hiring_staff for every row of a query at once, by the same rule (ADR 0146: the API's
    accepts_applications and the feed ask it of a page or of every public posting, not once per posting)."""
    return Exists(hiring_staff(organization_id=organization_id))


def team_members(*, user: User) -> QuerySet[User]:
    """The 採用担当 of the user's company, active ones first, then in the order they joined."""
    if user.organization_id is None:  # never "everyone without a company"
        return User.objects.none()
    return User.objects.filter(organization_id=user.organization_id, role=Role.EMPLOYER).order_by(
        "-is_active", "date_joined", "pk"
    )


def team_member_get(*, user: User, pk: int) -> User | None:
    """One 採用担当 of the user's own company; a member of another company is simply not found."""
    return team_members(user=user).filter(pk=pk).first()


def team_invitations_pending(*, user: User, now: dt.datetime | None = None) -> QuerySet[TeamInvitation]:
    """Invitations of the user's company that can still be accepted (not used, not cancelled, not expired)."""
    since = (now or timezone.now()) - dt.timedelta(hours=TeamInvitation.VALID_HOURS)
    if user.organization_id is None:
        return TeamInvitation.objects.none()
    return (
        TeamInvitation.objects.filter(
            organization_id=user.organization_id,
            used_at__isnull=True,
            cancelled_at__isnull=True,
            created_at__gte=since,
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )
