"""退会 on a 390 px phone, from both sides (ADR 0156 addendum s22): the page offers マイデータ's JSON and CSV before she
leaves, and the company's thread afterwards says she left — not 「まだメッセージはありません」 — with no form."""

from __future__ import annotations

import pytest

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_she_leaves_and_the_company_reads_that_she_left(
    live_server, new_page, shot, transactional_db
) -> None:
    hr, seeker, application = direct_application(PASSWORD, message="よろしくお願いします。")
    from bonavi.seekers import services

    services.message_post(user=seeker, application=application, body="面接の持ち物を教えてください。")

    mine = new_page(390, 844)
    log_in(mine, live_server.url, seeker.email, PASSWORD)
    mine.goto(f"{live_server.url}/me/privacy/delete/")
    downloads = mine.locator("a[download]")
    assert downloads.all_inner_texts() == ["JSONでダウンロード", "CSV（Excel用）でダウンロード"]
    with mine.expect_download() as csv:
        mine.get_by_role("link", name="CSV（Excel用）でダウンロード").click()
    assert csv.value.suggested_filename.endswith(".zip")
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "taikai-downloads-phone")
    mine.get_by_label("パスワード").fill(PASSWORD)
    mine.get_by_label("退会すると", exact=False).check()
    mine.get_by_role("button", name="退会する").click()
    mine.wait_for_load_state()
    assert "退会しました" in mine.content()

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, hr.email, PASSWORD)
    theirs.goto(f"{live_server.url}/applicants/{application.pk}/#messages")
    thread = theirs.locator("#messages")
    assert (
        "この応募者は退会しました。メッセージは送れません。" in theirs.locator("#applicant-left").inner_text()
    )
    assert "まだメッセージはありません" not in thread.inner_text()
    assert thread.locator("form").count() == 0
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    thread.scroll_into_view_if_needed()
    shot(theirs, "taikai-company-thread-phone", full_page=False)
