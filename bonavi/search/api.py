"""GET /api/v1/jobs/search — the same parameters as the search page, returning results, total and facets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from bonavi.core.api_auth import optional_user
from bonavi.core.pagination import PageOut
from bonavi.core.prefectures import PREFECTURES
from bonavi.jobs.catalog import FAMILIES, SUBROLE_BY_CODE

from .params import ETYPES, INT_PARAMS, MAX_CHARS, MAX_PAGE, REMOTE, SORTS, SearchParams
from .selectors import search_postings
from .terms import WAGE_UNIT_LABEL

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


class SearchOut(PageOut):
    query: str
    description: str
    total_approximate: bool  # true: an estimate (very large results on PostgreSQL), shown as 「約」
    results: list[SearchHit]
    facets: dict[str, list[FacetOut]]
    facets_approximate: bool
    messages: list[str]


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    many = schema.get("type") == "array"
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if many else {}),
    }


def _flag(name: str, description: str) -> dict[str, Any]:
    return _param(name, f"{description}（1 で指定）", {"type": "string", "enum": ["1"]})


def _integer(name: str, **extra: Any) -> dict[str, Any]:
    """The schema of a numeric parameter, with the bounds the parser enforces (params.INT_PARAMS)."""
    bound = INT_PARAMS[name]
    return {"type": "integer", "minimum": bound.minimum, "maximum": bound.maximum, **extra}


def _text(name: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": MAX_CHARS[name]}


def _codes(values: Any) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "enum": list(values)}}


# The view reads request.GET itself (bad values are explained in `messages`, not refused with a 422), so the
# parameters are declared here for the OpenAPI document: a generated client would otherwise send none of them.
_SEARCH_PARAMETERS = [
    _param(
        "q",
        'キーワード。空白区切りはすべてを含む、"…" はフレーズ、-語 は除外、OR はいずれか'
        f"（{MAX_CHARS['q']}文字まで）",
        _text("q"),
    ),
    _param("family", "職種の分類（複数可）", _codes(FAMILIES)),
    _param("subrole", "職種（複数可）", _codes(SUBROLE_BY_CODE)),
    _param("pref", "勤務地の都道府県コード（JIS 01〜47、複数可）", _codes(PREFECTURES)),
    _param("city", "市区町村（例：大阪市北区）", _text("city")),
    _param("emp", "雇用形態（複数可）", _codes(ETYPES)),
    _param(
        "salary_unit",
        "給与の単位（hour=時給・day=日給・month=月給・year=年収）。同じ単位の求人だけと比べます",
        {"type": "string", "enum": list(WAGE_UNIT_LABEL)},
    ),
    _param(
        "salary_min", "給与の下限（円）。salary_unit と一緒に指定（上限は単位ごと）", _integer("salary_min")
    ),
    _flag("inexp", "未経験歓迎"),
    _flag("edu", "学歴不問"),
    _param("qual", "必須・歓迎資格に含まれる語（例：簿記）", _text("qual")),
    _flag("noqual", "資格不問"),
    _param("remote", "在宅勤務（any=あり・full=フルリモート）", {"type": "string", "enum": list(REMOTE)}),
    _flag("weekend", "土日祝休み"),
    _param("holidays", "年間休日がこの日数以上", _integer("holidays")),
    _param("overtime", "月平均残業がこの時間以内", _integer("overtime")),
    _param("days", "掲載開始からこの日数以内", _integer("days")),
    _param(
        "sort",
        "並び順（relevance=関連度順・newest=新着順・salary=給与の高い順）",
        {"type": "string", "enum": list(SORTS), "default": "relevance"},
    ),
    _param(
        "page",
        f"ページ（1ページ20件、{MAX_PAGE}ページまで。最後のページより後は results が空）",
        _integer("page", default=1),
    ),
]


@search_router.get(
    "",
    response=SearchOut,
    openapi_extra={"parameters": _SEARCH_PARAMETERS},
    summary="求人の検索",
    description="検索ページと同じパラメータ（q, family, subrole, pref, city, emp, salary_unit, "
    "salary_min, inexp, edu, qual, noqual, remote, weekend, holidays, overtime, days, "
    "sort, page）。不正な値は無視され、理由が messages に入ります。",
)
def search(request: HttpRequest) -> SearchOut:
    user = optional_user(request)
    params = SearchParams.from_querydict(request.GET)
    res = search_postings(user=user, params=params)
    # Past the last page the answer is empty, as on every paged list (core/pagination.py): the search page shows
    # its last page instead (page_capped), but an API client asking for page n must not get page 50's postings.
    shown = [] if params.page_capped else res.results
    hits = []
    for p in shown:
        hl = res.highlights.get(p.pk, {})
        hits.append(
            SearchHit(
                id=p.pk,
                url=p.get_absolute_url(),
                title=p.title,
                title_html=str(hl.get("title", "")),
                snippet_html=str(hl.get("snippet", "")),
                employer_name=p.employer_display,
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
        page=params.page_asked if params.page_capped else params.page,
        pages=res.pages,
        page_size=res.page_size,
        results=hits,
        facets={k: [FacetOut(value=v, label=lb, count=n) for v, lb, n in vs] for k, vs in res.facets.items()},
        facets_approximate=res.facets_approximate,
        messages=res.messages,
    )
