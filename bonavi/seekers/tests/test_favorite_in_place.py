"""☆ お気に入り on a list reloaded the page at its top, so a phone user far down the search results lost her place
(UX review s10). Without JavaScript the form comes back to the same page at the card (#job-<id>), and the card's
own note says what happened; favorite.js asks for JSON and changes the button in place."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _card(page: str, posting: JobPosting) -> str:
    cards = [
        c for c in page.split('<li class="card job-card"')[1:] if c.startswith(f' id="job-{posting.pk}">')
    ]
    assert len(cards) == 1, f"no card #job-{posting.pk}"
    return cards[0].split("</ul>\n</section>")[0]


def test_without_javascript_the_page_comes_back_at_the_card_which_says_so(seeker: User, posting: JobPosting):
    assert posting.organization is not None
    other = make_posting(posting.organization, title="総務スタッフ")
    client = _client(seeker)
    here = "/jobs/?page=1"
    response = client.post(f"/me/favorites/{posting.pk}/", {"next": here})
    assert response.status_code == 302 and response["Location"] == f"/jobs/?page=1#job-{posting.pk}"

    page = client.get(here).content.decode()
    card = _card(page, posting)
    assert "★ お気に入り" in card and 'aria-pressed="true"' in card
    assert '<span class="fav-note success" role="status">お気に入りに追加しました。</span>' in card
    # only that card says it, and only once
    assert "お気に入りに追加しました" not in _card(page, other)
    assert "お気に入りに追加しました" not in client.get(here).content.decode()

    # taking it off says so on the card too; a fragment in next= is replaced, not doubled
    response = client.post(f"/me/favorites/{posting.pk}/", {"next": f"{here}#top", "action": "remove"})
    assert response["Location"] == f"/jobs/?page=1#job-{posting.pk}"
    card = _card(client.get(here).content.decode(), posting)
    assert "☆ お気に入り" in card and "お気に入りから外しました。" in card


def test_the_job_page_has_the_anchor_too(seeker: User, posting: JobPosting):
    client = _client(seeker)
    page = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert f'<div class="actions posting-actions" id="job-{posting.pk}">' in page
    assert 'src="/static/js/favorite.js"' in page


def test_with_javascript_it_answers_json_and_changes_nothing_else(seeker: User, posting: JobPosting):
    client = _client(seeker)
    added = client.post(f"/me/favorites/{posting.pk}/", {"next": "/jobs/"}, **JSON)
    assert added.status_code == 200
    assert added.json() == {"active": True, "message": "お気に入りに追加しました。"}
    assert list(seeker.favorites.values_list("posting_id", flat=True)) == [posting.pk]
    # no message left over for the next page (the button already said it)
    assert "お気に入りに追加しました" not in client.get("/jobs/").content.decode()
    removed = client.post(f"/me/favorites/{posting.pk}/", {"action": "remove"}, **JSON)
    assert removed.json() == {"active": False, "message": "お気に入りから外しました。"}
    assert not seeker.favorites.exists()


def test_json_refusals_are_japanese_and_store_nothing(seeker: User, employer: User):
    assert employer.organization is not None
    hidden = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    refused = _client(seeker).post(f"/me/favorites/{hidden.pk}/", **JSON)
    assert refused.status_code == 422 and refused.json() == {"message": "求人が見つかりません。"}
    assert not seeker.favorites.exists()
    public = make_posting(employer.organization)
    not_a_seeker = _client(employer).post(f"/me/favorites/{public.pk}/", **JSON)
    assert not_a_seeker.status_code == 403 and "求職者のアカウント" in not_a_seeker.json()["message"]


def test_the_script_is_only_for_seekers(client: Client, employer: User, posting: JobPosting):
    assert "favorite.js" not in client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "favorite.js" not in _client(employer).get(f"/jobs/{posting.pk}/").content.decode()
