"""On a 390 px phone, with JavaScript on and off (every path here is a plain form; ADR 0150, s22): the adviser's
添削 page names the two spells of one client with their periods and her comment on the second comes back to the
seeker under that name; 「書類に入れる」 offers a job's own 実績 and puts a line there; the first 派遣先's 部署・役職
with an open bracket is named beside its box and fixed with one tap."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bonavi.accounts.models import Role, User
from bonavi.careers.models import SavedTranslation
from bonavi.careers.reference import get_reference
from bonavi.careers.services import saved_translation_create
from bonavi.careers.translator import translate
from bonavi.documents.models import DocumentComment, DocumentVersion
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "Kyushoku-Sha-2026"
TEXT = "派遣で経理事務を3年。請求書の発行と売掛金の入金消込を担当。"
THIRD = "派遣先「株式会社みほん商事」（2021年4月～2022年3月）"
OFFICE: dict[str, Any] = {
    "name": "株式会社ソラ会計サービス",
    "position": "経理部",
    "startDate": "2014-04",
    "endDate": "2019-03",
    "endReason": "一身上の都合により退職",
    "summary": "月次決算の補助",
    "highlights": ["締め日の遅れを月3件から0件にした"],
}
HAKEN: dict[str, Any] = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん商事",
    "position": "経理部（連結",
    "employmentType": "派遣社員",
    "startDate": "2019-04",
    "endDate": "2022-03",
    "dispatchedDuties": ["請求書の発行（月200件）"],
    "assignments": [
        {
            "name": "株式会社みほん物産",
            "position": "総務課",
            "startDate": "2020-06",
            "duties": ["受発注データの入力"],
        },
        {
            "name": "株式会社みほん商事",
            "position": "経理課",
            "startDate": "2021-04",
            "duties": ["小口現金の管理"],
        },
    ],
}
JS = [pytest.param(True, id="js"), pytest.param(False, id="nojs")]


def _seeker(email: str) -> tuple[User, DocumentVersion]:
    user = User.objects.create_user(email=email, password=PASSWORD, role=Role.SEEKER)
    data = {"basics": {"name": "見本 さくら"}, "work": [copy.deepcopy(OFFICE), copy.deepcopy(HAKEN)]}
    return user, DocumentVersion.objects.create(owner=user, title="経理事務 応募用", data=data)


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _scripts_ran(page: Any) -> bool:
    """On the editor: its script unhides the 〒 button, so this tells the page really ran with(out) JavaScript."""
    return page.locator("#postal-lookup").get_attribute("hidden") is None


@pytest.mark.parametrize("js", JS)
def test_the_first_haken_saki_is_offered_its_fix(
    live_server, new_page, shot, transactional_db, js: bool
) -> None:
    user, version = _seeker(f"first-fix-{js}@example.jp")
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=js)
    log_in(page, live_server.url, user.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    _fits(page)
    assert _scripts_ran(page) is js
    hint = page.locator("#field-work-1-position .doc-hint")
    assert (
        "最初の派遣先「株式会社みほん商事」の部署・役職「経理部（連結」は（　）の数が合っていません"
        in hint.inner_text()
    )
    button = hint.get_by_role("button", name="この行に直して保存する")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    button.scroll_into_view_if_needed()
    shot(page, f"documents-first-haken-saki-fix-{'js' if js else 'nojs'}-390", full_page=False)
    version.refresh_from_db()
    assert version.data["work"][1]["position"] == "経理部（連結"  # nothing before her tap
    button.click()
    page.wait_for_url("**/documents/*/?open=work*")
    assert (
        "最初の派遣先「株式会社みほん商事」の部署・役職を「経理部（連結）」に直して保存しました。"
        in page.content()
    )
    version.refresh_from_db()
    assert version.data["work"][1]["position"] == "経理部（連結）"
    assert page.locator("#id_work-1-position").input_value() == "経理部（連結）"
    assert page.locator("#field-work-1-position .doc-hint").count() == 0
    _fits(page)
    page.locator("#id_work-1-position").scroll_into_view_if_needed()
    shot(page, f"documents-first-haken-saki-fixed-{'js' if js else 'nojs'}-390", full_page=False)


@pytest.mark.parametrize("js", JS)
def test_the_insert_offers_the_jobs_own_achievements(
    live_server, new_page, shot, transactional_db, js: bool
) -> None:
    user, version = _seeker(f"insert-wins-{js}@example.jp")
    saved_translation_create(
        user=user, text=TEXT, target_jobtag_id=430, result=translate(TEXT, target=430, ref=get_reference())
    )
    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=js)
    log_in(page, live_server.url, user.email, PASSWORD)
    saved = SavedTranslation.objects.get(user=user)
    page.goto(f"{live_server.url}/documents/{version.pk}/insert/?saved={saved.pk}&to=work")
    _fits(page)
    place = page.get_by_label("職歴1「株式会社ソラ会計サービス」の実績（1行ずつ最後に追加）")
    assert place.count() == 1
    line = page.locator('#field-items label:has-text("あなたの文章から")').first
    chosen = line.inner_text().split("：", 1)[1].strip()
    line.click()
    place.check()
    page.get_by_label("選んだ文を、選んだ欄の最後に追加します").check()
    place.scroll_into_view_if_needed()
    shot(page, f"documents-insert-job-achievements-{'js' if js else 'nojs'}-390", full_page=False)
    page.get_by_role("button", name="追加する").click()
    page.wait_for_url("**/documents/*/?open=work*")
    assert "職歴1の実績の最後に1件の文を追加しました" in page.content()
    assert _scripts_ran(page) is js
    version.refresh_from_db()
    assert version.data["work"][0]["highlights"] == [*OFFICE["highlights"], chosen]
    assert version.data["work"][0]["summary"] == OFFICE["summary"]
    assert page.locator("#id_work-0-highlights").input_value().splitlines() == [*OFFICE["highlights"], chosen]
    _fits(page)
    page.locator("#id_work-0-highlights").scroll_into_view_if_needed()
    shot(page, f"documents-insert-job-achievements-done-{'js' if js else 'nojs'}-390", full_page=False)


@pytest.mark.parametrize("js", JS)
def test_the_reviewer_names_each_spell_and_she_reads_which_one(
    live_server, new_page, shot, agency_world, js: bool
) -> None:
    from bonavi.agents import services
    from bonavi.agents.tests.factories import register

    w = agency_world
    seeker = w["seeker"]
    data = {
        "basics": {"name": "山田 花子"},
        "work": [copy.deepcopy(OFFICE), {**copy.deepcopy(HAKEN), "position": "経理部"}],
    }
    version = DocumentVersion.objects.create(owner=seeker, title="経理事務 応募用", data=data)
    candidate = register(w["setup"], seeker)
    services.document_share(user=seeker, candidate=candidate, version_id=version.pk, share=True)

    page = new_page(390, 844, is_mobile=True, has_touch=True, java_script_enabled=js)
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/documents/{version.pk}/")
    _fits(page)
    headings = page.locator(".review-field h3").all_inner_texts()
    first = "派遣先「株式会社みほん商事」（2019年4月～2020年5月）での業務内容"
    assert first in headings and f"{THIRD}での業務内容" in headings
    assert "派遣先「株式会社みほん物産」での業務内容" in headings  # named once: as before
    spells = [h for h in headings if h.startswith("派遣先")]
    assert len(spells) == len(set(spells)) == 6  # three 派遣先, 業務内容 and 実績 each, no two alike
    field = page.locator('.review-field[data-path="work[1].assignments[1].duties"]')
    field.get_by_text(f"「{THIRD}での業務内容」にコメントする").click()
    field.get_by_label(f"「{THIRD}での業務内容」へのコメント").fill(
        "金額の規模（月何件・いくら）を添えましょう。"
    )
    field.scroll_into_view_if_needed()
    shot(page, f"agent-review-spell-period-{'js' if js else 'nojs'}-390", full_page=False)
    field.get_by_role("button", name="コメントを送る").click()
    page.wait_for_load_state()
    assert "コメントを送りました" in page.content()
    comment = DocumentComment.objects.get(version=version)
    assert comment.field_label == f"{THIRD}での業務内容"

    # her editor: under the third spell's box, and her own data names which spell
    page.context.clear_cookies()
    log_in(page, live_server.url, seeker.email, w["password"])
    page.goto(f"{live_server.url}/documents/{version.pk}/?open=work#sec-work")
    _fits(page)
    assert _scripts_ran(page) is js
    box = page.locator("#field-work-1-assignment_duties_1")
    assert "金額の規模（月何件・いくら）を添えましょう。" in box.inner_text()
    box.scroll_into_view_if_needed()
    shot(page, f"documents-comment-under-spell-{'js' if js else 'nojs'}-390", full_page=False)
    from bonavi.seekers.mydata import mydata_export

    assert [c["field"] for c in mydata_export(user=seeker)["document_comments"]] == [f"{THIRD}での業務内容"]
