"""A 履歴書・職務経歴書 PDF is saved under a name that says whose it is and of which day —
「履歴書_佐藤美咲_20261126.pdf」, not 「履歴書.pdf」 for every person and every version — written by Django as
RFC 6266's UTF-8 filename*, with the characters a file name cannot hold made 「_」 (core.downloads.file_stem)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.documents import services as documents
from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer, pdf_filename
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services as seekers
from bonavi.seekers.models import Application
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def _saved_as(response: Any) -> str:
    """The name a browser saves the download under (the header's filename*, decoded)."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''"), header
    return unquote(header.split("''", 1)[1])


def test_the_name_is_the_kind_the_person_and_the_day() -> None:
    day = dt.date(2026, 11, 26)
    assert pdf_filename(Kind.RIREKISHO, "佐藤 美咲", day) == "履歴書_佐藤美咲_20261126.pdf"
    assert pdf_filename(Kind.SHOKUMUKEIREKISHO, "佐藤　美咲", day) == "職務経歴書_佐藤美咲_20261126.pdf"
    # Control and direction marks (which could show 「fdp.exe」 as 「exe.pdf」) left out; characters Windows and
    # macOS refuse in a name made 「_」, as in a message's attachment (core.downloads.file_stem, one rule for both),
    # so the browser neither renames the file nor cuts the name at them.
    assert (
        pdf_filename(Kind.RIREKISHO, 'A/B\\C:D*E?F"G<H>I|J\x00K\u202eL', day)
        == "履歴書_A_B_C_D_E_F_G_H_I_JKL_20261126.pdf"
    )
    assert pdf_filename(Kind.RIREKISHO, "..", day) == "履歴書_20261126.pdf"  # no name: the kind and the day
    assert pdf_filename(Kind.RIREKISHO, "", day) == "履歴書_20261126.pdf"
    assert len(pdf_filename(Kind.RIREKISHO, "長" * 200, day)) < 80


@pytest.fixture
def version(seeker: User, clean_doc: dict[str, Any]) -> DocumentVersion:
    return documents.version_create(owner=seeker, title="事務職用", data=copy.deepcopy(clean_doc))


def test_the_editors_download_is_named_by_her_name_and_today(
    seeker: User, version: DocumentVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC))
    client = Client()
    client.force_login(seeker)
    page = client.get(f"/documents/{version.pk}/pdf/rirekisho/")
    assert page.content.startswith(b"%PDF")
    assert _saved_as(page) == "履歴書_佐藤美咲_20261126.pdf"
    api = client.get(f"/api/v1/documents/versions/{version.pk}/pdf", {"kind": "shokumukeirekisho"})
    assert api.status_code == 200 and _saved_as(api) == "職務経歴書_佐藤美咲_20261126.pdf"


def test_a_sent_document_is_named_by_the_day_it_was_sent(
    seeker: User, employer: User, version: DocumentVersion
) -> None:
    # Her profile says 山田花子, the document she sent 佐藤美咲: the file is named by what the company received.
    seekers.profile_update(user=seeker, data=PROFILE)
    assert employer.organization is not None
    posting = make_posting(employer.organization, title="営業事務（受発注）")
    application = seekers.application_create(user=seeker, posting_id=posting.pk, document_id=version.pk)
    # Sent on 1 April: the PDF says 「2026年4月1日現在」 whenever it is downloaded, and so does its name.
    Application.objects.filter(pk=application.pk).update(
        document_snapshot={**application.document_snapshot, "on": "2026-04-01"}
    )
    client = Client()
    client.force_login(employer)
    got = client.get(f"/applicants/{application.pk}/document/rirekisho/")
    assert got.status_code == 200 and _saved_as(got) == "履歴書_佐藤美咲_20260401.pdf"
    api = client.get(f"/api/v1/employer/applications/{application.pk}/document/shokumukeirekisho")
    assert api.status_code == 200 and _saved_as(api) == "職務経歴書_佐藤美咲_20260401.pdf"
    assert "山田" not in _saved_as(got) + _saved_as(api)


def test_a_render_across_midnight_prints_and_names_one_day(
    clean_doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document without its own date is printed as of today: the day is read once per render, so the printed
    「年 月 日現在」 and the file's name cannot fall either side of midnight."""
    days = iter([dt.date(2026, 11, 26), dt.date(2026, 11, 27)])
    monkeypatch.setattr(clock, "today_jst", lambda: next(days))
    doc = default_renderer().render(resume_from_json(clean_doc), kind=Kind.RIREKISHO)
    assert doc.filename == "履歴書_佐藤美咲_20261126.pdf"
    assert next(days) == dt.date(2026, 11, 27)  # the clock was read once
