"""GET /api/v1/jobs/search — the same parameters as the search page, returning results, total and facets."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from bonavi.core.api_auth import optional_user

from .params import SearchParams
from .selectors import search_postings

search_router = Router(tags=["検索"])


class SearchHit(Schema):
    id: int
    url: str
    title: str
    title_html: str
    snippet_html: str
    employer_name: str
    prefecture: str
    prefecture_name: str
    municipality: str
    employment_type: str
    employment_type_label: str
    wage_unit: str
    wage_min: int
    wage_max: int | None
    wage_display: str
    inexperienced_welcome: bool
    date_posted: dt.datetime | None
    updated_at: dt.datetime


class FacetOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    description: str
    total: int
    total_approximate: bool  # true: an estimate (very large results on PostgreSQL), shown as 「約」
    page: int
    pages: int
    page_size: int
    results: list[SearchHit]
    facets: dict[str, list[FacetOut]]
    facets_approximate: bool
    messages: list[str]


@search_router.get(
    "",
    response=SearchOut,
    summary="求人の検索",
    description="検索ページと同じパラメータ（q, family, subrole, pref, city, emp, salary_unit, "
    "salary_min, inexp, edu, qual, noqual, remote, weekend, holidays, overtime, days, "
    "sort, page）。不正な値は無視され、理由が messages に入ります。",
)
def search(request: HttpRequest) -> SearchOut:
    user = optional_user(request)
    params = SearchParams.from_querydict(request.GET)
    res = search_postings(user=user, params=params)
    hits = []
    for p in res.results:
        hl = res.highlights.get(p.pk, {})
        hits.append(
            SearchHit(
                id=p.pk,
                url=p.get_absolute_url(),
                title=p.title,
                title_html=str(hl.get("title", "")),
                snippet_html=str(hl.get("snippet", "")),
                employer_name=p.employer_name or p.organization.name,
                prefecture=p.prefecture,
                prefecture_name=p.prefecture_name,
                municipality=p.municipality,
                employment_type=p.employment_type,
                employment_type_label=p.get_employment_type_display(),
                wage_unit=p.wage_unit,
                wage_min=p.wage_min,
                wage_max=p.wage_max,
                wage_display=p.wage_display,
                inexperienced_welcome=p.inexperienced_welcome,
                date_posted=p.date_posted,
                updated_at=p.updated_at,
            )
        )
    return SearchOut(
        query=params.to_querystring(),
        description=params.describe(),
        total=res.total,
        total_approximate=res.total_approximate,
        page=params.page,
        pages=res.pages,
        page_size=res.page_size,
        results=hits,
        facets={k: [FacetOut(value=v, label=lb, count=n) for v, lb, n in vs] for k, vs in res.facets.items()},
        facets_approximate=res.facets_approximate,
        messages=res.messages,
    )
