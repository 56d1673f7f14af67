from django.contrib import admin

from .models import JobtagRelease, Occupation, SavedAssessment, SavedTranslation


@admin.register(JobtagRelease)
class JobtagReleaseAdmin(admin.ModelAdmin):
    list_display = ("version", "retrieved_at", "source", "digest", "imported_at")
    readonly_fields = ("version", "retrieved_at", "source", "digest", "constants", "imported_at")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ("jobtag_id", "title", "mhlw_code", "salary_man_yen", "recruit_ratio")
    search_fields = ("title",)


@admin.register(SavedAssessment)
class SavedAssessmentAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "constants_version")
    raw_id_fields = ("user",)


@admin.register(SavedTranslation)
class SavedTranslationAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "target_jobtag_id")
    raw_id_fields = ("user",)
