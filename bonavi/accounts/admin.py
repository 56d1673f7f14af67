from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

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


@admin.action(description="選択した ユーザー の削除", permissions=["delete"])
def guarded_delete_selected(modeladmin: Any, request: HttpRequest, queryset: QuerySet[User]) -> Any:
    """Django's bulk delete, but only when no guard objects to any of the accounts going."""
    if request.POST.get("post"):  # the confirmed second step; the first only shows what would go
        with transaction.atomic(using=router.db_for_write(User)):
            problems = [p for user in queryset for p in status_change_problems(user, deleting=True)]
            if problems:
                for problem in problems:
                    modeladmin.message_user(request, problem, messages.ERROR)
                return None
            return delete_selected(modeladmin, request, queryset)
    return delete_selected(modeladmin, request, queryset)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = GuardedUserChangeForm
    actions = [guarded_delete_selected]
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

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by guarded_delete_selected
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST":
            with transaction.atomic(using=router.db_for_write(User)):
                user = User.objects.filter(pk=object_id).first()
                problems = status_change_problems(user, deleting=True) if user else []
                if problems:
                    for problem in problems:
                        messages.error(request, problem)
                    return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[object_id]))
                return super().delete_view(request, object_id, extra_context)
        return super().delete_view(request, object_id, extra_context)
