from django.contrib import admin

from .models import JobPosting


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "status", "visibility", "prefecture", "family", "date_posted")
    list_filter = ("status", "visibility", "family", "employment_type")
    search_fields = ("title", "employer_name")
    raw_id_fields = ("organization", "created_by")
