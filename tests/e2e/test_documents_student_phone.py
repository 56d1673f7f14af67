"""A student with no office experience on a 390 px phone: the documents home leads with their documents, the
editor of a near-empty 職務経歴書 names each empty section instead of 「指摘はありません」, and a saved experience
translation goes into 自己PR through the confirmation page (the no-JavaScript path)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.careers.services import saved_translation_create
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"
APPEAL = "受注データを入力した経験があります。"


@pytest.fixture
def student(transactional_db) -> User:
    user = User.objects.create_user(email="gakusei@example.jp", password=PASSWORD, role=Role.SEEKER)
    version_create(
        owner=user,
        title="職務経歴書",
        data={
            "basics": {"name": "山田 花子"},
            "x-bonavi": {"selfPr": ["コンビニ　バイト　3年\nサークル会計"]},
        },
    )
    saved_translation_create(
        user=user,
        text="居酒屋のアルバイトで、毎月400件の受注データを入力しました。",
        target_jobtag_id=430,
        result={"appeal_points": [{"text": APPEAL}], "evidence": [{"span": "毎月400件の受注データを入力し"}]},
    )
    return user


def test_a_student_sees_their_document_first_is_told_what_to_write_and_inserts_a_translation(
    live_server, phone, shot, student
) -> None:
    page = phone
    log_in(page, live_server.url, student.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["作成した書類", "履歴書・職務経歴書を作る"]
    assert page.locator("#data-exchange").get_attribute("open") is None  # below, closed
    shot(page, "documents-home-student-390")

    page.get_by_role("link", name="編集・添削").click()
    page.wait_for_url("**/documents/*/")
    review = page.locator("#review").inner_text()
    assert "指摘はありません" not in review and "職歴が0件です" in review and "学歴が0件です" in review
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "documents-editor-near-empty-390")

    page.locator("#sec-cv_text > summary").click()
    page.get_by_role("button", name="この結果から自己PRに入れる").click()
    page.wait_for_url("**/insert/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "documents-insert-translation-390")
    page.get_by_role("button", name="追加する").click()  # without the tick: refused, nothing added
    page.wait_for_load_state()
    version = DocumentVersion.objects.get(owner=student)
    notes = version.data["x-bonavi"]["selfPr"][0]  # saved by the button, as the browser sent it (CRLF)
    assert (
        version.data["x-bonavi"]["selfPr"] == [notes]
        and notes.replace("\r\n", "\n") == "コンビニ　バイト　3年\nサークル会計"
    )
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=cv_text*")
    assert APPEAL in page.locator("#id_self_pr").input_value()
    version.refresh_from_db()
    assert version.data["x-bonavi"]["selfPr"] == [notes, APPEAL]
    shot(page, "documents-editor-after-insert-390")
