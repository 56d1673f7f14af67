from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bonavi.core.prefectures import by_region
from bonavi.jobs.catalog import FAMILIES, FAMILY_LINES, SUBROLES

from .params import ETYPES, POSTED_WITHIN, REMOTE, SORTS, SearchParams
from .selectors import search_postings, variant
from .terms import HOLIDAY_LADDER, OVERTIME_LADDER, WAGE_LADDER, WAGE_UNIT_LABEL


def _with(params: SearchParams, **changes: object) -> str:
    return variant(params, **changes).to_querystring()


def search_page(request: HttpRequest) -> HttpResponse:
    params = SearchParams.from_querydict(request.GET)
    if not params.errors and any(v == "" for v in request.GET.values()):
        # A submitted form sends every empty field; send people to the canonical address, which is the one
        # worth sharing or bookmarking.
        canonical = params.to_querystring()
        # Not a condition: the saved search she is changing (notifications' 「条件を変更する」), which the form
        # carries so that its box still offers to change that one after she searches again.
        saved = request.GET.get("saved", "")
        if saved.isascii() and saved.isdigit() and len(saved) <= 12:
            canonical = f"{canonical}&saved={saved}" if canonical else f"saved={saved}"
        return redirect(f"{request.path}?{canonical}" if canonical else request.path)
    # 経理担当者 is in no posting as written (they say 経理事務担当, 経理スタッフ), keiri tantou is romaji: the page shows
    # what 経理 or けいり たんとう finds, says so, and keeps the written words one click away (quoted, they are
    # searched as written and never replaced).
    result = search_postings(user=request.user, params=params, widen=True)
    fallback = result.fallback
    if fallback is not None:
        params = fallback.params
    facet_links = {}
    for name, attr in (("family", "families"), ("pref", "prefectures"), ("emp", "employment_types")):
        selected = getattr(params, attr)
        facet_links[name] = [
            {
                "value": v,
                "label": label,
                "count": n,
                "selected": v in selected,
                "qs": _with(
                    params, **{attr: [x for x in selected if x != v] if v in selected else [*selected, v]}
                ),
            }
            for v, label, n in result.facets[name]
        ]
    chips = [{"label": label, "qs": _with(params, **drop)} for label, drop in params.filter_parts()]

    def page_qs(n: int) -> str:
        return replace(params, page=n).to_querystring()

    prev_qs = page_qs(min(params.page - 1, result.pages)) if params.page > 1 and result.pages else None
    next_qs = page_qs(params.page + 1) if params.page < result.pages else None
    ctx = {
        "params": params,
        "result": result,
        "fallback": fallback,
        "facets": facet_links,
        "chips": chips,
        "items": [(p, result.highlights.get(p.pk, {})) for p in result.results],
        # A page past the end (an old bookmark, a shrunken result) steps back to the last page, not one before.
        "prev_qs": prev_qs,
        "past_end": bool(result.total) and not result.results and params.page > result.pages,
        # for the shared pager (includes/pager.html): "?" alone is page 1 of a search without conditions
        "prev_href": f"?{prev_qs}" if prev_qs is not None else None,
        "next_href": f"?{next_qs}" if next_qs else None,
        "sort_links": [(k, label, _with(params, sort=k)) for k, label in SORTS.items()],
        "families": FAMILIES,
        "subroles": SUBROLES,
        "regions": by_region(params.prefectures),
        "etypes": ETYPES,
        "wage_units": WAGE_UNIT_LABEL,
        "wage_ladder": WAGE_LADDER,
        "remote_choices": REMOTE,
        "holiday_choices": HOLIDAY_LADDER,
        "overtime_choices": OVERTIME_LADDER,
        "days_choices": POSTED_WITHIN,
        "describe": params.describe(),
        # One family chosen (a 職種 card of the top page): what the work is and its ロードマップ, above the results.
        "family_intro": (
            (params.families[0], FAMILIES[params.families[0]], FAMILY_LINES[params.families[0]])
            if len(params.families) == 1 and params.families[0] in FAMILY_LINES
            else None
        ),
    }
    return render(request, "search/search.html", ctx)
