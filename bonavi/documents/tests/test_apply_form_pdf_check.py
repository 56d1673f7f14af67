"""The 応募 form lets her look at each document she may send as a PDF first (ADR 0150): a 「PDFで確認」 link per
version and kind, named for the document (「一般事務 応募用（履歴書）をPDFで確認」), opening her own PDF in a new tab;
nobody else can open it."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.documents import services as documents
from bonavi.documents.models import DocumentVersion
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import services as seekers

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """Each <a>: its attributes and its name (its aria-label, else its text: what a screen reader names it by)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str], str]] = []
        self._open: list[tuple[dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open.append(({k: v or "" for k, v in attrs}, []))

    def handle_data(self, data: str) -> None:
        for _attrs, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            attrs, text = self._open.pop()
            self.links.append((attrs, attrs.get("aria-label") or "".join(text).strip()))


def links(page: str) -> dict[str, dict[str, str]]:
    parser = _Links()
    parser.feed(page)
    return {name: attrs for attrs, name in parser.links}


def _seeker(email: str) -> User:
    user = User.objects.create_user(email=email, password="pw-Long-enough-1", role=Role.SEEKER)
    seekers.profile_update(
        user=user,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "family_name_kana": "みほん",
            "given_name_kana": "さくら",
            "phone": "090-1111-2222",
        },
    )
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def posting(employer: User) -> JobPosting:
    assert employer.organization is not None
    return make_posting(employer.organization, title="一般事務（受付・データ入力）")


@pytest.fixture
def applicant(db: Any) -> User:
    return _seeker("sakura@seeker.example")


@pytest.fixture
def version(applicant: User, clean_doc: dict[str, Any]) -> DocumentVersion:
    return documents.version_create(owner=applicant, title="一般事務 応募用", data=copy.deepcopy(clean_doc))


def test_each_document_has_its_own_pdf_links_named_for_it(
    applicant: User, posting: JobPosting, version: DocumentVersion, clean_doc: dict[str, Any]
) -> None:
    newer = documents.version_create(owner=applicant, title="経理 応募用", data=copy.deepcopy(clean_doc))
    page = _client(applicant).get(f"/me/apply/{posting.pk}/").content.decode()
    found = links(page)
    for v in (version, newer):
        for kind, label in (("rirekisho", "履歴書"), ("shokumukeirekisho", "職務経歴書")):
            link = found[f"{v.title}（{label}）をPDFで確認"]
            assert link["href"] == f"/documents/{v.pk}/pdf/{kind}/?paper=A4&inline=1"
            assert link["target"] == "_blank" and "noopener" in link["rel"]
            assert f">{label}</a>" in page  # the word shown is inside the name (WCAG 2.5.3)
    # each under its own choice (newest first): a version's radio, then its links, then the next version's radio
    assert (
        page.index(f'value="{newer.pk}"')
        < page.index("経理 応募用（")
        < page.index(f'value="{version.pk}"')
        < page.index("一般事務 応募用（")
    )
    assert "「PDFで確認」は新しいタブで開きます。" in page


def test_the_link_opens_her_pdf_in_the_browser_and_nobody_elses(
    applicant: User, posting: JobPosting, version: DocumentVersion, employer: User
) -> None:
    page = _client(applicant).get(f"/me/apply/{posting.pk}/").content.decode()
    url = links(page)["一般事務 応募用（履歴書）をPDFで確認"]["href"]
    mine = _client(applicant).get(url)
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert mine.content.startswith(b"%PDF")
    assert mine["Content-Disposition"].startswith("inline")  # read in the tab, not a download to find
    assert mine["Cache-Control"] == "private, no-store"
    # the editor's own buttons still download
    assert (
        _client(applicant).get(url.replace("&inline=1", ""))["Content-Disposition"].startswith("attachment")
    )
    other = _seeker("other@seeker.example")
    assert _client(other).get(url).status_code == 404
    assert _client(employer).get(url).status_code == 403
    # and her page lists no link to another person's document
    documents.version_create(owner=other, title="他人の書類", data={"basics": {"name": "他人"}})
    assert "他人の書類" not in _client(applicant).get(f"/me/apply/{posting.pk}/").content.decode()


def test_no_document_no_links(applicant: User, posting: JobPosting) -> None:
    page = _client(applicant).get(f"/me/apply/{posting.pk}/").content.decode()
    assert "PDFで確認" not in page
