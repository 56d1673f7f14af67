"""Saved searches follow the API's one rule for unknown names (ADR 0086): a misspelt name is refused by name."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.notifications.models import SavedSearch


@pytest.mark.django_db
def test_a_misspelt_name_is_refused_and_the_answer_sent_back_is_accepted(
    client: Client, seeker: User
) -> None:
    client.force_login(seeker)
    refused = client.post(
        "/api/v1/me/saved-searches",
        json.dumps({"query": "q=経理", "nmae": "経理"}),
        content_type="application/json",
    )
    assert refused.status_code == 422 and "nmae" in refused.json()["detail"]
    assert not SavedSearch.objects.exists()

    made = client.post(
        "/api/v1/me/saved-searches", json.dumps({"query": "q=経理"}), content_type="application/json"
    )
    answer = made.json()
    path = f"/api/v1/me/saved-searches/{answer['id']}"
    typo = client.patch(path, json.dumps({"frequncy": "off"}), content_type="application/json")
    assert typo.status_code == 422 and list(typo.json()["errors"]) == ["frequncy"]
    back = client.patch(path, json.dumps({**answer, "frequency": "off"}), content_type="application/json")
    assert back.status_code == 200 and back.json()["frequency"] == "off"
