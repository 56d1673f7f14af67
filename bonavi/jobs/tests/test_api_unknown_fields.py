"""A name the posting API does not know is refused with a 422 naming it (ADR 0086), not dropped without a word;
the posting's own GET answer, edited and sent back whole, is still accepted."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting

from .factories import make_posting


def _patch(client: Client, pk: int, body: dict[str, object]) -> object:
    return client.patch(f"/api/v1/employer/postings/{pk}", json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_a_misspelt_field_is_refused_by_name_and_nothing_changes(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization, title="経理スタッフ")
    client.force_login(employer)
    r = _patch(client, posting.pk, {"titel": "経理リーダー", "wage_min": 300000})
    assert r.status_code == 422
    assert "titel" in r.json()["detail"]
    assert r.json()["errors"] == {"titel": ["この項目はありません。綴りを確認してください。"]}
    posting.refresh_from_db()
    assert (posting.title, posting.wage_min) != ("経理リーダー", 300000)
    assert posting.title == "経理スタッフ"


@pytest.mark.django_db
def test_the_get_answer_sent_back_with_a_change_is_accepted(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization, title="経理スタッフ")
    client.force_login(employer)
    answer = client.get(f"/api/v1/employer/postings/{posting.pk}").json()
    assert {"id", "status", "updated_at", "prefecture_name", "insurances"} <= set(answer)  # not input fields
    r = _patch(client, posting.pk, {**answer, "title": "経理リーダー", "status": "closed"})
    assert r.status_code == 200, r.json()
    posting.refresh_from_db()
    assert posting.title == "経理リーダー"
    assert posting.status == answer["status"]  # read-only names are ignored, as before


@pytest.mark.django_db
def test_creating_refuses_an_unknown_field_and_stores_nothing(client: Client, employer: User) -> None:
    client.force_login(employer)
    r = client.post(
        "/api/v1/employer/postings",
        json.dumps({"title": "経理スタッフ", "wage_minimum": 250000}),
        content_type="application/json",
    )
    assert r.status_code == 422 and "wage_minimum" in r.json()["errors"]
    assert not JobPosting.objects.exists()
