from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import JobtagRelease, Occupation, SavedAssessment, SavedTranslation


@admin.register(JobtagRelease)
class JobtagReleaseAdmin(admin.ModelAdmin):
    list_display = ("version", "retrieved_at", "source", "digest", "imported_at")
    readonly_fields = ("version", "retrieved_at", "source", "digest", "constants", "imported_at")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("jobtag_id", "title", "mhlw_code", "salary_man_yen", "recruit_ratio")
    search_fields = ("title",)


class _SavedResultAdmin(admin.ModelAdmin):
    """A seeker's saved results hold their answers and their own account of their work: personal data kept for
    them alone (the privacy page names no operator use of it). An operator answering "my result is gone" needs to
    know that a result exists and when it was saved, not read or change it; the person sees and deletes their
    results on /careers/saved/ and gets them in マイデータ."""

    raw_id_fields = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the change page becomes a read-only view of the fields below

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the person deletes their own results (or 退会)


@admin.register(SavedAssessment)
class SavedAssessmentAdmin(_SavedResultAdmin):
    list_display = ("user", "created_at", "constants_version")
    fields = ("user", "created_at", "constants_version")


@admin.register(SavedTranslation)
class SavedTranslationAdmin(_SavedResultAdmin):
    list_display = ("user", "created_at", "target_jobtag_id")
    fields = ("user", "created_at", "target_jobtag_id")
