from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from bonavi.core.forms import add_errors

from .models import JobPosting, PostingStatus
from .services import PostingInvalid, posting_close, posting_gate, posting_publish


class JobPostingAdminForm(forms.ModelForm):
    """An operator's edit passes the same gate as the employer's: a published posting stays lawful."""

    # No Meta: ModelAdmin builds the form for JobPosting with its own field list on top of this class.

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs omit this (real) ModelForm hook
        if self.errors:
            return
        posting = self.instance
        try:
            # The services' own gate, not a copy of it: what the employer cannot save, nor can the operator.
            posting_gate(posting, live=posting.status == PostingStatus.PUBLISHED)
        except PostingInvalid as exc:
            add_errors(self, exc.errors)


def _refusal(posting: JobPosting, exc: Exception) -> str:
    if isinstance(exc, PostingInvalid):
        detail = " ".join(m for msgs in exc.errors.values() for m in msgs)
    else:
        detail = str(exc)
    return f"「{posting.title}」（ID {posting.pk}）：{detail}"


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    form = JobPostingAdminForm
    # The first three are what a phone shows (static/css/admin.css).
    list_display = ("title", "status", "organization", "visibility", "prefecture", "family", "date_posted")
    list_filter = ("status", "visibility", "family", "employment_type")
    search_fields = ("title", "employer_name")
    raw_id_fields = ("organization", "created_by")
    # Publishing and closing happen only through posting_publish / posting_close (the actions below), which run
    # the compliance gate and set the dates; editing the status or 掲載開始日 here would go around them.
    readonly_fields = ("status", "date_posted", "stopped_at", "stopped_by", "stop_reason")
    actions = ("publish_selected", "close_selected")

    def has_delete_permission(self, request: HttpRequest, obj: JobPosting | None = None) -> bool:
        # No delete, single or bulk: it would take the posting's favourites, alerts and proposals' snapshots with it
        # and skip what posting_close does (the date it ended, the feed and search updates, the notices). An
        # operator ends a posting with 「募集を終了する」; records of it stay, as a moderated board's should.
        return False

    @admin.action(description="選択した求人を公開する（掲載前チェックを通った求人だけ）")
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[JobPosting]) -> None:
        done, refused = 0, []
        for posting in queryset.order_by("pk"):
            try:
                posting_publish(user=request.user, posting=posting)
            except (PostingInvalid, PermissionDenied) as exc:
                refused.append(_refusal(posting, exc))
            else:
                done += 1
        if done:
            self.message_user(request, f"{done}件の求人を公開しました。", messages.SUCCESS)
        for text in refused:
            self.message_user(request, f"公開できません。{text}", messages.ERROR)

    @admin.action(description="選択した求人の募集を終了する")
    def close_selected(self, request: HttpRequest, queryset: QuerySet[JobPosting]) -> None:
        done, refused = 0, []
        # A posting that is already closed or expired keeps its state (and the date it ended).
        open_ones = queryset.filter(status__in=[PostingStatus.DRAFT, PostingStatus.PUBLISHED])
        for posting in open_ones.order_by("pk"):
            try:
                posting_close(user=request.user, posting=posting)
            except (PostingInvalid, PermissionDenied) as exc:  # a 下書き is refused, in the service's words
                refused.append(_refusal(posting, exc))
            else:
                done += 1
        if done:
            self.message_user(request, f"{done}件の求人の募集を終了しました。", messages.SUCCESS)
        elif not refused:
            self.message_user(request, "選んだ求人は、どれも既に募集を終了しています。", messages.INFO)
        for text in refused:
            self.message_user(request, f"募集を終了できません。{text}", messages.ERROR)
