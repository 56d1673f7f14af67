"""A seeker on a phone (390 px) uses the career tools: takes the 適職診断 and reads the reasons, saves the
result and opens matching jobs; pastes an experience text, sees the evidence marked in it, the appeal points
and the gaps, saves them; opens the accounting roadmap with its pay chart and the next steps from the saved
translation; compares a past occupation with a target one. Screenshots go to test-artifacts/careers-*.png."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.careers.items import ITEMS
from bonavi.careers.models import SavedAssessment, SavedTranslation
from bonavi.jobs.tests.factories import make_posting
from tests.e2e.helpers import log_in

PASSWORD = "Tekishoku-Shindan-2026"
EXPERIENCE = (
    "市民マラソン大会の運営ボランティアに3年参加し、昨年から実行委員会の会計補佐をしています。"
    "参加費や協賛金の入金をスプレッドシートで管理し、備品購入の見積もりを複数の店から取って比較しました。"
    "予算に対する支出の進み具合を毎月の会議で報告しています。"
)


@pytest.fixture
def seeker_and_jobs(transactional_db) -> User:
    org = Organization.objects.create(name="株式会社ひかり会計")
    make_posting(org, title="経理アシスタント（未経験歓迎）", subrole="accounting_clerk")
    make_posting(org, title="総務スタッフ", subrole="general_affairs")
    return User.objects.create_user(email="kaori@example.jp", password=PASSWORD, role=Role.SEEKER)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_career_tools_on_a_phone(live_server, phone, shot, seeker_and_jobs) -> None:
    page = phone
    base = live_server.url
    log_in(page, base, seeker_and_jobs.email, PASSWORD)

    # 適職診断: 慣習的 and 企業的 activities appeal, the rest do not.
    page.goto(f"{base}/careers/assessment/")
    assert page.get_by_text("探索用の結果です").is_visible()
    shot(page, "careers-1-assessment-form", full_page=False)
    for item in ITEMS:
        if item.is_interest:
            value = {"C": 4, "E": 3}.get(item.scale, 1)
            page.locator(f'input[name="{item.id}"][value="{value}"]').check()
    page.locator('input[name="v_stability_1"][value="4"]').check()
    page.get_by_role("button", name="結果を見る").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="6つの職種との近さ").is_visible()
    families = page.locator("#families li")
    assert families.count() == 6
    assert "慣習的" in families.first.inner_text()  # the reason names the driving dimension
    assert "経理事務" in page.locator("#occupations").inner_text()
    _fits_the_phone(page)
    shot(page, "careers-2-assessment-result")

    page.get_by_role("button", name="この結果を保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("診断結果を保存しました。").is_visible()
    assert SavedAssessment.objects.filter(user=seeker_and_jobs).count() == 1

    # Matching jobs through search.
    page.locator("#families li").first.get_by_role("link", name="この職種の求人を見る").click()
    page.wait_for_load_state()
    assert "/search/" in page.url and "family=accounting" in page.url
    assert page.locator("h1").count() == 1 and "経理・財務" in page.content()  # the family filter is applied
    assert page.get_by_role("link", name="経理アシスタント（未経験歓迎）", exact=True).is_visible()
    assert "総務スタッフ" not in page.locator("main").inner_text()
    shot(page, "careers-3-matching-jobs")

    # The experience translator.
    page.goto(f"{base}/careers/translate/")
    page.get_by_label("経験の文章").fill(EXPERIENCE)
    page.get_by_label("目標の職業（任意）").select_option(label="経理・財務｜経理事務")
    page.get_by_role("button", name="読み取る").click()
    page.wait_for_load_state()
    marks = page.locator("#source-text mark.evidence")
    assert marks.count() >= 2
    for i in range(marks.count()):
        assert marks.nth(i).inner_text().rstrip("0123456789") in EXPERIENCE
    assert "経理" in page.locator("#translated-families li").first.inner_text()
    assert page.locator("#appeal-points li").count() >= 1
    assert page.locator("#gaps tbody tr").count() >= 1
    _fits_the_phone(page)
    shot(page, "careers-4-translation")
    page.get_by_role("button", name="この結果を保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("経験の棚卸しの結果を保存しました。").is_visible()
    saved = SavedTranslation.objects.get(user=seeker_and_jobs)
    assert saved.target_jobtag_id == 430 and saved.text == EXPERIENCE

    page.goto(f"{base}/careers/saved/")
    assert page.locator("#saved-assessments li").count() == 1
    assert page.locator("#saved-translations li").count() == 1
    shot(page, "careers-5-saved")

    # The roadmap with its pay chart and the next steps from the saved translation.
    page.goto(f"{base}/careers/roadmaps/accounting/")
    assert page.locator("#ladder li").count() == 4
    assert page.locator("#paychart .bar").count() >= 4
    assert "職種グループ" in page.locator("#paychart").inner_text()
    assert page.locator("#my-next-steps li").count() >= 1
    assert "出典：独立行政法人労働政策研究・研修機構" in page.locator("#attribution").inner_text()
    _fits_the_phone(page)
    shot(page, "careers-6-roadmap")

    # Occupation → occupation: a call-centre operator aiming at 経理事務.
    page.goto(f"{base}/careers/transfer/?source=64&target=430")
    assert "資金管理" in page.locator("table").first.inner_text()
    _fits_the_phone(page)
    shot(page, "careers-7-transfer")
