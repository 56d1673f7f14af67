"""Public JSON reads of 企業説明会 (/api/v1/events). The join URL is in an answer only for a caller registered for
that event (session or bearer token), exactly as on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from bonavi.core.api_auth import optional_user
from bonavi.core.api_errors import ErrorOut
from bonavi.core.pagination import PAGE_PARAM, PAGE_SIZE_PARAM, PageOut, paginate

from . import selectors
from .forms import EventFilterForm
from .models import Event

events_router = Router(tags=["企業説明会"])


class EventOut(Schema):
    id: int
    title: str
    description: str
    organizer: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    format: str
    prefecture: str
    venue: str
    capacity: int
    seats_left: int
    deadline: dt.datetime
    status: str
    join_url: str | None  # null unless the caller is registered and the event not cancelled


class EventDetailOut(EventOut):
    # The caller's own standing, and nothing of anyone else's (ADR 0084).
    my_status: Literal["registered", "waiting", "waiting_closed", "event_cancelled"] | None = Field(
        description="あなたの申込状況：registered（参加登録済み）、"
        "waiting（キャンセル待ち中。順番は waiting_position）、"
        "waiting_closed（申込締切までに席が空かず、キャンセル待ちが終了）、"
        "event_cancelled（参加登録またはキャンセル待ちの説明会が中止）、null（申込なし・未ログイン）"
    )
    waiting_position: int | None


class EventPage(PageOut):
    count: int = Field(description="total と同じ（非推奨：total を使ってください）", deprecated=True)
    results: list[EventOut]


def _out(event: Event, *, join_url: str | None) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "organizer": event.organization.name,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "format": event.format,
        "prefecture": event.prefecture,
        "venue": event.venue,
        "capacity": event.capacity,
        "seats_left": selectors.seats_left(event),
        "deadline": event.deadline,
        "status": event.status,
        "join_url": join_url,
    }


@events_router.get("", response={200: EventPage, 422: ErrorOut}, summary="これから開催の企業説明会（開始順）")
def list_events(
    request: HttpRequest,
    page: int = PAGE_PARAM,
    page_size: int = PAGE_SIZE_PARAM,
    prefecture: str = "",
    online: bool = False,
) -> Any:
    form = EventFilterForm({"prefecture": prefecture, "online": online})
    if not form.is_valid():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        return Status(422, {"detail": "入力内容に問題があります。", "errors": errors})
    paged = paginate(selectors.public_events(**form.filters()), page, page_size)
    # A list never carries a join URL, even for a registered caller: one event's detail does.
    paged["results"] = [_out(e, join_url=None) for e in paged["results"]]
    # count: the key this list had before PageOut, kept (deprecated) for its clients
    return paged | {"count": paged["total"]}


@events_router.get(
    "/{int:event_id}", response={200: EventDetailOut, 404: ErrorOut}, summary="企業説明会の詳細"
)
def get_event(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_get_public(pk=event_id)
    if event is None:
        return Status(404, {"detail": "説明会が見つかりません。"})
    user = optional_user(request)
    registration, waiting = selectors.standing_of(user=user, event=event)
    mine: dict[str, Any] = {"my_status": None, "waiting_position": None}
    if event.is_cancelled and (
        registration is not None or (waiting is not None and selectors.is_in_line(waiting))
    ):
        # A seat or a place in line ended with the event (not "registered" for an event that will not be held,
        # nor "waiting_closed", the deadline passed without a seat).
        mine["my_status"] = "event_cancelled"
    elif registration is not None:
        mine["my_status"] = "registered"
    elif waiting is not None and selectors.is_in_line(waiting):
        mine = {"my_status": "waiting", "waiting_position": selectors.waiting_position(registration=waiting)}
    elif waiting is not None:
        mine["my_status"] = "waiting_closed"
    return _out(event, join_url=selectors.join_url_for(event=event, registration=registration)) | mine
