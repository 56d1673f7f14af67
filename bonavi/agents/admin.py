"""Operators onboard a licensed agency here: the Agency (許可番号, fee table …), its offices and the first
職業紹介責任者. After that the 責任者 manages staff on /agent/offices/. A staff change made here passes the
same checks as the service (50:1 per office, 講習 for a 責任者): a refusal is a form error and nothing is saved
(ADR 0063). Data written by other paths (bulk import) is still caught by the office page's warning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from bonavi.core.admin_guards import GuardedDeletionAdmin
from bonavi.core.forms import add_errors

from . import services
from .models import Agency, Office, Staff


# Stacked, not a table: the table's boxes had no labels (only its column headers, axe "label") and scrolled sideways
# on a phone.
class OfficeInline(admin.StackedInline):
    model = Office
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    # The first three are what a phone shows (static/css/admin.css).
    list_display = ("organization", "license_number", "fee_system", "slug")
    search_fields = ("organization__name", "license_number")
    raw_id_fields = ("organization",)
    inlines = [OfficeInline]


class StaffAdminForm(forms.ModelForm):
    class Meta:
        model = Staff
        fields = (
            "user",
            "agency",
            "office",
            "is_career_adviser",
            "is_recruiting_adviser",
            "is_responsible",
            "responsible_training_on",
        )

    def _post_clean(self) -> None:
        # After construct_instance: self.instance now holds the change, so the check sees it as saved.
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        staff = self.instance
        if self.errors or staff.user_id is None or staff.office_id is None or staff.agency_id is None:
            return
        add_errors(self, services.staff_admin_problems(staff=staff))


@admin.register(Staff)
class StaffAdmin(GuardedDeletionAdmin):
    form = StaffAdminForm
    # No bulk deletion: a staff row goes one at a time, through the 50:1 check.
    bulk_delete = False
    list_display = (
        "user",
        "agency",
        "office",
        "is_career_adviser",
        "is_recruiting_adviser",
        "is_responsible",
    )
    list_filter = ("agency", "is_responsible")
    raw_id_fields = ("user", "agency", "office")

    def deletion_problems(self, obj: Any) -> list[str]:
        return services.staffing_change_problems(staff=obj, removing=True)
