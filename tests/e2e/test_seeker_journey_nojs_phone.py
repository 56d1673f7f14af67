"""A first-time seeker's whole journey on a 390×844 phone with JavaScript switched off ("fast without JS"): she
signs up and confirms by the mailed link (real SMTP on loopback), fills her profile as a student with a café
アルバイト and a club, turns the part-time job into 経験 lines with 経験の棚卸し, makes a 履歴書 and a 職務経歴書 and
downloads both PDFs (their text is read), searches 「経理」 and finds a 経理担当者 posting, saves the search and gets
the new-job mail when a matching posting is published, favourites the posting, applies with her 職務経歴書 and sees
the application in マイページ. Each step is saved to test-artifacts/nojs-journey-*.png."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of
from bonavi.seekers.models import Application

PASSWORD = "Hajimete-no-Shukatsu-2026"
EMAIL = "misaki@example.jp"
EXPERIENCE = (
    "カフェでアルバイト2年。レジ締めと売上日報の作成、新人3名の教育を担当。"
    "大学の写真部で会計係を1年、部費12万円の管理と収支報告。"
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox


@pytest.fixture
def company(transactional_db) -> Organization:
    org = Organization.objects.create(
        name="株式会社あおば会計サービス", address="東京都品川区1-2-3", phone="03-3333-4444"
    )
    # Its 採用担当, who reads the 応募 (a company with none takes no 応募 through BOナビ).
    User.objects.create_user(email="hr@aoba.example", password=None, role=Role.EMPLOYER, organization=org)
    ago = timezone.now() - dt.timedelta(days=1)
    make_posting(org, title="経理担当者（未経験歓迎・研修あり）", employer_name=org.name, date_posted=ago)
    make_posting(
        org,
        title="人事アシスタント",
        subrole="hr_clerk",
        duties="入退社の手続き。",
        employer_name=org.name,
        date_posted=ago,
    )
    return org


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def lines_of(page: Any, selector: str) -> list[int]:
    """How many lines the text of each element matching `selector` takes (distinct tops of its text's boxes)."""
    return list(
        page.evaluate(
            """s => [...document.querySelectorAll(s)].map(e => {
                const r = document.createRange(); r.selectNodeContents(e);
                return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; })""",
            selector,
        )
    )


def word_lines(page: Any, selector: str, word: str) -> list[int]:
    """On how many lines `word` is laid out, in each element matching `selector` that holds it (2: cut inside)."""
    return list(
        page.evaluate(
            """([s, w]) => [...document.querySelectorAll(s)].filter(e => e.textContent.includes(w)).map(e => {
                const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); let n;
                while ((n = walker.nextNode()) && !n.data.includes(w));
                const at = n.data.indexOf(w), tops = new Set();
                for (let i = at; i < at + w.length; i++) {
                    const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                    tops.add(Math.round(r.getBoundingClientRect().top));
                }
                return tops.size; })""",
            [selector, word],
        )
    )


def _download(page: Any, name: str) -> PdfReader:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    path = ARTIFACTS / f"nojs-journey-{info.value.suggested_filename}"
    info.value.save_as(str(path))
    return PdfReader(io.BytesIO(path.read_bytes()))


def test_first_time_seeker_whole_journey_without_javascript(
    live_server, new_page, shot, company, smtp_inbox
) -> None:
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    base = live_server.url

    # 1. Sign up; the confirmation mail arrives through the real SMTP server.
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("メールアドレス").fill(EMAIL)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_label("パスワード（確認）").fill(PASSWORD)
    page.get_by_label("利用規約とプライバシーポリシー").check()
    assert fits(page)
    shot(page, "nojs-journey-01-signup")
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="確認メールを送信しました").is_visible()
    shot(page, "nojs-journey-02-sent")
    (confirmation,) = smtp_inbox.wait_for(1)
    link = re.search(r"http://\S+/accounts/signup/confirm/\S+/", text_of(confirmation))
    assert link is not None
    smtp_inbox.clear()
    page.goto(base + urlsplit(link.group(0)).path)
    shot(page, "nojs-journey-03-confirm")
    page.get_by_role("button", name="本登録を完了する").click()
    page.wait_for_load_state()
    assert page.get_by_text("本登録が完了しました").is_visible()
    assert fits(page)
    shot(page, "nojs-journey-04-welcome")

    # 2. Her profile, from マイページ: a student with a café アルバイト and a club (CAREERS.md §3, §5).
    page.get_by_role("link", name="プロフィールを編集").click()
    page.wait_for_load_state()
    shot(page, "nojs-journey-05-profile-empty")
    page.get_by_label("姓 応募に必要", exact=True).fill("佐藤")
    page.get_by_label("名 応募に必要", exact=True).fill("美咲")
    page.get_by_label("せい（ふりがな）").fill("さとう")
    page.get_by_label("めい（ふりがな）").fill("みさき")
    page.get_by_label("生年月日").fill("2004-06-12")
    page.get_by_label("電話番号").fill(
        "090-4444-555"
    )  # a digit short: refused, and nothing she typed is lost
    page.get_by_label("郵便番号").fill("140-0001")
    page.get_by_label("住所").fill("東京都品川区北品川1-1-1")
    page.get_by_label("現在の状況").select_option("student")
    rows = [
        ("education", "2020", "4", "東京都立みなみ高等学校 入学"),
        ("education", "2023", "3", "東京都立みなみ高等学校 卒業"),
    ]
    for i, (kind, year, month, text) in enumerate(rows):
        page.locator(f"#id_history-{i}-kind").select_option(kind)
        page.locator(f"#id_history-{i}-year").fill(year)
        page.locator(f"#id_history-{i}-month").fill(month)
        page.locator(f"#id_history-{i}-text").fill(text)
    page.locator("#id_qual-0-code").select_option("boki3")
    page.locator("#id_qual-0-acquired_year").fill("2025")
    page.locator("#id_qual-0-acquired_month").fill("6")
    # A choice's label keeps its words whole in the two-column boxes (「パート・アルバ／イト」 at 390 px).
    assert word_lines(page, "#field-desired_employment_types label", "アルバイト") == [1]
    page.get_by_label("パート・アルバイト").check()
    page.get_by_label("Excel ピボットテーブル").select_option("1")
    page.get_by_label("経験（アルバイト・サークル・ボランティアなど）").fill(EXPERIENCE)
    assert fits(page)
    shot(page, "nojs-journey-06-profile-filled")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert (
        page.locator("#form-errors").is_visible() and "電話番号" in page.locator("#form-errors").inner_text()
    )
    shot(page, "nojs-journey-06b-profile-refused")
    assert page.get_by_label("経験（アルバイト・サークル・ボランティアなど）").input_value() == EXPERIENCE
    assert page.locator("#id_history-1-text").input_value() == "東京都立みなみ高等学校 卒業"
    assert page.locator("#id_qual-0-code").input_value() == "boki3"
    assert page.get_by_label("パート・アルバイト").is_checked()
    assert page.get_by_label("Excel ピボットテーブル").input_value() == "1"
    page.get_by_label("電話番号").fill("090-4444-5555")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("プロフィールを保存しました").is_visible()
    shot(page, "nojs-journey-07-profile-saved")
    # 「行が足りないときは保存すると空欄の行が増えます」: the third 学歴 row, 大学 入学, after the save.
    page.locator("#id_history-2-kind").select_option("education")
    page.locator("#id_history-2-year").fill("2023")
    page.locator("#id_history-2-month").fill("4")
    page.locator("#id_history-2-text").fill("みなと大学 経済学部 入学")
    page.locator("#id_history-3-kind").select_option("work")
    page.locator("#id_history-3-year").fill("2023")
    page.locator("#id_history-3-month").fill("5")
    page.locator("#id_history-3-text").fill("カフェ青葉 アルバイト（ホールスタッフ）")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("プロフィールを保存しました").is_visible()
    user = User.objects.get(email=EMAIL)
    assert [e.text for e in user.seeker_profile.history.order_by("year", "month")][-1].startswith(
        "カフェ青葉"
    )

    # 3. 経験の棚卸し (careers' translator): her profile's 経験 turned into lines she can use.
    page.goto(f"{base}/careers/")
    shot(page, "nojs-journey-08-careers")
    page.goto(f"{base}/careers/translate/")
    box = page.get_by_label("経験の文章")
    assert EXPERIENCE in box.input_value()
    page.get_by_label("目標の職業（任意）").select_option("430")
    shot(page, "nojs-journey-09-translate")
    page.get_by_role("button", name="読み取る").click()
    page.wait_for_load_state()
    assert fits(page)
    shot(page, "nojs-journey-10-translated")
    # The gaps table's headers are whole words at 390 px (「人事労／務管理」, 「スキ／ル・知識」 were cut inside).
    assert page.locator("#gaps tbody th").count() >= 2
    assert max(lines_of(page, "#gaps tbody th, #gaps thead th:first-child")) == 1
    appeal = page.locator("#appeal-points").inner_text()
    assert "レジ締めと売上日報の作成" in appeal
    page.get_by_role("button", name="この結果を保存する").click()
    page.wait_for_load_state()
    assert fits(page)
    shot(page, "nojs-journey-11-translation-saved")

    # 4. 「書類に入れる」 before she has a document: the documents home says so and carries the result through
    # 「プロフィールから作成」 to choosing its sentences for the new 履歴書・職務経歴書 (no dead end at the editor).
    page.get_by_role("link", name="書類に入れる").click()
    page.wait_for_load_state()
    assert page.get_by_text("まだ書類がありません").first.is_visible()
    note = page.locator("#pending-insert")
    assert note.is_visible()
    # a note, in the info messages' blue: `.alert` alone is the error's red
    assert note.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(232, 240, 251)"
    assert fits(page)
    shot(page, "nojs-journey-12-documents-home")
    page.locator("#id_title").fill("経理 応募用")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/insert/?saved=*")
    assert page.get_by_text("続けて、経験の棚卸しから入れる文を選んでください").is_visible()
    # The text her lines came from is folded here (open on the 業務内容 page): its summary shows it opens.
    fold = page.locator("main details:not([class]) > summary", has_text="棚卸しに使った文章")
    assert "▸" in fold.evaluate("s => getComputedStyle(s, '::before').content")
    assert fits(page)
    shot(page, "nojs-journey-13-insert-pr")
    fold.click()
    assert page.locator("main details p.pre").first.is_visible()
    page.get_by_label("自己PRの文：", exact=False).first.check()
    page.get_by_label("自己PR（新しい段落として最後に追加）").check()
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=cv_text*")
    assert "経理の仕事でも活かせます" in page.locator("#id_self_pr").input_value()
    assert fits(page)
    shot(page, "nojs-journey-14-pr-added")

    # The café job's 業務内容 from the same result, through the same confirmation page.
    page.locator("#sec-work > summary").click()
    shot(page, "nojs-journey-15-editor-work")
    page.get_by_role("button", name="の結果から業務内容に入れる").click()
    page.wait_for_url("**/insert/**")
    assert fits(page)
    shot(page, "nojs-journey-16-insert-lines")
    page.get_by_label("あなたの文章から：レジ締めと売上日報の作成").check()
    page.get_by_label("あなたの文章から：新人3名の教育を担当").check()
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=work*")
    summary = page.locator("#id_work-0-summary").input_value().splitlines()
    assert summary[-2:] == ["レジ締めと売上日報の作成", "新人3名の教育を担当"]
    assert fits(page)
    shot(page, "nojs-journey-17-lines-added")
    shot(page, "nojs-journey-18-editor-viewport", full_page=False)

    rirekisho = _download(page, "履歴書（A4）")
    text = "\n".join(p.extract_text() for p in rirekisho.pages)
    for needle in (
        "佐藤 美咲",
        "東京都立みなみ高等学校 卒業",
        "みなと大学 経済学部 入学",
        "日本商工会議所簿記検定試験3級 合格",
    ):
        assert needle in text, needle
    cv = _download(page, "職務経歴書（A4）")
    cv_text = "\n".join(p.extract_text() for p in cv.pages)
    for needle in (
        "■職務経歴",
        "カフェ青葉",
        "レジ締めと売上日報の作成",
        "経理の仕事でも活かせます",
        "佐藤 美咲",
    ):
        assert needle in cv_text, needle

    # 5. Search 「経理」 from the header's link, as she would: the 経理担当者 posting is there, the 人事 one is not.
    page.get_by_role("link", name="求人を探す").first.click()
    page.wait_for_load_state()
    shot(page, "nojs-journey-19-search-form")
    page.get_by_role("searchbox").first.fill("経理")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_load_state()
    cards = page.locator(".job-card")
    assert cards.filter(has_text="経理担当者").count() == 1
    assert cards.filter(has_text="人事アシスタント").count() == 0
    assert fits(page)
    shot(page, "nojs-journey-20-results")

    # 6. Save the search (新着求人をメールで受け取る, 即時).
    page.get_by_text("この条件を保存（新着求人をメールで受け取る）").click()
    page.get_by_label("即時").check()
    shot(page, "nojs-journey-21-save-search")
    page.get_by_role("button", name="この条件を保存").click()
    page.wait_for_load_state()
    assert page.get_by_text("検索条件を保存しました").is_visible()
    assert fits(page)
    shot(page, "nojs-journey-22-search-saved")

    # 7. Back to the results by the saved search's link; favourite the posting (a plain form without JS).
    page.get_by_role("link", name="この条件で検索する").click()
    page.wait_for_load_state()
    card = page.locator(".job-card").filter(has_text="経理担当者")
    card.get_by_role("button", name=re.compile("お気に入りに追加")).click()
    page.wait_for_load_state()
    card = page.locator(".job-card").filter(has_text="経理担当者")
    assert card.get_by_role("button", name=re.compile("お気に入りから外す")).is_visible()
    assert [f.posting.title for f in user.favorites.all()] == ["経理担当者（未経験歓迎・研修あり）"]
    shot(page, "nojs-journey-23-favourited", full_page=False)
    shot(page, "nojs-journey-23b-favourited-full")

    # 8. The posting, then 応募 with her 職務経歴書.
    card.get_by_role("link", name=re.compile("経理担当者")).click()
    page.wait_for_load_state()
    assert fits(page)
    shot(page, "nojs-journey-24-posting")
    page.get_by_role("link", name="この求人に応募する").first.click()
    page.wait_for_load_state()
    assert fits(page)
    shot(page, "nojs-journey-25-apply")
    page.get_by_role("radio", name=re.compile("経理 応募用")).check()
    page.get_by_label("企業へのメッセージ（任意）").fill(
        "簿記3級を取得し、2級の勉強をしています。よろしくお願いいたします。"
    )
    page.get_by_role("button", name="応募する").click()
    page.wait_for_load_state()
    assert page.get_by_text("応募しました").first.is_visible()
    application = Application.objects.get(applicant=user)
    assert application.posting.title.startswith("経理担当者") and application.document_label
    assert fits(page)
    shot(page, "nojs-journey-26-applied")
    outbox_drain()  # 応募受付 to her, 新しい応募 to the company
    mine = [m for m in smtp_inbox.wait_for(2) if str(m["To"]) == EMAIL]
    assert len(mine) == 1 and "応募を受け付け" in text_of(mine[0])
    smtp_inbox.clear()

    # 9. A new matching posting is published; the sender's next pass mails it to her.
    fresh = make_posting(company, title="経理担当者（月次決算・新着）", employer_name=company.name)
    digests_prepare(now=timezone.now() + dt.timedelta(minutes=2))
    outbox_drain()
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == EMAIL
    body = text_of(mail)
    assert fresh.title in body and "経理担当者（未経験歓迎・研修あり）" not in body
    job_link = re.search(rf"http://\S+/jobs/{fresh.pk}/", body)
    assert job_link is not None, body
    page.goto(base + urlsplit(job_link.group(0)).path)
    assert page.get_by_role("heading", name=fresh.title).is_visible()
    shot(page, "nojs-journey-27-new-job-from-mail")

    # 10. マイページ: her application, with the document she sent.
    page.goto(f"{base}/me/")
    assert fits(page)
    shot(page, "nojs-journey-28-mypage")
    applied = page.locator("section", has_text="応募状況")
    assert applied.get_by_text("応募済").is_visible()
    applied.get_by_role("link", name=re.compile("経理担当者（未経験歓迎")).click()
    page.wait_for_load_state()
    page.get_by_text("送った応募書類").click()
    sent = page.locator("details", has_text="送った応募書類")
    assert "経理 応募用" in sent.inner_text()
    # as the 職務経歴書 prints them: her job an アルバイト, her Excel with its level
    assert "カフェ青葉（2023年5月～現在） アルバイト・ホールスタッフ" in sent.inner_text()
    assert "Excel ピボットテーブル：基本操作ができる" in sent.inner_text()
    assert fits(page)
    shot(page, "nojs-journey-29-application")
