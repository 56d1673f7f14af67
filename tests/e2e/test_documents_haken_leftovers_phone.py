"""On a 390 px phone, without JavaScript's help (ADR 0150, s21): a 派遣社員 sent to the same client twice sees each
spell named with its period in the editor and on 「書類に入れる」, puts a line of her 棚卸し into the 実績 of the
second spell, and applies the review's offered fix of a 派遣先 line saved before session 20 with one tap; a 職歴 row
that reads as a duty is named by the review as left to the 職務経歴書."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.careers.models import SavedTranslation
from bonavi.careers.reference import get_reference
from bonavi.careers.services import saved_translation_create
from bonavi.careers.translator import translate
from bonavi.documents.models import DocumentVersion
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Kyushoku-Sha-2026"
TEXT = "派遣で経理事務を3年。請求書の発行と売掛金の入金消込を担当。"
SECOND_SPELL = "株式会社みほん商事（派遣先・2021年4月～2022年3月）"


@pytest.fixture
def haken_seeker(transactional_db) -> User:
    user = User.objects.create_user(email="haken-twice@example.jp", password=PASSWORD, role=Role.SEEKER)
    # written straight to the table: a version saved before session 20, whose 派遣先 position has an open bracket
    DocumentVersion.objects.create(
        owner=user,
        title="経理事務 応募用",
        data={
            "basics": {"name": "見本 さくら"},
            "work": [
                {
                    "name": "株式会社ソラ会計サービス",
                    "position": "経理部",
                    "startDate": "2014-04",
                    "endDate": "2019-03",
                    "endReason": "一身上の都合により退職",
                    "milestones": [{"date": "2016-04", "text": "売掛金の管理を担当"}],
                },
                {
                    "name": "株式会社スタッフみほん",
                    "dispatchedTo": "株式会社みほん商事",
                    "position": "経理事務",
                    "employmentType": "派遣社員",
                    "startDate": "2019-04",
                    "endDate": "2022-03",
                    "dispatchedDuties": ["請求書の発行（月200件）"],
                    "assignments": [
                        {"name": "株式会社みほん物産", "position": "経理部（連結", "startDate": "2020-06"},
                        {"name": "株式会社みほん商事", "position": "経理課", "startDate": "2021-04"},
                    ],
                },
            ],
        },
    )
    saved_translation_create(
        user=user, text=TEXT, target_jobtag_id=430, result=translate(TEXT, target=430, ref=get_reference())
    )
    return user


def _inside(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, selector


def test_the_same_client_twice_an_insert_into_achievements_and_the_offered_fix(
    live_server, phone, shot, haken_seeker
) -> None:
    page = phone
    log_in(page, live_server.url, haken_seeker.email, PASSWORD)
    version = DocumentVersion.objects.get(owner=haken_seeker)
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # the duty row of her first job: named by the review, not printed on the 履歴書
    duty = page.locator("#field-work-0-milestones .doc-hint")
    assert (
        "「2016-04 売掛金の管理を担当」は担当した業務の書き方のため、履歴書の職歴欄には印刷していません"
        in (duty.inner_text())
    )
    page.locator("#field-work-0-milestones").scroll_into_view_if_needed()
    shot(page, "documents-duty-row-hint-390", full_page=False)

    # each spell at みほん商事 named with its period
    assert (
        page.get_by_label(
            "最初の派遣先（株式会社みほん商事・2019年4月～2020年5月）での実績", exact=False
        ).count()
        == 1
    )
    assert (
        page.get_by_label(
            "3つ目の派遣先（株式会社みほん商事・2021年4月～2022年3月）での実績", exact=False
        ).count()
        == 1
    )

    # the 派遣先 line saved before session 20: named, with its corrected line and one button
    hint = page.locator("#field-work-1-assignments .doc-hint")
    text = hint.inner_text()
    assert "2つ目からの派遣先の1行目「2020-06 株式会社みほん物産（経理部（連結）」" in text
    assert "「2020-06 株式会社みほん物産（経理部（連結））」に直せます" in text
    button = page.get_by_role("button", name="この行に直して保存する")
    _inside(page, "#field-work-1-assignments .doc-hint button")
    button.scroll_into_view_if_needed()
    shot(page, "documents-fix-offered-line-390", full_page=False)
    version.refresh_from_db()
    assert version.data["work"][1]["assignments"][0]["position"] == "経理部（連結"  # nothing before her tap
    button.click()
    page.wait_for_url("**/documents/*/?open=work*")
    assert (
        "派遣先「株式会社みほん物産」の部署・役職を「経理部（連結）」に直して保存しました" in page.content()
    )
    version.refresh_from_db()
    assert version.data["work"][1]["assignments"][0]["position"] == "経理部（連結）"
    assert page.locator("#id_work-1-assignments").input_value().splitlines()[0] == (
        "2020-06 株式会社みほん物産（経理部（連結））"
    )
    page.locator("#id_work-1-assignments").scroll_into_view_if_needed()
    shot(page, "documents-fix-offered-line-applied-390", full_page=False)

    # 「書類に入れる」: the second spell's 実績
    page.goto(
        f"{live_server.url}/documents/{version.pk}/insert/?saved={SavedTranslation.objects.get(user=haken_seeker).pk}&to=work"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    place = page.get_by_label(f"{SECOND_SPELL}の実績", exact=False)
    assert place.count() == 1
    line = page.locator('#field-items label:has-text("あなたの文章から")').first
    chosen = line.inner_text().split("：", 1)[1].strip()
    line.click()
    place.check()
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    page.locator("#field-target").scroll_into_view_if_needed()
    shot(page, "documents-insert-achievements-twice-390", full_page=False)
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=work*")
    assert f"{SECOND_SPELL}の実績の最後に1件の文を追加しました" in page.content()
    version.refresh_from_db()
    assert version.data["work"][1]["assignments"][1]["achievements"] == [chosen]
    assert "achievements" not in version.data["work"][1]["assignments"][0]
