"""An employer signs in on a phone, creates a posting, is told what is missing, completes it and publishes it;
an anonymous visitor finds it in the list and reads every condition; its JSON-LD parses."""

from __future__ import annotations

import json

from bonavi.jobs.models import JobPosting, PostingStatus
from tests.e2e.helpers import EMPLOYER_PASSWORD as PASSWORD
from tests.e2e.helpers import log_in


def test_employer_publishes_and_visitor_reads(
    live_server, phone, desktop, new_page, shot, employer_account
) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.wait_for_url("**/jobs/manage/")
    page.get_by_role("link", name="求人を作成する").click()

    # A first, incomplete draft: no 変更の範囲, no 受動喫煙対策.
    page.get_by_label("求人タイトル").fill("経理スタッフ（未経験歓迎・土日祝休み）")
    page.get_by_label("職種", exact=True).select_option("accounting_clerk")
    page.get_by_label("雇用形態").select_option("seishain")
    page.get_by_label("業務内容（雇入れ直後）").fill(
        "請求書の発行、入金の確認、会計ソフトへの仕訳入力をお任せします。"
    )
    page.get_by_label("都道府県").select_option("14")
    page.get_by_label("市区町村").fill("横浜市西区")
    page.get_by_label("番地・建物名").fill("みなとみらい2-2-1")
    page.get_by_label("試用期間あり").check()
    page.get_by_label("試用期間（か月）").fill("3")
    page.get_by_label("試用期間中の条件").fill("本採用と同条件")
    page.get_by_label("始業時刻").fill("09:00")
    page.get_by_label("終業時刻").fill("17:30")
    page.get_by_label("休憩時間（分）").fill("60")
    page.get_by_label("休日", exact=True).select_option("weekends")
    page.get_by_label("年間休日").fill("124")
    page.get_by_label("賃金の単位").select_option("month")
    # Typed as people write amounts (a number box would not take 「22万」 or 「260,000」).
    page.get_by_label("賃金（下限・円）").fill("22万")
    page.get_by_label("賃金（上限・円）").fill("260,000")
    for name in ("雇用保険", "労災保険", "健康保険", "厚生年金"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("未経験歓迎").check()
    page.get_by_role("button", name="保存してプレビュー").click()

    page.wait_for_url("**/preview/")
    errors = page.locator("#findings-errors")
    assert errors.is_visible()
    for item in ("業務の変更の範囲", "就業場所の変更の範囲", "受動喫煙対策"):
        assert item in errors.inner_text()
    shot(page, "employer-preview-missing-items-390")

    # 公開する would be refused: not offered; each problem links to its field in the edit form.
    assert page.get_by_role("button", name="公開する").count() == 0
    assert page.locator("#publish-blocked").is_visible()
    errors.get_by_role("link", name="業務内容の変更の範囲").click()
    page.wait_for_url("**/edit/#id_duties_change_scope")
    assert page.get_by_label("業務内容の変更の範囲").is_visible()
    posting = JobPosting.objects.get()
    assert posting.status == PostingStatus.DRAFT
    assert (posting.wage_min, posting.wage_max) == (220_000, 260_000)

    page.get_by_label("業務内容の変更の範囲").fill("会社の定める業務")
    page.get_by_label("就業場所の変更の範囲").fill("会社の定める場所（テレワークを含む）")
    page.get_by_label("受動喫煙対策", exact=True).select_option("indoor_ban")
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_url("**/preview/")
    assert page.locator("#findings-errors").count() == 0
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url(f"**/jobs/{posting.pk}/")
    assert "求人を公開しました" in page.content()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED

    # An anonymous visitor, on a desktop and on a phone.
    for visitor, label in ((desktop, "desktop"), (new_page(390, 844, is_mobile=True), "390")):
        visitor.goto(f"{live_server.url}/jobs/")
        visitor.get_by_role("link", name="経理スタッフ（未経験歓迎・土日祝休み）", exact=True).click()
        visitor.wait_for_url(f"**/jobs/{posting.pk}/")
        text = visitor.locator("main").inner_text()
        for condition in (
            "請求書の発行",
            "会社の定める業務",
            "神奈川県横浜市西区みなとみらい2-2-1",
            "会社の定める場所（テレワークを含む）",
            "期間の定めなし",
            "あり（3か月）",
            "9:00〜17:30",
            "60分",
            "年間休日124日",
            "月給220,000円〜260,000円",
            "雇用保険・労災保険・健康保険・厚生年金",
            "屋内禁煙",
            "株式会社みなと会計サービス",
            "情報更新日",
        ):
            assert condition in text, condition
        shot(visitor, f"visitor-job-detail-{label}")
        raw = visitor.locator('script[type="application/ld+json"]').text_content()
        data = json.loads(raw or "")
        assert data["@type"] == "JobPosting"
        for key in (
            "title",
            "description",
            "datePosted",
            "validThrough",
            "hiringOrganization",
            "jobLocation",
            "baseSalary",
            "employmentType",
            "identifier",
            "directApply",
        ):
            assert key in data, key
        assert data["baseSalary"]["value"]["minValue"] == 220000
        # Nothing overflows the phone screen sideways.
        if label == "390":
            assert visitor.evaluate("document.documentElement.scrollWidth") <= 390
