"""Writes for accounts: sign-up, login throttling, API tokens and the employer's company details."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from bonavi.core.ratelimit import hit

from .models import ApiToken, LoginAttempt, Organization, Role, User


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


def password_confirm(*, user: User, password: str, ip: str) -> str:
    """Re-check the password before an irreversible step (退会): "ok", "wrong" or "throttled". Failures count
    like failed logins, so a borrowed session cannot be used to guess the password through this form."""
    if login_is_throttled(email=user.email, ip=ip):
        return "throttled"
    if not user.check_password(password):
        login_failure_record(email=user.email, ip=ip)
        return "wrong"
    return "ok"


THROTTLED_MESSAGE = "パスワードの誤りが続いたため、しばらく操作できません。15分ほど待ってからお試しください。"


def login_failure_record(*, email: str, ip: str) -> None:
    LoginAttempt.objects.create(email=email.lower()[:254], ip=ip[:45])


def login_success_record(*, email: str) -> None:
    LoginAttempt.objects.filter(email=email.lower()).delete()


def api_token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new bearer token; the secret is returned once and only its digest is kept."""
    return ApiToken.issue(user=user, name=name.strip() or "API")


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Delete one of the user's own tokens (a token of someone else is never found)."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def organization_update(*, user: User, address: str, phone: str, email: str) -> Organization:
    """An employer's 所在地 and 連絡先; postings created afterwards use them as the 募集者's."""
    if not user.is_employer or user.organization_id is None:
        raise PermissionDenied("会社情報を変更できるのは採用企業の採用担当だけです。")
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=user.organization_id)
        org.address, org.phone, org.email = address, phone, email
        org.save(update_fields=["address", "phone", "email"])
    return org


# Password-reset mails one address may receive per window. The reset page answers the same whether or not the
# address is registered, so past the cap the mail is quietly not sent; without a cap anyone could flood a
# person's inbox through us by pressing the button again and again.
PASSWORD_RESET_LIMIT = 3
PASSWORD_RESET_WINDOW_SECONDS = 3600


def password_reset_mail_allowed(*, email: str) -> bool:
    """Count one reset mail for this address; False once the window's allowance is used up."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return (
        hit(f"password-reset:{digest}", window_seconds=PASSWORD_RESET_WINDOW_SECONDS) <= PASSWORD_RESET_LIMIT
    )
