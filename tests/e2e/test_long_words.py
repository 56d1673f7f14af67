"""A posting with an unbroken run of letters (a long URL in 業務内容, an address-like token in 手当, an ASCII title)
wraps inside its card on the detail page in search results and in the list, on a phone and on a desktop: the page never
grows sideways (it did, to 2,000 px)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.browser

LONG = "https://example.com/" + "a" * 200


@pytest.fixture
def posting(transactional_db):
    org = Organization.objects.create(name="株式会社ながい商事")
    return make_posting(
        org,
        title="Accounting" + "X" * 100,
        duties=f"詳細はこちら {LONG} をご覧ください",
        allowances="通勤手当" + "x" * 150,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_long_unbroken_text_wraps_instead_of_widening_the_page(live_server, new_page, shot, posting, width):
    page = new_page(width, 900)
    for path, name in ((f"/jobs/{posting.pk}/", "detail"), ("/search/?q=詳細", "search"), ("/jobs/", "list")):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_text("株式会社テスト商事").first.is_visible()
        shot(page, f"long-words-{name}-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
