import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from bonavi.core.admin_guards import GuardedDeletionAdmin

from . import services
from .guards import status_change_problems
from .models import Organization, PendingSignup, Role, TeamInvitation, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "email", "created_at")
    search_fields = ("name",)
    list_filter = ("kind",)


class GuardedUserChangeForm(UserChangeForm):
    """Switching an account off (or on) passes the later apps' guards, e.g. the agency office 50:1 rule; an active
    採用担当 belongs to a 採用企業, and a removed one comes back only to the company they were removed from."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's admin prints a field's help with an id only when the widget has one box to label: the hash's
        # summary and the ticked lists have none, yet their aria-describedby names that id — a reference to nothing
        # (axe, on every user page). The lists' help is the fieldset's description (UserAdmin.fieldsets); the
        # password's sentence (it cannot be shown) is left out, its summary and 「パスワードをリセット」 stay.
        for name in ("password", "groups", "user_permissions"):
            if name in self.fields:
                self.fields[name].help_text = ""

    def _post_clean(self) -> None:
        # After construct_instance, self.instance holds the new is_active, which is what the guards judge.
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        if self.errors:
            return
        user = self.instance
        # Re-enabling goes through services.team_member_reactivate (UserAdmin.save_model), which puts the person
        # back as they were; a move to another company in the same save would skip that rule.
        if self.reactivates_employer() and {"role", "organization"} & set(self.changed_data):
            self.add_error(
                "is_active",
                "採用担当を再び有効にするときは、役割と所属組織を変えずに保存してください（外される前の会社に"
                "戻ります）。会社を移す場合は、有効にしてから改めて保存してください。",
            )
            return
        if (
            user.is_active
            and user.role == Role.EMPLOYER
            and {"is_active", "role", "organization"} & set(self.changed_data)
        ):
            for problem in services.employer_membership_problems(user):
                self.add_error("organization", problem)
        if self.errors or "is_active" not in self.changed_data:
            return
        for problem in status_change_problems(self.instance):
            self.add_error("is_active", problem)

    def reactivates_employer(self) -> bool:
        """This save switches a switched-off 採用担当 (as stored) on again."""
        return (
            "is_active" in self.changed_data
            and self.instance.is_active
            and self.initial.get("role") == Role.EMPLOYER
        )


class GuardedUserCreationForm(AdminUserCreationForm):
    """A new account passes the same membership rule as an edited one: an active 採用担当 belongs to a 採用企業
    (one without a company sees no applicants and cannot post)."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        if self.errors:
            return
        user = self.instance
        if user.is_active and user.role == Role.EMPLOYER:
            for problem in services.employer_membership_problems(user):
                self.add_error("organization", problem)


class NoticedAdminPasswordChangeForm(AdminPasswordChangeForm):
    """A password the operator sets: the owner is told, as after their own change (ADR 0077), since an operator
    can be talked into it. Switching password login off is not a new password and sends nothing."""

    def save(self, commit: bool = True) -> Any:
        if commit and self.cleaned_data["set_usable_password"]:
            return services.password_set(user=self.user, new_password=self.cleaned_data["password1"])
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(GuardedDeletionAdmin, BaseUserAdmin):
    form = GuardedUserChangeForm
    add_form = GuardedUserCreationForm
    change_password_form = NoticedAdminPasswordChangeForm
    ordering = ("email",)
    # The first three are what a phone shows (static/css/admin.css): who, as what, switched on or off.
    list_display = ("email", "role", "is_active", "display_name", "organization")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "display_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("プロフィール", {"fields": ("display_name", "role", "organization")}),
        ("権限", {"fields": ("is_active", "is_staff", "is_superuser")}),
        # Folded and ticked, not Django's two-box selector: its script labels its search boxes with an aria-label on
        # a bare span (axe: prohibited), and on a phone its boxes showed four names at a time. Operators give
        # rights by 管理画面 / スーパーユーザー; the groups and single permissions are seldom opened.
        (
            "グループと個別の権限",
            {
                "classes": ("collapse",),
                "fields": ("groups", "user_permissions"),
                "description": "グループの権限は、そのグループに入っているユーザー全員が持ちます。"
                "個別の権限は、このユーザーだけに加わります。",
            },
        ),
    )
    filter_horizontal = ()
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "role", "organization")}),
    )

    actions = ("reactivate_employers",)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in ("groups", "user_permissions"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def deletion_problems(self, obj: Any) -> list[str]:
        return status_change_problems(obj, deleting=True)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and isinstance(form, GuardedUserChangeForm) and form.reactivates_employer():
            # The other fields as edited, then is_active through the service that keeps the team rules (the
            # form already asked the same rules, so this refuses only after a change made meanwhile).
            obj.is_active = False
            super().save_model(request, obj, form, change)
            try:
                services.team_member_reactivate(member_id=obj.pk)
            except services.TeamError as exc:
                # The other edits stay saved; the person stays switched off, and the operator is told why.
                self.message_user(request, f"有効にできませんでした。{exc}", messages.ERROR)
            else:
                obj.is_active = True
        else:
            super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            # As after the person's own change (ADR 0077): mail queued for the old address follows the new one.
            # The admin saves in one transaction, so the copies move with the address or not at all.
            old_email = form.initial["email"]
            services.email_changed_announce(user=obj, old_email=old_email)
            # The old address is told: the notice is queued in the same transaction (a rolled-back save queues
            # nothing) and the outbox retries it if the mail server refuses.
            services.email_changed_notice(user=obj, old_email=old_email)

    @admin.action(description="選択した採用担当を再び有効にする（外される前の会社に戻す）")
    def reactivate_employers(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for member in queryset.order_by("email"):
            try:
                services.team_member_reactivate(member_id=member.pk)
            except services.TeamError as exc:
                for problem in (m for msgs in exc.errors.values() for m in msgs):
                    self.message_user(request, f"「{member.email}」：{problem}", messages.ERROR)
            else:
                self.message_user(request, f"「{member.email}」を再び有効にしました。", messages.SUCCESS)


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
    # The first three are what a phone shows (static/css/admin.css): the answer to "the mail never came".
    list_display = ("email", "state", "has_account", "role", "created_at", "used_at")
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
        expires = obj.created_at + dt.timedelta(hours=services.SIGNUP_LINK_HOURS)
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
