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
    # Its 採用担当, who reads the 応募 (ADR 0143: a company with none takes no 応募 through BOナビ).
    User.objects.create_user(email="hr@sakura.example", password=None, role=Role.EMPLOYER, organization=org)
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


def test_the_apply_bar_stays_at_the_bottom_and_hides_nothing(
    live_server, new_page, shot, transactional_db
) -> None:
    """At 390 px ☆ and 応募する stay at the bottom of the screen all the way down the page (the s15 walk: the second
    応募する was ~4,500 px down); at the end the bar sits under the last related posting, covering nothing; it is
    reached by Tab; from 720 px it is not shown."""
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-1234-5678"
    )
    # Its 採用担当, who reads the 応募 (ADR 0143: a company with none takes no 応募 through BOナビ).
    User.objects.create_user(email="hr@sakura.example", password=None, role=Role.EMPLOYER, organization=org)
    posting = make_posting(org, title="経理スタッフ（月次決算の補助から）", employer_name=org.name)
    for n in range(3):  # related postings below, so the page ends with cards as in the demo
        make_posting(org, title=f"総務スタッフ{n + 1}", employer_name=org.name)
    seeker = User.objects.create_user(email="shita@seeker.example", password=PASSWORD, role=Role.SEEKER)
    base = live_server.url

    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/jobs/{posting.pk}/")
    bar = page.locator(".apply-bar")
    rect = "(el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.height]; }"
    # Halfway down, in the middle of the 労働条件: the bar is on screen, at its bottom edge.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    top, bottom, height = bar.evaluate(rect)
    assert bar.is_visible() and abs(bottom - 844) <= 1 and 44 <= height <= 90, (top, bottom, height)
    assert bar.get_by_role("link", name="この求人に応募する").is_visible()
    assert bar.get_by_role("button", name=f"お気に入りに追加：{posting.title}").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "posting-apply-bar-phone", full_page=False)

    # At the end of the page: the last related posting and the footer are above / below the bar, not under it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    bar_top = bar.evaluate(rect)[0]
    last_card = page.locator(".related .job-card").last
    assert last_card.evaluate(rect)[1] <= bar_top + 0.5
    footer_top = page.locator("footer.site").evaluate(rect)[0]
    assert footer_top >= bar.evaluate(rect)[1] - 0.5
    assert page.evaluate("window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1")
    shot(page, "posting-apply-bar-end-phone", full_page=False)

    # Keyboard: from the bar's ☆, Tab reaches its 応募する, and Enter opens the application form.
    bar.locator("button.fav-btn").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.apply-bar') !== null")
    assert page.evaluate("document.activeElement.textContent.trim()") == "この求人に応募する"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/me/apply/{posting.pk}/")

    # The bar's ☆ is the page's ☆: all of them change together.
    page.goto(f"{base}/jobs/{posting.pk}/")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    bar.locator("button.fav-btn").click()
    page.locator(f"#job-{posting.pk} button.fav-btn[aria-pressed=true]").wait_for(state="attached")
    assert bar.locator("button.fav-btn").get_attribute("aria-pressed") == "true"
    assert Favorite.objects.filter(user=seeker, posting=posting).exists()

    wide = new_page(1280, 900)
    wide.goto(f"{base}/jobs/{posting.pk}/")
    assert wide.locator(".apply-bar").count() == 1 and not wide.locator(".apply-bar").is_visible()
