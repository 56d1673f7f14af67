"""A seeker with a filled profile builds a 履歴書 and a 職務経歴書 on a 390 px phone, reads the 添削 hints,
fixes one and sees it go, downloads both PDFs; the PDFs are opened and checked (paper, fonts, entries)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from bonavi.accounts.models import Role, User
from bonavi.documents.profile import import_json_resume
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def seeker_with_profile(transactional_db) -> User:
    user = User.objects.create_user(email="shota@example.jp", password=PASSWORD, role=Role.SEEKER)
    import_json_resume(user=user, raw=(SHARED / "mistakes.json").read_bytes())
    return user


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font["/BaseFont"]))
    return names


def _download(page, name: str) -> PdfReader:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    path = ARTIFACTS / f"documents-{info.value.suggested_filename}"
    info.value.save_as(str(path))
    return PdfReader(io.BytesIO(path.read_bytes()))


def test_seeker_builds_reviews_fixes_and_downloads(live_server, phone, shot, seeker_with_profile) -> None:
    page = phone
    log_in(page, live_server.url, seeker_with_profile.email, PASSWORD)

    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("株式会社みなと会計 応募用")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    # 添削: the summary counts and the hints beside their fields.
    review = page.locator("#review")
    assert "要修正" in review.inner_text()
    institution = page.locator("#field-edu-0-institution")
    # 学歴 has only 注意 (no 要修正), so its section starts closed: the person opens it from its summary line.
    assert page.locator("#sec-education").get_attribute("open") is None
    assert "注意" in page.locator("#sec-education > summary").inner_text()
    page.locator("#sec-education > summary").click()
    hint = institution.locator('.doc-hint[data-rule="abbreviation"]')
    assert hint.count() == 1 and "愛知県立みなと高等学校" in hint.inner_text()
    assert page.locator('#field-cert-0-name .doc-hint[data-rule="cert-name"]').count() == 1
    assert page.locator('.doc-hint[data-rule="fair-hiring"]').count() >= 1
    institution.scroll_into_view_if_needed()
    shot(page, "documents-editor-hints-390")

    # Fix the abbreviation and save: that hint goes, the others stay.
    page.locator("#id_edu-0-institution").fill("愛知県立みなと高等学校")
    page.get_by_role("button", name="保存して添削する").click()
    page.wait_for_load_state()
    assert "保存しました" in page.content()
    assert page.locator('#field-edu-0-institution .doc-hint[data-rule="abbreviation"]').count() == 0
    assert page.locator('#field-cert-0-name .doc-hint[data-rule="cert-name"]').count() == 1
    shot(page, "documents-editor-after-fix-390")

    rirekisho = _download(page, "履歴書（A4）")
    assert len(rirekisho.pages) == 2
    for p in rirekisho.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
    assert any("IPAexMincho" in f for f in _fonts(rirekisho))
    text = "\n".join(p.extract_text() for p in rirekisho.pages)
    for needle in (
        "田中 翔太",
        "愛知県立みなと高等学校 普通科 入学",
        "(株)サンプル物流 入社",
        "現在に至る",
        "以上",
        "簿記2級 合格",
    ):
        assert needle in text, needle

    cv = _download(page, "職務経歴書（A4）")
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in cv.pages
    )
    assert any("IPAexMincho" in f for f in _fonts(cv))
    cv_text = "\n".join(p.extract_text() for p in cv.pages)
    for needle in (
        "■職務経歴",
        "■職務要約",
        "株式会社ミナト食品",
        "請求書を月約150件発行している",
        "田中 翔太",
        "1 / ",
    ):
        assert needle in cv_text, needle
    # her name under the date on page 1; the running 「氏名」 head only on the pages after it (ADR 0133)
    assert "氏名" not in cv.pages[0].extract_text()
    assert all("氏名　田中 翔太" in p.extract_text() for p in cv.pages[1:])

    exported = json.loads(page.request.get(page.url.split("#")[0] + "export.json").text())
    assert exported["education"][0]["institution"] == "愛知県立みなと高等学校"


def test_editor_fits_a_phone_and_adds_rows_without_losing_typing(
    live_server, phone, shot, seeker_with_profile
) -> None:
    """Issue 9's editor was 12,946 px tall at 390 px for this profile (measured on the old editor, every
    section spread out plus a blank row each). Sections are now <details>, open only where something must be
    fixed; 「行を追加」 saves what was typed and opens a focused blank row; Enter in a text box is a plain save."""
    page = phone
    log_in(page, live_server.url, seeker_with_profile.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("高さの確認")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")

    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"documents editor at 390 px: {height} px (old editor: 12946 px)")
    assert height < 4000
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "documents-editor-sections-390")
    # documents.css once styled every `details summary` brand blue, the header's menu label included (on blue).
    assert page.evaluate("getComputedStyle(document.querySelector('header details.menu summary')).color") == (
        "rgb(255, 255, 255)"
    )
    jobs = page.locator("#sec-work .row-card").count()

    # Type into a closed section, then ask for a new 職歴 row: the typing is saved, the new row is open and focused.
    page.locator("#sec-basics > summary").click()
    page.locator("#id_phone").fill("090-1111-2222")
    page.locator("#sec-work > summary").click()
    page.get_by_role("button", name="職歴の行を追加").click()
    page.wait_for_url(f"**?add=work#id_work-{jobs}-name")
    page.wait_for_load_state()
    assert page.locator("#sec-work").get_attribute("open") is not None
    assert page.evaluate("document.activeElement.id") == f"id_work-{jobs}-name"
    assert page.locator("#sec-work .row-card").count() == jobs + 1
    page.locator("#sec-basics > summary").click()
    assert page.locator("#id_phone").input_value() == "090-1111-2222"
    shot(page, "documents-editor-row-added-390", full_page=False)

    # Enter in the new row's text box saves (the form's default button), it does not delete a row.
    page.locator(f"#id_work-{jobs}-name").fill("株式会社みなと会計サービス")
    with page.expect_navigation():
        page.locator(f"#id_work-{jobs}-name").press("Enter")
    page.wait_for_load_state()
    assert "保存しました" in page.content()
    assert page.locator("#sec-work .row-card").count() == jobs + 1
    # saved: the re-rendered page holds the new company in the new row
    assert page.locator(f"#id_work-{jobs}-name").input_value() == "株式会社みなと会計サービス"
    # The new job has no 入社年月 yet: a 要修正 finding, so 職歴 stays open; the rest is as before.
    opened = page.evaluate("[...document.querySelectorAll('details.doc-sec[open]')].map(d => d.id)")
    assert opened == ["sec-work", "sec-cv_text"]
    work_summary = page.locator("#sec-work > summary").inner_text()
    assert f"{jobs + 1}件" in work_summary and "要修正" in work_summary
    shot(page, "documents-editor-after-add-390")


def test_appeal_points_and_their_attribution_fit_a_phone(
    live_server, phone, shot, seeker_with_profile
) -> None:
    """The appeal-point card names jobtag skills, so it carries jobtag's attribution; its long URL ran 22 px
    past the card's edge at 390 px."""
    from bonavi.careers.reference import get_reference
    from bonavi.careers.services import saved_translation_create
    from bonavi.careers.translator import translate

    text = "コンビニのアルバイトで、店長からシフト作成を任されていました。レジ締めで売上を集計しました。"
    saved_translation_create(
        user=seeker_with_profile, text=text, target_jobtag_id=430, result=translate(text, ref=get_reference())
    )
    page = phone
    log_in(page, live_server.url, seeker_with_profile.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("アピールポイント")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")
    page.goto(page.url.split("#")[0] + "?open=cv_text#sec-cv_text")
    card = page.locator("#appeal-points")
    card.scroll_into_view_if_needed()
    assert "任された経験" in card.inner_text() and "job tag" in card.inner_text()
    widths = page.evaluate(
        "[...document.querySelectorAll('#appeal-points, #appeal-points *')].map(e => e.scrollWidth - e.clientWidth)"
    )
    assert max(widths) <= 0
    shot(page, "documents-appeal-points-390", full_page=False)
