from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm

from bonavi.core.admin_guards import GuardedDeletionAdmin

from .guards import status_change_problems
from .models import Organization, User


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
