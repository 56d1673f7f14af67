"""Every paged list of the API pages the same way (core/pagination.py): the same keys, and a page past the end is
empty rather than moved to the last page. /events answered {count, page, results} and /jobs/search answered page
50's postings for page 60."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.jobs.models import PostingStatus
from bonavi.jobs.tests.factories import make_posting

from .factories import make_event

LISTS = ["/api/v1/jobs", "/api/v1/events", "/api/v1/jobs/search"]


@pytest.fixture
def three_of_each(employer: User) -> None:
    for n in range(3):
        make_posting(employer.organization, status=PostingStatus.PUBLISHED, title=f"経理スタッフ{n}")
        make_event(employer, title=f"経理部門 会社説明会{n}")


def _get(client: Client, path: str, **params: Any) -> dict[str, Any]:
    r = client.get(path, params)
    assert r.status_code == 200, r.content
    return r.json()


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_the_same_page_keys(client: Client, three_of_each: None, path: str) -> None:
    first = _get(client, path)
    assert {k: first[k] for k in ("total", "page", "page_size", "pages")} == {
        "total": 3,
        "page": 1,
        "page_size": 20,
        "pages": 1,
    }
    assert len(first["results"]) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page", [2, 60])
def test_a_page_past_the_end_is_empty_on_every_list(
    client: Client, three_of_each: None, path: str, page: int
) -> None:
    past = _get(client, path, page=page)
    assert (past["page"], past["results"], past["total"], past["pages"]) == (page, [], 3, 1)


@pytest.mark.django_db
def test_events_keep_count_for_their_old_clients_and_take_page_size(
    client: Client, three_of_each: None
) -> None:
    data = _get(client, "/api/v1/events", page=2, page_size=2)
    assert (data["count"], data["total"], data["pages"], len(data["results"])) == (3, 3, 2, 1)
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["components"]["schemas"]["EventPage"]["properties"]["count"]["deprecated"] is True
