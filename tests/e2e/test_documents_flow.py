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
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("メールアドレス").fill(seeker_with_profile.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/documents/")
    page.locator("#id_title").fill("株式会社みなと会計 応募用")
    page.get_by_role("button", name="プロフィールから作成").click()
    page.wait_for_url("**/documents/*/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    # 添削: the summary counts and the hints beside their fields.
    review = page.locator("#review")
    assert "要修正" in review.inner_text()
    institution = page.locator("#field-edu-0-institution")
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

    rirekisho = _download(page, "履歴書（A4・2枚）")
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
        "氏名　田中 翔太",
        "1 / ",
    ):
        assert needle in cv_text, needle

    exported = json.loads(page.request.get(page.url.split("#")[0] + "export.json").text())
    assert exported["education"][0]["institution"] == "愛知県立みなと高等学校"
