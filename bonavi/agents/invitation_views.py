"""「求職者を招待」 on the workbench (ADR 0104): the form, the office's list and 取り消す. The link the person is
mailed is handled on the agency's own page (views.agency_public)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bonavi.core.forms import add_errors, errors_to_messages

from . import invitations, selectors
from .forms import InviteForm
from .models import Invitation, InvitationStatus
from .services import AgentError

PAGE_SIZE = 50  # invitations per page of the office's list


@login_required
def invitations_page(request: HttpRequest) -> HttpResponse:
    staff = invitations.require_inviter(
        request.user
    )  # PermissionDenied → 403 for a seeker, an RA, an employer
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invitation_send(user=request.user, **form.cleaned_data)
        except AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(
                request,
                f"{invitation.name} さん（{invitation.email}）に招待メールを送りました。"
                "登録するかどうかは、ご本人が決めます。",
            )
            return redirect("agents:invitations")
    now = timezone.now()
    page = Paginator(selectors.invitations_for_staff(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    listed = list(page.object_list)
    # Her name and page only for a candidate this member of staff may see now (not after she withdrew her
    # consent, nor another adviser's unless he is the 責任者): one query for the whole list.
    visible = set(
        selectors.candidates_of(staff)
        .filter(pk__in=[inv.candidate_id for inv in listed if inv.candidate_id])
        .values_list("pk", flat=True)
    )
    rows = [
        (
            inv,
            InvitationStatus(inv.status_at(now)),
            invitations.may_cancel(staff, inv),
            inv.candidate_id in visible,
        )
        for inv in listed
    ]
    return render(
        request,
        "agents/invitations.html",
        {
            "staff": staff,
            "form": form,
            "rows": rows,
            "page": page,
            "valid_days": Invitation.VALID_DAYS,
            "keep_days": Invitation.KEEP_DAYS,
            "daily_limit": invitations.DAILY_LIMIT,
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        invitation = invitations.invitation_cancel(user=request.user, invitation_id=pk)
    except Invitation.DoesNotExist as exc:
        raise Http404("招待が見つかりません") from exc
    except AgentError as exc:
        errors_to_messages(request, exc.errors)
    else:
        messages.success(request, f"{invitation.name} さんへの招待を取り消しました。リンクはもう使えません。")
    return redirect("agents:invitations")
