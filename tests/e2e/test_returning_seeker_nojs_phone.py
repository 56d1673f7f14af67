"""A returning seeker's housekeeping on a 390×844 phone with JavaScript switched off (ADR 0156, addendum s21). She
has an account, a profile, a saved search with its new-job mail, two applications and a 職務経歴書. She mistypes
her password until the login is throttled, resets it by the mailed link (real SMTP on loopback) and logs in; opens
the new-job mail, reads the posting it names, stops that mail from the mail's own link without logging in and
turns it back on from her saved searches; changes the search's condition; adds a 職歴 row and 希望条件 to her
profile; checks her document; withdraws one application with a reason (kept when she forgets the tick); downloads マイデータ (JSON and CSV) and reads
it; and finally 退会: after it she cannot log in, no new-job mail is made for her, and the company's page of her
application says what became of it. Each step is saved to test-artifacts/returning-*.png."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from bonavi.accounts.models import Organization, Role, User
from bonavi.documents import services as documents
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications import services as alerts
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import Frequency, OutboxMessage, SavedSearch
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests import smtp
from bonavi.notifications.tests.smtp import text_of
from bonavi.seekers import services
from bonavi.seekers.models import Application, ApplicationStatus

from .helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Mata-Kimashita-2026"
NEW_PASSWORD = "Atarashii-Aikotoba-2027"
HR_PASSWORD = "Saiyou-Tantou-2026"
EMAIL = "misaki.sato@example.jp"
REASON = "他社の内定を承諾したため、辞退いたします。"
RESUME = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume" / "clean.json"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
smtp_server = smtp.smtp_server  # fixtures: a real SMTP server on loopback, and Django pointed at it
smtp_inbox = smtp.smtp_inbox


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def small_targets(page: Any) -> list[str]:
    """Visible links, buttons and boxes in <main> less than 44 px tall whose own box is what one taps (a link
    inside running text is exempt, as WCAG 2.5.8 allows)."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll(
                    'main button, main .btn, main input[type=submit], main summary, main select')]
                .filter(e => e.offsetParent !== null && !e.closest('[aria-hidden=true]')
                    && e.getBoundingClientRect().height < 44)
                .map(e => (e.textContent || e.name || e.tagName).trim().slice(0, 30))"""
        )
    )


@pytest.fixture
def world(transactional_db) -> dict[str, Any]:
    """Her account as she left it: a profile with one 職歴, a saved 「経理」 search mailed at once, applications to
    two companies' 経理 postings (the first with her 職務経歴書), and that document."""
    aoba = Organization.objects.create(
        name="株式会社あおば会計サービス", address="東京都品川区1-2-3", phone="03-3333-4444"
    )
    hr = User.objects.create_user(
        email="hr@aoba.example", password=HR_PASSWORD, role=Role.EMPLOYER, organization=aoba
    )
    kaede = Organization.objects.create(
        name="かえで物産株式会社", address="東京都台東区4-5-6", phone="03-5555-6666"
    )
    User.objects.create_user(email="hr@kaede.example", password=None, role=Role.EMPLOYER, organization=kaede)
    ago = timezone.now() - dt.timedelta(days=3)
    first = make_posting(aoba, title="経理スタッフ（月次決算）", employer_name=aoba.name, date_posted=ago)
    second = make_posting(kaede, title="経理・総務アシスタント", employer_name=kaede.name, date_posted=ago)
    seeker = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.SEEKER)
    services.profile_update(
        user=seeker,
        data={
            "family_name": "佐藤",
            "given_name": "美咲",
            "family_name_kana": "さとう",
            "given_name_kana": "みさき",
            "phone": "090-2345-6789",
            "postal_code": "140-0001",
            "address": "東京都品川区北品川2-2-2",
        },
        history=[
            {"kind": "education", "year": 2021, "month": 3, "text": "みなと大学 経済学部 卒業"},
            {"kind": "work", "year": 2021, "month": 4, "text": "株式会社ミナト食品 入社（営業事務）"},
        ],
    )
    document = documents.version_create(
        owner=seeker, title="経理職用の職務経歴書", data=json.loads(RESUME.read_text(encoding="utf-8"))
    )
    search = alerts.saved_search_create(user=seeker, query="q=経理", frequency=Frequency.INSTANT)
    applied = services.application_create(
        user=seeker, posting_id=first.pk, message="よろしくお願いいたします。", document_id=document.pk
    )
    other = services.application_create(user=seeker, posting_id=second.pk)
    return {
        "seeker": seeker,
        "hr": hr,
        "aoba": aoba,
        "document": document,
        "search": search,
        "applied": applied,
        "other": other,
    }


def test_returning_seeker_housekeeping_without_javascript(
    live_server, new_page, shot, world, smtp_inbox
) -> None:
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    base = live_server.url
    outbox_drain()
    smtp_inbox.clear()

    small: dict[str, list[str]] = {}

    def step(name: str) -> None:
        assert fits(page), name
        small[name] = small_targets(page)
        shot(page, f"returning-{name}")

    # 1. She mistypes her password: the Japanese refusal, then the throttle's after repeated failures.
    log_in(page, base, EMAIL, "Mata-Kimashita-2025")
    alert = page.get_by_role("alert")
    assert "メールアドレスまたはパスワードが正しくありません" in alert.inner_text()
    assert page.get_by_label("メールアドレス").input_value() == EMAIL
    step("01-wrong-password")
    for _ in range(5):
        log_in(page, base, EMAIL, "Mata-Kimashita-2025")
    assert "しばらくログインできません" in page.get_by_role("alert").inner_text()
    step("02-throttled")

    # 2. The reset by the mailed link, from the login page's own link.
    page.get_by_role("link", name="パスワードを忘れた方").click()
    page.wait_for_load_state()
    page.get_by_label("メールアドレス").fill(EMAIL)
    step("03-reset-ask")
    page.get_by_role("button", name="送信する").click()
    page.wait_for_load_state()
    step("04-reset-sent")
    [mail] = smtp_inbox.wait_for(1)
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", text_of(mail))
    assert link is not None, text_of(mail)
    smtp_inbox.clear()
    page.goto(base + urlsplit(link.group(0)).path)
    page.wait_for_load_state()
    step("05-reset-form")
    page.get_by_label("新しいパスワード", exact=True).fill(NEW_PASSWORD)
    page.get_by_label(re.compile("新しいパスワード.?確認")).fill(NEW_PASSWORD)
    page.get_by_role("button", name="設定する").click()
    page.wait_for_load_state()
    step("06-reset-done")
    page.get_by_role("link", name="ログインする").click()
    page.wait_for_load_state()
    page.get_by_label("メールアドレス").fill(EMAIL)
    page.get_by_label("パスワード").fill(NEW_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()
    step("07-logged-in")
    assert urlsplit(page.url).path == "/me/", page.locator("main").inner_text()
    outbox_drain()  # 「パスワードが変更されました」
    [notice] = smtp_inbox.wait_for(1)
    assert "パスワード" in text_of(notice)
    smtp_inbox.clear()

    # 3. The new-job mail: a new 経理 posting, the sender's next pass.
    fresh = make_posting(
        world["aoba"], title="経理担当者（新着・連結決算）", employer_name=world["aoba"].name
    )
    digests_prepare(now=timezone.now() + dt.timedelta(minutes=2))
    outbox_drain()
    [digest] = smtp_inbox.wait_for(1)
    smtp_inbox.clear()
    body = text_of(digest)
    assert fresh.title in body
    job = re.search(rf"http://\S+/jobs/{fresh.pk}/", body)
    stop = re.search(r"この条件のメールを停止する：\s*(http://\S+)", body)
    assert job is not None and stop is not None, body
    page.goto(base + urlsplit(job.group(0)).path)
    assert page.get_by_role("heading", name=fresh.title).is_visible()
    step("08-posting-from-mail")

    # Stop this search's mail from the mail's own link, in a browser that is not logged in.
    stranger = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    stranger.goto(base + urlsplit(stop.group(1)).path)
    assert "ログインは不要です" in stranger.locator("main").inner_text()
    shot(stranger, "returning-09-unsubscribe")
    stranger.get_by_role("button", name="メールを停止する").click()
    stranger.wait_for_load_state()
    assert "新着求人メールを停止しました" in stranger.locator("main").inner_text()
    assert fits(stranger)
    shot(stranger, "returning-10-unsubscribed")
    world["search"].refresh_from_db()
    assert world["search"].frequency == Frequency.OFF

    # 4. Her saved searches: the mail back on, daily, and the condition changed to 経理 in 東京都.
    page.goto(f"{base}/me/alerts/")
    step("11-saved-searches")
    card = page.locator("section.card", has_text=world["search"].name)
    card.get_by_text("名前・配信頻度を変更").click()
    card.get_by_label("毎日（朝7時）").check()
    step("12-frequency")
    card.get_by_role("button", name="変更する").click()
    page.wait_for_load_state()
    assert page.get_by_text("の設定を変更しました").is_visible()
    world["search"].refresh_from_db()
    assert world["search"].frequency == Frequency.DAILY
    step("13-frequency-changed")

    # Its condition: from the list's 「条件を変更する」 to the search page, a narrower keyword, then that search's box.
    card = page.locator("section.card", has_text=world["search"].name)
    card.get_by_role("link", name="条件を変更する").click()
    page.wait_for_load_state()
    box = page.get_by_role("searchbox").first
    assert box.input_value() == "経理"
    box.fill("経理 決算")
    box.press("Enter")
    page.wait_for_load_state()
    change = page.locator("#change-search")
    assert change.is_visible()
    step("14-condition-search")
    change.get_by_role("button", name="「経理」をこの条件に変更する").click()
    page.wait_for_load_state()
    assert page.get_by_text("「経理」の条件を「経理 決算」に変更しました").is_visible()
    world["search"].refresh_from_db()
    assert world["search"].name == "経理 決算" and world["search"].frequency == Frequency.DAILY
    assert SavedSearch.objects.filter(user=world["seeker"]).count() == 1
    step("15-condition-changed")

    # 5. Her profile: a new 職歴 row (the one she left out) and 希望条件.
    page.goto(f"{base}/me/profile/")
    step("16-profile")
    page.locator("#id_history-2-kind").select_option("work")
    page.locator("#id_history-2-year").fill("2023")
    page.locator("#id_history-2-month").fill("10")
    page.locator("#id_history-2-text").fill("株式会社ソラ会計サービス 入社（経理アシスタント）")
    page.locator("#field-desired_employment_types").get_by_label("正社員").check()
    prefectures = page.locator("#field-desired_prefectures")
    prefectures.locator("summary", has_text="関東").click()
    prefectures.get_by_label("東京都").check()
    page.get_by_label("希望年収（万円）").fill("420")
    page.get_by_role("button", name="保存する").click()
    page.wait_for_load_state()
    assert page.get_by_text("プロフィールを保存しました").is_visible()
    # Her long row reads whole at 390 px (a one-line box cut it at 「経理アシ」), and a short one stays one line.
    long_row = page.locator("#id_history-2-text")
    assert long_row.evaluate("e => e.scrollHeight <= e.clientHeight && e.scrollWidth <= e.clientWidth")
    assert long_row.bounding_box()["height"] > page.locator("#id_history-0-text").bounding_box()["height"]
    assert page.locator("#id_history-0-text").bounding_box()["height"] < 60
    step("17-profile-saved")
    profile = world["seeker"].seeker_profile
    profile.refresh_from_db()
    assert [h.text for h in profile.history.order_by("year", "month")][-1].startswith(
        "株式会社ソラ会計サービス"
    )
    assert profile.desired_annual_income == 420 and "13" in profile.desired_prefectures

    # 6. Her document reads as it did: the editor, and its 職務経歴書 PDF.
    page.goto(f"{base}/documents/")
    step("18-documents")
    page.get_by_role("link", name=re.compile("経理職用の職務経歴書")).first.click()
    page.wait_for_load_state()
    step("19-document")
    with page.expect_download() as info:
        page.get_by_role("link", name="職務経歴書（A4）").click()
    pdf = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for needle in ("佐藤 美咲", "株式会社ソラ会計サービス", "株式会社ミナト食品"):
        assert needle in text, needle

    # 7. 辞退 of the second application, from its page.
    page.goto(f"{base}/me/applications/{world['other'].pk}/")
    step("20-application")
    withdraw = page.locator("#withdraw")
    # Her reason, typed first; the tick forgotten: the browser holds the form (the box is required), and the
    # reason is still there (the server's own refusal keeps it too: seekers/tests/test_withdraw_reason.py).
    withdraw.get_by_label("辞退の理由（任意）").fill(REASON)
    withdraw.get_by_role("button", name="この応募を辞退する").click()
    page.wait_for_load_state()
    withdraw = page.locator("#withdraw")
    assert withdraw.get_by_label("辞退の理由（任意）").input_value() == REASON
    assert Application.objects.get(pk=world["other"].pk).status != ApplicationStatus.WITHDRAWN
    step("21-withdraw-reason")
    withdraw.get_by_label(re.compile("この応募を辞退します")).check()
    withdraw.get_by_role("button", name="この応募を辞退する").click()
    page.wait_for_load_state()
    assert page.get_by_text("応募を辞退しました").is_visible()
    assert REASON in page.locator(".events").inner_text()
    step("21b-withdrawn")
    world["other"].refresh_from_db()
    assert world["other"].status == ApplicationStatus.WITHDRAWN
    outbox_drain()
    [told] = smtp_inbox.wait_for(1)
    assert str(told["To"]) == "hr@kaede.example" and "辞退の理由が添えられています" in text_of(told)
    smtp_inbox.clear()

    # 8. マイデータ: the JSON and the CSV (ZIP) downloads, read.
    page.goto(f"{base}/me/privacy/")
    step("22-mydata")
    with page.expect_download() as info:
        page.get_by_role("link", name="JSONでダウンロード").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["family_name"] == "佐藤"
    assert [s["name"] for s in data["saved_searches"]] == ["経理 決算"]
    statuses = {a["posting_title"]: a["status"] for a in data["applications"]}
    assert statuses == {"経理スタッフ（月次決算）": "応募済", "経理・総務アシスタント": "辞退"}, statuses
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV（Excel用）でダウンロード").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    tables = {n: archive.read(n).decode("utf-8-sig") for n in archive.namelist() if n.endswith(".csv")}
    rows = [row for t in tables.values() for row in csv.reader(io.StringIO(t))]
    assert any("経理・総務アシスタント" in row and "辞退" in row for row in rows), list(tables)
    assert any("株式会社ソラ会計サービス 入社（経理アシスタント）" in row for row in rows)

    # 9. 退会: what goes, what stays and why, said before her password.
    page.get_by_role("link", name="退会の手続きへ").click()
    page.wait_for_load_state()
    step("23-delete")
    said = page.locator("main").inner_text()
    for words in (
        "削除します",
        "残ります",
        "企業の集計用",
        "選考中の応募（1件）",
        "経理スタッフ（月次決算）",
    ):
        assert words in said, words
    page.get_by_label("パスワード").fill(NEW_PASSWORD)
    page.get_by_label(re.compile("元に戻せないことを理解しました")).check()
    page.get_by_role("button", name="退会する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="退会しました").is_visible()
    step("24-deleted")
    outbox_drain()  # her confirmation and the company's notice
    sent = smtp_inbox.wait_for(2)
    assert sorted(str(m["To"]) for m in sent) == sorted([EMAIL, "hr@aoba.example"])
    smtp_inbox.clear()

    # She cannot log in; no new-job mail is made for her any more.
    log_in(page, base, EMAIL, NEW_PASSWORD)
    assert "メールアドレスまたはパスワードが正しくありません" in page.get_by_role("alert").inner_text()
    step("25-login-after")
    make_posting(world["aoba"], title="経理担当者（決算・退会後の新着）", employer_name=world["aoba"].name)
    call_command("send_digests", stdout=io.StringIO())
    digests_prepare(now=timezone.now() + dt.timedelta(days=8))
    outbox_drain()
    assert smtp_inbox.wait_for(1, timeout=1.0) == []
    assert not OutboxMessage.objects.filter(to_email=EMAIL).exclude(kind="account").exists()

    # 10. The company's page of her application: ended as 辞退 by 退会, nothing left that names her.
    hr = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=False)
    log_in(hr, base, "hr@aoba.example", HR_PASSWORD)
    hr.goto(f"{base}/applicants/{world['applied'].pk}/")
    theirs = hr.locator("main").inner_text()
    assert "辞退" in theirs and "退会" in theirs, theirs
    assert "佐藤" not in theirs and "090-2345-6789" not in theirs
    assert fits(hr)
    shot(hr, "returning-26-employer-view")
    assert Application.objects.get(pk=world["applied"].pk).applicant_id is None
    # No button, summary or select of her pages is under 44 px tall (links in running text are exempt).
    assert {k: v for k, v in small.items() if v} == {}
