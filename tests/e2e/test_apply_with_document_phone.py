"""応募書類 with a direct application on a 390 px phone (ADR 0091): the seeker chooses a 職務経歴書 version on the
応募 page with JavaScript off (each version with its 「PDFで確認」 links, ADR 0150), and the company's 採用担当 reads
it on the applicant page and downloads its PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonavi.accounts.models import Organization, Role, User
from bonavi.documents import services as documents
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services
from bonavi.seekers.models import Application

from .helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"
RESUME = Path(__file__).resolve().parents[3] / "shared" / "eval" / "resume" / "clean.json"


def test_seeker_sends_a_document_without_javascript_and_the_employer_reads_it(
    live_server, new_page, shot, transactional_db
) -> None:
    org = Organization.objects.create(
        name="株式会社みなと商事", address="東京都港区1-1", phone="03-1111-2222"
    )
    posting = make_posting(org, title="営業事務（受発注・請求書の発行）", employer_name=org.name)
    hr = User.objects.create_user(
        email="hr@minato.example", password=PASSWORD, role=Role.EMPLOYER, organization=org
    )
    seeker = User.objects.create_user(email="misaki@seeker.example", password=PASSWORD, role=Role.SEEKER)
    services.profile_update(
        user=seeker,
        data={
            "family_name": "佐藤",
            "given_name": "美咲",
            "family_name_kana": "さとう",
            "given_name_kana": "みさき",
            "phone": "090-1111-2222",
        },
    )
    version = documents.version_create(
        owner=seeker, title="事務職用の職務経歴書", data=json.loads(RESUME.read_text(encoding="utf-8"))
    )

    mine = new_page(390, 844, java_script_enabled=False)
    log_in(mine, live_server.url, seeker.email, PASSWORD)
    mine.goto(f"{live_server.url}/me/apply/{posting.pk}/")
    group = mine.get_by_role("group", name="一緒に送る履歴書・職務経歴書（任意）")
    group.get_by_role("radio", name="事務職用の職務経歴書", exact=False).check()
    # Each version's PDFs can be read before sending, named for the document (ADR 0150); a new tab keeps the form.
    for kind in ("履歴書", "職務経歴書"):
        link = group.get_by_role("link", name=f"事務職用の職務経歴書（{kind}）をPDFで確認", exact=True)
        assert link.get_attribute("target") == "_blank" and link.inner_text() == kind
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "apply-with-document-phone")
    mine.get_by_role("button", name="応募する").click()
    mine.wait_for_load_state()
    application = Application.objects.get()
    assert application.document_label.startswith("事務職用の職務経歴書")
    assert "送った応募書類" in mine.content()
    assert mine.evaluate("document.documentElement.scrollWidth") <= 390
    shot(mine, "application-with-document-phone")

    theirs = new_page(390, 844)
    log_in(theirs, live_server.url, hr.email, PASSWORD)
    theirs.goto(f"{live_server.url}/applicants/{application.pk}/")
    section = theirs.locator("#document")
    assert version.title in section.inner_text()
    assert theirs.evaluate("document.documentElement.scrollWidth") <= 390
    section.scroll_into_view_if_needed()
    shot(theirs, "applicant-document-phone")
    with theirs.expect_download() as download:
        section.get_by_role("link", name="職務経歴書（PDF）をダウンロード").click()
    assert download.value.suggested_filename.endswith(".pdf")
