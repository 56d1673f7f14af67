"""☆ pressed while logged out, then confirmed after login: the job page opened at #job-<id>, its title and pay
scrolled off, and 「お気に入りに追加しました。」 was said twice (at the top and beside the ☆). It now opens at its top
and says it once (ADR 0121). The ☆ pressed on a page (a card) still comes back to that card (ADR 0101)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting

pytestmark = pytest.mark.django_db


def test_the_confirmation_lands_at_the_top_and_says_it_once(seeker: User, posting: JobPosting) -> None:
    client = Client()
    client.force_login(seeker)
    job = f"/jobs/{posting.pk}/"
    confirm = client.get(f"/me/favorites/{posting.pk}/", {"next": job}).content.decode()
    assert '<input type="hidden" name="land" value="top">' in confirm
    response = client.post(f"/me/favorites/{posting.pk}/", {"next": job, "land": "top"})
    assert response.status_code == 302 and response["Location"] == job  # no mid-page anchor
    page = client.get(job).content.decode()
    assert page.count("お気に入りに追加しました。") == 1
    assert page.index("お気に入りに追加しました。") < page.index(f"<h1>{posting.title}")
    assert list(seeker.favorites.values_list("posting_id", flat=True)) == [posting.pk]


def test_a_fragment_in_next_is_dropped_too(seeker: User, posting: JobPosting) -> None:
    client = Client()
    client.force_login(seeker)
    response = client.post(
        f"/me/favorites/{posting.pk}/", {"next": f"/jobs/{posting.pk}/#job-{posting.pk}", "land": "top"}
    )
    assert response["Location"] == f"/jobs/{posting.pk}/"
