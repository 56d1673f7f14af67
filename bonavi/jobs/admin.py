from django import forms
from django.contrib import admin

from .facts import form_field_for
from .models import JobPosting, PostingStatus
from .services import posting_findings
from .validation import posting_problems


class JobPostingAdminForm(forms.ModelForm):
    """An operator's edit passes the same gate as the employer's: a published posting stays lawful."""

    # No Meta: ModelAdmin builds the form for JobPosting with its own field list on top of this class.

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        if self.errors:
            return
        posting = self.instance
        published = posting.status == PostingStatus.PUBLISHED
        problems = posting_problems(posting, for_publish=published)
        if published:
            for finding in posting_findings(posting):
                if finding.is_error:
                    text = f"{finding.message} {finding.suggestion}".strip()
                    problems.setdefault(form_field_for(finding.field), []).append(text)
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    form = JobPostingAdminForm
    list_display = ("title", "organization", "status", "visibility", "prefecture", "family", "date_posted")
    list_filter = ("status", "visibility", "family", "employment_type")
    search_fields = ("title", "employer_name")
    raw_id_fields = ("organization", "created_by")
