"""Changing a saved search's condition (the returning seeker's walk, session 21). The new-job mail says
「配信頻度の変更・条件の編集」 and links to the list, which offered only the name and the frequency: to change what
she is told about she had to save a second search and delete the first, losing its name and frequency. The list's
「条件を変更する」 opens the search page with ?saved=<pk>; its form keeps it as she changes the condition, and the
box there changes that search."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.notifications import services
from bonavi.notifications.models import Frequency, SavedSearch

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_leads_to_the_search_page_which_changes_that_search(seeker: User) -> None:
    search = services.saved_search_create(user=seeker, query="q=経理", frequency=Frequency.WEEKLY)
    SavedSearch.objects.filter(pk=search.pk).update(covered_until=clock.now() - dt.timedelta(days=3))
    client = _client(seeker)
    listing = client.get("/me/alerts/").content.decode()
    link = re.search(rf'href="(/search/\?[^"]*saved={search.pk})#change-search">条件を変更する</a>', listing)
    assert link is not None, listing
    # She changes the keyword in the search form, which carries ?saved= along.
    page = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert f'<input type="hidden" name="saved" value="{search.pk}">' in page
    # The form sends its empty fields too, and the page redirects to its canonical address: still with ?saved=.
    response = client.get(
        "/search/", {"q": "経理", "pref": "13", "qual": "", "saved": search.pk}, follow=True
    )
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith(f"&saved={search.pk}")
    changed = response.content.decode()
    assert f'action="/me/alerts/{search.pk}/condition/"' in changed
    assert "「経理」をこの条件に変更する" in changed
    query = re.search(r'id="change-search".*?name="query" value="([^"]*)"', changed, re.S)
    assert query is not None and "saved" not in query.group(1)
    response = client.post(
        f"/me/alerts/{search.pk}/condition/", {"query": html.unescape(query.group(1))}, follow=True
    )
    text = response.content.decode()
    assert "「経理」の条件を「経理 ／ 東京都」に変更しました" in text
    search.refresh_from_db()
    # Same row, same frequency; the name followed the condition (it was the old one's summary); and the next mail
    # starts from the change, not from three days of postings the new condition happens to match.
    assert SavedSearch.objects.count() == 1
    assert (search.query, search.name, search.frequency) == (
        services.query_parse("q=経理&pref=13").canonical,
        "経理 ／ 東京都",
        "weekly",
    )
    assert search.covered_until > clock.now() - dt.timedelta(minutes=1)


def test_a_name_she_chose_stays_and_a_refusal_changes_nothing(seeker: User) -> None:
    search = services.saved_search_create(user=seeker, query="q=経理", name="本命", frequency=Frequency.DAILY)
    services.saved_search_create(user=seeker, query="q=総務", frequency=Frequency.DAILY)
    client = _client(seeker)
    client.post(f"/me/alerts/{search.pk}/condition/", {"query": "q=経理 決算"})
    search.refresh_from_db()
    assert (search.name, search.query) == ("本命", services.query_parse("q=経理 決算").canonical)
    # Her other search's condition: refused in Japanese, pointing at that one.
    response = client.post(f"/me/alerts/{search.pk}/condition/", {"query": "q=総務"}, follow=True)
    assert "この条件は「総務」として既に保存されているため、「本命」の条件は変更していません。" in (
        response.content.decode()
    )
    # No condition at all would mail every new posting in the country.
    response = client.post(f"/me/alerts/{search.pk}/condition/", {"query": ""}, follow=True)
    assert "「本命」の条件は変更していません。条件が指定されていません。" in response.content.decode()
    search.refresh_from_db()
    assert search.query == services.query_parse("q=経理 決算").canonical


def test_someone_elses_search_is_not_offered(seeker: User) -> None:
    other_seeker = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )
    theirs = services.saved_search_create(user=other_seeker, query="q=経理", frequency=Frequency.DAILY)
    page = _client(seeker).get("/search/", {"q": "総務", "saved": theirs.pk}).content.decode()
    assert "change-search" not in page and "この条件を保存" in page


def _patch(client: Client, search: SavedSearch, body: dict[str, object]) -> Any:
    return client.patch(
        f"/api/v1/me/saved-searches/{search.pk}", json.dumps(body), content_type="application/json"
    )


def test_the_api_changes_the_condition_as_the_page_does(seeker: User) -> None:
    """PATCH /api/v1/me/saved-searches/{id} with `query`: the same row and frequency, a summary name follows, and
    the next mail starts from the change (the page's 「条件を変更する」)."""
    search = services.saved_search_create(user=seeker, query="q=経理", frequency=Frequency.WEEKLY)
    SavedSearch.objects.filter(pk=search.pk).update(covered_until=clock.now() - dt.timedelta(days=3))
    answer = _patch(_client(seeker), search, {"query": "q=経理&pref=13"})
    assert answer.status_code == 200, answer.content
    assert (answer.json()["query"], answer.json()["name"], answer.json()["frequency"]) == (
        services.query_parse("q=経理&pref=13").canonical,
        "経理 ／ 東京都",
        "weekly",
    )
    search.refresh_from_db()
    assert SavedSearch.objects.count() == 1 and search.name == "経理 ／ 東京都"
    assert search.covered_until > clock.now() - dt.timedelta(minutes=1)


def test_the_api_takes_a_name_with_the_condition_and_a_refusal_changes_nothing(seeker: User) -> None:
    search = services.saved_search_create(user=seeker, query="q=経理", frequency=Frequency.DAILY)
    services.saved_search_create(user=seeker, query="q=総務", name="総務の求人", frequency=Frequency.DAILY)
    client = _client(seeker)
    before = SavedSearch.objects.get(pk=search.pk)
    refusals = {
        "": "条件が指定されていません",
        "page=2": "条件が指定されていません",  # a page number is not a condition
        "q=総務": "この条件は「総務の求人」（id ",
        "q=" + "経" * 4001: "4000文字以内",
    }
    for query, words in refusals.items():
        refused = _patch(client, search, {"name": "本命", "frequency": "instant", "query": query})
        assert refused.status_code == 422, (query, refused.content)
        assert list(refused.json()["errors"]) == ["query"] and words in refused.json()["errors"]["query"][0]
        after = SavedSearch.objects.get(pk=search.pk)
        assert (after.name, after.frequency, after.query, after.covered_until) == (
            before.name,
            before.frequency,
            before.query,
            before.covered_until,
        )
    # A name refused beside a good condition: the condition is not changed either.
    refused = _patch(client, search, {"name": "<b>本命</b>", "query": "q=経理 決算"})
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["name"]
    assert SavedSearch.objects.get(pk=search.pk).query == before.query
    answer = _patch(client, search, {"name": "本命", "query": "q=経理 決算"})
    assert answer.status_code == 200
    assert (answer.json()["name"], answer.json()["query"]) == (
        "本命",
        services.query_parse("q=経理 決算").canonical,
    )
