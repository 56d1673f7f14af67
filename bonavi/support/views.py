from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bonavi.core.forms import add_errors
from bonavi.core.ratelimit import client_ip
from bonavi.jobs.models import JobPosting
from bonavi.notifications.retention import retention_days
from bonavi.seekers.privacy import notice_for, recent_views_retention

from . import services
from .forms import ComplaintForm
from .models import Complaint
from .privacy import privacy_lines

DONE_KEY = "support_complaint_reference"


def _procedure() -> dict[str, Any]:
    return {
        "response_days": services.RESPONSE_DAYS,
        "keep_years": services.KEEP_YEARS,
        "body_max": services.BODY_MAX,
    }


def _operator() -> dict[str, str]:
    """The operator as settings name it; empty values stay empty so the page says they are not filled in
    rather than showing a made-up company."""
    return {
        "name": settings.OPERATOR_NAME.strip(),
        "address": settings.OPERATOR_ADDRESS.strip(),
        "contact": settings.OPERATOR_CONTACT.strip(),
    }


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "support/privacy.html",
        {
            "operator": _operator(),
            # One source: the notices people agree to at sign-up (seekers.privacy), not a copy of them.
            "notices": [notice_for("seeker"), notice_for("employer")],
            "mail_days": retention_days(),
            "recent_views_retention": recent_views_retention(),  # its figures are the ones seekers applies
            "app_lines": privacy_lines(),  # what later apps (企業説明会) give to others and keep
            **_procedure(),
        },
    )


# Change it with the text. The page shows the edition in force; which one a person agreed to follows from the day
# their account was made (accounts keep it), so no per-person edition is stored.
TERMS_EDITION = "2026年11月26日 制定"


def terms(request: HttpRequest) -> HttpResponse:
    # The terms are written for this product and must be reviewed by the operator before launch (ADR 0092).
    return render(
        request, "support/terms.html", {"operator": _operator(), "edition": TERMS_EDITION, **_procedure()}
    )


def complaints(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    form = ComplaintForm(signed_in=signed_in, initial=_initial(request))
    return render(
        request,
        "support/complaints.html",
        {"form": form, "operator": _operator(), **_procedure()},
    )


def _initial(request: HttpRequest) -> dict[str, str]:
    return {"reply_email": request.user.email} if request.user.is_authenticated else {}


def _form_page(
    request: HttpRequest, form: ComplaintForm, posting: JobPosting | None, *, asked: bool, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "support/complaint_form.html",
        # `asked`: the link named a posting that is not shown — the same words whether it never existed, has
        # closed, or is a 非公開求人 this person may not see.
        {"form": form, "posting": posting, "posting_missing": asked and posting is None, **_procedure()},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    raw = request.POST.get("posting") if request.method == "POST" else request.GET.get("posting")
    asked = bool((raw or "").strip())
    posting = services.reportable_posting(user=request.user, raw=raw) if asked else None
    if request.method != "POST":
        return _form_page(
            request,
            ComplaintForm(signed_in=signed_in, reporting=posting is not None, initial=_initial(request)),
            posting,
            asked=asked,
        )
    form = ComplaintForm(request.POST, signed_in=signed_in, reporting=posting is not None)
    if not form.is_valid():
        return _form_page(request, form, posting, asked=asked, status=422)
    data = form.cleaned_data
    client = services.client_key(user=request.user, ip=client_ip(request))
    try:
        # A second press of the button finds the first one's complaint and is answered with its page.
        complaint, _created = services.complaint_file(
            user=request.user,
            client=client,
            category=data["category"],
            posting=posting,
            body=data["body"],
            reply_email=data["reply_email"],  # empty: the service falls back to the account's address
            name=data["name"],
        )
    except services.ComplaintInvalid as exc:
        add_errors(form, exc.errors)
        return _form_page(request, form, posting, asked=asked, status=422)
    except services.ComplaintLimited:
        form.add_error(
            None,
            "この接続からの送信が多すぎます。1時間ほどおいてから、もう一度お送りください。"
            "お急ぎの場合は、下の連絡先へ直接ご連絡ください。",
        )
        return _form_page(request, form, posting, asked=asked, status=429)
    return _done_redirect(request, complaint)


def _done_redirect(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    # The reference travels in the session, not the URL: the done page is only for the person who sent it.
    request.session[DONE_KEY] = complaint.reference
    return redirect("support:complaint_done")


def complaint_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_KEY)
    complaint = Complaint.objects.filter(reference=reference).first() if reference else None
    if complaint is None:
        return redirect("support:complaints")
    return render(
        request,
        "support/complaint_done.html",
        {
            "reference": complaint.reference,
            "reply_email": complaint.reply_email,
            "acknowledged": complaint.acknowledged,
            "due": services.response_due_text(complaint),
            **_procedure(),
        },
    )
