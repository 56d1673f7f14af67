"""A seeker whose saved 経験の棚卸し tells of a café part-time job and a club's 会計係 fills her café job's 業務内容
from it on a 390 px phone, without JavaScript's help: the page lists her own duty lines (cut at 「、」 in her text),
ticks none of them and no 自己PR sentence, and adds only the lines she ticks."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.careers.reference import get_reference
from bonavi.careers.services import saved_translation_create
from bonavi.careers.translator import translate
from bonavi.documents.models import DocumentVersion
from bonavi.documents.services import version_create
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"
TEXT = (
    "カフェでアルバイト3年。レジ締めと売上日報の作成、新人5名の教育を担当。"
    "大学の軽音サークルで会計係を2年、部費20万円の管理と収支報告。"
)


@pytest.fixture
def cafe_seeker(transactional_db) -> User:
    user = User.objects.create_user(email="mirai@example.jp", password=PASSWORD, role=Role.SEEKER)
    version_create(
        owner=user,
        title="経理事務 応募用",
        data={
            "basics": {"name": "山田 未来"},
            "work": [
                {
                    "name": "カフェ・ド・ミドリ",
                    "position": "ホールスタッフ（アルバイト）",
                    "startDate": "2022-04",
                    "summary": "ホールでの接客",
                }
            ],
        },
    )
    saved_translation_create(
        user=user, text=TEXT, target_jobtag_id=430, result=translate(TEXT, target=430, ref=get_reference())
    )
    return user


def test_her_cafe_job_gets_only_the_lines_she_ticks_from_her_own_text(
    live_server, phone, shot, cafe_seeker
) -> None:
    page = phone
    log_in(page, live_server.url, cafe_seeker.email, PASSWORD)
    version = DocumentVersion.objects.get(owner=cafe_seeker)
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    page.get_by_role("button", name="の結果から業務内容に入れる").click()
    page.wait_for_url("**/insert/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.locator('input[name="items"]')
    labels = [t.strip() for t in page.locator("#field-items label").all_inner_texts()]
    assert "あなたの文章から：レジ締めと売上日報の作成" in labels
    assert "あなたの文章から：部費20万円の管理と収支報告" in labels
    assert all(not boxes.nth(i).is_checked() for i in range(boxes.count()))  # nothing chosen for her
    assert page.get_by_label("職歴1「カフェ・ド・ミドリ」の業務内容（最後の行の後に追加）").is_checked()
    shot(page, "documents-insert-duty-lines-390")

    page.get_by_label("自己PRの文：", exact=False).first.check()  # a 自己PR sentence is refused for a job
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.get_by_role("button", name="追加する").click()
    page.wait_for_load_state()
    assert "自己PRの文は職歴の業務内容には入れられません" in page.locator("#field-items").inner_text()
    version.refresh_from_db()
    assert version.data["work"][0]["summary"] == "ホールでの接客"
    shot(page, "documents-insert-duty-lines-refused-390")

    page.get_by_label("自己PRの文：", exact=False).first.uncheck()
    page.get_by_label("あなたの文章から：レジ締めと売上日報の作成").check()
    page.get_by_label("あなたの文章から：新人5名の教育を担当").check()
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=work*")
    assert "職歴1の業務内容の最後に2件の文を追加しました" in page.content()
    assert page.locator("#id_work-0-summary").input_value().splitlines() == [
        "ホールでの接客",
        "レジ締めと売上日報の作成",
        "新人5名の教育を担当",
    ]
