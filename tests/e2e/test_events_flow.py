"""企業説明会 on a 390 px phone (ADR 0083, 0084): an employer creates an event with one seat, seeker A registers and
downloads the .ics, seeker B sees 満席 and joins the waiting list, A cancels, and B is registered with one mail."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bonavi.accounts.models import Organization, Role, User
from bonavi.core import clock
from bonavi.events.models import Registration
from bonavi.notifications.models import OutboxMessage
from tests.e2e.helpers import log_in

PASSWORD = "Setsumeikai-2026-pw"


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(clock.JST).strftime("%Y-%m-%dT%H:%M")


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_capacity_one_event_registration_ics_and_full(live_server, new_page, shot, transactional_db) -> None:
    org = Organization.objects.create(
        name="株式会社みなと会計", address="東京都港区2-2", phone="03-1111-2222"
    )
    User.objects.create_user(
        email="jinji@minato.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    for email, name in (("a@seeker.example", "青木 あかり"), ("b@seeker.example", "馬場 文也")):
        User.objects.create_user(email=email, password=PASSWORD, role=Role.SEEKER, display_name=name)
    base = live_server.url
    start = (clock.now() + dt.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)

    employer = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(employer, base, "jinji@minato.example", PASSWORD)
    employer.goto(f"{base}/employer/events/")
    employer.get_by_role("link", name="説明会を作成する").click()
    employer.get_by_label("タイトル").fill("経理部 少人数説明会")
    employer.get_by_label("説明").fill("経理部の仕事を、先輩社員がご紹介します。")
    employer.get_by_label("開始日時").fill(_local(start))
    employer.get_by_label("終了日時").fill(_local(start + dt.timedelta(hours=1)))
    employer.get_by_role("radio", name="対面").check()
    employer.get_by_label("会場の住所（対面の場合）").fill("東京都港区芝2-2-2 5階")
    employer.get_by_label("定員").fill("1")
    employer.get_by_label("申込締切").fill(_local(start - dt.timedelta(hours=3)))
    _no_sideways_scroll(employer)
    shot(employer, "events-employer-form-phone")
    employer.get_by_role("button", name="作成する").click()
    employer.wait_for_load_state()
    assert "説明会を作成しました" in employer.locator(".messages").inner_text()
    assert employer.get_by_role("heading", name="経理部 少人数説明会").is_visible()
    event_url = employer.get_by_role("link", name="公開ページを見る").get_attribute("href")

    a = new_page(390, 844, is_mobile=True, has_touch=True, accept_downloads=True)
    log_in(a, base, "a@seeker.example", PASSWORD)
    a.goto(base + event_url)
    assert "残り1席" in a.content()
    a.get_by_label(re.compile("申し込みます（主催企業に、氏名とメールアドレスが伝わります。")).check()
    a.get_by_role("button", name="この説明会に申し込む").click()
    a.wait_for_load_state()
    assert "お申し込みを受け付けました" in a.locator(".messages").inner_text()
    _no_sideways_scroll(a)
    shot(a, "events-seeker-a-registered-phone")
    with a.expect_download() as info:
        a.get_by_role("link", name="カレンダーに追加（.ics）").click()
    ics = Path(info.value.path()).read_bytes().decode("utf-8")
    assert "BEGIN:VEVENT\r\n" in ics and "SUMMARY:経理部 少人数説明会\r\n" in ics
    assert Registration.objects.filter(user__email="a@seeker.example").count() == 1

    b = new_page(390, 844, is_mobile=True, has_touch=True)
    log_in(b, base, "b@seeker.example", PASSWORD)
    b.goto(base + event_url)
    assert b.locator(".tag", has_text="満席").first.is_visible()
    assert b.get_by_role("button", name="この説明会に申し込む").count() == 0
    _no_sideways_scroll(b)
    shot(b, "events-seeker-b-full-phone")

    # キャンセル待ち: the same consent line as registering, then B's place in line.
    b.get_by_label(re.compile("申し込みます（主催企業に、氏名とメールアドレスが伝わります。")).check()
    b.get_by_role("button", name="キャンセル待ちに登録する").click()
    b.wait_for_load_state()
    assert "キャンセル待ちに登録しました（1番目）" in b.locator(".messages").inner_text()
    assert b.get_by_text("キャンセル待ち 1番目").is_visible()
    assert b.get_by_role("button", name="キャンセル待ちを取り消す").is_visible()
    _no_sideways_scroll(b)
    shot(b, "events-seeker-b-waiting-phone")

    employer.reload()
    assert "青木 あかり" in employer.content()
    assert "キャンセル待ち（1人）" in employer.locator("#waiters").inner_text()
    assert "馬場 文也" in employer.locator("#waiters").inner_text()
    _no_sideways_scroll(employer)
    shot(employer, "events-employer-registrants-phone")

    # A cancels: the seat goes to B in that same request.
    a.reload()
    a.get_by_role("button", name="お申し込みをキャンセルする").click()
    a.wait_for_load_state()
    assert "お申し込みをキャンセルしました" in a.locator(".messages").inner_text()

    b.reload()
    assert b.locator(".tag", has_text="参加登録済み").is_visible()
    assert "キャンセル待ちから繰り上げ" in b.locator("#register").inner_text()
    _no_sideways_scroll(b)
    shot(b, "events-seeker-b-promoted-phone")
    promoted = OutboxMessage.objects.filter(
        to_email="b@seeker.example", subject__contains="参加登録になりました"
    )
    assert promoted.count() == 1
    b.goto(f"{base}/me/events/")
    assert b.locator(".tag", has_text="参加登録済み").is_visible()
