"""「募集を終了する」 is on the edit page and on each published posting of 求人管理, not only on the preview (UX review
s12, F12): a POST behind the same ticked box, refused without it on the page it was sent from."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _close_form(html: str, posting: JobPosting) -> str:
    action = reverse("jobs:employer_close", args=[posting.pk])
    m = re.search(rf'<form method="post" action="{re.escape(action)}[^"]*"[^>]*>(.*?)</form>', html, re.S)
    assert m is not None, f"no close form for posting {posting.pk}"
    return m.group(1)


def test_the_edit_page_of_a_published_posting_offers_closing(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization)
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT)
    client.force_login(employer)
    html = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    box = _close_form(html, posting)
    assert 'name="confirm"' in box and "募集を終了します" in box and "csrfmiddlewaretoken" in box
    assert ">募集を終了する</button>" in box
    # the posting form is a form of its own: the close form is not inside it
    assert html.index('id="close-form"') > html.index("保存してプレビュー")
    draft_html = client.get(reverse("jobs:employer_edit", args=[draft.pk])).content.decode()
    assert reverse("jobs:employer_close", args=[draft.pk]) not in draft_html


def test_closing_from_the_edit_page_asks_for_the_tick_there(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization)
    client.force_login(employer)
    url = reverse("jobs:employer_close", args=[posting.pk]) + "?from=edit"
    response = client.post(url, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_title"' in html and "保存してプレビュー" in html  # the edit page, not the preview
    assert 'id="close-error"' in html and "チェックを入れてください" in html
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("jobs:employer_list")
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED


def test_each_published_posting_of_the_list_can_be_closed(client: Client, employer: User) -> None:
    first = make_posting(employer.organization, title="経理事務（本社）")
    second = make_posting(employer.organization, title="経理事務（支店）")
    draft = make_posting(employer.organization, status=PostingStatus.DRAFT, title="経理事務（下書き）")
    client.force_login(employer)
    listing = reverse("jobs:employer_list")
    html = client.get(listing, {"q": "経理"}).content.decode()
    for posting in (first, second):
        box = _close_form(html, posting)
        # one box per card: its label names the posting, its refusal has an id of its own
        assert f"「{posting.title}」の募集を終了します" in box
    assert reverse("jobs:employer_close", args=[draft.pk]) not in html
    # the form keeps the list's filters, so a refusal or the page after closing shows the same list
    assert "from=list&amp;q=" in html

    url = reverse("jobs:employer_close", args=[second.pk]) + "?from=list&q=経理"
    response = client.post(url, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<h1>求人管理</h1>" in html and 'value="経理"' in html
    assert f'id="close-{second.pk}-error"' in html and f'id="close-{first.pk}-error"' not in html
    assert "autofocus" in _close_form(html, second)
    # the box is in the card's fold, shown open so the reason and the box are seen without a tap
    card = html.split(f'id="close-{second.pk}-error"')[0].rsplit('<li class="card"', 1)[1]
    assert '<details class="close-posting" open>' in card
    second.refresh_from_db()
    assert second.status == PostingStatus.PUBLISHED

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url == f"{listing}?q=%E7%B5%8C%E7%90%86"
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == PostingStatus.CLOSED and first.status == PostingStatus.PUBLISHED


def test_another_companys_posting_cannot_be_closed_from_any_page(
    client: Client, employer: User, other_employer: User
) -> None:
    posting = make_posting(employer.organization)
    client.force_login(other_employer)
    for origin in ("edit", "list", ""):
        url = reverse("jobs:employer_close", args=[posting.pk]) + f"?from={origin}"
        assert client.post(url, {"confirm": "on"}).status_code == 404
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED
