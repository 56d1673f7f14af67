"""The interview in the APIs (ADR 0102): one body and one answer for a direct application and a 推薦."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from . import clock
from .api_input import StrictIn
from .interviews import (
    ANSWER_TEXT_MAX,
    NOTES_MAX,
    PLACE_MAX,
    URL_MAX,
    InterviewAnswerFields,
    InterviewBase,
)


class InterviewIn(StrictIn):
    starts_at: dt.datetime = Field(
        description="開始日時（ISO 8601、タイムゾーン付き。例：2026-12-03T14:00:00+09:00）"
    )
    ends_at: dt.datetime | None = Field(None, description="終了日時（任意）")
    format: Literal["in_person", "online", "phone"] = Field(description="形式（対面・オンライン・電話）")
    place: str = Field("", max_length=PLACE_MAX * 2, description="場所（対面は必須）")
    url: str = Field("", max_length=URL_MAX * 2, description="URL（オンラインは必須。http(s) のみ）")
    notes: str = Field("", max_length=NOTES_MAX * 2, description="持ち物・備考")


class InterviewAnswerOut(Schema):
    answer: Literal["attend", "reschedule"] = Field(
        description="attend＝この日程で参加する、reschedule＝日程の変更をお願いする"
    )
    label: str = Field(description="企業の画面と同じ「参加予定（回答済み）」「日程変更の依頼あり」")
    text: str = Field(description="日程の変更をお願いする理由・ご都合のよい日時（attend では空）")
    answered_at: dt.datetime


class InterviewAnswerIn(StrictIn):
    answer: Literal["attend", "reschedule"] = Field(
        description="attend＝この日程で参加します、reschedule＝日程の変更をお願いする"
    )
    text: str = Field(
        "",
        max_length=ANSWER_TEXT_MAX * 2,
        description=f"reschedule のとき必須：理由と、ご都合のよい日時（{ANSWER_TEXT_MAX}文字まで）",
    )
    sequence: int = Field(
        description="回答する面接の sequence（答えの interview.sequence）。その後に企業が日程を変えていれば 422"
    )
    starts_at: dt.datetime = Field(
        description="回答する面接の starts_at（答えの interview.starts_at）。違えば 422"
    )


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
    answer: InterviewAnswerOut | None = Field(
        None,
        description="面接の日程への応募者（候補者）の回答（直接応募は ADR 0140、推薦は ADR 0154）。まだ回答がない・"
        "日程が変わった・取り消したときは null",
    )
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
        "answer": _answer_out(interview),
        "ics": ics,
    }


def _answer_out(interview: InterviewBase) -> dict[str, Any] | None:
    if not isinstance(interview, InterviewAnswerFields) or not interview.answer:
        return None
    return {
        "answer": interview.answer,
        "label": interview.answer_status,
        "text": interview.answer_text,
        "answered_at": interview.answered_at,
    }
