"""At 390 px a posting's page is thousands of pixels long and 応募 was only at its top: its actions come again after
the 労働条件. With JavaScript the ☆ there changes both ☆ of the page in place; without, the page comes back at that
block (#job-<id>-end), which says what happened."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Favorite
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Tenshoku-Keiri-2026"


def test_the_actions_after_the_conditions(live_server, new_page, shot, transactional_db) -> None:
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-1234-5678"
    )
    posting = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    seeker = User.objects.create_user(email="owari@seeker.example", password=PASSWORD, role=Role.SEEKER)
    base = live_server.url

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/jobs/{posting.pk}/")
    end = page.locator(f"#job-{posting.pk}-end")
    end.scroll_into_view_if_needed()
    # It follows the conditions' last section and is well down the page.
    assert page.evaluate(
        "document.getElementById('h-emp').getBoundingClientRect().top"
        f" < document.getElementById('job-{posting.pk}-end').getBoundingClientRect().top"
    )
    assert page.evaluate("window.scrollY") > 1500
    assert end.get_by_role("link", name="この求人に応募する").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "posting-actions-end-phone", full_page=False)
    end.locator("button.fav-btn").click()
    end.get_by_text("お気に入りに追加しました。").wait_for()
    for block in (page.locator(f"#job-{posting.pk}"), end):
        assert block.locator("button.fav-btn").get_attribute("aria-pressed") == "true"
    assert Favorite.objects.filter(user=seeker, posting=posting).exists()
    end.locator("button.fav-btn").click()
    end.get_by_text("お気に入りから外しました。").wait_for()
    assert page.locator(f"#job-{posting.pk} button.fav-btn").inner_text() == "☆ お気に入り"

    no_js = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(no_js, base, seeker.email, PASSWORD)
    no_js.goto(f"{base}/jobs/{posting.pk}/")
    no_js.locator(f"#job-{posting.pk}-end button.fav-btn").click()
    no_js.wait_for_load_state()
    assert no_js.url.endswith(f"/jobs/{posting.pk}/#job-{posting.pk}-end")
    assert no_js.locator(f"#job-{posting.pk}-end").get_by_text("お気に入りに追加しました。").is_visible()
    assert no_js.evaluate("window.scrollY") > 1500
    no_js.locator(f"#job-{posting.pk}-end").get_by_role("link", name="この求人に応募する").click()
    no_js.wait_for_load_state()
    assert no_js.url == f"{base}/me/apply/{posting.pk}/"
