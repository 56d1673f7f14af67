"""Check real API answers against the OpenAPI document at /api/v1/openapi.json.

`documented_answers` (a fixture in the root conftest) wraps the test client: every JSON answer from /api/v1/ that
a test receives is validated against the schema the document gives for its path, method and status, so an
endpoint that changes its answer without its schema (or answers with an undocumented status) fails the tests that
exercise it. A bare `dict` in the document validates anything and is refused outright: it is how the document
drifted before (every agent endpoint, /careers/transfer, /me/mydata, /documents/postal were untyped)."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import jsonschema
from django.http import HttpResponse

API_PREFIX = "/api/v1/"


@functools.cache
def _document() -> dict[str, Any]:
    from config.api import api

    # Through JSON, as /api/v1/openapi.json serves it: Ninja keys the declared answers with ints.
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=API_PREFIX), default=str))


@functools.cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    routes = []
    for path in _document()["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
        routes.append((re.compile(f"^{pattern}$"), path))
    # A literal segment wins over a parameter: /jobs/search is not /jobs/{posting_id}.
    routes.sort(key=lambda r: r[1].count("{"))
    return routes


def documented_path(path: str) -> str | None:
    return next((template for pattern, template in _routes() if pattern.match(path)), None)


@functools.cache
def _validator(path: str, method: str, status: int) -> Any:
    # One validator per answer, made once: jsonschema.validate() checks the schema itself on every call, which
    # costs more than validating the answer and is paid by every API request of every test.
    schema = answer_schema(path, method, status)
    return jsonschema.Draft202012Validator(schema) if schema is not None else None


def answer_schema(path: str, method: str, status: int) -> dict[str, Any] | None:
    """The JSON schema the document gives for this answer (with the components it refers to), or None."""
    spec = _document()
    answer = spec["paths"][path].get(method.lower(), {}).get("responses", {}).get(str(status))
    if answer is None:
        return None
    content = (answer.get("content") or {}).get("application/json")
    schema = dict(content["schema"]) if content else {}
    schema["components"] = spec["components"]
    return schema


def _is_bare_object(schema: dict[str, Any]) -> bool:
    body = {k: v for k, v in schema.items() if k not in ("components", "title", "description")}
    if body.get("type") == "array":
        body = {k: v for k, v in body.get("items", {}).items() if k not in ("title", "description")}
    return body.get("type") == "object" and "properties" not in body


def problems(method: str, path: str, response: HttpResponse) -> list[str]:
    """What is wrong with this answer according to the document (an empty list: nothing)."""
    template = documented_path(path)
    if template is None or template.endswith("/openapi.json"):
        return []
    if method.lower() not in _document()["paths"][template]:
        return []  # a method the path has not (405): Django's answer, not an operation's
    where = f"{method} {template} {response.status_code}"
    schema = answer_schema(template, method, response.status_code)
    if schema is None:
        return [f"{where}: the status is not documented"]
    if not response.get("Content-Type", "").startswith("application/json") or not response.content:
        return []
    if _is_bare_object(schema):
        return [f"{where}: documented as a bare object, with no fields"]
    error = jsonschema.exceptions.best_match(
        _validator(template, method, response.status_code).iter_errors(json.loads(response.content))
    )
    if error is not None:
        return [f"{where}: {error.message} at {'/'.join(str(p) for p in error.absolute_path) or 'the top'}"]
    return []
