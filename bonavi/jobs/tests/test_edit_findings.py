"""The edit page shows the stored posting's current findings beside their fields when it is opened (not only after
a refused POST): what publishing would be refused for as errors, the checker's warnings as notes; the preview's
links lead to those fields. 「募集を終了する」 asks for a tick first."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import Organization, User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _beside(html: str, name: str) -> str:
    """The field's box on the page: its input, help, errors, and the warning notes after it."""
    return html.split(f'id="field-{name}"', 1)[1].split('<div class="field', 1)[0].split("</fieldset>", 1)[0]


def _draft(org: Organization) -> JobPosting:
    # 営業マン: a gendered title (error); 転居を伴う転勤: indirect discrimination (warning); no 変更の範囲 (error)
    return make_posting(
        org,
        status=PostingStatus.DRAFT,
        title="営業マン（経理兼任）",
        duties_change_scope="",
        required_experience="転居を伴う転勤に応じられる方",
    )


def test_opening_the_edit_page_shows_each_refusal_and_warning_beside_its_field(employer: User) -> None:
    posting = _draft(employer.organization)
    client = _client(employer)
    edit = reverse("jobs:employer_edit", args=[posting.pk])
    response = client.get(edit)
    assert response.status_code == 200
    html = response.content.decode()
    title = _beside(html, "title")
    assert 'class="errorlist" id="id_title_error"' in title and "営業職" in title
    assert 'aria-invalid="true"' in title
    scope = _beside(html, "duties_change_scope")
    assert 'id="id_duties_change_scope_error"' in scope and "変更の範囲" in scope
    assert 'id="warn-required_experience"' in _beside(html, "required_experience")
    summary = html.split('id="edit-findings"', 1)[1].split("</div>", 1)[0]
    assert "このままでは公開できません" in summary and 'href="#id_title"' in summary
    # Opened, not refused: nothing takes the focus from the link the person followed
    assert "autofocus" not in html

    # every link of the preview (refusals and warnings) leads to a field of the edit page that says the same
    preview = client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    hrefs = re.findall(rf'href="{re.escape(edit)}#(id_[a-z_]+)"', preview)
    assert {"id_title", "id_duties_change_scope", "id_required_experience"} <= set(hrefs)
    for anchor in hrefs:
        box = _beside(html, anchor.removeprefix("id_"))
        assert f'id="{anchor}"' in box and ('class="errorlist"' in box or 'class="warnlist"' in box), anchor


def test_a_published_posting_that_no_longer_passes_says_so_on_the_edit_page(employer: User) -> None:
    # stored before the rule (make_posting skips the gate): its next save would be refused
    posting = make_posting(employer.organization, title="営業マン（経理）")
    html = _client(employer).get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    assert "公開中の求人が、このままでは保存できない状態です" in html
    assert "営業職" in _beside(html, "title")


def test_a_posting_without_problems_opens_as_before(employer: User) -> None:
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT)
    html = _client(employer).get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    assert 'id="edit-findings"' not in html and 'class="errorlist"' not in html
    assert 'value="経理事務（未経験歓迎）"' in html


def test_closing_a_posting_asks_for_a_tick(employer: User) -> None:
    posting = make_posting(employer.organization)
    client = _client(employer)
    preview = client.get(reverse("jobs:employer_preview", args=[posting.pk])).content.decode()
    close_form = preview.split('id="close-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="confirm"' in close_form and "この求人の募集を終了します" in close_form
    url = reverse("jobs:employer_close", args=[posting.pk])
    for data in ({}, {"confirm": "1"}):
        response = client.post(url, data)
        assert response.status_code == 422
        html = response.content.decode()
        assert 'id="close-error"' in html and "チェックを入れてください" in html
        posting.refresh_from_db()
        assert posting.status == PostingStatus.PUBLISHED
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
