"""The operators' desk for complaints (ADR 0080): read, note progress (対応中), answer and close (完了).

Status changes only through the services: complaint_note (対応中) and complaint_resolve (完了, which mails the
answer to the complainant once). Nothing here tells the posting's employer who reported it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from bonavi.core import clock
from bonavi.jobs import services as jobs_services

from . import services
from .models import Complaint, Status

# Set on the request whose save a service refused: save_model cannot return anything to response_change, and the
# request is what both see (it goes with the request, so nothing is kept between requests or shared by threads).
_REFUSED_ATTR = "_bonavi_complaint_refused"


class StopPostingForm(forms.Form):
    """The operator's 掲載停止 of a reported posting (ADR 0153): the reason is mailed to the company as written."""

    reason = forms.CharField(
        label="掲載停止の理由（採用企業へのメールにそのまま記載されます）",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # jobs' own check says what is missing, in the same words as everywhere else
    )
    confirm = forms.BooleanField(
        label="この求人の掲載を停止し、採用企業にメールで知らせる（再公開は運営だけができます）",
        required=True,
        error_messages={"required": "確認のチェックを入れてください。"},
    )

    def clean_reason(self) -> str:
        # Checked here too, not only by the service after the box is ticked: sent empty, the form said only
        # 「確認のチェック…」, and the missing reason came as a second refusal on the next press.
        try:
            return jobs_services.stop_reason_clean(self.cleaned_data.get("reason", ""))
        except jobs_services.PostingInvalid as exc:
            raise forms.ValidationError(exc.errors["reason"]) from exc


class ComplaintAdminForm(forms.ModelForm):
    complete = forms.BooleanField(
        label="完了にして、対応内容を回答として申出者にメールで送る",
        required=False,
        help_text="チェックせずに保存すると「対応中」として記録だけします（申出者には送りません）。",
    )

    class Meta:
        model = Complaint
        fields = ("response",)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "response" in self.fields:
            try:
                data["response"] = services.response_clean(
                    data.get("response", ""), to_resolve=bool(data.get("complete"))
                )
            except services.ComplaintInvalid as exc:
                for message in exc.errors["response"]:
                    self.add_error("response", message)
        return data


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    form = ComplaintAdminForm
    # The first three are what a phone shows (static/css/admin.css): which one, how far along, how long it has waited.
    list_display = ("reference", "status", "age", "category", "posting_link", "received_at")
    list_filter = ("status", "category")
    search_fields = ("reference",)
    list_select_related = ("posting",)
    date_hierarchy = "received_at"
    _shown = (
        "reference",
        "status",
        "category",
        "posting_link",
        "body",
        "reply_email",
        "acknowledged",  # past the per-address cap no acknowledgement went: the reporter may not know the reference
        "name",
        "reporter",
        "received_at",
        "age",
        "resolved_at",
        "resolved_by",
        "anonymised_at",
        "posting_stop",
        "actions",
    )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status == Status.DONE:
            return [*self._shown, "response"]
        return [*self._shown, "response", "complete"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.status == Status.DONE:
            return [*self._shown, "response"]  # the answer has been mailed: it stays as sent
        return list(self._shown)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # complaints come from the public form, with their acknowledgement

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record is kept; after KEEP_YEARS it is anonymised, not deleted

    @admin.display(description="経過日数")
    def age(self, obj: Complaint) -> str:
        days = (clock.now() - obj.received_at).days
        if obj.status != Status.DONE and clock.today_jst() > services.response_due(obj):
            return format_html('<strong style="color:#b00020">{}日（回答期限超過）</strong>', days)
        return f"{days}日"

    @admin.display(description="対象の求人")
    def posting_link(self, obj: Complaint) -> str:
        if obj.posting_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}（ID {}）</a>',
            reverse("admin:jobs_jobposting_change", args=[obj.posting_id]),
            obj.posting.title if obj.posting else "",
            obj.posting_id,
        )

    @admin.display(description="掲載停止")
    def posting_stop(self, obj: Complaint) -> str:
        posting = obj.posting
        if posting is None:
            return "—"
        if posting.stopped_at is not None:
            return f"掲載停止済み（{clock.moment_ja(posting.stopped_at)}）"
        return format_html(
            '<a class="button" href="{}">この求人の掲載を停止する</a>',
            reverse("admin:support_complaint_stop_posting", args=[obj.pk]),
        )

    def get_urls(self) -> list[URLPattern]:
        own: list[URLPattern] = [
            path(
                "<int:pk>/stop-posting/",
                self.admin_site.admin_view(self.stop_posting_view),
                name="support_complaint_stop_posting",
            )
        ]
        return own + super().get_urls()

    def stop_posting_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET: the posting, the complaint and a reason box; POST: support.services.complaint_posting_stop."""
        complaint = get_object_or_404(Complaint.objects.select_related("posting"), pk=pk)
        if not self.has_change_permission(request, complaint):
            raise PermissionDenied
        change_url = reverse("admin:support_complaint_change", args=[complaint.pk])
        form = StopPostingForm(request.POST or None, label_suffix="")  # no 「:」 after a Japanese sentence
        if request.method == "POST" and form.is_valid():
            try:
                services.complaint_posting_stop(
                    user=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
                )
            except services.ComplaintInvalid as exc:
                for message in exc.errors.get("reason", []):
                    form.add_error("reason", message)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                self.message_user(
                    request,
                    f"{complaint.reference}：求人の掲載を停止し、採用企業への通知を送信待ちにしました。",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "求人の掲載停止",
            "opts": self.model._meta,
            "complaint": complaint,
            "posting": complaint.posting,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/support/complaint/stop_posting.html", context, status=400 if form.errors else 200
        )

    def save_model(self, request: HttpRequest, obj: Complaint, form: Any, change: bool) -> None:
        # Never obj.save(): the status and the reply mail belong to the services.
        if obj.status == Status.DONE:
            return  # nothing on a 完了 complaint is editable: its answer has been sent as it stands
        response = form.cleaned_data.get("response", "")
        try:
            if form.cleaned_data.get("complete"):
                services.complaint_resolve(user=request.user, complaint=obj, response=response)
                self.message_user(
                    request, f"{obj.reference} を完了にし、回答メールを送信待ちにしました。", messages.SUCCESS
                )
            else:
                services.complaint_note(user=request.user, complaint=obj, response=response)
        except (services.ComplaintInvalid, PermissionDenied) as exc:
            detail = (
                " ".join(m for ms in exc.errors.values() for m in ms)
                if isinstance(exc, services.ComplaintInvalid)
                else str(exc)
            )
            self.message_user(request, f"{obj.reference}：{detail}", messages.ERROR)
            setattr(request, _REFUSED_ATTR, True)
        obj.refresh_from_db()

    def response_change(self, request: HttpRequest, obj: Complaint) -> HttpResponse:
        # Django would add its own 「…を変更しました」 after our refusal: only the refusal is said, on the complaint
        # as it now stands (another operator may have completed it meanwhile).
        if getattr(request, _REFUSED_ATTR, False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)
