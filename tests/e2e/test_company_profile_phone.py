"""On a phone: the employer fills in the company profile (ADR 0103) and sees it on the company page; a draft's
edit page, opened from the preview's link, shows the problem beside the field; 「募集を終了する」 needs its tick."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting
from tests.e2e.helpers import log_in

PASSWORD = "Saiyou-Tantou-2026"


@pytest.fixture
def employer_account(transactional_db) -> User:
    org = Organization.objects.create(
        name="株式会社みなと会計サービス", address="東京都港区芝公園2-2", phone="03-1111-2222"
    )
    return User.objects.create_user(
        email="hr@minato.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )


def test_company_profile_edit_page_findings_and_close_on_a_phone(
    live_server, phone, shot, employer_account
) -> None:
    page = phone
    org = employer_account.organization
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/accounts/")
    page.get_by_label("事業内容").fill("中小企業向けの経理・給与計算の受託、クラウド会計の導入支援")
    page.get_by_label("従業員数").fill("120")
    # 設立: a 年 box and a 月 select on one line under the group's name (no <input type=month>, a bare text box in
    # some browsers), each a 44 px target
    founded = page.get_by_role("group", name="設立（年月）")
    founded.get_by_role("textbox", name="年").fill("平成17")
    founded.get_by_role("combobox", name="月").select_option("4")
    boxes = [
        founded.get_by_role(r, name=n).bounding_box() for r, n in (("textbox", "年"), ("combobox", "月"))
    ]
    assert all(b["height"] >= 44 and b["width"] >= 44 and b["x"] + b["width"] <= 390 for b in boxes), boxes
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2, boxes  # side by side, as 「平成17 年 4 月」 on paper
    founded.scroll_into_view_if_needed()
    shot(page, "company-profile-founded-390", full_page=False)
    page.get_by_label("資本金", exact=True).fill("3000万円")
    page.get_by_label("会社URL").fill("minato.example")  # no scheme: refused beside the field
    page.get_by_label("会社の特徴").fill("20代〜50代が活躍中。残業は月10時間ほどで、在宅勤務も選べます。")
    page.get_by_role("button", name="会社情報を保存する").click()
    error = page.locator("#id_website_error")
    assert "https://" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "id_website"
    shot(page, "company-profile-form-refused-390")
    page.get_by_label("会社URL").fill("https://minato.example/")
    page.get_by_role("button", name="会社情報を保存する").click()
    page.wait_for_url("**/accounts/")
    assert page.locator(".messages, [role=status]").first.is_visible()
    assert founded.get_by_role("textbox", name="年").input_value() == "2005"  # shown back as stored
    assert founded.get_by_role("combobox", name="月").input_value() == "4"

    public = make_posting(org, title="経理事務（月次決算）", employer_name=org.name)
    page.goto(f"{live_server.url}/companies/{org.pk}/")
    profile = page.locator("#company-profile-h").locator("xpath=..")
    for shown in ("クラウド会計の導入支援", "120人", "2005年4月", "3,000万円", "https://minato.example/"):
        assert shown in profile.inner_text(), shown
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "company-page-profile-390")

    draft = make_posting(
        org,
        status=PostingStatus.DRAFT,
        title="営業マン（経理兼任）",
        duties_change_scope="",
        required_experience="転居を伴う転勤に応じられる方",
    )
    page.goto(f"{live_server.url}/jobs/manage/{draft.pk}/preview/")
    page.locator("#findings-errors").get_by_role("link", name="求人タイトル").click()
    page.wait_for_url("**/edit/#id_title")
    title_error = page.locator("#id_title_error")
    assert title_error.is_visible() and "営業職" in title_error.inner_text()
    assert page.evaluate("document.activeElement.id") != "id_duties_change_scope"  # no autofocus elsewhere
    shot(page, "posting-edit-findings-390", full_page=False)
    page.goto(f"{live_server.url}/jobs/manage/{draft.pk}/edit/")
    shot(page, "posting-edit-findings-top-390", full_page=False)

    page.goto(f"{live_server.url}/jobs/manage/{public.pk}/preview/")
    page.get_by_role(
        "button", name="募集を終了する"
    ).click()  # the box is `required`: the browser holds the post
    page.wait_for_timeout(300)
    assert page.url.endswith("/preview/")
    assert JobPosting.objects.get(pk=public.pk).status == PostingStatus.PUBLISHED
    shot(page, "posting-close-confirm-390", full_page=False)
    page.get_by_label("この求人の募集を終了します", exact=False).check()
    page.get_by_role("button", name="募集を終了する").click()
    page.wait_for_url("**/jobs/manage/")
    assert JobPosting.objects.get(pk=public.pk).status == PostingStatus.CLOSED
