"""The interview in the APIs (ADR 0102): one body and one answer for a direct application and a 推薦."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from . import clock
from .api_input import StrictIn
from .interviews import NOTES_MAX, PLACE_MAX, URL_MAX, InterviewBase


class InterviewIn(StrictIn):
    starts_at: dt.datetime = Field(
        description="開始日時（ISO 8601、タイムゾーン付き。例：2026-12-03T14:00:00+09:00）"
    )
    ends_at: dt.datetime | None = Field(None, description="終了日時（任意）")
    format: Literal["in_person", "online", "phone"] = Field(description="形式（対面・オンライン・電話）")
    place: str = Field("", max_length=PLACE_MAX * 2, description="場所（対面は必須）")
    url: str = Field("", max_length=URL_MAX * 2, description="URL（オンラインは必須。http(s) のみ）")
    notes: str = Field("", max_length=NOTES_MAX * 2, description="持ち物・備考")


class InterviewOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    when: str = Field(description="日時の表示（日本時間）")
    format: str
    format_label: str
    place: str
    url: str = Field(description="応募者（候補者）と企業の担当者だけに返します")
    notes: str
    cancelled: bool
    held: bool = Field(
        description="面接が済んでいれば true（終了日時を過ぎた、終了日時がなければ開始から1時間。取り消した面接は false）。"
        "開始後・終了前（面接中）は false です（ADR 0123）"
    )
    held_label: str = Field(
        description="済んでいれば画面と同じ「面接済み（12月3日（木））」（日本時間）、ほかは空文字"
    )
    sequence: int = Field(description="変更のたびに増えます（.ics の SEQUENCE）")
    ics: str = Field(description="カレンダーに追加する .ics の URL（ログインが必要）")


def interview_out(interview: InterviewBase | None, *, ics: str) -> dict[str, Any] | None:
    if interview is None:
        return None
    now = clock.now()  # one reading for both, so the flag and its words never disagree at the boundary
    held = interview.is_held(now)
    return {
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "when": interview.when_display,
        "format": interview.format,
        "format_label": interview.get_format_display(),
        "place": interview.place,
        "url": interview.url,
        "notes": interview.notes,
        "cancelled": interview.is_cancelled,
        # The pages' one test (is_held, core.clock's now), so a client and the pages agree on when it is over.
        "held": held,
        "held_label": interview.row_line(now) if held else "",
        "sequence": interview.sequence,
        "ics": ics,
    }
