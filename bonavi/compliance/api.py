"""POST /api/v1/postings/check — check ad text or a posting in the JSON import format.

Body (application/json): {"text": "…ad…"} or {"posting": {…import format…}}, optionally "date": "YYYY-MM-DD".
A text/plain body is taken as ad text. Anonymous use is allowed, limited in size and rate.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from bonavi.core.api_errors import ErrorOut
from bonavi.core.clock import today_jst

from .catalog import BY_ID
from .importing import ImportInvalid
from .inputs import MAX_TEXT_CHARS, InputRejected
from .ratelimit import LIMIT_MESSAGE, allow_check
from .service import JSON_TOO_DEEP, CheckResult, check_posting_data, check_text, summary_rows

router = Router(tags=["求人原稿チェック"])
MAX_BODY_BYTES = MAX_TEXT_CHARS * 4 + 64 * 1024


class FindingOut(Schema):
    rule: str
    severity: str
    item: str
    message: str
    evidence: str
    suggestion: str
    field: str
    start: int
    end: int
    title: str
    law: str


class DetectedOut(Schema):
    label: str
    value: str


class CheckOut(Schema):
    date: dt.date
    errors: int
    warnings: int
    findings: list[FindingOut]
    notices: list[str]
    detected: list[DetectedOut]


_BODY_DOC = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "求人原稿の文章（最大20,000文字）"},
                        "posting": {
                            "type": "object",
                            "description": "インポート形式 bonavi-posting/1 の求人1件",
                        },
                        "date": {
                            "type": "string",
                            "format": "date",
                            "description": "チェック日（省略時は今日）",
                        },
                    },
                },
            },
            "text/plain": {"schema": {"type": "string", "description": "求人原稿の文章"}},
        },
        "required": True,
    }
}


def _out(result: CheckResult, on: dt.date) -> dict[str, Any]:
    return {
        "date": on,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "findings": [
            {**f.as_dict(), "title": BY_ID[f.rule].title, "law": BY_ID[f.rule].law} for f in result.findings
        ],
        "notices": result.notices,
        "detected": [{"label": k, "value": v} for k, v in summary_rows(result.facts, on=on)]
        if result.facts
        else [],
    }


@router.post(
    "/check",
    response={200: CheckOut, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="求人原稿チェック（原稿の文章またはインポート形式のJSON）",
    openapi_extra=_BODY_DOC,
    auth=None,
)
def check(request: HttpRequest) -> Any:
    if len(request.body) > MAX_BODY_BYTES:
        return Status(
            413, {"detail": f"リクエストが大きすぎます。求人原稿1件は{MAX_TEXT_CHARS:,}文字までです。"}
        )
    if not allow_check(request):
        return Status(429, {"detail": LIMIT_MESSAGE})
    content_type = request.content_type or ""
    try:
        # utf-8-sig: Windows editors start UTF-8 files with a BOM, which json.loads refuses as "line 1 column 1".
        raw = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Status(400, {"detail": "本文をUTF-8として読めません。UTF-8で送ってください。"})
    on = today_jst()
    if content_type.startswith("text/"):
        payload: Any = {"text": raw}
    else:
        try:
            payload = json.loads(raw or "null")
        except json.JSONDecodeError as exc:
            return Status(
                400, {"detail": f"JSONの形式が正しくありません（{exc.lineno}行目{exc.colno}文字目）。"}
            )
        except RecursionError:  # thousands of nested [ or {: json.loads gives up, which was a 500
            return Status(400, {"detail": JSON_TOO_DEEP})
    if not isinstance(payload, dict) or not ({"text", "posting"} & payload.keys()):
        return Status(
            422,
            {
                "detail": "「text」（原稿の文章）か「posting」（インポート形式の求人）のどちらかを指定してください。"
            },
        )
    if payload.get("date"):
        try:
            on = dt.date.fromisoformat(str(payload["date"]))
        except ValueError:
            return Status(422, {"detail": "「date」はYYYY-MM-DDの形式で指定してください。"})
    try:
        if payload.get("posting") is not None:
            result = check_posting_data(payload["posting"], on=on)
        else:
            if not isinstance(payload.get("text"), str):
                return Status(422, {"detail": "「text」は文字列で指定してください。"})
            result = check_text(payload["text"], on=on)
    except (InputRejected, ImportInvalid) as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _out(result, on))
