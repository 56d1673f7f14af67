"""Django admin deletions that a rule may refuse (e.g. an agency office left without its 職業紹介責任者, ADR 0063).

`GuardedDeletionAdmin.deletion_problems(obj)` names, in Japanese, why `obj` may not go now. The delete page and
the bulk action both ask it, inside the transaction that then deletes, and show the problems instead of deleting.
The bulk action checks the selection one object at a time in a savepoint that is always rolled back, so the second
of two 責任者 is judged with the first already gone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db import router, transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class _DryRun(Exception):
    pass


class GuardedDeletionAdmin(admin.ModelAdmin):
    # False: no bulk deletion at all (rows go one at a time through the delete page).
    bulk_delete = True

    def deletion_problems(self, obj: Any) -> list[str]:
        return []

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # replaced by guarded_delete_selected (or by nothing)
        if self.bulk_delete and self.has_delete_permission(request):
            actions["guarded_delete_selected"] = (
                GuardedDeletionAdmin.guarded_delete_selected,
                "guarded_delete_selected",
                f"選択した {self.model._meta.verbose_name} の削除",
            )
        return actions

    def _selection_problems(self, queryset: QuerySet[Any]) -> list[str]:
        problems: list[str] = []
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                for obj in queryset.all():  # a copy: delete() clears the pk of the instances it is given
                    problems = self.deletion_problems(obj)
                    if problems:
                        break
                    obj.delete()
                raise _DryRun
        except _DryRun:
            pass
        except (ProtectedError, RestrictedError):
            pass  # Django's own deletion refuses these with its message
        return problems

    def guarded_delete_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        """Django's bulk delete: the confirmation page as usual, then the deletion only if no object is refused."""
        if request.POST.get("post"):  # the confirmed second step; the first only shows what would go
            with transaction.atomic(using=router.db_for_write(self.model)):
                problems = self._selection_problems(queryset)
                if problems:
                    for problem in problems:
                        self.message_user(request, problem, messages.ERROR)
                    return None
                return delete_selected(self, request, queryset)
        return delete_selected(self, request, queryset)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj: Model | None = self.get_queryset(request).filter(pk=object_id).first()
            problems = self.deletion_problems(obj) if obj is not None else []
            if problems:
                for problem in problems:
                    messages.error(request, problem)
                meta = self.model._meta
                return HttpResponseRedirect(
                    reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[object_id])
                )
            return super().delete_view(request, object_id, extra_context)
