"""Writes for accounts: sign-up, login throttling, API tokens and the employer's company details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from bonavi.compliance.checker import recruiting_text_problems
from bonavi.core import clock
from bonavi.core.mail import operator_name
from bonavi.core.ratelimit import address_digest, hit, typed_address_mail_allowed
from bonavi.core.signed import sign_row, signed_row
from bonavi.core.text import one_line, too_long
from bonavi.core.validators import reject_markup

from . import selectors
from .guards import status_change_problems
from .models import (
    BUSINESS_MAX,
    CAPITAL_MAX,
    EMPLOYEES_MAX,
    PITCH_MAX,
    WEBSITE_MAX,
    ApiToken,
    LoginAttempt,
    Organization,
    PendingSignup,
    Role,
    TeamInvitation,
    User,
)
from .next_url import safe_next
from .signals import account_notice, user_email_changed, user_signed_up


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


class OrganizationInvalid(Exception):
    """The company details were refused; `errors` maps form field names to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(m for msgs in errors.values() for m in msgs))
        self.errors = errors


EMPLOYEES_RANGE = f"従業員数は1〜{EMPLOYEES_MAX:,}人の範囲で入力してください。"


def organization_profile_problems(
    *,
    business: str,
    employees: int | None,
    founded: dt.date | None,
    capital: int | None,
    website: str,
    pitch: str,
) -> dict[str, list[str]]:
    """Why the company profile cannot be stored, by field ({} = fine). The rules of the page whoever writes it."""
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field, label, text, limit in (
        ("business", "事業内容", business, BUSINESS_MAX),
        ("pitch", "会社の特徴", pitch, PITCH_MAX),
    ):
        if len(text) > limit:
            err(field, too_long(label, limit, given=len(text)))
        try:
            reject_markup(text)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
        # Shown beside every posting of the company, these words recruit as the ad's do: the posting rules on age
        # and sex (労働施策総合推進法9条・男女雇用機会均等法5条) and on asking for 本籍・家族・思想 etc.
        # (職業安定法5条の5) apply to them as to an ad's (ADR 0103).
        for message in recruiting_text_problems(text):
            err(field, message)
    if employees is not None and not 1 <= employees <= EMPLOYEES_MAX:
        err("employees", EMPLOYEES_RANGE)
    if founded is not None:
        today = clock.today_jst()
        if (founded.year, founded.month) > (today.year, today.month):
            err(
                "founded",
                f"設立の年月（{founded.year}年{founded.month}月）が先の日付です。設立した年月を入力してください。",
            )
    if capital is not None and not 0 <= capital <= CAPITAL_MAX:
        err("capital", "資本金の額を確かめてください。")
    if website:
        if len(website) > WEBSITE_MAX:
            err("website", too_long("会社URL", WEBSITE_MAX, given=len(website)))
        else:
            try:
                # http(s) only: the page links it, and a javascript: or data: address there would run in the reader's
                # browser.
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                err(
                    "website",
                    "会社URLは http:// か https:// で始まるURLを入力してください（例：https://example.co.jp/）。",
                )
    return errors


def organization_update(
    *,
    user: User,
    address: str,
    phone: str,
    email: str,
    business: str = "",
    employees: int | None = None,
    founded: dt.date | None = None,
    capital: int | None = None,
    website: str = "",
    pitch: str = "",
) -> Organization:
    """An employer's 所在地 and 連絡先 (postings created afterwards use them as the 募集者's) and its company
    profile (the company page and each posting's 「企業情報」, ADR 0103). Raises OrganizationInvalid."""
    if not user.is_employer or user.organization_id is None:
        raise PermissionDenied("会社情報を変更できるのは採用企業の採用担当だけです。")
    business, pitch, website = business.strip(), pitch.strip(), website.strip()
    errors = organization_profile_problems(
        business=business, employees=employees, founded=founded, capital=capital, website=website, pitch=pitch
    )
    if errors:
        raise OrganizationInvalid(errors)
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=user.organization_id)
        org.address, org.phone, org.email = address, phone, email
        org.business, org.employees, org.pitch, org.website = business, employees, pitch, website
        org.founded = founded.replace(day=1) if founded else None
        org.capital = capital
        org.save(
            update_fields=[
                "address",
                "phone",
                "email",
                "business",
                "employees",
                "founded",
                "capital",
                "website",
                "pitch",
            ]
        )
    return org


# Password-reset mails one address may receive per window. The reset page answers the same whether or not the
# address is registered, so past the cap the mail is quietly not sent; without a cap anyone could flood a
# person's inbox through us by pressing the button again and again.
PASSWORD_RESET_LIMIT = 3
PASSWORD_RESET_WINDOW_SECONDS = 3600


def password_reset_mail_allowed(*, email: str) -> bool:
    """Count one reset mail for this address; False once the window's allowance is used up."""
    return (
        hit(
            f"password-reset:{address_digest(email)}",
            window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
            limit=PASSWORD_RESET_LIMIT,
        )
        <= PASSWORD_RESET_LIMIT
    )


# Reset requests from one client address per window, whatever addresses they name. The per-address cap keeps one
# inbox from being flooded; without this one a single client could have us mail a reset link to every address on a
# list (a spam run from our domain, and the queue filled). As generous as the sign-up's: an office shares one address.
PASSWORD_RESET_CLIENT_LIMIT = 20
PASSWORD_RESET_CLIENT_WINDOW_SECONDS = 3600


def password_reset_client_allowed(*, ip: str) -> bool:
    """Count one reset request from this client address; False once the window's allowance is used up. Counted
    for registered and unknown addresses alike, so the refusal tells nothing about either."""
    count = hit(
        f"password-reset-client:{ip}",
        window_seconds=PASSWORD_RESET_CLIENT_WINDOW_SECONDS,
        limit=PASSWORD_RESET_CLIENT_LIMIT,
    )
    return count <= PASSWORD_RESET_CLIENT_LIMIT


# Sign-up by e-mail confirmation (仮登録 → 本登録, ADR 0071). The form answers the same page whether or not the
# address is registered; what differs is the mail the address receives, which only its owner reads.
SIGNUP_LINK_HOURS = 24
PENDING_SIGNUP_KEEP_DAYS = 7
_SIGNUP_SALT = "bonavi.accounts.signup-confirm"
# Sign-ups sent from one client address per window. The per-address cap stops one mailbox being flooded; this one
# stops one client from filling the pending table and the mail queue with many addresses. Generous, because an
# office or a school shares one address.
SIGNUP_CLIENT_LIMIT = 20
SIGNUP_CLIENT_WINDOW_SECONDS = 3600


def signup_client_allowed(*, ip: str) -> bool:
    """Count one sign-up from this client address; False once the window's allowance is used up. The answer is
    the same for registered and new addresses, so it tells nothing about either."""
    count = hit(f"signup-client:{ip}", window_seconds=SIGNUP_CLIENT_WINDOW_SECONDS, limit=SIGNUP_CLIENT_LIMIT)
    return count <= SIGNUP_CLIENT_LIMIT


def signup_request(
    *,
    email: str,
    password: str,
    role: str,
    display_name: str = "",
    organization_name: str = "",
    agreed: bool,
    next_url: str = "",
) -> None:
    """仮登録: mail a confirmation link to a new address, or a 「既に登録があります」 notice to a registered one.

    The caller cannot tell which happened, and should not: the password is hashed (the slow step) in both cases,
    and past the per-address cap neither mail is sent and nothing is stored. Mail errors propagate (the caller
    shows the same message in both cases)."""
    email = email.strip().lower()
    password_hash = make_password(password)
    if not typed_address_mail_allowed(email):
        return
    if User.objects.filter(email=email).exists():
        # The login link keeps the page the sign-up began from (a posting, its ☆), as a new address's link does.
        _mail(email, "already_registered", {"login_url": _login_url(next_url)})
        return
    pending = PendingSignup.objects.create(
        email=email,
        password_hash=password_hash,
        role=Role.EMPLOYER if role == Role.EMPLOYER else Role.SEEKER,
        display_name=display_name,
        organization_name=organization_name if role == Role.EMPLOYER else "",
        agreed=agreed,
        next_url=safe_next(next_url),
    )
    token = sign_row(_SIGNUP_SALT, pending)
    _mail(
        email,
        "signup_confirm",
        {"url": _site_url("accounts:signup_confirm", token), "hours": SIGNUP_LINK_HOURS},
    )


def _site_url(name: str, *args: object) -> str:
    # On SITE_URL like every link we mail, never on the request's Host header (the sender's to choose).
    return settings.SITE_URL + reverse(name, args=args)


def _login_url(next_url: str) -> str:
    """The mailed login link, with `next_url` as ?next= when it is a path on this site (checked again here, and
    percent-encoded, so nothing in it can end the link or lead elsewhere)."""
    url = _site_url("accounts:login")
    next_url = safe_next(next_url)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _render(template: str, context: dict[str, object]) -> tuple[str, str]:
    context = {
        "login_url": _site_url("accounts:login"),
        "reset_url": _site_url("accounts:password_reset"),
        "signup_url": _site_url("accounts:signup"),
        "sender_name": operator_name(),
        **context,  # a mail may give its own login link (with ?next=)
    }
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    return subject, render_to_string(f"accounts/email/{template}.txt", context)


def _mail(email: str, template: str, context: dict[str, object]) -> None:
    subject, body = _render(template, context)
    send_mail(subject, body, None, [email])  # the Message-ID is core.mail.EmailBackend's


SignupLinkState = Literal["ok", "invalid", "expired", "registered"]


@dataclass(frozen=True)
class SignupLink:
    state: SignupLinkState
    pending: PendingSignup | None = None


def signup_link_check(token: str, *, now: dt.datetime | None = None) -> SignupLink:
    """What a confirmation link leads to: "ok" (can be completed), "registered" (the address has an account,
    through this link or another), "expired" (older than SIGNUP_LINK_HOURS) or "invalid" (altered, unknown,
    deleted after a week, or used by an account that was deleted since)."""
    pending = signed_row(_SIGNUP_SALT, token, PendingSignup.objects.all())
    if pending is None:
        return SignupLink("invalid")
    if User.objects.filter(email=pending.email).exists():
        return SignupLink("registered", pending)
    if pending.used_at is not None:
        return SignupLink("invalid", pending)
    if pending.created_at < (now or timezone.now()) - dt.timedelta(hours=SIGNUP_LINK_HOURS):
        return SignupLink("expired", pending)
    return SignupLink("ok", pending)


def signup_confirm(*, token: str) -> tuple[SignupLink, User | None]:
    """本登録: create the account a valid link describes, with its consent record, in one transaction. The link is
    used up at once (a second click, or a second pending sign-up for the address, then answers "registered")."""
    link = signup_link_check(token)
    if link.state != "ok" or link.pending is None:
        return link, None
    pending = link.pending
    try:
        with transaction.atomic():
            # Claiming the row in the UPDATE itself makes a double click (or two tabs) create one account.
            claimed = PendingSignup.objects.filter(pk=pending.pk, used_at__isnull=True).update(
                used_at=timezone.now(), password_hash=""
            )
            if not claimed:
                return SignupLink("registered", pending), None
            org = None
            if pending.role == Role.EMPLOYER:
                org = Organization.objects.create(
                    name=pending.organization_name, kind=Organization.Kind.EMPLOYER, email=pending.email
                )
            user = User.objects.create_user(
                email=pending.email,
                password=None,
                role=pending.role,
                display_name=pending.display_name,
                organization=org,
            )
            user.password = pending.password_hash  # hashed when the form was sent; the password is not kept
            user.save(update_fields=["password"])
            # The consent record (seekers) is written in this same transaction.
            user_signed_up.send(sender=User, user=user, agreed=pending.agreed)
    except IntegrityError:  # another link for the address won the race for the unique e-mail
        return SignupLink("registered", pending), None
    return link, user


def pending_signups_purge(*, now: dt.datetime | None = None) -> int:
    """Delete sign-ups older than PENDING_SIGNUP_KEEP_DAYS, confirmed or not: an unconfirmed one keeps an address
    and a password hash nobody asked us to keep, and a used one is needed only for a late second click.
    Run hourly by `bonavi run_worker` and by `bonavi outbox_retention`; idempotent."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=PENDING_SIGNUP_KEEP_DAYS)
    deleted, _ = PendingSignup.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# A company's 採用担当 inviting and removing colleagues (ADR 0078). The inviter's page answers the same whether or
# not the address has an account; the mail the address receives says which (only its owner reads it).
TEAM_INVITE_DAILY_LIMIT = 10  # invitations per company per 24 hours, cancelled ones included
_TEAM_INVITE_SALT = "bonavi.accounts.team-invite"


class TeamError(Exception):
    """A refused team action; `errors` maps form field names ("__all__" for general) to Japanese messages."""

    def __init__(self, errors: dict[str, list[str]] | str) -> None:
        if isinstance(errors, str):
            errors = {"__all__": [errors]}
        super().__init__("; ".join(m for msgs in errors.values() for m in msgs))
        self.errors = errors


def _team_org_id(user: User) -> int:
    """The company whose 採用担当 the user may manage; PermissionDenied unless an active employer account."""
    if selectors.team_manager(user) is None or user.organization_id is None:
        raise PermissionDenied("採用担当の管理は、採用企業の採用担当のアカウントでだけ行えます。")
    return user.organization_id


def team_invite(
    *, user: User, email: str, display_name: str = "", now: dt.datetime | None = None
) -> TeamInvitation:
    """Invite a colleague into the user's company: a row, and a mail with a signed single-use link (72 hours).

    An address that already has an account (any role, any company) gets a mail saying it cannot join with it,
    instead of the link: one account belongs to one organisation. The row is made in both cases so that the
    inviter's page cannot tell them apart. Refused (TeamError) for an address already on this team or invited
    and still pending, which the inviter can see anyway, and past the company's daily cap. A mail error
    propagates and nothing is kept."""
    org_id = _team_org_id(user)
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        # One invitation at a time per company, so two tabs cannot both pass the cap or the duplicate check.
        org = Organization.objects.select_for_update().get(pk=org_id)
        if User.objects.filter(email=email, organization=org, role=Role.EMPLOYER).exists():
            raise TeamError(
                {"email": ["このメールアドレスの方は、既にこの会社の採用担当として登録されています。"]}
            )
        if selectors.team_invitations_pending(user=user, now=now).filter(email=email).exists():
            raise TeamError(
                {
                    "email": [
                        "このメールアドレスには招待中です。送り直す場合は、下の一覧で招待を取り消してから招待してください。"
                    ]
                }
            )
        recent = TeamInvitation.objects.filter(organization=org, created_at__gte=now - dt.timedelta(hours=24))
        if recent.count() >= TEAM_INVITE_DAILY_LIMIT:
            raise TeamError(
                f"招待は1社につき24時間で{TEAM_INVITE_DAILY_LIMIT}件までです。時間をおいてからお試しください。"
            )
        invitation = TeamInvitation.objects.create(
            organization=org, email=email, display_name=display_name.strip(), invited_by=user, created_at=now
        )
        org_name = org.name
    # The mail goes out after the commit: waiting on the mail server must not hold the company row (or, on SQLite,
    # the whole database) locked. The same per-address allowance as the sign-up mails, so an address cannot be
    # flooded by combining them; past it the row is kept (the page must not differ) and no mail goes out.
    if not typed_address_mail_allowed(email):
        return invitation
    context: dict[str, object] = {
        # Mail subjects are one line: a stray line break in a stored name must not reach the header.
        "organization": one_line(org_name),
        "inviter": one_line(user.display_name or user.email),
        "hours": TeamInvitation.VALID_HOURS,
    }
    try:
        if User.objects.filter(email=email).exists():
            _mail(email, "team_invite_registered", context)
        else:
            token = sign_row(_TEAM_INVITE_SALT, invitation)
            _mail(email, "team_invite", {**context, "url": _site_url("accounts:team_join", token)})
    except Exception:
        invitation.delete()  # nothing is kept for an invitation that never reached anyone
        raise
    return invitation


def team_invitation_cancel(*, user: User, invitation_id: int) -> bool:
    """Cancel a pending invitation of the user's own company; its link stops working. False if none such."""
    _team_org_id(user)
    updated = (
        selectors.team_invitations_pending(user=user)
        .filter(pk=invitation_id)
        .update(cancelled_at=timezone.now())
    )
    return updated > 0


TeamLinkState = Literal["ok", "invalid", "expired", "registered", "joined"]


@dataclass(frozen=True)
class TeamLink:
    state: TeamLinkState
    invitation: TeamInvitation | None = None


def team_link_check(token: str, *, now: dt.datetime | None = None) -> TeamLink:
    """What an invitation link leads to: "ok", "joined" (used by the person now in the team), "registered" (the
    address has an account by now), "expired" (older than TeamInvitation.VALID_HOURS) or "invalid" (altered,
    unknown, cancelled, or used by an account deleted since)."""
    invitation = signed_row(_TEAM_INVITE_SALT, token, TeamInvitation.objects.select_related("organization"))
    if invitation is None or invitation.cancelled_at is not None:
        return TeamLink("invalid")
    if invitation.used_at is not None:
        # The person who joined through it, opening the mail again, is told so (not that they cannot join).
        joined = User.objects.filter(
            email=invitation.email, organization_id=invitation.organization_id
        ).exists()
        return TeamLink("joined" if joined else "invalid", invitation)
    if User.objects.filter(email=invitation.email).exists():
        return TeamLink("registered", invitation)
    if invitation.expires_at < (now or timezone.now()):
        return TeamLink("expired", invitation)
    return TeamLink("ok", invitation)


def team_join(*, token: str, display_name: str, password: str, agreed: bool) -> tuple[TeamLink, User | None]:
    """Accept an invitation: create the employer account in the inviting company, with its consent record, in one
    transaction. The row is claimed in the UPDATE itself, so a double click or a cancellation at the same moment
    leaves one outcome."""
    link = team_link_check(token)
    if link.state != "ok" or link.invitation is None:
        return link, None
    invitation = link.invitation
    try:
        with transaction.atomic():
            claimed = TeamInvitation.objects.filter(
                pk=invitation.pk, used_at__isnull=True, cancelled_at__isnull=True
            ).update(used_at=timezone.now())
            if not claimed:
                return TeamLink("invalid", invitation), None
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                role=Role.EMPLOYER,
                display_name=display_name.strip(),
                organization_id=invitation.organization_id,
            )
            user_signed_up.send(sender=User, user=user, agreed=agreed)
    except IntegrityError:  # the address got an account (e.g. signed up) between the check and now
        return TeamLink("registered", invitation), None
    return link, user


def team_member_remove(*, user: User, member_id: int) -> User:
    """Switch off another 採用担当 of the user's company (is_active=False; not deleted, so postings, applications'
    history and audit records keep their author). They can no longer log in, their sessions and API tokens stop
    working, and the invitations they sent and that are still pending are cancelled (else a removed person could
    let themselves back in through one). Refused for oneself (a colleague can do it) and for the company's last
    active 採用担当."""
    org_id = _team_org_id(user)
    with transaction.atomic():
        # The company row serialises removals: two colleagues removing each other at once leave one of them.
        Organization.objects.select_for_update().get(pk=org_id)
        active = set(
            User.objects.filter(organization_id=org_id, role=Role.EMPLOYER, is_active=True).values_list(
                "pk", flat=True
            )
        )
        if user.pk not in active:
            raise PermissionDenied("このアカウントは停止されています。")
        member = User.objects.filter(pk=member_id, organization_id=org_id, role=Role.EMPLOYER).first()
        if member is None:
            raise TeamError("その採用担当は見つかりません。")
        if member.pk == user.pk:
            raise TeamError("ご自身をここで外すことはできません。ほかの採用担当に操作を依頼してください。")
        if member.pk not in active:
            raise TeamError(f"{member.display_name or member.email} さんは既に停止されています。")
        if len(active) <= 1:
            raise TeamError("最後の採用担当は外せません。")
        member.is_active = False
        problems = status_change_problems(member)
        if problems:
            raise TeamError({"__all__": problems})
        member.save(update_fields=["is_active"])
        ApiToken.objects.filter(user=member).delete()
        TeamInvitation.objects.filter(
            invited_by=member, used_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
    return member


def employer_membership_problems(user: User) -> list[str]:
    """Why `user`, in the state about to be saved, cannot be an active 採用担当: one belongs to a company (an
    organisation of kind 採用企業), or they see no applicants, or an agency's. Empty = consistent."""
    org = user.organization if user.organization_id is not None else None
    if org is None:
        return ["採用担当は、所属組織（採用企業）を選ばないと有効にできません。"]
    if org.kind != Organization.Kind.EMPLOYER:
        return [f"「{org.name}」は職業紹介事業者です。採用担当は採用企業に所属させてください。"]
    return []


def team_member_reactivate(*, member_id: int) -> User:
    """Switch a removed 採用担当 on again — the operator's step (ADR 0078: the team page only removes). They come
    back as they were: a 採用担当 of the company they were removed from, which must still be a 採用企業. Their API
    tokens and the invitations they had sent stay gone. Refused (TeamError) for any other account or state."""
    with transaction.atomic():
        member = User.objects.select_for_update().filter(pk=member_id).first()
        if member is None or member.role != Role.EMPLOYER:
            raise TeamError("再び有効にできるのは、採用担当のアカウントだけです。")
        label = member.display_name or member.email
        if member.is_active:
            raise TeamError(f"{label} さんは既に有効です。")
        problems = employer_membership_problems(member)
        if problems or member.organization_id is None:
            raise TeamError({"organization": problems})
        # The company row, as in team_member_remove: a removal and this re-enabling do not interleave.
        Organization.objects.select_for_update().get(pk=member.organization_id)
        member.is_active = True
        problems = status_change_problems(member)
        if problems:
            raise TeamError({"__all__": problems})
        member.save(update_fields=["is_active"])
    return member


TEAM_INVITATION_KEEP_DAYS = 7


def team_invitations_purge(*, now: dt.datetime | None = None) -> int:
    """Delete invitations older than TEAM_INVITATION_KEEP_DAYS, whatever became of them: past the 72 hours the row
    is needed neither for the link nor for the daily cap, and it keeps an address of someone who may never have
    joined. Run hourly by `bonavi run_worker`; idempotent."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=TEAM_INVITATION_KEEP_DAYS)
    deleted, _ = TeamInvitation.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# Account settings: password, login address and display name (ADR 0077). ---------------------------------------


def _notice(*, user: User, to_email: str, template: str, context: dict[str, object]) -> None:
    """Queue a notice about a change to the account's login, inside the change's transaction: it then exists
    exactly when the change does, and the outbox sends it once, retrying a mail server that is down (ADR 0077).
    accounts may not import the outbox's app, so the notice is handed over by the `account_notice` signal."""
    subject, body = _render(template, context)
    replies = account_notice.send(sender=User, user=user, to_email=to_email, subject=subject, body=body)
    if not any(reply is not None for _, reply in replies):
        # Rolls the change back: a password or address change nobody is told about is what the notice prevents.
        raise ImproperlyConfigured("account_notice has no receiver that queues the mail (notifications app)")


PasswordChangeResult = Literal["ok", "wrong", "throttled"]


def password_change(*, user: User, current_password: str, new_password: str, ip: str) -> PasswordChangeResult:
    """Set a new password after re-checking the current one. A wrong current password counts as a failed login
    (password_confirm), so a borrowed session cannot be used to guess it. The new password's own checks (Django's
    validators) belong to the form. Changing the hash also ends every other session of the user: Django compares
    each session's stored hash of the password on every request; the caller keeps its own session with
    update_session_auth_hash. The owner of the address is told, without the password."""
    checked = password_confirm(user=user, password=current_password, ip=ip)
    if checked != "ok":
        return "throttled" if checked == "throttled" else "wrong"
    password_set(user=user, new_password=new_password)
    return "ok"


def password_set(*, user: User, new_password: str) -> User:
    """Give the account a new password and queue 「パスワードが変更されました」 to its address in the same
    transaction, whoever sets it: the person on the settings page, the reset link, or the operator in the admin
    (the validators belong to each form)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        # A new password ends every other login, and a bearer token is one: the sessions end by Django's hash check,
        # the tokens here. Kept, one issued by whoever had the old password went on reading her data through the API
        # after she had taken the account back with the reset link, while the mail below said the others had ended.
        revoked = ApiToken.objects.filter(user=user).delete()[0]
        # The failures counted against the address were guesses at the old password. Left in place, they kept her
        # locked out for the rest of the window right after a reset by the mailed link, the way out the throttled
        # login page points to.
        login_success_record(email=user.email)
        _notice(
            user=user,
            to_email=user.email,
            template="password_changed",
            context={"changed_at": clock.moment_ja(clock.now()), "revoked_tokens": revoked},
        )
    return user


EMAIL_CHANGE_LINK_HOURS = 24
_EMAIL_CHANGE_SALT = "bonavi.accounts.email-change"
EmailChangeRequestResult = Literal["sent", "wrong", "throttled", "same"]


def _email_change_tag(user: User) -> str:
    # Binds a link to the account as it was when the change was asked for: once the address has changed (the link
    # was used, or another one was) or the password has, the tag no longer matches and the link is dead.
    return salted_hmac(_EMAIL_CHANGE_SALT, f"{user.email.lower()}|{user.password}").hexdigest()[:24]


def email_change_request(*, user: User, password: str, new_email: str, ip: str) -> EmailChangeRequestResult:
    """Ask to move the login to `new_email`. Nothing changes yet: a signed link goes to the new address, or, when
    the address already has an account, a notice saying so instead (the page says 「確認メールを送信しました」 in
    both cases, ADR 0071). Past the per-address cap nothing is sent. Mail errors propagate (the caller shows one
    message for both kinds)."""
    new_email = new_email.strip().lower()
    if new_email == user.email.lower():
        return "same"
    checked = password_confirm(user=user, password=password, ip=ip)
    if checked != "ok":
        return "throttled" if checked == "throttled" else "wrong"
    # The same counter as sign-up mails: both land in the same stranger's inbox if the address is not ours.
    if not typed_address_mail_allowed(new_email):
        return "sent"
    if User.objects.filter(email=new_email).exists():
        _mail(new_email, "email_change_taken", {})
        return "sent"
    token = signing.TimestampSigner(salt=_EMAIL_CHANGE_SALT).sign_object(
        [user.pk, new_email, _email_change_tag(user)], compress=False
    )
    _mail(
        new_email,
        "email_change_confirm",
        {"url": _site_url("accounts:email_change_confirm", token), "hours": EMAIL_CHANGE_LINK_HOURS},
    )
    return "sent"


EmailChangeLinkState = Literal["ok", "invalid", "expired", "login", "other_user", "taken"]


@dataclass(frozen=True)
class EmailChangeLink:
    state: EmailChangeLinkState
    new_email: str = ""
    old_email: str = ""


def email_change_link_check(token: str, *, user: User | None) -> EmailChangeLink:
    """What a link leads to for the person opening it: "ok"; "login" (nobody is logged in: the link works only in
    a session of the account that asked, ADR 0077); "other_user" (logged in as another account); "expired";
    "invalid" (altered, used, overtaken by another change, or the password changed since); "taken" (the address
    has been registered by someone else since). Only "ok" and "taken" name the address, and only to its owner."""
    try:
        value = signing.TimestampSigner(salt=_EMAIL_CHANGE_SALT).unsign_object(
            token, max_age=dt.timedelta(hours=EMAIL_CHANGE_LINK_HOURS)
        )
    except signing.SignatureExpired:
        return EmailChangeLink("expired")
    except (signing.BadSignature, ValueError, TypeError):
        return EmailChangeLink("invalid")
    if not (
        isinstance(value, list)
        and len(value) == 3
        and type(value[0]) is int
        and all(isinstance(v, str) for v in value[1:])
    ):
        return EmailChangeLink("invalid")
    user_id, new_email, tag = value
    if user is None:
        return EmailChangeLink("login")
    if user.pk != user_id:
        return EmailChangeLink("other_user")
    if not constant_time_compare(tag, _email_change_tag(user)):
        return EmailChangeLink("invalid")
    if User.objects.filter(email=new_email).exclude(pk=user.pk).exists():
        return EmailChangeLink("taken", new_email)
    return EmailChangeLink("ok", new_email, user.email)


def email_change_confirm(*, token: str, user: User) -> EmailChangeLink:
    """Move the login to the address the link was mailed to, re-checking the link and the address's uniqueness
    on the locked user row in one transaction, and tell the old address (with the new one partly hidden)."""
    try:
        with transaction.atomic():
            locked = User.objects.select_for_update().get(pk=user.pk)
            link = email_change_link_check(token, user=locked)
            if link.state != "ok":
                return link
            locked.email = link.new_email
            locked.save(update_fields=["email"])
            email_changed_announce(user=locked, old_email=link.old_email)
            email_changed_notice(user=locked, old_email=link.old_email)
    except IntegrityError:  # another account took the address between the check and the save
        return EmailChangeLink("taken", link.new_email)
    user.email = locked.email
    return link


def email_changed_notice(*, user: User, old_email: str) -> None:
    """Queue, in the change's transaction, the notice to the old address that the login moved to `user.email`
    (partly hidden), whoever made the change: the person by the link, or the operator in the admin, who could be
    talked into it by someone else. It stays addressed to the old address whatever changes later."""
    _notice(
        user=user,
        to_email=old_email,
        template="email_changed",
        context={
            "masked": email_mask(user.email),
            "changed_at": clock.moment_ja(clock.now()),
            "contact": settings.OPERATOR_CONTACT,
        },
    )


def email_changed_announce(*, user: User, old_email: str) -> None:
    """The login address has been changed and saved, by the person's link or by the operator in the admin: later
    apps move their copies of the address along (mail queued for the old one), in the caller's transaction."""
    if user.email != old_email:
        user_email_changed.send(sender=User, user=user, old_email=old_email)


def email_mask(email: str) -> str:
    """「ta***@ex***.com」: enough for the owner to recognise the address, not enough to use it."""
    local, _, domain = email.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{local[:2]}***@{host[:2]}***{dot}{tld}"


def display_name_update(*, user: User, display_name: str) -> User:
    """The name shown for the account (e.g. to an agency the person registers with); blank is allowed."""
    with transaction.atomic():
        user.display_name = display_name.strip()
        user.save(update_fields=["display_name"])
    return user
