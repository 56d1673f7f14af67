"""A seeker on a phone (390 px), UX review s10: ☆ far down the search results keeps her place — in place with
JavaScript (no reload), at the card (#job-<id>) without; the save-search form is one tab stop before the results;
and 応募 → 「プロフィールを入力する」 → 保存 comes back to the application, 姓・名 offered from her sign-up name."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application, Favorite
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Tenshoku-Keiri-2026"


@pytest.fixture
def world(transactional_db):
    org = Organization.objects.create(
        name="株式会社さくら会計", address="東京都千代田区1-1", phone="03-1234-5678"
    )
    # Its 採用担当, who reads the 応募 (ADR 0143: a company with none takes no 応募 through BOナビ).
    User.objects.create_user(email="hr@sakura.example", password=None, role=Role.EMPLOYER, organization=org)
    postings = [make_posting(org, title=f"経理スタッフ{n}（未経験可）") for n in range(1, 9)]
    seeker = User.objects.create_user(
        email="hanako@seeker.example", password=PASSWORD, role=Role.SEEKER, display_name="山田 花子"
    )
    return postings, seeker


def _far_card(page):
    """The sixth card of the results, scrolled to the middle of the screen: well below the first screenful."""
    card = page.locator(".job-card").nth(5)
    card.evaluate("el => el.scrollIntoView({block: 'center'})")
    return card


def test_the_star_keeps_her_place_with_and_without_javascript(live_server, new_page, shot, world) -> None:
    _, seeker = world
    base = live_server.url
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/search/?q=経理")
    shot(page, "fav-0-search-top-phone", full_page=False)

    # Keyboard: from the last sort link, one stop (the folded save-search form), then the first job.
    page.locator(".sorts a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelector('.job-card h3 a')")

    # With JavaScript: toggled in place — the same document (a marker survives), the same scroll position.
    card = _far_card(page)
    page.evaluate("window.notReloaded = true")
    before = page.evaluate("window.scrollY")
    assert before > 500
    button = card.locator("button.fav-btn")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    card.get_by_text("お気に入りに追加しました。").wait_for()
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "★ お気に入り"
    assert (button.get_attribute("aria-label") or "").startswith("お気に入りから外す：")
    assert page.evaluate("window.notReloaded") is True
    assert abs(page.evaluate("window.scrollY") - before) < 5
    posting_id = int((card.get_attribute("id") or "").removeprefix("job-"))
    assert list(Favorite.objects.filter(user=seeker).values_list("posting_id", flat=True)) == [posting_id]
    shot(page, "fav-1-js-added-phone", full_page=False)
    button.click()  # and off again, in place
    card.get_by_text("お気に入りから外しました。").wait_for()
    assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == "☆ お気に入り"
    assert page.evaluate("window.notReloaded") is True
    assert not Favorite.objects.filter(user=seeker).exists()

    # Without JavaScript: the page comes back at the card, which says what happened.
    no_js = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(no_js, base, seeker.email, PASSWORD)
    no_js.goto(f"{base}/search/?q=経理")
    card = _far_card(no_js)
    card_id = card.get_attribute("id")
    card.locator("button.fav-btn").click()
    no_js.wait_for_load_state()
    assert no_js.url.endswith(f"/search/?q=%E7%B5%8C%E7%90%86#{card_id}")
    card = no_js.locator(f"#{card_id}")
    assert card.get_by_text("お気に入りに追加しました。").is_visible()
    box = card.bounding_box()
    assert box is not None and -2 < box["y"] < 844 and no_js.evaluate("window.scrollY") > 500
    assert card.locator("button.fav-btn").get_attribute("aria-pressed") == "true"
    shot(no_js, "fav-2-nojs-added-phone", full_page=False)


def test_apply_profile_round_trip(live_server, new_page, shot, world) -> None:
    postings, seeker = world
    posting = postings[0]
    base = live_server.url
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/jobs/{posting.pk}/")
    page.get_by_role("link", name="この求人に応募する").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("応募の前に、プロフィールに").is_visible()
    page.get_by_role("link", name="プロフィールを入力する").click()
    page.wait_for_load_state()

    # 姓・名 from the sign-up name, said so; what applying needs is marked, with the reason.
    assert page.get_by_label("姓 応募に必要", exact=True).input_value() == "山田"
    assert page.get_by_label("名 応募に必要", exact=True).input_value() == "花子"
    assert page.get_by_text("会員登録のときのお名前「山田 花子」を入れてあります").is_visible()
    assert page.get_by_text("保存すると、元の画面（応募）に戻ります").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "apply-1-profile-phone", full_page=False)
    page.get_by_label("せい（ふりがな）").fill("やまだ")
    page.get_by_label("めい（ふりがな）").fill("はなこ")
    page.get_by_label("電話番号").fill("090-1111-2222")
    page.get_by_role("button", name="保存する").last.click()
    page.wait_for_load_state()

    # Back on the application, which warns (does not refuse) about the empty 学歴・職歴 and 資格.
    assert page.url == f"{base}/me/apply/{posting.pk}/"
    assert page.get_by_text("プロフィールを保存しました").is_visible()
    assert page.get_by_text("学歴・職歴が1行もありません").is_visible()
    assert page.get_by_role("link", name="学歴・職歴を入力する").get_attribute("href") == (
        f"/me/profile/?next=/me/apply/{posting.pk}/#history"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "apply-2-back-with-warning-phone")
    page.get_by_role("button", name="応募する").click()
    page.wait_for_load_state()
    assert page.get_by_text("応募しました").is_visible()
    assert Application.objects.get(applicant=seeker).applicant_name == "山田 花子"


def test_her_agency_referral_is_on_the_applications_list(live_server, new_page, shot, world) -> None:
    from bonavi.agents import services as agents
    from bonavi.agents.models import Stage
    from bonavi.agents.tests.factories import make_agency, private_order, refer, register

    postings, seeker = world
    setup = make_agency()
    assert postings[0].organization is not None
    order = private_order(setup, postings[0].organization, title="経理リーダー候補（非公開求人）")
    referral = refer(setup, register(setup, seeker), order.posting_id)
    for stage in (Stage.DOCUMENT, Stage.INTERVIEW1):
        agents.referral_move(user=setup.ca, referral=referral, to_stage=stage)
    base = live_server.url
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(page, base, seeker.email, PASSWORD)
    page.goto(f"{base}/me/applications/")
    assert page.get_by_text("まだ応募していません").count() == 0
    card = page.locator(".other-application")
    assert card.get_by_text("エージェント経由（株式会社みなとキャリア）").is_visible()
    assert card.get_by_text("1次面接").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "applications-referral-phone", full_page=False)
    card.get_by_role("link", name="経理リーダー候補（非公開求人）").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/me/proposals/{referral.proposal.pk}/"
