"""A refused practice answer goes back to the page it came from — a page of this site only. The Referer header was
followed as sent, so a request carrying another site's address was redirected there (an open redirect)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User

pytestmark = pytest.mark.django_db


def _refused_answer(seeker: User, referer: str) -> str:
    client = Client()
    client.force_login(seeker)
    response = client.post(
        "/documents/interview/answer/",
        {"question": "自己紹介をしてください", "answer": ""},
        HTTP_REFERER=referer,
    )
    assert response.status_code == 302
    return str(response["Location"])


@pytest.mark.parametrize(
    "referer", ["https://evil.example/phish", "//evil.example/", "http://testserver.evil.example/documents/"]
)
def test_another_sites_referer_is_not_followed(seeker: User, referer: str) -> None:
    location = _refused_answer(seeker, referer)
    assert "evil.example" not in location
    assert location == "/documents/interview/"


def test_the_page_it_came_from_on_this_site_is_kept(seeker: User) -> None:
    """The practice page for one posting, with its query: she is back at the questions she was answering."""
    came_from = "http://testserver/documents/interview/?family=accounting&new=1"
    assert _refused_answer(seeker, came_from) == came_from
