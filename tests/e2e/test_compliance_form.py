"""An employer's draft with a gendered job title cannot be published: the reason sits beside the title field,
a warning sits beside the qualification it concerns, and fixing the title lets the posting publish.
Also: the 「求人原稿チェック」 page on a phone marks the problems in a pasted ad."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from tests.e2e.helpers import log_in, wait_until

PASSWORD = "Saiyou-Tantou-2026"


@pytest.fixture
def employer_account(transactional_db) -> User:
    org = Organization.objects.create(
        name="株式会社テスト商事", address="東京都千代田区1-1", phone="03-0000-0000"
    )
    return User.objects.create_user(
        email="hr@check.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )


def test_preview_refusal_links_to_the_field_then_publish_allowed(
    live_server, phone, shot, employer_account
) -> None:
    posting = make_posting(
        employer_account.organization,
        status=PostingStatus.DRAFT,
        title="営業マン（経理兼任）",
        required_experience="転居を伴う転勤に応じられる方",
    )
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.wait_for_url("**/jobs/manage/")

    page.goto(f"{live_server.url}/jobs/manage/{posting.pk}/preview/")
    errors = page.locator("#findings-errors")
    assert "営業マン" in errors.inner_text() and "営業職" in errors.inner_text()
    # Publishing would be refused: no 公開する, the reason and a link to the field instead.
    assert page.get_by_role("button", name="公開する").count() == 0
    shot(page, "compliance-preview-refused-390", full_page=False)
    errors.get_by_role("link", name="求人タイトル").click()
    page.wait_for_url("**/edit/#id_title")
    warning = page.locator("#warn-required_experience")
    assert warning.is_visible() and "転勤" in warning.inner_text()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT

    page.get_by_label("求人タイトル").fill("営業事務（経理兼任）")
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_url("**/preview/")
    assert page.locator("#findings-errors").count() == 0
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url(f"**/jobs/{posting.pk}/")
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PUBLISHED


def test_check_page_marks_problems_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    cache.clear()  # the anonymous rate limit counts per IP, and every test client is 127.0.0.1
    page = phone
    page.goto(f"{live_server.url}/check/")
    page.get_by_label("求人原稿").fill(
        "【募集職種】営業マン（正社員）\n【勤務地】東京都千代田区丸の内1-1\n【給与】時給900円\n【応募資格】20代歓迎・女性限定\n"
    )
    page.get_by_label("チェック日（最低賃金・掲載期間の判定に使います）").fill("2026-11-15")
    page.get_by_role("button", name="チェックする").click()
    marks = page.locator("#ad-text mark.error")
    assert marks.count() >= 4
    text = page.locator("ol.findings").inner_text()
    for words in ("営業職", "最低賃金", "1,226円", "性別", "年齢"):
        assert words in text, words
    page.locator("#ad-text a.ref").first.click()
    wait_until(page, "location.hash.startsWith('#f-')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#h-result").scroll_into_view_if_needed()
    shot(page, "compliance-check-page-390", full_page=False)
