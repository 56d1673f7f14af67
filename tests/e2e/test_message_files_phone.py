"""A file in an application's thread on a 390 px phone (ADR 0097): the applicant sends a real PDF with a message,
the thread shows its name and size, and the company's 採用担当 downloads the very same bytes from a second phone."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from .helpers import direct_application, log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_seeker_sends_a_pdf_and_the_company_downloads_it_on_phones(
    live_server, new_page, shot, transactional_db
) -> None:
    hr, seeker, application = direct_application(PASSWORD, message="よろしくお願いします。")
    pdf = _pdf()

    mine = new_page(390, 844)
    log_in(mine, live_server.url, seeker.email, PASSWORD)
    mine.goto(f"{live_server.url}/me/applications/{application.pk}/")
    mine.get_by_label("新しいメッセージ").fill("日商簿記2級の合格証書の写しをお送りします。")
    mine.get_by_label("添付ファイル（任意）").set_input_files(
        {"name": "簿記2級_合格証書.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    mine.get_by_role("button", name="送信する").click()
    mine.wait_for_load_state()
    assert "メッセージを送りました" in mine.locator(".messages").inner_text()
    sent = mine.locator(".thread-list .msg.mine .msg-file")
    assert "簿記2級_合格証書.pdf" in sent.inner_text() and "（PDF、1 KB）" in sent.inner_text()
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "message-file-seeker-sent-phone")

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, hr.email, PASSWORD)
    theirs.goto(f"{live_server.url}/applicants/{application.pk}/")
    link = theirs.locator(".thread-list .msg.theirs .msg-file a")
    assert link.inner_text() == "簿記2級_合格証書.pdf"
    with theirs.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "簿記2級_合格証書.pdf"
    with open(download.path(), "rb") as got:
        assert got.read() == pdf
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    theirs.locator("#messages").scroll_into_view_if_needed()
    shot(theirs, "message-file-employer-thread-phone")
