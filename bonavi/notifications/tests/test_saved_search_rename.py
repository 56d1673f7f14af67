"""Renaming a saved search, and what its list shows (the walk of session 16):
- after a rename the message named the old name;
- clearing a renamed name kept it, where the help text promises the query's summary;
- the list showed only the name and 配信: it now shows the conditions and 「この条件で検索する」;
- the save box on the search page said 即時／毎日／毎週 where the edit form says 即時（15分以内）…: one set of labels
  (notifications.models.Frequency) for both."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.notifications.models import Frequency, SavedSearch

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _saved(client: Client) -> SavedSearch:
    assert (
        client.post("/me/alerts/new/", {"query": "q=経理&pref=13", "frequency": "daily"}).status_code == 302
    )
    return SavedSearch.objects.get()


def _edit(client: Client, search: SavedSearch, name: str) -> object:
    return client.post(
        f"/me/alerts/{search.pk}/",
        {f"s{search.pk}-name": name, f"s{search.pk}-frequency": "daily"},
        follow=True,
    )


def test_the_message_after_a_rename_names_the_new_name(seeker: User) -> None:
    client = _client(seeker)
    search = _saved(client)
    page = _edit(client, search, "都内の経理").content.decode()
    assert "「都内の経理」の設定を変更しました。" in page
    assert "「経理 ／ 東京都」の設定を変更しました" not in page


def test_clearing_a_renamed_name_gives_the_summary_back(seeker: User) -> None:
    client = _client(seeker)
    search = _saved(client)
    _edit(client, search, "都内の経理")
    assert SavedSearch.objects.get().name == "都内の経理"
    page = _edit(client, search, "　").content.decode()
    assert SavedSearch.objects.get().name == "経理 ／ 東京都"
    assert "「経理 ／ 東京都」の設定を変更しました。" in page


def test_the_api_clears_a_name_to_the_summary_too(seeker: User) -> None:
    client = _client(seeker)
    search = _saved(client)
    _edit(client, search, "都内の経理")
    response = client.patch(
        f"/api/v1/me/saved-searches/{search.pk}", {"name": ""}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert SavedSearch.objects.get().name == "経理 ／ 東京都"


def test_the_list_shows_the_conditions_and_a_link_that_searches_them(seeker: User) -> None:
    client = _client(seeker)
    search = _saved(client)
    _edit(client, search, "都内の経理")
    page = client.get("/me/alerts/").content.decode()
    card = page[page.index(f'id="ss-{search.pk}"') :]
    assert "条件：経理 ／ 東京都" in card
    link = re.search(r'<a href="([^"]+)">この条件で検索する</a>', card)
    assert link is not None
    url = html.unescape(link.group(1))
    assert url == f"/search/?{search.query}"
    results = client.get(url)
    assert results.status_code == 200 and 'value="経理"' in results.content.decode()


def test_the_save_box_and_the_edit_form_use_the_same_labels(seeker: User) -> None:
    client = _client(seeker)
    box = client.get("/search/?q=経理").content.decode()
    box = box[box.index('id="save-search"') :]
    box = box[: box.index("</details>")]
    for value, label in Frequency.choices:
        if value == Frequency.OFF:
            assert f'value="{value}"' not in box  # saving something paused says nothing
        else:
            assert re.search(rf'value="{value}"[^>]*> {re.escape(str(label))}</label>', box), label
    assert 'value="daily" checked' in box
    _saved(client)
    edit = client.get("/me/alerts/").content.decode()
    for label in Frequency.labels:
        assert str(label) in edit, label
