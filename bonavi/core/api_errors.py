"""Japanese messages for the API's input-validation errors (pydantic reports them in English)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser

from .api_input import UNKNOWN_FIELD
from .uploads import mb_label, too_large_message, upload_too_large

_MESSAGES: dict[str, str] = {
    "missing": "必須項目です。",
    "string_too_long": "{max_length}文字以内で入力してください。",
    "string_too_short": "{min_length}文字以上で入力してください。",
    "string_type": "文字列で入力してください。",
    "int_parsing": "整数で入力してください。",
    "int_type": "整数で入力してください。",
    "int_from_float": "整数で入力してください。",
    "float_parsing": "数値で入力してください。",
    "bool_parsing": "true か false で入力してください。",
    "bool_type": "true か false で入力してください。",
    "date_parsing": "日付は YYYY-MM-DD の形式で入力してください。",
    "date_from_datetime_parsing": "日付は YYYY-MM-DD の形式で、実在する日付を入力してください。",
    "date_type": "日付は YYYY-MM-DD の形式で入力してください。",
    "time_parsing": "時刻は HH:MM の形式で入力してください。",
    "time_type": "時刻は HH:MM の形式で入力してください。",
    "datetime_parsing": "日時の形式が正しくありません。",
    "greater_than_equal": "{ge}以上で入力してください。",
    "less_than_equal": "{le}以下で入力してください。",
    "greater_than": "{gt}より大きい値を入力してください。",
    "less_than": "{lt}より小さい値を入力してください。",
    "json_invalid": "JSONの形式が正しくありません。",
    "model_attributes_type": "JSONオブジェクトを送ってください。",
    "dict_type": "JSONオブジェクトを送ってください。",
    "list_type": "リストで入力してください。",
    "literal_error": "選べる値は {expected} です。",
    "enum": "選べる値は {expected} です。",
    "extra_forbidden": UNKNOWN_FIELD,
}


class ErrorOut(Schema):
    """The body of every error answer. One class for all apps: the OpenAPI document keys schemas by class name, so
    each app's own ErrorOut of a slightly different shape documented every error with whichever came last."""

    detail: str = Field(description="日本語の説明")
    errors: dict[str, list[str]] = Field({}, description="項目ごとの問題（入力エラーのとき）")


def japanese_message(error: dict[str, Any]) -> str:
    template = _MESSAGES.get(str(error.get("type", "")))
    if template is None:
        return "値が正しくありません。"
    ctx = dict(error.get("ctx") or {})
    if isinstance(ctx.get("expected"), str):
        # pydantic lists choices in English: "'a', 'b' or 'c'"
        ctx["expected"] = ctx["expected"].replace(" or ", "、").replace(", ", "、")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


# The error answers the handlers add refer to the one ErrorOut component (not a hand-kept copy of its shape).
_ERROR_BODY: dict[str, Any] = {"$ref": "#/components/schemas/ErrorOut"}
_ERROR_ANSWERS = {
    "400": "本文をJSONとして読み取れません（形式の誤り、UTF-8でない、NUL文字を含む）",
    "401": "ログインが必要です（セッションまたは Bearer トークン）",
    "403": "この操作を行う権限がありません（アカウントの役割が違う、またはセッションで CSRF トークンがない）",
    "404": "見つかりません（ない、または見る権限がない）",
    "413": "本文が大きすぎます",
    "422": "入力内容に問題があります（項目ごとの理由を errors に）",
}


def _document_error_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers Ninja gives without the operation declaring them, so that a client generated from
    the document knows them: 401 and 403 where a login is required (a role the operation is not for, or a session
    without the CSRF token), 422 where input is validated, 404 on an id path, 400 and 413 where a body is read."""
    # Present whenever an operation declares ErrorOut; added from the class when none does, so the $ref resolves.
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
        "ErrorOut", ErrorOut.model_json_schema()
    )
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            wanted = []
            if operation.get("security"):
                wanted += ["401", "403"]
            if operation.get("requestBody"):
                wanted += ["400", "413"]
            if "{" in path:
                wanted.append("404")
            if operation.get("parameters") or operation.get("requestBody"):
                wanted.append("422")
            for code in wanted:
                if code in answers or int(code) in answers:
                    continue  # declared by the operation (Ninja keys those with ints): keep its own schema
                answers.setdefault(
                    code,
                    {
                        "description": _ERROR_ANSWERS[code],
                        "content": {"application/json": {"schema": _ERROR_BODY}},
                    },
                )
    return schema


def _document_optional_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional body (`payload: SomeIn | None = None`, an endpoint first called with none) is documented by
    Ninja as anyOf [the body, null]: a generated client then types it as "object or null", and the document hides
    the body's own schema (its refusal of unknown names) behind the anyOf. OpenAPI says "optional" with
    `required: false`, so the body is documented as itself."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody") or {}
            if body.get("required", False):
                continue
            for content in (body.get("content") or {}).values():
                choices = content.get("schema", {}).get("anyOf", [])
                refs = [choice for choice in choices if choice != {"type": "null"}]
                if len(choices) == 2 and len(refs) == 1 and "$ref" in refs[0]:
                    content["schema"] = refs[0]
    return schema


class UnreadableBody(ValueError):
    """The request body could not be read as JSON (bad syntax, not UTF-8, nested too deep)."""


class _BodyParser(Parser):
    """Ninja's JSON parser, failing with our own exception type. Ninja wraps any parser failure in an
    HttpError(400) with an English text; the handler below recognises the failure by this type (the HttpError's
    cause) instead of by that text, which a Ninja upgrade may reword."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = super().parse_body(request)
        except Exception as exc:  # whatever json.loads raises: the body is unreadable either way
            raise UnreadableBody(str(exc)) from exc
        if _has_nul(data):
            # JSON may spell NUL as \u0000; PostgreSQL cannot store it in a text column (a 500 there), and the web
            # forms refuse it. Refused here once for every endpoint, before any of them stores anything.
            raise BodyHasNul("NUL in body")
        return data


class BodyHasNul(UnreadableBody):
    """A string in the body (a value or a key) contains the NUL character."""


def _has_nul(value: Any) -> bool:
    # A walk with its own stack, not recursion: json.loads takes ~1,000 levels of nesting, more than a
    # recursive walk (two frames a level) can, and a RecursionError here reached the client as Ninja's English.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


BODY_UNREADABLE = "リクエストの本文をJSONとして読み取れません。JSONの形式を確認してください。"
BODY_HAS_NUL = "リクエストの本文にNUL文字（\\u0000）が含まれています。取り除いてから送ってください。"
BODY_TOO_LARGE = "リクエストの本文が大きすぎます。内容を減らして送ってください（上限{limit}）。"


def body_too_large() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return BODY_TOO_LARGE.format(limit=mb_label(limit))


def install(api: NinjaAPI) -> None:
    """Japanese bodies for Ninja's own errors (its defaults are English: "Unauthorized", "Forbidden")."""
    api.parser = _BodyParser()
    build_schema = api.get_openapi_schema

    def get_openapi_schema(**kwargs: Any) -> Any:
        return _document_optional_bodies(_document_error_answers(build_schema(**kwargs)))

    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            {
                "detail": "ログインが必要です。ログインしたブラウザから、または Authorization: Bearer <APIトークン> で送ってください。"
            },
            status=401,
        )

    @api.exception_handler(AuthorizationError)
    def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return api.create_response(request, {"detail": "この操作を行う権限がありません。"}, status=403)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Our own HttpErrors already speak Japanese (the CSRF refusal too: api_auth raises it); the one Ninja
        # raises around a failed body parse is known by its cause.
        cause = exc.__cause__
        if isinstance(cause, BodyHasNul):
            detail = BODY_HAS_NUL
        elif isinstance(cause, UnreadableBody):
            detail = BODY_UNREADABLE
        else:
            detail = str(exc)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # Django refuses the body when Ninja first reads it; left alone that is Django's HTML 400 page (a
        # traceback under DEBUG), which an API client cannot read.
        return api.create_response(request, {"detail": body_too_large()}, status=413)

    @api.exception_handler(ValidationError)
    def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if upload_too_large(request):
            # The site's cap dropped the file while it arrived (core.uploads); Ninja then finds the required file
            # missing, before the operation's own code could say why.
            return api.create_response(request, {"detail": too_large_message(request)}, status=413)
        errors: dict[str, list[str]] = {}
        unknown: list[str] = []
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", [])]
            # loc starts with where the value came from (body, query, path): the field is what follows.
            name = ".".join(loc[2:] if len(loc) > 2 and loc[0] == "body" else loc[1:]) or "body"
            errors.setdefault(name, []).append(japanese_message(error))
            if error.get("type") == "extra_forbidden":
                unknown.append(name)
        detail = "入力内容に問題があります。"
        if unknown:  # StrictIn (ADR 0086): name them in the summary too, a typo is the likely cause
            detail = f"この API にない項目があります（{'、'.join(unknown)}）。綴りを確認してください。"
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)
