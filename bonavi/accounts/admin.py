import datetime as dt
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from bonavi.core.admin_guards import GuardedDeletionAdmin

from .guards import status_change_problems
from .models import Organization, PendingSignup, TeamInvitation, User
from .services import SIGNUP_LINK_HOURS


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "email", "created_at")
    search_fields = ("name",)
    list_filter = ("kind",)


class GuardedUserChangeForm(UserChangeForm):
    """Switching an account off (or on) passes the later apps' guards, e.g. the agency office 50:1 rule."""

    def _post_clean(self) -> None:
        # After construct_instance, self.instance holds the new is_active, which is what the guards judge.
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        if self.errors or "is_active" not in self.changed_data:
            return
        for problem in status_change_problems(self.instance):
            self.add_error("is_active", problem)


@admin.register(User)
class UserAdmin(GuardedDeletionAdmin, BaseUserAdmin):
    form = GuardedUserChangeForm
    ordering = ("email",)
    list_display = ("email", "display_name", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("プロフィール", {"fields": ("display_name", "role", "organization")}),
        ("権限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "role")}),)

    def deletion_problems(self, obj: Any) -> list[str]:
        return status_change_problems(obj, deleting=True)


# Sign-ups and invitations waiting for their mail (ADR 0071, 0078): read-only, for an operator answering "I never
# got the mail". They are written only by the flows that send the mail; an operator may delete a mistaken row.


class _MailedRowAdmin(admin.ModelAdmin):
    search_fields = ("email",)
    date_hierarchy = "created_at"
    ordering = ("-created_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the change page becomes a read-only view; deleting stays with the delete permission

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Whether the address has an account now: such an address is sent no link (a sign-up says 登録済み, an
        # invitation gets a cannot-join mail), which is the usual answer to "the mail never came".
        return (
            super()
            .get_queryset(request)
            .annotate(_has_account=Exists(User.objects.filter(email=OuterRef("email"))))
        )

    @admin.display(description="アカウント", boolean=True)
    def has_account(self, obj: Any) -> bool:
        return bool(getattr(obj, "_has_account", False))

    @staticmethod
    def _until(moment: dt.datetime) -> str:
        return f"有効（{timezone.localtime(moment):%Y-%m-%d %H:%M}まで）"


@admin.register(PendingSignup)
class PendingSignupAdmin(_MailedRowAdmin):
    # Never the password hash: it is not the operator's to see, and the page lists nothing a person could change.
    list_display = ("email", "role", "created_at", "state", "used_at", "has_account")
    list_filter = ("role", ("used_at", admin.EmptyFieldListFilter))
    fields = (
        "email",
        "role",
        "display_name",
        "organization_name",
        "agreed",
        "created_at",
        "state",
        "used_at",
        "has_account",
    )
    readonly_fields = fields

    @admin.display(description="状態")
    def state(self, obj: PendingSignup) -> str:
        if obj.used_at is not None:
            return "本登録済み"
        expires = obj.created_at + dt.timedelta(hours=SIGNUP_LINK_HOURS)
        return "期限切れ" if expires <= timezone.now() else self._until(expires)


@admin.register(TeamInvitation)
class TeamInvitationAdmin(_MailedRowAdmin):
    list_display = ("email", "organization", "invited_by", "created_at", "state", "has_account")
    list_filter = (("used_at", admin.EmptyFieldListFilter), ("cancelled_at", admin.EmptyFieldListFilter))
    list_select_related = ("organization", "invited_by")
    fields = (
        "email",
        "display_name",
        "organization",
        "invited_by",
        "created_at",
        "state",
        "used_at",
        "cancelled_at",
        "has_account",
    )
    readonly_fields = fields

    @admin.display(description="状態")
    def state(self, obj: TeamInvitation) -> str:
        if obj.used_at is not None:
            return "参加済み"
        if obj.cancelled_at is not None:
            return "取消"
        return "期限切れ" if obj.expires_at <= timezone.now() else self._until(obj.expires_at)
