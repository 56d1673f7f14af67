"""A saved search needs a keyword or a filter (ADR 0159): without either it would mail every new posting in the
country, which a person pressing 「この条件を保存」 on the bare search page did not ask for."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.notifications import services
from bonavi.notifications.models import SavedSearch

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("query", ["", "page=3", "sort=new", "q=%20%E3%80%80"])
def test_the_service_refuses_a_search_without_a_condition(seeker: User, query: str) -> None:
    with pytest.raises(services.SavedSearchInvalid) as refused:
        services.saved_search_create(user=seeker, query=query)
    assert refused.value.errors == {"query": [services.NO_CONDITION]}
    assert not SavedSearch.objects.filter(user=seeker).exists()


@pytest.mark.parametrize("query", ["q=経理", "pref=13", "family=accounting", "remote=any"])
def test_one_keyword_or_one_filter_is_enough(seeker: User, query: str) -> None:
    assert services.saved_search_create(user=seeker, query=query).pk


def test_the_bare_search_page_offers_no_save_box_but_says_how(seeker: User) -> None:
    client = _client(seeker)
    bare = client.get("/search/").content.decode()
    assert "この条件を保存" not in bare and 'action="/me/alerts/new/"' not in bare
    assert "絞り込むと、その条件の新着求人をメールで受け取れます" in bare
    narrowed = client.get("/search/?pref=13").content.decode()
    assert "この条件を保存" in narrowed and "絞り込むと、その条件の" not in narrowed
    anonymous = Client().get("/search/").content.decode()
    assert "ログインして、この条件の新着求人" not in anonymous


def test_the_page_and_the_api_refuse_it_in_japanese_and_save_nothing(seeker: User) -> None:
    client = _client(seeker)
    page = client.post("/me/alerts/new/", {"query": "", "frequency": "instant"})
    assert page.status_code == 422 and "条件が指定されていません" in page.content.decode()
    api = client.post(
        "/api/v1/me/saved-searches", json.dumps({"query": "sort=new"}), content_type="application/json"
    )
    assert api.status_code == 422 and api.json()["errors"]["query"] == [services.NO_CONDITION]
    assert not SavedSearch.objects.filter(user=seeker).exists()
