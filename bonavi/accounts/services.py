"""Writes for accounts: sign-up and login throttling."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginAttempt, Organization, Role, User


def user_create(
    *,
    email: str,
    password: str,
    role: str = Role.SEEKER,
    display_name: str = "",
    organization: Organization | None = None,
) -> User:
    with transaction.atomic():
        return User.objects.create_user(
            email=email, password=password, role=role, display_name=display_name, organization=organization
        )


def employer_signup(*, email: str, password: str, organization_name: str, display_name: str = "") -> User:
    """An employer signs up together with its organisation; they become its first 採用担当."""
    with transaction.atomic():
        org = Organization.objects.create(
            name=organization_name, kind=Organization.Kind.EMPLOYER, email=email
        )
        return User.objects.create_user(
            email=email, password=password, role=Role.EMPLOYER, display_name=display_name, organization=org
        )


def login_is_throttled(*, email: str, ip: str) -> bool:
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    recent = LoginAttempt.objects.filter(created_at__gte=since)
    limit = settings.LOGIN_THROTTLE_LIMIT
    by_email = recent.filter(email=email.lower()).count()
    # An IP gets more room than an account: offices share one address.
    by_ip = recent.filter(ip=ip).count()
    return by_email >= limit or by_ip >= limit * 4


def login_failure_record(*, email: str, ip: str) -> None:
    LoginAttempt.objects.create(email=email.lower()[:254], ip=ip[:45])


def login_success_record(*, email: str) -> None:
    LoginAttempt.objects.filter(email=email.lower()).delete()
