"""A new small company's whole journey on a 390 px phone with JavaScript switched off (ADR 0156, s20): sign-up as
an employer confirmed by the mailed link (real SMTP), the company profile, a 経理事務 posting first refused for
「女性のみ」 and then fixed, previewed and published; an anonymous visitor finds it by 「経理」; a seeker applies; the
employer is mailed, opens the applicant, writes, sets a 面接 with a date, gives 内定, and ends the posting."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from bonavi.accounts.models import Role, User
from bonavi.core import clock
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of
from bonavi.seekers.models import Application, ApplicationStatus
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Hajimete-Saiyou-2026"
smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox

TITLE = "経理事務（月次決算の補助・残業少なめ）"


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _go(page, name: str, shot, step: list[int]) -> None:
    step[0] += 1
    _fits(page)
    shot(page, f"employer-nojs-{step[0]:02d}-{name}")


@pytest.fixture
def seeker(transactional_db) -> User:
    from bonavi.seekers import services

    user = User.objects.create_user(email="hanako@seeker.example", password=PASSWORD, role=Role.SEEKER)
    services.profile_update(
        user=user,
        data={
            "family_name": "山田",
            "given_name": "花子",
            "family_name_kana": "やまだ",
            "given_name_kana": "はなこ",
            "phone": "090-1234-5678",
        },
    )
    return user


def test_a_new_employer_walks_the_whole_journey_without_javascript(
    live_server, new_page, shot, smtp_inbox, seeker
) -> None:
    base = live_server.url
    step = [0]
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)

    # 1. Sign-up as an employer: the header's 新規登録, then the form for companies.
    page.goto(f"{base}/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="新規登録").click()
    page.get_by_role("link", name="採用担当の新規登録").click()
    page.wait_for_load_state()
    page.get_by_label("会社名").fill("株式会社あおば経理サポート")
    page.get_by_label("お名前（表示名）").fill("青葉 一郎")
    page.get_by_label("メールアドレス").fill("saiyou@aoba.example")
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_label("パスワード（確認）").fill(PASSWORD)
    page.get_by_label("利用規約とプライバシーポリシー").check()
    _go(page, "signup", shot, step)
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="確認メールを送信しました").is_visible()
    _go(page, "signup-sent", shot, step)
    (confirmation,) = smtp_inbox.wait_for(1)
    link = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", text_of(confirmation))
    assert link is not None
    smtp_inbox.clear()
    page.goto(base + urlsplit(link.group(0)).path)
    _go(page, "confirm", shot, step)
    page.get_by_role("button", name="本登録を完了する").click()
    page.wait_for_load_state()
    assert page.get_by_text("本登録が完了しました").is_visible()
    _go(page, "confirmed", shot, step)
    employer = User.objects.get(email="saiyou@aoba.example")
    assert employer.role == Role.EMPLOYER and employer.organization is not None

    # 2. The company profile (会社概要). 求人管理, her first page, says that 所在地 and 連絡先 are still missing
    # (sign-up asked only the name) and leads there; without them each posting would be refused at its preview.
    missing = page.locator("#org-missing")
    assert "会社の所在地・連絡先がまだ登録されていません" in missing.inner_text()
    missing.get_by_role("link", name="アカウントの「会社情報」").click()
    page.wait_for_url("**/accounts/#org-heading")
    page.get_by_label("所在地").fill("東京都台東区上野1-2-3")
    page.get_by_label("電話番号").fill("03-5555-0101")
    page.get_by_label("連絡先メール").fill("saiyou@aoba.example")
    page.get_by_label("事業内容").fill("中小企業の記帳代行・給与計算・年末調整の受託")
    page.get_by_label("従業員数").fill("12人")
    founded = page.get_by_role("group", name="設立（年月）")  # a 年 box and a 月 select
    founded.get_by_role("textbox", name="年").fill("2015")
    founded.get_by_role("combobox", name="月").select_option("4")
    page.get_by_label("資本金", exact=True).fill("500万円")
    page.get_by_label("会社の特徴").fill("少人数で、月次の締めを全員で分担しています。在宅勤務は週2日まで。")
    _go(page, "company-profile", shot, step)
    page.get_by_role("button", name="会社情報を保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("会社情報を保存しました").is_visible()
    assert page.get_by_label("資本金", exact=True).input_value() == "500万円"  # not 「5000000」
    _go(page, "company-profile-saved", shot, step)
    page.get_by_role("link", name="採用担当の管理（同僚の招待・外す）").click()
    page.wait_for_load_state()
    assert "青葉 一郎（あなた）" in page.locator("main").inner_text()
    _go(page, "team", shot, step)

    # 3. A 経理事務 posting that first says 「女性のみ」. Back to 求人管理 by the menu, a <details> (no JS needed).
    page.locator("details.menu > summary").click()
    page.locator("details.menu").get_by_role("link", name="求人管理").click()
    page.wait_for_load_state()
    assert page.locator("#org-missing").count() == 0
    page.get_by_role("link", name="求人を作成する").click()
    page.wait_for_load_state()
    # The 募集者 boxes already show the company's details (shown empty, they read as still to be typed).
    assert page.get_by_label("募集者の名称").input_value() == "株式会社あおば経理サポート"
    assert page.get_by_label("募集者の所在地").input_value() == "東京都台東区上野1-2-3"
    assert page.get_by_label("連絡先（電話・メール）").input_value() == "03-5555-0101"
    page.get_by_label("求人タイトル").fill(TITLE)
    page.get_by_label("職種", exact=True).select_option("accounting_clerk")
    page.get_by_label("雇用形態").select_option("seishain")
    page.get_by_label("業務内容（雇入れ直後）").fill(
        "請求書の発行、入金の確認、会計ソフトへの仕訳入力をお任せします。女性のみ募集しています。"
    )
    page.get_by_label("業務内容の変更の範囲").fill("会社の定める業務")
    page.get_by_label("都道府県").select_option("13")
    page.get_by_label("市区町村").fill("台東区")
    page.get_by_label("番地・建物名").fill("上野1-2-3")
    page.get_by_label("就業場所の変更の範囲").fill("会社の定める場所（テレワークを含む）")
    page.get_by_label("始業時刻").fill("09:00")
    page.get_by_label("終業時刻").fill("18:00")
    page.get_by_label("休憩時間（分）").fill("60")
    page.get_by_label("休日", exact=True).select_option("weekends")
    page.get_by_label("年間休日").fill("125")
    page.get_by_label("賃金の単位").select_option("month")
    page.get_by_label("賃金（下限・円）").fill("23万")
    page.get_by_label("賃金（上限・円）").fill("28万")
    for name in ("雇用保険", "労災保険", "健康保険", "厚生年金"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("受動喫煙対策", exact=True).select_option("indoor_ban")
    _go(page, "posting-form", shot, step)
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_load_state()
    # Refused in Japanese, naming the words and the law; no 公開する; the link leads to the field.
    errors = page.locator("#findings-errors")
    assert "「女性のみ」は性別を限定" in errors.inner_text() and "男女雇用機会均等法" in errors.inner_text()
    assert page.get_by_role("button", name="公開する").count() == 0
    _go(page, "posting-refused", shot, step)
    posting = JobPosting.objects.get()
    assert posting.status == PostingStatus.DRAFT
    errors.get_by_role("link", name="業務内容（雇入れ直後）").click()
    page.wait_for_url("**/edit/#id_duties")
    duties = page.get_by_label("業務内容（雇入れ直後）")
    assert "女性のみ" in duties.input_value()  # what she typed is still there
    # The stored wages come back with their thousands marked, not as 「230000」.
    assert page.get_by_label("賃金（下限・円）").input_value() == "230,000"
    assert page.get_by_label("賃金（上限・円）").input_value() == "280,000"
    _go(page, "posting-edit-again", shot, step)
    duties.fill("請求書の発行、入金の確認、会計ソフトへの仕訳入力をお任せします。性別・年齢不問です。")
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_url("**/preview/")
    assert page.locator("#findings-errors").count() == 0
    _go(page, "posting-preview", shot, step)
    page.get_by_role("button", name="公開する").click()
    page.wait_for_url(f"**/jobs/{posting.pk}/")
    assert page.get_by_text("求人を公開しました").first.is_visible()
    _go(page, "posting-published", shot, step)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED

    # 4. An anonymous visitor finds it by 「経理」 (no JS either).
    visitor = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    visitor.goto(f"{base}/search/?q=経理")
    card = visitor.locator(".job-card", has=visitor.locator("h3", has_text="経理事務"))
    assert card.count() == 1 and "株式会社あおば経理サポート" in card.inner_text()
    _go(visitor, "visitor-search", shot, step)
    card.locator("h3 a").click()
    visitor.wait_for_url(f"**/jobs/{posting.pk}/")
    assert "少人数で、月次の締めを全員で分担" in visitor.locator("main").inner_text()  # 企業情報
    _go(visitor, "visitor-detail", shot, step)

    # 5. The seeker applies, without JS.
    theirs = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(theirs, base, seeker.email, PASSWORD)
    theirs.goto(f"{base}/jobs/{posting.pk}/")
    theirs.get_by_role("link", name="この求人に応募する").first.click()
    theirs.wait_for_load_state()
    theirs.get_by_label("企業へのメッセージ（任意）").fill(
        "簿記2級を持っています。よろしくお願いいたします。"
    )
    _go(theirs, "seeker-apply", shot, step)
    theirs.get_by_role("button", name="応募する").click()
    theirs.wait_for_load_state()
    assert theirs.get_by_text("応募しました").first.is_visible()
    application = Application.objects.get(applicant=seeker)
    outbox_drain()
    mails = smtp_inbox.wait_for(2)
    [notice] = [m for m in mails if str(m["To"]) == "saiyou@aoba.example"]
    body = text_of(notice)
    assert TITLE in body
    found = re.search(r"https?://\S+/applicants/\d+/", body)
    assert found is not None
    smtp_inbox.clear()

    # 6. The employer opens the applicant from the mail — read on the phone's mail app, so a browser not logged
    # in: the login form, then the applicant — writes, sets 面接 with a date, then 内定.
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    page.goto(base + urlsplit(found.group(0)).path)
    assert "/accounts/login/" in page.url
    # The page says why she is asked to log in.
    assert "応募者の情報を見るには" in page.locator("#login-reason").inner_text()
    page.get_by_label("メールアドレス").fill("saiyou@aoba.example")
    page.get_by_label("パスワード").fill(PASSWORD)
    _go(page, "login-from-mail", shot, step)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/applicants/{application.pk}/")
    assert "山田 花子" in page.locator("main").inner_text()
    _go(page, "applicant", shot, step)
    page.locator("#messages textarea").fill("ご応募ありがとうございます。面接の日程をご相談させてください。")
    page.locator("#messages").get_by_role("button", name="送信する").click()
    page.wait_for_load_state()
    assert "面接の日程をご相談させてください" in page.locator("#messages").inner_text()
    _go(page, "applicant-message-sent", shot, step)
    day = clock.today_jst() + dt.timedelta(days=7)
    page.get_by_label("次の状況").select_option("interview")
    page.locator("#move-interview > summary").click()  # folded until wanted (ADR 0160 addendum)
    page.locator("#id_iv-starts_at").fill(f"{day:%Y-%m-%d}T14:00")
    page.locator("#id_iv-ends_at").fill(f"{day:%Y-%m-%d}T15:00")
    page.locator("#id_iv-place").fill("東京都台東区上野1-2-3 あおばビル2階")
    _go(page, "applicant-interview-form", shot, step)
    page.get_by_role("button", name="更新する").click()
    page.wait_for_load_state()
    assert "14:00〜15:00" in page.locator("#interview").inner_text()
    _go(page, "applicant-interview-set", shot, step)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    page.get_by_label("次の状況").select_option("offer")
    page.locator("#move-offer > summary").click()
    _go(page, "applicant-offer-form", shot, step)
    page.get_by_role("button", name="更新する").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OFFER
    _go(page, "applicant-offer", shot, step)

    # 7. The posting ends (募集終了) from 求人管理's row.
    page.goto(f"{base}/jobs/manage/")
    row = page.locator(".cards > .card", has_text=TITLE)
    row.locator("details.close-posting > summary").click()
    row.get_by_role("checkbox").check()
    _go(page, "manage-close", shot, step)
    row.get_by_role("button", name="募集を終了する").click()
    page.wait_for_load_state()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    # The notice points to the button in this list (it used to send her to the preview for it).
    notice = page.locator(".messages").inner_text()
    assert f"「{TITLE}」の募集を終了しました" in notice and "この一覧の「募集を再開する」" in notice
    assert row.get_by_role("button", name=f"「{TITLE}」の募集を再開する").is_visible()
    _go(page, "manage-closed", shot, step)

    # The seeker was told each step by mail, once: the message, the 面接 with its date, the 内定.
    outbox_drain()
    told = [text_of(m) for m in smtp_inbox.wait_for(3) if str(m["To"]) == seeker.email]
    assert len(told) == 3
    assert "面接の日程をご相談させてください" in told[0]
    assert f"{day.year}年{day.month}月{day.day}日" in told[1] and "14:00〜15:00" in told[1]
    assert "「内定」になりました" in told[2]
