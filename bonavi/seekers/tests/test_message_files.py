"""One file per message (ADR 0097): real PDFs and images judged by their content, hostile names made plain, a huge
upload dropped while it arrives, downloads only for the two sides of the thread, mail that names but never
attaches the file, and the file in マイデータ and gone at 退会."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pypdf import PdfReader, PdfWriter

from bonavi.accounts.models import Organization, Role, User
from bonavi.core.tests.uploads import count_written
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import message_files, mydata
from bonavi.seekers.models import Application, ApplicationMessage, MessageAttachment

pytestmark = pytest.mark.django_db


def real_pdf(text: str = "面接のご案内") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def real_png(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 39.0, 29.0)}  # GPSInfo: where the photo was taken
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (10, 120, 10)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(user: User, url: str, name: str, data: bytes, body: str = "資格証の写しをお送りします。") -> Any:
    return _client(user).post(url, {"body": body, "file": SimpleUploadedFile(name, data, "application/pdf")})


def _seeker_url(application: Application) -> str:
    return f"/me/applications/{application.pk}/messages/"


def _employer_url(application: Application) -> str:
    return f"/applicants/{application.pk}/messages/"


def _mails() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(subject__contains="メッセージが届きました").order_by("pk"))


@pytest.fixture
def outsiders(db: Any, employer: User) -> dict[str, User]:
    other_org = Organization.objects.create(
        name="株式会社ほか商事", address="大阪府大阪市1-1", phone="06-1111-2222"
    )
    return {
        "other_seeker": User.objects.create_user(
            email="other@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER
        ),
        "other_employer": User.objects.create_user(
            email="hr@hoka.example", password="pw-Long-enough-1", role=Role.EMPLOYER, organization=other_org
        ),
        # An agent account linked to the posting's own company is still not its 採用担当 (ADR 0090).
        "agent": User.objects.create_user(
            email="ca@agency.example",
            password="pw-Long-enough-1",
            role=Role.AGENT,
            organization=employer.organization,
        ),
    }


# Sending and downloading ---------------------------------------------------------------------------------------


def test_a_real_pdf_is_sent_shown_and_downloaded_by_the_company_as_a_download(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    pdf = real_pdf()
    response = _send(profiled_seeker, _seeker_url(application), "資格証の写し.pdf", pdf)
    assert response.status_code == 302
    stored = MessageAttachment.objects.get()
    assert (stored.name, stored.content_type, stored.size) == (
        "資格証の写し.pdf",
        "application/pdf",
        len(pdf),
    )
    assert bytes(stored.data) == pdf and stored.sha256 == hashlib.sha256(pdf).hexdigest()

    for user, page_url, file_url in (
        (employer, f"/applicants/{application.pk}/", f"/applicants/{application.pk}/messages/"),
        (
            profiled_seeker,
            f"/me/applications/{application.pk}/",
            f"/me/applications/{application.pk}/messages/",
        ),
    ):
        page = _client(user).get(page_url).content.decode()
        link = f"{file_url}{stored.message_id}/file/"
        assert f'href="{link}"' in page and "資格証の写し.pdf" in page and "（PDF、1 KB）" in page
        got = _client(user).get(link)
        assert got.status_code == 200 and got.content == pdf
        assert got["Content-Type"] == "application/pdf"
        assert got["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''%E8%B3%87" in got["Content-Disposition"]
        assert got["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in got["Cache-Control"]
    assert len(PdfReader(io.BytesIO(got.content)).pages) == 1


def test_a_message_may_be_only_a_file_but_not_empty(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    assert _send(employer, _employer_url(application), "面接案内.pdf", real_pdf(), body="").status_code == 302
    assert ApplicationMessage.objects.get().body == ""
    empty = _client(profiled_seeker).post(_seeker_url(application), {"body": ""})
    assert empty.status_code == 422
    assert "メッセージを入力するか、ファイルを添付してください。" in empty.content.decode()
    assert ApplicationMessage.objects.count() == 1


def test_an_image_is_re_encoded_without_its_exif_and_named_by_its_real_type(
    profiled_seeker: User, application: Application
) -> None:
    assert (
        _send(profiled_seeker, _seeker_url(application), "IMG_0001.PNG", jpeg_with_gps()).status_code == 302
    )
    stored = MessageAttachment.objects.get()
    assert (stored.name, stored.content_type) == ("IMG_0001.jpg", "image/jpeg")
    image = Image.open(io.BytesIO(bytes(stored.data)))
    assert image.format == "JPEG" and image.size == (80, 60)
    assert not image.getexif()  # neither the maker nor the place


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("内定通知書.pdf", "内定通知書\n本文です。".encode(), "ファイルの中身がこれらの形式ではありません"),
        ("壊れた.pdf", b"%PDF-1.7\n" + b"x" * 500, "PDFとして開けないファイルです"),
        ("写真.png", b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>", "画像として開けないファイルです"),
        ("page.png", b"<html><script>alert(1)</script></html>", "ファイルの中身がこれらの形式ではありません"),
        ("空.pdf", b"", "添付ファイルが空です"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_kept(
    profiled_seeker: User, employer: User, application: Application, name: str, data: bytes, reason: str
) -> None:
    response = _send(profiled_seeker, _seeker_url(application), name, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert reason in page
    assert "資格証の写しをお送りします。" in page  # the text is kept for the next try
    api = _client(employer).post(
        f"/api/v1/employer/applications/{application.pk}/messages/with-file",
        {"body": "ご確認ください。", "file": SimpleUploadedFile(name, data, "application/pdf")},
    )
    assert api.status_code == 422 and reason in str(api.json()["errors"]["file"])
    assert not ApplicationMessage.objects.exists() and not MessageAttachment.objects.exists()
    assert _mails() == []


def test_an_encrypted_pdf_is_refused_with_the_reason() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(message_files.AttachmentInvalid, match="パスワードで保護されたPDF"):
        message_files.check_file("offer.pdf", out.getvalue())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\hanako\\Desktop\\ポートフォリオ.pdf", "ポートフォリオ.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe.pdf"),  # a bidi override that hid ".exe"
        ("a\x00b\r\nc\x1b.pdf", "abc.pdf"),
        ('面接:"案内"<1>|?*.pdf', "面接__案内__1____.pdf"),
        ("...", "添付ファイル.pdf"),
        ("", "添付ファイル.pdf"),
        ("あ" * 300 + ".pdf", "あ" * message_files.NAME_MAX + ".pdf"),
        ("scan.PNG", "scan.pdf"),  # the name's extension is replaced by what the content is
    ],
)
def test_a_hostile_name_is_made_a_plain_bounded_file_name(raw: str, expected: str) -> None:
    assert message_files.safe_name(raw, "application/pdf") == expected


def test_a_hostile_name_is_neutralised_on_the_way_in(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    hostile = "..\\..\\\u202e" + "x" * 240 + "\x07.pdf"
    assert _send(profiled_seeker, _seeker_url(application), hostile, real_pdf()).status_code == 302
    stored = MessageAttachment.objects.get()
    assert stored.name == "x" * message_files.NAME_MAX + ".pdf"
    got = _client(employer).get(f"/applicants/{application.pk}/messages/{stored.message_id}/file/")
    assert got["Content-Disposition"] == f'attachment; filename="{stored.name}"'


# A huge upload ------------------------------------------------------------------------------------------------


def test_a_huge_upload_is_dropped_as_it_arrives_with_a_japanese_message(
    profiled_seeker: User, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = count_written(monkeypatch)
    huge = b"%PDF-1.7\n" + b"0" * (12 * 1024 * 1024)
    response = _send(profiled_seeker, _seeker_url(application), "大きい.pdf", huge)
    assert response.status_code == 422
    page = response.content.decode()
    assert "添付ファイルが大きすぎます。5 MBまでのファイルを選んでください。" in page
    assert "資格証の写しをお送りします。" in page
    # Django's own handlers saw at most the cap: the other 7 MB were never written anywhere.
    assert sum(written) <= settings.UPLOAD_MAX_BYTES
    assert not ApplicationMessage.objects.exists() and _mails() == []


def test_a_huge_upload_to_the_api_is_not_written_whole_and_answers_413(
    profiled_seeker: User, employer: User, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = count_written(monkeypatch)
    huge = b"%PDF-1.7\n" + b"0" * (12 * 1024 * 1024)
    for user, url in (
        (profiled_seeker, f"/api/v1/me/applications/{application.pk}/messages/with-file"),
        (employer, f"/api/v1/employer/applications/{application.pk}/messages/with-file"),
    ):
        written.clear()
        api = _client(user).post(
            url, {"body": "大きい", "file": SimpleUploadedFile("a.pdf", huge, "application/pdf")}
        )
        assert api.status_code == 413, url
        assert api.json()["detail"] == "ファイルが大きすぎます。1回に送れるファイルは合わせて5 MBまでです。"
        assert 0 < sum(written) <= settings.UPLOAD_MAX_BYTES, url
    assert not ApplicationMessage.objects.exists()


def test_a_file_just_over_the_cap_is_refused_and_the_api_answers_413(
    profiled_seeker: User, application: Application
) -> None:
    over = b"%PDF-1.7\n" + b"0" * message_files.MAX_BYTES
    assert _send(profiled_seeker, _seeker_url(application), "a.pdf", over).status_code == 422
    api = _client(profiled_seeker).post(
        f"/api/v1/me/applications/{application.pk}/messages/with-file",
        {"file": SimpleUploadedFile("a.pdf", over, "application/pdf")},
    )
    assert api.status_code == 413
    assert api.json()["detail"] == "ファイルが大きすぎます。1回に送れるファイルは合わせて5 MBまでです。"
    assert not ApplicationMessage.objects.exists()


def test_the_cap_counts_the_whole_request_not_each_file(
    profiled_seeker: User, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = count_written(monkeypatch)
    four_mb = b"%PDF-1.7\n" + b"0" * (4 * 1024 * 1024)
    files = {f"extra{i}": SimpleUploadedFile(f"{i}.pdf", four_mb) for i in range(4)}
    response = _client(profiled_seeker).post(
        _seeker_url(application), {"body": "五つ", "file": SimpleUploadedFile("a.pdf", four_mb), **files}
    )
    assert response.status_code == 422
    assert "添付ファイルが大きすぎます。5 MBまでのファイルを選んでください。" in response.content.decode()
    assert sum(written) <= settings.UPLOAD_MAX_BYTES  # not 20 MB in five temporary files
    assert not ApplicationMessage.objects.exists()


def test_more_files_than_any_form_takes_are_refused(profiled_seeker: User, application: Application) -> None:
    # One more than DATA_UPLOAD_MAX_NUMBER_FILES, each a small real PDF.
    files = {f"f{i}": SimpleUploadedFile(f"{i}.pdf", real_pdf()) for i in range(6)}
    response = _client(profiled_seeker).post(_seeker_url(application), {"body": "多すぎ", **files})
    assert response.status_code == 400
    assert not ApplicationMessage.objects.exists()


def test_the_upload_view_still_checks_csrf(profiled_seeker: User, application: Application) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(profiled_seeker)
    response = client.post(
        _seeker_url(application), {"body": "こんにちは", "file": SimpleUploadedFile("a.pdf", real_pdf())}
    )
    assert response.status_code == 403
    assert not ApplicationMessage.objects.exists()
    # With the page's token the same post is accepted.
    client.get(f"/me/applications/{application.pk}/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        _seeker_url(application),
        {"body": "こんにちは", "file": SimpleUploadedFile("a.pdf", real_pdf()), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert ApplicationMessage.objects.get().attachment.name == "a.pdf"


# Who may download ---------------------------------------------------------------------------------------------


def test_only_the_two_sides_download_everyone_else_gets_404(
    profiled_seeker: User, employer: User, application: Application, outsiders: dict[str, User]
) -> None:
    _send(employer, _employer_url(application), "内定通知書.pdf", real_pdf("内定通知書"))
    mid = MessageAttachment.objects.get().message_id
    urls = [
        f"/me/applications/{application.pk}/messages/{mid}/file/",
        f"/applicants/{application.pk}/messages/{mid}/file/",
    ]
    apis = [
        f"/api/v1/me/applications/{application.pk}/messages/{mid}/file",
        f"/api/v1/employer/applications/{application.pk}/messages/{mid}/file",
    ]
    for user in outsiders.values():
        for url in urls:
            assert _client(user).get(url).status_code == 404, (user.email, url)
    assert _client(outsiders["other_seeker"]).get(apis[0]).status_code == 404
    assert _client(outsiders["other_employer"]).get(apis[1]).status_code == 404
    for url in urls:  # not signed in: the login page, never the file
        anonymous = _client(None).get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for api in apis:
        assert _client(None).get(api).status_code == 401
    # The right message id under another application's number is not found either.
    assert (
        _client(profiled_seeker)
        .get(f"/me/applications/{application.pk + 1}/messages/{mid}/file/")
        .status_code
        == 404
    )
    assert _client(profiled_seeker).get(urls[0]).status_code == 200
    assert _client(employer).get(urls[1]).status_code == 200


# API ------------------------------------------------------------------------------------------------------------


def test_the_api_sends_a_png_and_both_sides_list_and_download_it(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    png = real_png()
    sent = _client(employer).post(
        f"/api/v1/employer/applications/{application.pk}/messages/with-file",
        {"body": "会場の地図です。", "file": SimpleUploadedFile("地図.png", png, "image/png")},
    )
    assert sent.status_code == 201, sent.content
    file = sent.json()["attachment"]
    stored = MessageAttachment.objects.get()
    assert file == {
        "name": "地図.png",
        "content_type": "image/png",
        "size": stored.size,
        "url": f"/api/v1/employer/applications/{application.pk}/messages/{stored.message_id}/file",
    }
    listed = _client(profiled_seeker).get(f"/api/v1/me/applications/{application.pk}/messages").json()
    mine = listed["messages"][0]["attachment"]
    assert mine["url"] == f"/api/v1/me/applications/{application.pk}/messages/{stored.message_id}/file"
    got = _client(profiled_seeker).get(mine["url"])
    assert got.status_code == 200 and got["Content-Type"] == "image/png"
    assert got["X-Content-Type-Options"] == "nosniff" and got["Content-Disposition"].startswith("attachment;")
    assert Image.open(io.BytesIO(got.content)).size == (64, 48)
    plain = _client(profiled_seeker).post(
        f"/api/v1/me/applications/{application.pk}/messages",
        {"body": "ありがとうございます。"},
        content_type="application/json",
    )
    assert plain.status_code == 201 and plain.json()["attachment"] is None


def test_a_double_click_with_the_same_file_stores_one_another_file_is_a_new_message(
    profiled_seeker: User, application: Application
) -> None:
    for _ in range(2):
        _send(profiled_seeker, _seeker_url(application), "a.pdf", real_pdf("一つ目"))
    assert ApplicationMessage.objects.count() == 1
    _send(profiled_seeker, _seeker_url(application), "b.pdf", real_pdf("二つ目"))
    assert ApplicationMessage.objects.count() == 2 and MessageAttachment.objects.count() == 2


# Mail ----------------------------------------------------------------------------------------------------------


def test_the_mails_tell_of_the_file_but_never_carry_it(
    smtp_inbox: Inbox, profiled_seeker: User, employer: User, application: Application
) -> None:
    outbox_drain()
    smtp_inbox.wait_for(2)
    smtp_inbox.clear()
    _send(profiled_seeker, _seeker_url(application), "山田花子_資格証.pdf", real_pdf())
    _send(
        employer,
        _employer_url(application),
        "面接のご案内.pdf",
        real_pdf("面接"),
        body="詳細は添付をご覧ください。",
    )
    outbox_drain()
    received = smtp_inbox.wait_for(2)
    assert len(received) == 2
    by_to = {str(m["To"]): m for m in received}
    to_company, to_seeker = by_to[employer.email], by_to[profiled_seeker.email]
    for m in received:
        assert not m.is_multipart() and not list(m.iter_attachments())
        assert "%PDF" not in m.as_string()
    company_text = text_of(to_company)
    # The applicant's file name is their words (here their own name): the company's mail gives kind and size only.
    assert "添付ファイルが1件あります：PDF、1 KB" in company_text
    assert "メッセージと添付ファイルを見る・返信するには、ログインしてこちらから：" in company_text
    assert "山田" not in company_text and "資格証" not in company_text
    seeker_text = text_of(to_seeker)
    assert "添付ファイル：面接のご案内.pdf（PDF、1 KB）" in seeker_text
    assert "ファイルはメールには添付していません" in seeker_text
    assert f"/me/applications/{application.pk}/#messages" in seeker_text


# マイデータ and 退会 -------------------------------------------------------------------------------------------


def test_files_are_in_mydata_and_deleted_at_taikai(
    profiled_seeker: User, employer: User, application: Application
) -> None:
    pdf = real_pdf()
    _send(profiled_seeker, _seeker_url(application), "ポートフォリオ.pdf", pdf)
    _send(employer, _employer_url(application), "地図.png", real_png(), body="地図です。")
    data = mydata.mydata_export(user=profiled_seeker)
    first, second = data["applications"][0]["messages"]
    stored = MessageAttachment.objects.get(name="ポートフォリオ.pdf")
    link = first["attachment"].pop("download_url")
    assert first["attachment"] == {
        "name": "ポートフォリオ.pdf",
        "type": "application/pdf",
        "size": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
    }
    assert link == f"{settings.SITE_URL}/me/applications/{application.pk}/messages/{stored.message_id}/file/"
    assert second["attachment"]["name"] == "地図.png"
    client = _client(profiled_seeker)
    api = client.get("/api/v1/me/mydata").json()
    assert api["applications"][0]["messages"][0]["attachment"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    page = client.get("/me/privacy/export/").content.decode()
    assert "ポートフォリオ.pdf" in page and f"/messages/{stored.message_id}/file/" in page
    # The size written as the thread and the mails write it, not as Django's filesizeformat would.
    assert f"ポートフォリオ.pdf</a>（{message_files.size_label(len(pdf))}）" in page
    assert "MessageAttachment" not in str(data["other_data"])

    mydata.account_delete(user=profiled_seeker)
    assert not MessageAttachment.objects.exists() and not ApplicationMessage.objects.exists()
