"""A direct application carries one of the seeker's 履歴書・職務経歴書 versions, as it was then (ADR 0091): the
seeker chooses it on the 応募 page (no JavaScript) or in the API, the employer reads it and downloads its PDF,
and nobody else reaches it."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import ApiToken, Role, User
from bonavi.documents import sent as sent_source
from bonavi.documents import services as documents
from bonavi.documents.comments import resume_sections
from bonavi.documents.models import DocumentVersion
from bonavi.documents.selectors import version_label
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import mydata
from bonavi.seekers import services as seekers
from bonavi.seekers.models import Application, ProfileAccess

pytestmark = pytest.mark.django_db

SUMMARY = "食品卸で受発注と請求書発行を担当し、月400件の受注入力を締め日までに終えてきました。"


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _profiled(email: str) -> User:
    user = User.objects.create_user(email=email, password="pw-Long-enough-1", role=Role.SEEKER)
    seekers.profile_update(
        user=user,
        data={
            "family_name": "佐藤",
            "given_name": "美咲",
            "family_name_kana": "さとう",
            "given_name_kana": "みさき",
            "phone": "090-1111-2222",
        },
    )
    return user


@pytest.fixture
def applicant(db: Any) -> User:
    return _profiled("misaki@seeker.example")


@pytest.fixture
def posting(employer: User) -> JobPosting:
    assert employer.organization is not None
    return make_posting(employer.organization, title="営業事務（受発注）")


@pytest.fixture
def version(applicant: User, clean_doc: dict[str, Any]) -> DocumentVersion:
    doc = copy.deepcopy(clean_doc)
    doc["basics"]["summary"] = SUMMARY
    return documents.version_create(owner=applicant, title="事務職用", data=doc)


def _sent(applicant: User, posting: JobPosting, version: DocumentVersion) -> Application:
    return seekers.application_create(user=applicant, posting_id=posting.pk, document_id=version.pk)


def test_the_apply_form_sends_the_chosen_version_as_it_was(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    client = _client(applicant)
    page = client.get(f"/me/apply/{posting.pk}/").content.decode()
    # Plain radio buttons in the form (the page works without JavaScript), 「送らない」 first.
    assert 'type="radio" name="document" value=""' in page and "送らない（プロフィールだけ）" in page
    assert f'type="radio" name="document" value="{version.pk}"' in page and "事務職用（" in page

    response = client.post(
        f"/me/apply/{posting.pk}/", {"document": str(version.pk), "message": "よろしくお願いします"}
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.document_label.startswith("事務職用（")

    # Edited after applying: the employer still reads what was sent.
    edited = copy.deepcopy(version.data)
    edited["basics"]["summary"] = "あとから書き直した職務要約です。"
    documents.version_update(version=version, data=edited)
    employer_page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert SUMMARY in employer_page and "あとから書き直した" not in employer_page
    assert application.document_label in employer_page
    assert f"/applicants/{application.pk}/document/rirekisho/" in employer_page
    # The seeker's own page says what went.
    mine = client.get(f"/me/applications/{application.pk}/").content.decode()
    assert application.document_label in mine and SUMMARY in mine

    # Deleting the version changes nothing either.
    documents.version_delete(version=version)
    assert SUMMARY in _client(employer).get(f"/applicants/{application.pk}/").content.decode()

    # The employer's mail names the posting only, never what the applicant sent (ADR 0044).
    mail = OutboxMessage.objects.get(to_email=employer.email)
    sent = mail.subject + mail.body_text
    assert "新しい応募" in sent and SUMMARY not in sent and "事務職用" not in sent and "佐藤" not in sent


def test_the_employer_downloads_the_sent_pdf_and_the_read_is_logged(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    application = _sent(applicant, posting, version)
    for kind in ("rirekisho", "shokumukeirekisho"):
        response = _client(employer).get(f"/applicants/{application.pk}/document/{kind}/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF") and "attachment" in response["Content-Disposition"]
    assert ProfileAccess.objects.filter(owner=applicant, channel="pdf").count() == 2
    assert _client(employer).get(f"/applicants/{application.pk}/document/xyz/").status_code == 404
    # The applicant may download what they sent (not logged as someone else's read).
    own = _client(applicant).get(f"/me/applications/{application.pk}/document/shokumukeirekisho/")
    assert own.status_code == 200 and own.content.startswith(b"%PDF")
    assert ProfileAccess.objects.filter(owner=applicant).count() == 2


def test_nobody_else_reaches_the_sent_document(
    applicant: User, employer: User, other_employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    application = _sent(applicant, posting, version)
    stranger = _profiled("someone@seeker.example")
    web_employer = f"/applicants/{application.pk}/document/rirekisho/"
    web_seeker = f"/me/applications/{application.pk}/document/rirekisho/"
    api = f"/api/v1/employer/applications/{application.pk}/document/rirekisho"

    assert _client(other_employer).get(web_employer).status_code == 404
    assert _client(other_employer).get(api).status_code == 404
    other_detail = _client(other_employer).get(f"/api/v1/employer/applications/{application.pk}")
    assert other_detail.status_code == 404
    assert _client(stranger).get(web_seeker).status_code == 404
    assert _client(stranger).get(web_employer).status_code == 403  # not an employer at all
    assert _client(applicant).get(web_employer).status_code == 403  # the applicant uses their own URL
    assert _client(employer).get(web_seeker).status_code == 403
    anonymous = _client()
    assert anonymous.get(web_employer).status_code == 302  # to the login page
    assert anonymous.get(web_seeker).status_code == 302
    assert anonymous.get(api).status_code == 401
    # Nothing was read, so nothing is logged as read.
    assert not ProfileAccess.objects.exists()

    # A token of another company is refused the same way.
    token = ApiToken.issue(user=other_employer, name="よそ")[1]
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404


def test_another_persons_version_cannot_be_sent(
    applicant: User, posting: JobPosting, clean_doc: dict[str, Any]
) -> None:
    stranger = _profiled("someone@seeker.example")
    theirs = documents.version_create(owner=stranger, title="他人の書類", data=clean_doc)
    page = _client(applicant).post(f"/me/apply/{posting.pk}/", {"document": str(theirs.pk)})
    assert page.status_code == 422
    assert "選んだ書類が見つかりません。送付する書類を選び直してください。" in page.content.decode()
    api = _client(applicant).post(
        "/api/v1/me/applications",
        {"posting_id": posting.pk, "document_id": theirs.pk},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"]["document"] == [
        "選んだ書類が見つかりません。送付する書類を選び直してください。"
    ]
    # With versions of their own on the form, the stranger's id is still no choice of theirs.
    documents.version_create(owner=applicant, title="自分の書類", data=clean_doc)
    again = _client(applicant).post(f"/me/apply/{posting.pk}/", {"document": str(theirs.pk)})
    assert again.status_code == 422 and "選んだ書類が見つかりません" in again.content.decode()
    assert not Application.objects.exists()


def test_the_api_sends_a_version_and_the_employer_api_shows_it(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    created = _client(applicant).post(
        "/api/v1/me/applications",
        {"posting_id": posting.pk, "document_id": version.pk},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["document"].startswith("事務職用（")
    pk = created.json()["id"]
    detail = _client(employer).get(f"/api/v1/employer/applications/{pk}").json()
    sent = detail["document"]
    assert sent["label"] == created.json()["document"]
    assert ["職務要約", SUMMARY] in [row for s in sent["sections"] for row in s["rows"]]
    assert sent["pdf"]["rirekisho"] == f"/api/v1/employer/applications/{pk}/document/rirekisho"
    pdf = _client(employer).get(sent["pdf"]["shokumukeirekisho"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # 「職務経歴書_佐藤美咲_<the day sent>.pdf」 (test_pdf_file_names.py)
    assert pdf["Content-Disposition"].startswith(
        "attachment; filename*=utf-8''%E8%81%B7%E5%8B%99%E7%B5%8C%E6%AD%B4%E6%9B%B8_"
    )
    # The detail and the PDF are both logged as the company's reads through the API.
    assert ProfileAccess.objects.filter(owner=applicant, channel="api").count() == 2


def test_the_apply_form_starts_on_her_newest_version(
    applicant: User, posting: JobPosting, version: DocumentVersion, clean_doc: dict[str, Any]
) -> None:
    # A student who just made a 履歴書 for this 応募 and presses 応募する sends it, not her profile alone;
    # 「送らない」 is still there to choose.
    newer = documents.version_create(owner=applicant, title="一般事務 応募用", data=copy.deepcopy(clean_doc))
    page = _client(applicant).get(f"/me/apply/{posting.pk}/").content.decode()
    assert page.count(" checked") == 1 and 'value=""' in page
    chosen = page[: page.index(" checked")].rsplit("<input", 1)[1]
    assert f'value="{newer.pk}"' in chosen


def test_applying_without_a_document_sends_none(applicant: User, employer: User, posting: JobPosting) -> None:
    application = seekers.application_create(user=applicant, posting_id=posting.pk)
    assert application.document_label == "" and application.document_snapshot == {}
    page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert 'id="document"' not in page
    assert _client(employer).get(f"/applicants/{application.pk}/document/rirekisho/").status_code == 404
    assert _client(employer).get(f"/api/v1/employer/applications/{application.pk}").json()["document"] is None


def test_the_sent_document_is_in_mydata_and_goes_with_the_account(
    applicant: User, posting: JobPosting, version: DocumentVersion
) -> None:
    application = _sent(applicant, posting, version)
    exported = mydata.mydata_export(user=applicant)["applications"][0]["submitted_document"]
    assert exported["label"] == application.document_label
    assert exported["content"]["resume"]["basics"]["summary"] == SUMMARY
    mydata.account_delete(user=applicant)
    application.refresh_from_db()
    assert application.document_label == "" and application.document_snapshot == {}


def test_each_page_reads_the_application_once(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    """The pages and the API read the sent document from the application their permission selector loaded: it
    was read a second time (the employer's page: +2 queries with its events; the seeker's: +2 with the deferred
    snapshot)."""
    application = _sent(applicant, posting, version)
    table = f'FROM "{Application._meta.db_table}"'
    for user, url in (
        (employer, f"/applicants/{application.pk}/"),
        (employer, f"/api/v1/employer/applications/{application.pk}"),
        (applicant, f"/me/applications/{application.pk}/"),
        (employer, f"/applicants/{application.pk}/document/rirekisho/"),
        (applicant, f"/me/applications/{application.pk}/document/rirekisho/"),
    ):
        client = _client(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        reads = [
            q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT") and table in q["sql"]
        ]
        assert len(reads) == 1, (url, reads)


def test_a_version_is_labelled_in_japan_time_and_its_sections_keep_their_order(
    applicant: User, version: DocumentVersion
) -> None:
    """One label for a version, wherever it is sent (the 応募 form and the agency's 推薦 said it two ways, one of
    them with the glibc-only %-m), and one grouping of its written parts."""
    saved = dt.datetime(2026, 11, 26, 5, 42, tzinfo=dt.UTC)  # 14:42 in Japan
    DocumentVersion.objects.filter(pk=version.pk).update(updated_at=saved)
    version.refresh_from_db()
    assert version_label(version) == "事務職用（2026年11月26日（木）14:42 保存の版）"
    assert sent_source.choices(applicant) == [(version.pk, "事務職用（2026年11月26日（木）14:42 保存の版）")]

    # Without a 職務要約, 職務経歴書 (skills, 自己PR …) still comes before the jobs, as in the document.
    data = copy.deepcopy(version.data)
    data["basics"]["summary"] = ""
    groups = [group for group, _rows in resume_sections(data)]
    assert groups[0] == "職務経歴書" and groups[1].startswith("職歴 1：")
    assert all(rows for _group, rows in resume_sections(data))


def test_a_sent_part_time_job_and_skill_read_as_the_document_prints_them() -> None:
    """s20's no-JS journey: the copy of a sent 職務経歴書 headed her café job 「職歴 1：カフェ青葉（…） ホールスタッフ」
    (a full-time job, read so) and listed 「Excel ピボットテーブル」 without the 「基本操作ができる」 the PDF prints."""
    data = {
        "work": [
            {
                "name": "カフェ青葉",
                "position": "ホールスタッフ",
                "employmentType": "アルバイト",
                "startDate": "2023-05",
                "summary": "レジ締め",
            },
            {
                "name": "株式会社みなと商事",
                "employmentType": "正社員",
                "startDate": "2024-04",
                "summary": "経理",
            },
        ],
        "skills": [
            {"name": "Excel ピボットテーブル", "level": "基本操作ができる"},
            {"name": "Excel", "keywords": ["VLOOKUP", "ピボットテーブル"], "level": "実務で使える"},
        ],
    }
    sections = dict(resume_sections(data))
    assert "職歴 1：カフェ青葉（2023年5月～現在） アルバイト・ホールスタッフ" in sections
    assert "職歴 2：株式会社みなと商事（2024年4月～現在）" in sections
    skills = dict(sections["職務経歴書"])["活かせる経験・知識・スキル"]
    assert skills.splitlines() == [
        "Excel ピボットテーブル：基本操作ができる",
        "Excel（VLOOKUP、ピボットテーブル）：実務で使える",
    ]


def test_a_pdf_that_cannot_be_made_comes_back_to_the_page_with_a_message_for_its_reader(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    """The links carried `download`: when the renderer refused, the browser saved the redirected page as the PDF
    and the message was never seen. And that message tells the owner what to fix; the company reads another."""
    application = _sent(applicant, posting, version)
    # Sent (as a version stored before such dates were refused could be) on a day before the birth date.
    Application.objects.filter(pk=application.pk).update(
        document_snapshot={**application.document_snapshot, "on": "1900-01-01"}
    )
    page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert f'href="/applicants/{application.pk}/document/rirekisho/">' in page and " download" not in page

    company = _client(employer).get(f"/applicants/{application.pk}/document/rirekisho/", follow=True)
    shown = company.content.decode()
    assert company.redirect_chain == [(f"/applicants/{application.pk}/", 302)]
    assert "この書類はPDFにできませんでした。画面の内容をご覧ください。" in shown
    assert "生年月日を直して" not in shown
    api = _client(employer).get(f"/api/v1/employer/applications/{application.pk}/document/rirekisho")
    assert api.status_code == 422 and "生年月日" not in api.json()["detail"]

    own = _client(applicant).get(f"/me/applications/{application.pk}/document/rirekisho/", follow=True)
    assert own.redirect_chain == [(f"/me/applications/{application.pk}/", 302)]
    assert "生年月日を直してから作成してください。" in own.content.decode()
    assert " download" not in own.content.decode()
    # Nothing was read, so nothing is logged.
    assert not ProfileAccess.objects.filter(channel__in=["pdf", "api"]).exists()


def test_her_page_puts_the_interview_and_messages_before_the_folded_documents(
    applicant: User, employer: User, posting: JobPosting, version: DocumentVersion
) -> None:
    """ADR 0140: on her application page the messages were ~3,700 px down at 390 px, after a full copy of the
    職務経歴書. The interview and its answer, then the thread, come first; the sent documents are a fold, closed."""
    application = _sent(applicant, posting, version)
    seekers.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={
            "starts_at": dt.datetime.now(dt.UTC) + dt.timedelta(days=7),
            "format": "in_person",
            "place": "本社5階",
        },
    )
    page = _client(applicant).get(f"/me/applications/{application.pk}/").content.decode()
    order = [
        page.index(mark)
        for mark in ('id="interview"', 'id="interview-answer"', 'id="messages"', 'id="document"')
    ]
    assert order == sorted(order)
    at = page.index('id="document"')
    assert (
        page[page.rindex("<", 0, at) : page.index(">", at) + 1]
        == '<details class="card m-fold" id="document">'
    )
    fold = page[at:].split("</details>", 1)[0]
    assert "<summary>送った応募書類</summary>" in fold and SUMMARY in fold  # all of it, behind the fold
    # The company's page keeps the documents open: reading them is what it is for.
    theirs = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert '<section class="card" id="document">' in theirs
