"""掲示事項 on the workbench (ADR 0116): the 職業紹介責任者 changes the agency's 手数料表, rate, 返戻金制度, 規程 … that its
public page shows. Before this page they could be changed in the admin only, by the operators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bonavi.core.forms import add_errors

from . import disclosures
from .fees import fee_rule
from .forms import DisclosureForm
from .models import Agency
from .services import AgentError


def _initial(agency: Agency) -> dict[str, object]:
    names = ("fee_system", "fee_rate_percent", *disclosures.TEXT_NAMES)
    return {**{n: getattr(agency, n) for n in names}, "loaded": disclosures.version_stamp(agency)}


@login_required
def agency_settings(request: HttpRequest) -> HttpResponse:
    staff = disclosures.require_disclosure_editor(request.user)  # PermissionDenied → 403 for anyone else
    agency = staff.agency
    form = DisclosureForm(request.POST or None, initial=_initial(agency))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            agency, changed = disclosures.agency_disclosures_update(
                user=request.user,
                fee_system=d["fee_system"],
                fee_rate_percent=d["fee_rate_percent"],
                texts={n: d.get(n, "") for n in disclosures.TEXT_NAMES},
                loaded=d["loaded"],
            )
        except disclosures.DisclosuresChanged as exc:
            # What was typed stays (a 規程 is long to type again), now carrying the version it was refused against.
            agency.refresh_from_db()
            data = request.POST.copy()
            data["loaded"] = exc.stamp
            form = DisclosureForm(data, initial=_initial(agency))
            form.is_valid()
            add_errors(form, exc.errors)
        except AgentError as exc:
            add_errors(form, exc.errors)
        else:
            messages.success(
                request,
                "掲示事項を更新しました。公開ページに表示されています。"
                if changed
                else "変更はありませんでした。",
            )
            return redirect("agents:agency_settings")
    return render(
        request,
        "agents/agency_settings.html",
        {
            "staff": staff,
            "agency": agency,
            "form": form,
            "updated": disclosures.updated_line(agency),
            "missing": disclosures.rules_missing(agency),
            "fee_rule": fee_rule(agency),
        },
        status=422 if form.errors else 200,
    )
