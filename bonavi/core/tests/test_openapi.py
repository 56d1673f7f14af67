"""The OpenAPI document at /api/v1/openapi.json describes what the API really answers, so that a client generated
from it (an employer's ATS, an agency's CRM, a job aggregator) reads the answers it gets."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import jsonschema
import pytest
from django.test import Client
from ninja import Schema

import config.api  # noqa: F401  (imports every app's routers, so that all their schemas exist)
from bonavi.accounts.models import User


def _schemas_by_name() -> dict[str, set[str]]:
    shapes: dict[str, set[str]] = defaultdict(set)
    pending: list[type[Schema]] = [Schema]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("bonavi."):
            shapes[cls.__name__].add(repr(cls.model_json_schema()))
    return shapes


def test_no_two_schemas_of_different_shape_share_a_name() -> None:
    # The document keys its schemas by class name: two classes of one name become one entry, and every operation
    # using either is documented with the other's fields (the events list was documented as application history).
    clashes = {name: len(shapes) for name, shapes in _schemas_by_name().items() if len(shapes) > 1}
    assert clashes == {}


@pytest.fixture
def spec(client: Client) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def _documented(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    answer = spec["paths"][path][method]["responses"][str(status)]
    schema = dict(answer["content"]["application/json"]["schema"])
    schema["components"] = spec["components"]
    return schema


@pytest.mark.django_db
def test_the_events_list_and_an_unknown_event_answer_as_documented(
    client: Client, spec: dict[str, Any], employer: User
) -> None:
    from bonavi.events.tests.factories import make_event  # events is a later app than core

    make_event(employer)
    listed = client.get("/api/v1/events")
    assert listed.json()["results"]
    jsonschema.validate(listed.json(), _documented(spec, "/api/v1/events", "get", 200))

    missing = client.get("/api/v1/events/999999")
    assert missing.status_code == 404
    jsonschema.validate(missing.json(), _documented(spec, "/api/v1/events/{event_id}", "get", 404))


def test_the_interview_answer_body_is_documented_with_its_own_fields(spec: dict[str, Any]) -> None:
    body = spec["paths"]["/api/v1/documents/interview/answers"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "answer" in spec["components"]["schemas"][ref]["properties"]


def test_every_answer_ninja_gives_on_its_own_is_documented(spec: dict[str, Any]) -> None:
    # An unreadable or oversized body (400, 413) and a role or CSRF refusal (403) come from the shared handlers,
    # not from the operation, and were missing from the document: a generated client treated them as unknown.
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            wanted = {"400", "413"} if "requestBody" in operation else set()
            if operation.get("security"):
                wanted |= {"401", "403"}
            missing += [f"{method.upper()} {path} {code}" for code in wanted - set(operation["responses"])]
    assert missing == []


@pytest.mark.django_db
def test_an_unreadable_body_and_a_refused_role_answer_as_documented(
    client: Client, spec: dict[str, Any], employer: User
) -> None:
    client.force_login(employer)
    unreadable = client.post("/api/v1/me/saved-searches", b"{not json", content_type="application/json")
    assert unreadable.status_code == 400
    jsonschema.validate(unreadable.json(), _documented(spec, "/api/v1/me/saved-searches", "post", 400))

    refused = client.get("/api/v1/documents/versions")  # documents are for seekers only
    assert refused.status_code == 403
    jsonschema.validate(refused.json(), _documented(spec, "/api/v1/documents/versions", "get", 403))


def test_no_answer_is_documented_as_a_bare_object_and_every_operation_documents_its_success(
    spec: dict[str, Any],
) -> None:
    # A bare `dict` validates anything, so a generated client learned nothing (every agent endpoint, /careers/
    # transfer, /me/mydata, /documents/postal); /careers/occupations and /careers/roadmaps documented no 200 at all.
    bare, no_success = [], []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            if not any(code.startswith("2") for code in answers):
                no_success.append(f"{method.upper()} {path}")
            for code, answer in answers.items():
                schema = (answer.get("content") or {}).get("application/json", {}).get("schema", {})
                if schema.get("type") == "array":
                    schema = schema["items"]
                if schema.get("type") == "object" and "properties" not in schema:
                    bare.append(f"{method.upper()} {path} {code}")
    assert (bare, no_success) == ([], [])


@pytest.mark.django_db
def test_an_answer_that_differs_from_the_document_is_reported(client: Client) -> None:
    # The root conftest checks every /api/v1/ answer a test receives with this; here it must see a change.
    from django.http import JsonResponse

    from bonavi.core.tests.openapi_answers import problems

    real = client.get("/api/v1/careers/transfer?source=1&target=2")
    assert real.status_code == 200
    assert problems("GET", "/api/v1/careers/transfer", real) == []
    drifted = JsonResponse({**real.json(), "gaps": "none"})
    assert problems("GET", "/api/v1/careers/transfer", drifted) == [
        "GET /api/v1/careers/transfer 200: 'none' is not of type 'array' at gaps"
    ]
    teapot = JsonResponse({}, status=418)
    assert problems("GET", "/api/v1/careers/transfer", teapot) == [
        "GET /api/v1/careers/transfer 418: the status is not documented"
    ]


# Bodies that keep their own rule for names (ADR 0086): JSON Resume allows extensions by design, the hearing sheet's
# service refuses unknown items with the sheet's own words, and the compliance check parses the import format,
# which refuses unknown names itself.
_OWN_RULE_FOR_NAMES = {
    "POST /api/v1/documents/review",
    "POST /api/v1/documents/render",
    "PUT /api/v1/agent/candidates/{pk}/hearing",
    "POST /api/v1/postings/check",
}


def test_every_json_body_refuses_unknown_names_through_the_shared_rule(spec: dict[str, Any]) -> None:
    # A misspelt name ({"titel": …}) was dropped without a word on most endpoints; StrictIn marks its schema.
    loose = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content or f"{method.upper()} {path}" in _OWN_RULE_FOR_NAMES:
                continue
            schema = content["application/json"]["schema"]
            if "$ref" in schema:
                schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            if schema.get("additionalProperties") is not False and "x-ignored-fields" not in schema:
                loose.append(f"{method.upper()} {path}")
    assert loose == []


def test_the_added_error_answers_refer_to_the_one_error_out_component(spec: dict[str, Any]) -> None:
    """They carried a hand-written copy of ErrorOut's shape, which would drift from the class."""
    from bonavi.core.api_errors import ErrorOut

    assert (
        spec["components"]["schemas"]["ErrorOut"]["properties"] == ErrorOut.model_json_schema()["properties"]
    )
    answer = spec["paths"]["/api/v1/me/saved-searches"]["post"]["responses"]["400"]
    assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_an_optional_body_is_documented_as_itself_and_not_required(spec: dict[str, Any]) -> None:
    # The 辞退's reason came after clients called it with no body: Ninja documented anyOf [body, null], which
    # hid the body's refusal of unknown names (the rule above) and typed it "object or null" for a generated client.
    body = spec["paths"]["/api/v1/me/applications/{application_id}/withdraw"]["post"]["requestBody"]
    assert body["required"] is False
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert spec["components"]["schemas"][ref]["additionalProperties"] is False
    assert "reason" in spec["components"]["schemas"][ref]["properties"]
