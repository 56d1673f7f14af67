"""The employer API sets and shows a posting's 社内管理番号 (ADR 0085) with the form's rules and words; the public
API, JSON-LD and the feed never show it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import ApiToken, User
from bonavi.jobs import bulk_import, feed, jsonld
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.jobs.tests.test_posting_input import api_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/employer/postings"
TAKEN = "社内管理番号「A-001」は別の求人「経理事務（未経験歓迎）」で使われています。別の番号にしてください。"


@pytest.fixture
def bearer(employer: User) -> dict[str, str]:
    _, secret = ApiToken.issue(user=employer)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _post(client: Client, bearer: dict[str, str], **over: Any) -> Any:
    return client.post(URL, api_payload(**over), content_type="application/json", **bearer)


def _patch(client: Client, bearer: dict[str, str], pk: int, body: dict[str, Any]) -> Any:
    return client.patch(f"{URL}/{pk}", json.dumps(body), content_type="application/json", **bearer)


def test_the_reference_is_set_and_shown_through_the_employer_api(client, bearer, employer, other_employer):
    created = _post(client, bearer, reference="Ａ－００１ ")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["reference"] == "A-001"  # folded as the form and the import fold it
    assert client.get(f"{URL}/{pk}", **bearer).json()["reference"] == "A-001"
    assert [p["reference"] for p in client.get(URL, **bearer).json()["results"]] == ["A-001"]
    # the number is the organisation's own: another organisation's posting may carry it too
    make_posting(other_employer.organization, reference="B-1")
    assert _patch(client, bearer, pk, {"reference": "B-1"}).json()["reference"] == "B-1"
    assert _patch(client, bearer, pk, {"reference": None}).json()["reference"] == ""
    assert _patch(client, bearer, pk, {"title": "経理事務（月次）"}).json()["reference"] == ""
    # what the API set is what the import finds: the row with the number updates this posting
    _patch(client, bearer, pk, {"reference": "A-001"})
    data = bulk_import.template_csv()  # one row, numbered A-001
    report = bulk_import.import_run(user=employer, filename="a.csv", data=data, dry_run=True).report
    assert report["rows"][0]["status_label"] == "更新" and report["ok"] == 0


def test_a_reference_in_use_too_long_or_on_two_lines_is_a_422_with_the_forms_words(client, bearer):
    first = _post(client, bearer, reference="A-001").json()["id"]
    clash = _post(client, bearer, reference="A-001", title="総務事務")
    assert clash.status_code == 422
    assert clash.json()["errors"] == {"reference": [TAKEN]}
    assert JobPosting.objects.count() == 1
    second = _post(client, bearer, title="総務事務").json()["id"]
    taken = _patch(client, bearer, second, {"reference": "Ａ－００１"})
    assert taken.status_code == 422 and taken.json()["errors"] == {"reference": [TAKEN]}
    too_long = _patch(client, bearer, second, {"reference": "X" * 31})
    assert too_long.status_code == 422
    assert too_long.json()["errors"] == {
        "reference": ["社内管理番号は30文字以内で入力してください（入力は31文字）。"]
    }
    two_lines = _patch(client, bearer, second, {"reference": "A-\n002"})
    assert two_lines.json()["errors"]["reference"] == [
        "「社内管理番号」には改行を入れられません。1行で入力してください。"
    ]
    markup = _patch(client, bearer, second, {"reference": "<script>x</script>"})
    assert markup.status_code == 422 and "reference" in markup.json()["errors"]
    assert JobPosting.objects.get(pk=second).reference == ""
    assert JobPosting.objects.get(pk=first).reference == "A-001"


def test_the_public_api_json_ld_and_feed_never_show_the_reference(client, bearer, employer):
    pk = _post(client, bearer, reference="SECRET-77").json()["id"]
    assert client.post(f"{URL}/{pk}/publish", **bearer).json()["reference"] == "SECRET-77"
    detail = Client().get(f"/api/v1/jobs/{pk}")
    assert detail.status_code == 200
    assert "reference" not in detail.json() and "SECRET-77" not in detail.content.decode()
    listing = Client().get("/api/v1/jobs")
    assert [p["id"] for p in listing.json()["results"]] == [
        pk
    ] and "SECRET-77" not in listing.content.decode()
    posting = JobPosting.objects.get(pk=pk)
    assert "SECRET-77" not in json.dumps(jsonld.posting_jsonld(posting), ensure_ascii=False)
    assert "SECRET-77" not in feed.job_xml(posting)
    assert "SECRET-77" not in Client().get(f"/jobs/{pk}/").content.decode()
    spec = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "reference" not in spec["PostingOut"]["properties"]
    assert "reference" in spec["EmployerPostingOut"]["properties"]
    assert "reference" in spec["PostingIn"]["properties"]


def test_the_employer_detail_is_only_for_the_organisations_own_postings(client, bearer, other_employer):
    theirs = make_posting(other_employer.organization, reference="Z-1")
    answer = client.get(f"{URL}/{theirs.pk}", **bearer)
    assert answer.status_code == 404 and "Z-1" not in answer.content.decode()
    assert Client().get(f"{URL}/{theirs.pk}").status_code in {401, 403}


def test_a_number_taken_between_the_check_and_the_save_is_a_422_not_a_500(
    client, bearer, employer, monkeypatch
):
    """Two calls with the same number at once: both pass the gate, the unique constraint stops the second save,
    and the gate asked again names the field."""
    from bonavi.jobs import services

    gate = services.posting_gate
    calls = []

    def late(posting: JobPosting, *, live: bool, **kwargs: Any) -> None:
        calls.append(live)
        if len(calls) == 1:  # the other call stores the number right after this one was checked
            make_posting(employer.organization, reference="A-001")
            return
        gate(posting, live=live, **kwargs)

    monkeypatch.setattr(services, "posting_gate", late)
    answer = _post(client, bearer, reference="A-001")
    assert answer.status_code == 422 and answer.json()["errors"] == {"reference": [TAKEN]}
    assert JobPosting.objects.filter(reference="A-001").count() == 1
