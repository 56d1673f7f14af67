"""The 「求人原稿チェック」 page: paste an ad, see each problem highlighted with its explanation and a fix."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bonavi.core.clock import today_jst

from .catalog import BY_ID, RULES
from .findings import Finding
from .forms import CheckForm
from .inputs import InputRejected
from .ratelimit import LIMIT_MESSAGE, allow_check
from .service import check_text, summary_rows


@dataclass
class Segment:
    text: str
    marks: list[int]  # 1-based numbers of the findings covering this piece
    severity: str = ""


def highlight(text: str, findings: list[Finding]) -> list[Segment]:
    """Split the ad into pieces at every finding boundary, so overlapping findings still show."""
    spans = [(i, f) for i, f in enumerate(findings, start=1) if 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(f.start for _, f in spans), *(f.end for _, f in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [i for i, f in spans if f.start <= a and b <= f.end]
        sev = ""
        if covering:
            sev = "error" if any(findings[i - 1].is_error for i in covering) else "warning"
        out.append(Segment(text[a:b], covering, sev))
    return out


def check_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"rules": RULES}
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST)
        if form.is_valid():
            if not allow_check(request):
                form.add_error(None, LIMIT_MESSAGE)
                status = 429
            else:
                on = form.cleaned_data.get("date") or today_jst()
                try:
                    result = check_text(form.cleaned_data["text"], on=on)
                except InputRejected as exc:
                    form.add_error("text", str(exc))
                    status = 422
                else:
                    # Errors first; within each, the marked places in reading order, then the missing items.
                    ordered = sorted(result.findings, key=lambda f: (not f.is_error, f.start < 0, f.start))
                    numbered = [(i, f, BY_ID[f.rule]) for i, f in enumerate(ordered, start=1)]
                    context.update(
                        result=result,
                        on=on,
                        numbered=numbered,
                        segments=highlight(result.text, ordered),
                        detected=summary_rows(result.facts, on=on) if result.facts else [],
                        missing=[(i, f) for i, f, _ in numbered if f.rule == "missing-disclosure"],
                    )
        else:
            status = 422
    else:
        form = CheckForm(initial={"date": today_jst()})
    context["form"] = form
    return render(request, "compliance/check.html", context, status=status)
