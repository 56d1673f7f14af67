"""Public job pages run a fixed number of queries however many postings there are."""

from __future__ import annotations

import pytest

from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True])
def test_public_pages(client, employer, seeker, signed_in):
    org = employer.organization
    posting = make_posting(org)
    if signed_in:
        client.force_login(seeker)

    def grow() -> None:
        for i in range(5):
            make_posting(org, title=f"経理事務 {i}", municipality="港区" if i % 2 else "千代田区")

    for url in (
        "/",
        "/jobs/",
        "/jobs/?prefecture=13",
        f"/jobs/{posting.pk}/",
        "/api/v1/jobs",
        "/search/?q=経理",
    ):
        assert_flat(client, url, grow)


def test_employer_api_list(client, employer):
    """The employer's API list counts and slices one page, however many postings the employer has."""
    org = employer.organization
    make_posting(org)
    client.force_login(employer)

    def grow() -> None:
        for i in range(25):
            make_posting(org, title=f"人事労務 {i}")

    for url in ("/api/v1/employer/postings", "/api/v1/employer/postings?page=2&page_size=10"):
        assert_flat(client, url, grow)
