"""応募後のメッセージ on a 390 px phone (ADR 0090): the applicant writes, the company's 採用担当 replies from a second
browser context (its list shows the unread badge), and the applicant sees the reply at the bottom of the thread."""

from __future__ import annotations

import pytest

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_seeker_writes_employer_replies_on_phones(live_server, new_page, shot, transactional_db) -> None:
    hr, seeker, application = direct_application(PASSWORD, message="よろしくお願いします。")

    mine = new_page(390, 844)
    log_in(mine, live_server.url, seeker.email, PASSWORD)
    mine.goto(f"{live_server.url}/me/applications/{application.pk}/")
    mine.get_by_label("新しいメッセージ").fill("面接の日程についてです。\n平日の午後でしたら伺えます。")
    mine.get_by_role("button", name="送信する").click()
    mine.wait_for_load_state()
    assert "メッセージを送りました" in mine.locator(".messages").inner_text()
    assert mine.locator(".thread-list .msg.mine").count() == 1
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "application-messages-seeker-sent-phone")

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, hr.email, PASSWORD)
    theirs.goto(f"{live_server.url}/applicants/")
    badge = theirs.locator(".unread-badge")
    assert badge.inner_text() == "未読メッセージ 1件"
    shot(theirs, "application-messages-employer-list-phone")
    badge.click()
    theirs.wait_for_load_state()
    received = theirs.locator(".thread-list .msg.theirs")
    assert "平日の午後でしたら伺えます。" in received.inner_text()
    assert received.locator(".who").inner_text() == "応募者"
    theirs.get_by_label("新しいメッセージ").fill(
        "ありがとうございます。12月3日（水）14時はいかがでしょうか。筆記用具をお持ちください。"
    )
    theirs.get_by_role("button", name="送信する").click()
    theirs.wait_for_load_state()
    assert theirs.locator(".thread-list .msg").count() == 2
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    shot(theirs, "application-messages-employer-replied-phone")

    mine.goto(f"{live_server.url}/me/applications/")
    assert mine.locator(".unread-badge").inner_text() == "未読メッセージ 1件"
    mine.locator(".unread-badge").click()
    mine.wait_for_load_state()
    last = mine.locator(".thread-list .msg").last  # newest at the bottom
    assert "12月3日（水）14時" in last.inner_text()
    assert last.locator(".who").inner_text() == "採用担当（株式会社さくら会計）"
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "application-messages-seeker-reply-phone")
