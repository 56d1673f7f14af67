"""The Content-Security-Policy in a real browser (ADR 0163): the pages that run our scripts (the ☆ in place, the
menu, the API's Swagger UI) do everything they did without one refusal in the console, and a script put into a page
inline — what an XSS would be — does not run."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Favorite
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Tenshoku-Keiri-2026"


def _refusals(page) -> list[str]:
    said: list[str] = []
    page.on("console", lambda m: said.append(m.text) if "Content Security Policy" in m.text else None)
    return said


def test_our_scripts_run_and_an_injected_one_does_not(live_server, new_page, shot, transactional_db) -> None:
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-1234-5678"
    )
    User.objects.create_user(email="hr@sakura.example", password=None, role=Role.EMPLOYER, organization=org)
    posting = make_posting(org, title="経理スタッフ（未経験可）")
    seeker = User.objects.create_user(email="hanako@seeker.example", password=PASSWORD, role=Role.SEEKER)
    base = live_server.url
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    refused = _refusals(page)

    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/search/?q=経理")
    button = page.locator(f"#job-{posting.pk} button.fav-btn")
    button.click()  # favorite.js: fetch and update in place
    page.get_by_text("お気に入りに追加しました。").wait_for()
    assert Favorite.objects.filter(user=seeker, posting=posting).exists()
    shot(page, "csp-search-star-phone", full_page=False)

    # What an XSS would do: a script element written into the page. The policy stops it; the page is unharmed.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.injected") is None
    assert any("script-src" in text for text in refused), refused
    refused.clear()

    page.goto(f"{base}{posting.get_absolute_url()}")
    page.goto(f"{base}/api/v1/docs")
    page.locator("#swagger-ui .opblock").first.wait_for()  # Swagger UI drew the operations
    shot(page, "csp-api-docs-phone", full_page=False)
    assert not refused, refused
