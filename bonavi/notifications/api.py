"""JSON API for the signed-in person's saved searches (mounted at /api/v1/me/saved-searches)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn

from . import selectors, services
from .models import SavedSearch

saved_searches_router = Router(tags=["求職者：保存した検索条件"])

FrequencyName = Literal["instant", "daily", "weekly", "off"]


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str
    frequency: str
    frequency_label: str
    created_at: dt.datetime
    last_sent_at: dt.datetime | None

    @staticmethod
    def resolve_frequency_label(obj: SavedSearch) -> str:
        return str(obj.get_frequency_display())


class SavedSearchIn(StrictIn):
    echo_of = (SavedSearchOut,)
    query: str = Field("", max_length=4000, description="検索ページのクエリ文字列（例：q=経理&pref=13）")
    name: str = Field("", max_length=100)
    frequency: FrequencyName = "daily"


class SavedSearchPatch(StrictIn):
    echo_of = (SavedSearchOut,)
    name: str | None = Field(None, max_length=100)
    frequency: FrequencyName | None = None
    query: str | None = Field(
        None,
        max_length=4000,
        description="新しい検索条件（検索ページのクエリ文字列。作成と同じ規則）。変えると、これから掲載される求人を"
        "この条件でお知らせします（変更前に掲載された求人はメールに載りません）。名前が前の条件の要約のままなら"
        "新しい条件の要約になります。ほかの保存した検索条件と同じ条件は 422（errors.query）",
    )


def _own(request: HttpRequest, pk: int) -> SavedSearch:
    search = selectors.saved_search_get(user=request.auth, pk=pk)  # type: ignore[attr-defined]
    if search is None:
        raise HttpError(404, "保存した検索条件が見つかりません。")
    return search


def _invalid(exc: services.SavedSearchInvalid) -> Status:
    return Status(422, {"detail": "入力内容に問題があります。", "errors": exc.errors})


@saved_searches_router.get("", response=list[SavedSearchOut], summary="保存した検索条件の一覧")
def list_saved_searches(request: HttpRequest) -> Any:
    return list(selectors.saved_searches_of(user=request.auth))  # type: ignore[attr-defined]


@saved_searches_router.post(
    "", response={201: SavedSearchOut, 422: ErrorOut}, summary="検索条件を保存（新着求人メールの登録）"
)
def create_saved_search(request: HttpRequest, payload: SavedSearchIn) -> Any:
    try:
        search = services.saved_search_create(
            user=request.auth,  # type: ignore[attr-defined]
            query=payload.query,
            name=payload.name,
            frequency=payload.frequency,
        )
    except services.SavedSearchInvalid as exc:
        return _invalid(exc)
    return Status(201, search)


@saved_searches_router.get(
    "/{int:search_id}", response={200: SavedSearchOut, 404: ErrorOut}, summary="保存した検索条件"
)
def get_saved_search(request: HttpRequest, search_id: int) -> Any:
    return _own(request, search_id)


@saved_searches_router.patch(
    "/{int:search_id}",
    response={200: SavedSearchOut, 404: ErrorOut, 422: ErrorOut},
    summary="名前・配信頻度・検索条件の変更（停止は frequency=off）",
)
def update_saved_search(request: HttpRequest, search_id: int, payload: SavedSearchPatch) -> Any:
    search = _own(request, search_id)
    try:
        return services.saved_search_update(
            search=search, name=payload.name, frequency=payload.frequency, query=payload.query
        )
    except services.SavedSearchDuplicate as exc:
        # Only a new condition can clash: named by its field, with the search that has it (its id to open).
        same = exc.existing
        return _invalid(
            services.SavedSearchInvalid(
                {
                    "query": [
                        f"この条件は「{same.name}」（id {same.pk}）として既に保存されているため、変更していません。"
                    ]
                }
            )
        )
    except services.SavedSearchInvalid as exc:
        return _invalid(exc)


@saved_searches_router.delete(
    "/{int:search_id}", response={204: None, 404: ErrorOut}, summary="保存した検索条件の削除"
)
def delete_saved_search(request: HttpRequest, search_id: int) -> Any:
    services.saved_search_delete(search=_own(request, search_id))
    return Status(204, None)
