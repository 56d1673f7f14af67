"""Users (e-mail login), their role, and the organisations employers and agents belong to."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from .next_url import NEXT_MAX


class Role(models.TextChoices):
    SEEKER = "seeker", "求職者"
    EMPLOYER = "employer", "採用担当"
    AGENT = "agent", "キャリアアドバイザー"
    OPERATOR = "operator", "運営"


# The company profile's limits: a few sentences each, as Japanese job sites show them beside a posting.
BUSINESS_MAX = 400
PITCH_MAX = 400
WEBSITE_MAX = 200
EMPLOYEES_MAX = 1_000_000
CAPITAL_MAX = 10**13  # 10兆円: above any company's; more is a typo


class Organization(models.Model):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", "採用企業"
        AGENCY = "agency", "職業紹介事業者"

    kind = models.CharField("種別", max_length=16, choices=Kind.choices, default=Kind.EMPLOYER)
    name = models.CharField("名称", max_length=200)
    address = models.CharField("所在地", max_length=300, blank=True)
    phone = models.CharField("電話番号", max_length=30, blank=True)
    email = models.EmailField("連絡先メール", blank=True)
    # The company profile of the public company page and of each posting's 「企業情報」 (ADR 0103). All optional;
    # shown only while the company has a public posting, as the company page itself.
    business = models.TextField("事業内容", max_length=BUSINESS_MAX, blank=True)
    employees = models.PositiveIntegerField("従業員数", null=True, blank=True)
    founded = models.DateField("設立", null=True, blank=True, help_text="年月だけ（日は常に1日）")
    capital = models.BigIntegerField("資本金（円）", null=True, blank=True)
    website = models.URLField("会社URL", max_length=WEBSITE_MAX, blank=True)
    pitch = models.TextField("会社の特徴", max_length=PITCH_MAX, blank=True)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "組織"
        verbose_name_plural = "組織"

    def __str__(self) -> str:
        return self.name

    @property
    def has_profile(self) -> bool:
        """Anything of the company profile is filled in (else the pages show no 「企業情報」 box)."""
        return bool(
            self.business
            or self.employees
            or self.founded
            or self.capital is not None
            or self.website_link
            or self.pitch
        )

    @property
    def website_link(self) -> str:
        """The 会社URL to link, only if it is http(s): the service refuses anything else, and a row written another
        way (the admin, a script) must still never put a javascript: address into a public page's link."""
        return self.website if self.website.lower().startswith(("http://", "https://")) else ""

    @property
    def employees_display(self) -> str:
        return f"{self.employees:,}人" if self.employees else ""

    @property
    def founded_display(self) -> str:
        return f"{self.founded.year}年{self.founded.month}月" if self.founded else ""

    @property
    def capital_display(self) -> str:
        return yen_large(self.capital) if self.capital is not None else ""


def yen_large(amount: int) -> str:
    """An amount as 資本金 is written on Japanese company pages: 「3億5,000万円」「1,000万円」, and in plain yen when
    it is not a whole number of 万 (「1円」「1,234,567円」)."""
    if amount >= 10_000 and amount % 10_000 == 0:
        oku, man = divmod(amount // 10_000, 10_000)
        return (f"{oku:,}億" if oku else "") + (f"{man:,}万" if man else "") + "円"
    return f"{amount:,}円"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("メールアドレスは必須です")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True, role=Role.OPERATOR)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("メールアドレス", unique=True)
    display_name = models.CharField("表示名", max_length=100, blank=True)
    role = models.CharField("役割", max_length=16, choices=Role.choices, default=Role.SEEKER)
    organization = models.ForeignKey(
        Organization,
        verbose_name="所属組織",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    is_active = models.BooleanField("有効", default=True)
    is_staff = models.BooleanField("管理画面", default=False)
    date_joined = models.DateTimeField("登録日時", default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "ユーザー"
        verbose_name_plural = "ユーザー"

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        # Login, sign-up and every lookup lower-case the address, so an address typed in the admin must be stored
        # the same way: 「Taro@Example.COM」 could otherwise never log in, and its inbox could sign up a second time.
        super().clean()
        self.email = self.email.strip().lower()

    @property
    def is_seeker(self) -> bool:
        return self.role == Role.SEEKER

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER and self.organization_id is not None

    @property
    def is_agent(self) -> bool:
        return self.role == Role.AGENT

    @property
    def is_operator(self) -> bool:
        return self.role == Role.OPERATOR or self.is_superuser


class LoginAttempt(models.Model):
    """Failed logins, counted per e-mail and per IP to throttle password guessing."""

    email = models.CharField(max_length=254, db_index=True)
    ip = models.CharField(max_length=45, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} {self.ip} {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名前", max_length=100, default="API")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str = "API") -> tuple[ApiToken, str]:
        secret = "bnv_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.hash(secret))
        return token, secret


class PendingSignup(models.Model):
    """A sign-up waiting for its address to be confirmed (仮登録, ADR 0071).

    The account is created only when the link mailed to the address is opened, so nobody can hold an address with
    an account its owner never asked for. Several may wait for one address (each with its own password): the
    first link opened creates the account, the others then say the address is registered. A used row keeps its
    address (not its password hash) so that a second click says so too; rows older than a week are deleted.
    """

    SIGNUP_ROLES: ClassVar[list[tuple[str, str]]] = [
        (Role.SEEKER.value, Role.SEEKER.label),
        (Role.EMPLOYER.value, Role.EMPLOYER.label),
    ]

    email = models.EmailField("メールアドレス", db_index=True)
    password_hash = models.CharField(max_length=256, blank=True)
    role = models.CharField("役割", max_length=16, choices=SIGNUP_ROLES, default=Role.SEEKER)
    display_name = models.CharField("表示名", max_length=100, blank=True)
    organization_name = models.CharField("会社名", max_length=200, blank=True)
    agreed = models.BooleanField("利用目的への同意", default=False)
    # Where the person was going when they signed up (a path on this site, next_url.safe_next): the confirmation
    # leads there, whichever browser opens the mailed link.
    next_url = models.CharField("登録後の移動先", max_length=NEXT_MAX, blank=True)
    created_at = models.DateTimeField("仮登録日時", default=timezone.now, db_index=True)
    used_at = models.DateTimeField("本登録日時", null=True, blank=True)

    class Meta:
        verbose_name = "仮登録"
        verbose_name_plural = "仮登録"

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"


class TeamInvitation(models.Model):
    """A 採用担当 inviting a colleague into their company (ADR 0078).

    A row is kept for every invitation the inviter made, also for an address that already has an account (that
    address gets a different mail, and the link of such a row is never sent): the team page must list both alike,
    or it would tell the inviter who has an account. Cancelled and used rows stay, so the daily cap counts them
    and the company can see who invited whom; rows are deleted some weeks after they stop being pending.
    """

    VALID_HOURS: ClassVar[int] = 72  # how long the mailed link works

    organization = models.ForeignKey(
        Organization, verbose_name="組織", on_delete=models.CASCADE, related_name="team_invitations"
    )
    email = models.EmailField("メールアドレス", db_index=True)
    display_name = models.CharField("表示名", max_length=100, blank=True)
    invited_by = models.ForeignKey(
        User, verbose_name="招待した人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("招待日時", default=timezone.now, db_index=True)
    used_at = models.DateTimeField("参加日時", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消日時", null=True, blank=True)

    class Meta:
        verbose_name = "採用担当の招待"
        verbose_name_plural = "採用担当の招待"

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + dt.timedelta(hours=self.VALID_HOURS)
