"""Operators onboard a licensed agency here: the Agency (許可番号, fee table …), its offices and the first
職業紹介責任者. After that the 責任者 manages staff on /agent/offices/, where the 50:1 rule is enforced; a change
made here bypasses that check, so the office page and the dashboard show any shortfall (ADR 0063)."""

from django.contrib import admin

from .models import Agency, Office, Staff


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("organization", "slug", "license_number", "fee_system")
    search_fields = ("organization__name", "license_number")
    raw_id_fields = ("organization",)
    inlines = [OfficeInline]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
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
