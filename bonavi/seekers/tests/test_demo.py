"""`bonavi demo` leaves the demo seeker and employer a direct application with a message thread (seekers_demo)."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.demo import DEMO_PASSWORD
from bonavi.accounts.models import User
from bonavi.core.clock import date_jst, today_jst
from bonavi.core.interviews import InterviewFormat
from bonavi.seekers.message_files import check_file
from bonavi.seekers.models import (
    Application,
    ApplicationMessage,
    ApplicationStatus,
    Interview,
    MessageAttachment,
)

pytestmark = pytest.mark.django_db


def _walkthrough() -> Application:
    """The walk-through's application (the first): the demo seeker also has the one whose interview was held."""
    application = Application.objects.filter(applicant__email="seeker@example.com").order_by("pk").first()
    assert application is not None
    return application


def _as(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_the_demo_has_one_application_at_interview_with_a_thread_both_sides_read() -> None:
    call_command("demo", "--postings", "20", stdout=StringIO())
    application = _walkthrough()
    assert application.status == ApplicationStatus.INTERVIEW
    assert application.document_label  # the 職務経歴書 the walk-through made is sent with it
    assert application.posting.organization.name == "株式会社BOナビデモ商事"
    assert ApplicationMessage.objects.filter(application=application).count() == 3
    seeker_page = _as("seeker@example.com").get(reverse("seekers:application_detail", args=[application.pk]))
    assert "来週の平日18時以降" in seeker_page.content.decode()
    employer_page = _as("employer@example.com").get(reverse("applicants:detail", args=[application.pk]))
    assert "来週の火曜日と木曜日" in employer_page.content.decode()

    out = StringIO()
    call_command("seekers_demo", stdout=out)  # a second run adds nothing
    assert "作成済み" in out.getvalue()
    assert Application.objects.count() == 2 and ApplicationMessage.objects.count() == 3
    assert Interview.objects.count() == 2 and MessageAttachment.objects.count() == 1


def test_the_demo_interview_is_in_person_on_a_day_to_come_with_its_calendar_file() -> None:
    # ADR 0102: set through the service, so the card and the .ics are the real ones.
    call_command("demo", "--postings", "20", stdout=StringIO())
    interview = Interview.objects.get(application=_walkthrough())
    assert interview.format == InterviewFormat.IN_PERSON and not interview.is_cancelled
    assert "東京都千代田区丸の内1-1-1" in interview.place and "持ち物" in interview.notes
    ahead = (date_jst(interview.starts_at) - today_jst()).days
    assert 2 <= ahead <= 8 and date_jst(interview.starts_at).weekday() == 1  # the Tuesday her reply offered
    seeker = _as("seeker@example.com")
    page = seeker.get(reverse("seekers:application_detail", args=[interview.application_id])).content.decode()
    assert interview.when_display in page and "持ち物" in page
    ics = seeker.get(reverse("seekers:application_interview_ics", args=[interview.application_id]))
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content


def test_the_demo_thread_has_a_real_pdf_both_sides_can_download(monkeypatch) -> None:
    # ADR 0097: a PDF made by the command and sent through message_post, so it was checked like any upload.
    # ADR 0051 (addendum): printed by the documents app's renderer from its template, as users' 履歴書 are.
    from bonavi.documents.render.weasy import WeasyPrintRenderer

    printed: list[str] = []
    real = WeasyPrintRenderer.render_letter

    def recording(self: WeasyPrintRenderer, template: str, context: Any) -> Any:
        printed.append(template)
        return real(self, template, context)

    monkeypatch.setattr(WeasyPrintRenderer, "render_letter", recording)
    call_command("demo", "--postings", "20", stdout=StringIO())
    assert printed == ["documents/pdf/interview_guide.html"]
    attachment = MessageAttachment.objects.select_related("message").get()
    application = attachment.message.application
    interview = Interview.objects.get(application=application)
    assert attachment.name == "面接のご案内.pdf" and attachment.content_type == "application/pdf"
    assert attachment.message.side == "employer"
    assert check_file("x.pdf", bytes(attachment.data)).content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(bytes(attachment.data)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for needle in (
        "面接のご案内",
        interview.when_display,
        "東京都千代田区丸の内1-1-1 株式会社BOナビデモ商事 3階受付",
        "持ち物：筆記用具、職務経歴書（印刷したもの）。",
        "株式会社BOナビデモ商事 採用担当（03-0000-0000）",
    ):
        assert needle in text, needle
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("IPAexMincho" in name for name in fonts)  # the documents' fonts (_fonts.css)
    for email, name in (
        ("seeker@example.com", "seekers:application_detail"),
        ("employer@example.com", "applicants:detail"),
    ):
        client = _as(email)
        assert "面接のご案内.pdf" in client.get(reverse(name, args=[application.pk])).content.decode()
    url = reverse("seekers:message_attachment", args=[application.pk, attachment.message_id])
    download = _as("seeker@example.com").get(url)
    assert download.status_code == 200 and b"".join(download).startswith(b"%PDF-")


def test_a_demo_made_before_the_interview_step_gets_it_on_its_next_run() -> None:
    call_command("demo", "--postings", "20", stdout=StringIO())
    application = _walkthrough()
    MessageAttachment.objects.all().delete()
    Interview.objects.filter(application=application).delete()
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SCREENING)
    out = StringIO()
    call_command("seekers_demo", stdout=out)
    assert "面接の日程（対面）と添付ファイル付きのメッセージを追加しました" in out.getvalue()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.INTERVIEW
    assert Interview.objects.count() == 2 and MessageAttachment.objects.count() == 1


def test_without_the_documents_app_the_demo_sends_no_guide_and_a_later_run_does(monkeypatch) -> None:
    """The guide is printed by the documents app, which seekers reaches only through its DocumentSource: without
    one the interview is still set, the message with the PDF waits for a run that has it."""
    from bonavi.seekers import demo

    call_command("demo", "--postings", "20", stdout=StringIO())
    MessageAttachment.objects.all().delete()
    monkeypatch.setattr(demo, "document_source", lambda: None)
    out = StringIO()
    call_command("seekers_demo", stdout=out)
    assert "添付ファイル" not in out.getvalue() and not MessageAttachment.objects.exists()
    monkeypatch.undo()
    call_command("seekers_demo", stdout=out)
    assert "添付ファイル付きのメッセージを追加しました" in out.getvalue()
    assert MessageAttachment.objects.count() == 1


def test_the_demo_has_an_interview_held_yesterday_with_its_next_one_to_set() -> None:
    """ADR 0123 (s15 addendum): 「次の面接の日程を決める」 is seen only after a held interview, and the demo had none.
    One direct application (a second applicant's) had its in-person interview yesterday, its 経過 in the order and at the
    times it happened (applied, 書類選考, 面接 with the date set before the day); a second run adds nothing."""
    call_command("demo", "--postings", "20", stdout=StringIO())
    held = [i for i in Interview.objects.select_related("application") if i.is_held()]
    assert len(held) == 1
    interview = held[0]
    application = interview.application
    # Another applicant than the demo seeker, to the walk-through's posting (the demo company may have one public).
    assert application.applicant is not None and application.applicant.email == "seeker2@example.com"
    assert (
        application.status == ApplicationStatus.INTERVIEW
        and application.posting_id == _walkthrough().posting_id
    )
    assert application.applicant_name == "見本 はるか"
    assert date_jst(interview.starts_at) == today_jst() - dt.timedelta(days=1)
    assert interview.format == InterviewFormat.IN_PERSON and not interview.is_cancelled
    events = list(application.events.order_by("created_at", "id"))
    assert [e.to_status for e in events] == ["applied", "screening", "interview", "interview"]
    assert [e.created_at for e in events] == sorted(e.created_at for e in events)
    assert application.created_at == events[0].created_at
    assert events[-1].created_at < interview.starts_at  # the date was set before the day
    assert "面接の日程を設定しました" in events[-1].note
    assert application.updated_at == events[-1].created_at

    employer_page = _as("employer@example.com").get(reverse("applicants:detail", args=[application.pk]))
    assert "次の面接の日程を決める" in employer_page.content.decode()
    applicants = _as("employer@example.com").get(reverse("applicants:list")).content.decode()
    assert f"面接済み（{interview.day_display}）" in applicants
    mine = _as("seeker2@example.com").get(reverse("seekers:applications")).content.decode()
    assert f"面接済み（{interview.day_display}）" in mine
    # She signs in with the demo's one password, as every demo account does, to see her side of it.
    assert Client().login(username="seeker2@example.com", password=DEMO_PASSWORD)

    users = User.objects.count()
    call_command("seekers_demo", stdout=StringIO())
    assert Application.objects.count() == 2 and Interview.objects.count() == 2
    assert User.objects.count() == users
