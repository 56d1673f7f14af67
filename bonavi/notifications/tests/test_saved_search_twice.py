"""Saving a search that is saved already landed on /me/alerts/new/ saying 「同じ検索条件が既に保存されています」 with no
way to the saved one. The page now opens the saved one in the list, naming it and its frequency; nothing is stored
twice. The API answers 422 naming it (ADR 0121)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.notifications.models import SavedSearch

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_same_search_again_opens_the_saved_one(seeker: User) -> None:
    client = _client(seeker)
    first = client.post("/me/alerts/new/", {"query": "q=経理&pref=13", "frequency": "weekly"})
    assert first.status_code == 302
    saved = SavedSearch.objects.get(user=seeker)
    again = client.post("/me/alerts/new/", {"query": "pref=13&q=経理&page=3", "frequency": "daily"})
    assert again.status_code == 302 and again["Location"] == f"/me/alerts/#ss-{saved.pk}"
    page = client.get(again["Location"]).content.decode()
    assert "この検索条件は「経理 ／ 東京都」として既に保存されています（配信：毎週（月曜朝7時））。" in page
    assert f'<h2 id="ss-{saved.pk}">経理 ／ 東京都</h2>' in page
    assert SavedSearch.objects.filter(user=seeker).count() == 1  # not stored twice, not changed
    assert SavedSearch.objects.get().frequency == "weekly"


def test_another_persons_same_search_is_no_duplicate(seeker: User) -> None:
    other_seeker = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    _client(other_seeker).post("/me/alerts/new/", {"query": "q=経理", "frequency": "daily"})
    response = _client(seeker).post("/me/alerts/new/", {"query": "q=経理", "frequency": "daily"})
    assert response.status_code == 302 and response["Location"] == "/me/alerts/"
    assert SavedSearch.objects.count() == 2


def test_the_api_names_the_saved_one(seeker: User) -> None:
    client = _client(seeker)
    body = json.dumps({"query": "q=経理", "frequency": "daily"})
    assert client.post("/api/v1/me/saved-searches", body, content_type="application/json").status_code == 201
    again = client.post("/api/v1/me/saved-searches", body, content_type="application/json")
    assert again.status_code == 422
    assert again.json()["errors"]["__all__"] == ["同じ検索条件が「経理」として既に保存されています。"]
