"""A job seeker on a phone (390 px): signs up, fills the profile, searches, saves the search, favourites three
jobs, compares them, applies to one. Then a new matching posting is published; the digest worker sends the
e-mail through a real SMTP server on loopback, it names the right job, and its unsubscribe link works in a
browser that is not logged in."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from bonavi.accounts.models import Organization, Role, User
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import SavedSearch
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of
from bonavi.seekers.models import Application, ConsentRecord, SeekerProfile

PASSWORD = "Kyuushoku-Katsudou-2026"
smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox


@pytest.fixture
def postings(transactional_db):
    org = Organization.objects.create(
        name="株式会社みどり商事", address="東京都港区1-1", phone="03-1111-2222"
    )
    # Its 採用担当, who reads the 応募 (ADR 0143: a company with none takes no 応募 through BOナビ).
    User.objects.create_user(email="hr@midori.example", password=None, role=Role.EMPLOYER, organization=org)
    ago = timezone.now() - dt.timedelta(days=1)
    return [
        make_posting(org, title="経理スタッフ（月給・土日祝休み）", date_posted=ago),
        make_posting(
            org,
            title="経理アシスタント（時給・週4日）",
            employment_type="part",
            wage_unit="hour",
            wage_min=1400,
            wage_max=None,
            scheduled_monthly_hours=112,
            date_posted=ago,
        ),
        make_posting(
            org,
            title="経理事務（残業なし）",
            overtime_exists=False,
            overtime_monthly_hours=None,
            annual_holidays=128,
            date_posted=ago,
        ),
        make_posting(
            org,
            title="人事スタッフ",
            subrole="hr_clerk",
            duties="入退社の手続きと社会保険の届出。",
            date_posted=ago,
        ),
    ]


def test_seeker_journey_on_a_phone(live_server, phone, new_page, shot, postings, smtp_inbox) -> None:
    page = phone
    base = live_server.url

    # Sign up: the purposes of use are shown and consent is recorded.
    page.goto(f"{base}/accounts/signup/")
    assert page.get_by_text("新着求人を、選んだ頻度でメールでお知らせするため").is_visible()
    page.get_by_label("メールアドレス").fill("hanako@example.jp")
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_label("パスワード（確認）").fill(PASSWORD)
    page.get_by_label("利用規約とプライバシーポリシー").check()
    shot(page, "seeker-1-signup")
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state()
    # 仮登録: a page says what to do next, and the confirmation mail arrives through the real SMTP server.
    assert page.get_by_role("heading", name="確認メールを送信しました").is_visible()
    assert page.get_by_text("hanako@example.jp").is_visible()
    shot(page, "seeker-1b-signup-sent")
    assert not User.objects.filter(email="hanako@example.jp").exists()
    (confirmation,) = smtp_inbox.wait_for(1)
    assert confirmation["To"] == "hanako@example.jp" and "本登録" in str(confirmation["Subject"])
    link = re.search(r"http://\S+/accounts/signup/confirm/\S+/", text_of(confirmation))
    assert link is not None
    smtp_inbox.clear()
    # The link is built on SITE_URL; the path is opened on the live server.
    page.goto(base + urlsplit(link.group(0)).path)
    page.get_by_role("button", name="本登録を完了する").click()
    page.wait_for_load_state()
    assert page.get_by_text("本登録が完了しました").is_visible()
    user = User.objects.get(email="hanako@example.jp")
    assert ConsentRecord.objects.filter(user=user).exists()

    # Profile.
    page.goto(f"{base}/me/profile/")
    page.get_by_label("姓 応募に必要", exact=True).fill("鈴木")
    page.get_by_label("名 応募に必要", exact=True).fill("花子")
    page.get_by_label("せい（ふりがな）").fill("すずき")
    page.get_by_label("めい（ふりがな）").fill("はなこ")
    page.get_by_label("電話番号").fill("090-2222-3333")
    page.get_by_label("現在の状況").select_option("student")
    page.get_by_label("Excel ピボットテーブル").select_option("1")
    page.get_by_label("経験（アルバイト・サークル・ボランティアなど）").fill(
        "書店のアルバイトで棚卸しを2年担当"
    )
    # 希望年収 is in 万円, but 「450万円」 as people type it is read too (a number box refused the 万).
    page.get_by_label("希望年収（万円）").fill("450万円")
    shot(page, "seeker-2-profile")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("プロフィールを保存しました").is_visible()
    assert SeekerProfile.objects.get(user=user).desired_annual_income == 450

    # Search and save the search.
    page.goto(f"{base}/search/?q=経理")
    accounting = [p.title for p in postings[:3]]
    # Highlighted titles are shown NFKC-normalised, so cards are found by the words before the brackets.
    short = [title.split("（")[0] for title in accounting]
    for name in short:
        assert page.locator(".job-card h3", has_text=name).count() == 1
    assert page.locator(".job-card h3", has_text="人事スタッフ").count() == 0
    # folded into one tab stop before the results
    page.get_by_text("この条件を保存（新着求人をメールで受け取る）").click()
    page.get_by_label("即時").check()
    shot(page, "seeker-3-search")
    page.get_by_role("button", name="この条件を保存").click()
    page.wait_for_load_state()
    assert page.get_by_text("検索条件を保存しました").is_visible()
    search = SavedSearch.objects.get(user=user)
    assert search.query == "q=%E7%B5%8C%E7%90%86" and search.frequency == "instant"

    # Favourite the three 経理 jobs from the results: favorite.js changes each button in place (no reload).
    page.goto(f"{base}/search/?q=経理")
    for name in short:
        card = page.locator(".job-card").filter(has=page.locator("h3", has_text=name))
        card.get_by_role("button", name=re.compile("お気に入りに追加")).click()
        card.get_by_role("button", name=re.compile("お気に入りから外す")).wait_for()
    assert sorted(f.posting.title for f in user.favorites.all()) == sorted(accounting)
    page.goto(f"{base}/search/?q=経理")
    assert page.get_by_role("button", name=re.compile("お気に入りから外す")).count() == 3
    shot(page, "seeker-4-favourited")

    # Compare them.
    page.goto(f"{base}/me/favorites/")
    for box in page.get_by_label("比較する").all():
        box.check()
    page.get_by_role("button", name="選んだ求人を比較").click()
    page.wait_for_load_state()
    assert "求人の比較（3件）" in page.content()
    pay_row = page.locator(".cmp-row").first
    assert "給与（月給に換算）" in pay_row.inner_text() and "（換算）" in pay_row.inner_text()
    assert page.locator(".cmp-row.differs").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # readable without sideways scrolling
    shot(page, "seeker-5-compare")

    # Apply to one.
    page.get_by_role("link", name="経理事務（残業なし）").click()
    page.get_by_role("link", name="この求人に応募する").first.click()
    page.get_by_label("企業へのメッセージ（任意）").fill("簿記3級の勉強中です。よろしくお願いいたします。")
    shot(page, "seeker-6-apply")
    page.get_by_role("button", name="応募する").click()
    page.wait_for_load_state()
    assert page.get_by_text("応募しました").is_visible()
    application = Application.objects.get(applicant=user)
    assert application.posting.title == "経理事務（残業なし）"
    shot(page, "seeker-7-application")
    outbox_drain()  # 応募受付 to her, and 新しい応募 to the company's 採用担当
    [received] = [m for m in smtp_inbox.wait_for(2) if str(m["To"]) == "hanako@example.jp"]
    assert str(received["To"]) == "hanako@example.jp" and "応募を受け付け" in text_of(received)
    smtp_inbox.clear()

    # A new matching posting arrives; the worker's next pass (two minutes on) mails it.
    org = postings[0].organization
    fresh = make_posting(org, title="経理・財務スタッフ（新着）")
    make_posting(org, title="経理（非公開の新着）", visibility="private")
    later = timezone.now() + dt.timedelta(minutes=2)
    digests_prepare(now=later)
    outbox_drain()
    [mail] = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == "hanako@example.jp"
    body = text_of(mail)
    assert fresh.title in body and "非公開" not in body
    assert "経理スタッフ（月給・土日祝休み）" not in body  # already there when the search was saved
    link = re.search(r"この条件のメールを停止する：\s*(\S+)", body)
    assert link is not None

    # The unsubscribe link works in a browser that is not logged in.
    stranger = new_page(390, 844, is_mobile=True, has_touch=True)
    stranger.goto(link.group(1).replace("http://127.0.0.1:8000", base))
    shot(stranger, "seeker-8-unsubscribe")
    stranger.get_by_role("button", name="メールを停止する").click()
    stranger.wait_for_load_state()
    assert stranger.get_by_text("新着求人メールを停止しました").is_visible()
    shot(stranger, "seeker-9-unsubscribed")
    search.refresh_from_db()
    assert search.frequency == "off"
