"""A refused status or interview form on the company's applicant page lists its reasons at the top (ADR 0140), each
linked to its field, as sign-up and the posting form do. The page is ~6,000 px at 390 px and the forms are ~2,000 px
down: the walk found a refused interview date with no word at the top. The reasons stay beside the fields, and the
page has one focus: the first field in error, or the summary when the refusal is about the form as a whole."""

from __future__ import annotations

import re

import pytest

from bonavi.accounts.models import User
from bonavi.core.tests.interview_time import client_of
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _summary(page: str) -> str:
    assert 'id="form-errors"' in page, "no error summary"
    return page.split('id="form-errors"', 1)[1].split("</div>", 1)[0]


def _links(summary: str) -> list[tuple[str, str]]:
    return re.findall(r'<li><a href="#([^"]+)">[^<]+</a>：([^<]+)</li>', summary)


def test_a_refused_move_to_interview_lists_the_date_at_the_top_linked_to_its_field(
    employer: User, application: Application
) -> None:
    response = client_of(employer).post(
        f"/applicants/{application.pk}/",
        {"status": "interview", "note": "", "iv-format": "in_person", "iv-place": "本社5階"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    summary = _summary(page)
    # Above the profile, the forms and everything else the page has.
    assert page.index('id="form-errors"') < page.index('id="profile"') < page.index('id="move"')
    assert _links(summary) == [("id_iv-starts_at", "面接の開始日時を入力してください。")]
    assert f'id="{_links(summary)[0][0]}"' in page
    assert 'id="id_iv-starts_at_error"' in page  # still beside the field
    # The field takes the focus, not the summary.
    assert page.count("autofocus") == 1 and "autofocus" not in page.split('id="form-errors"', 1)[1][:40]


def test_a_refused_interview_date_lists_its_reasons_at_the_top(employer: User, booked: Application) -> None:
    response = client_of(employer).post(
        f"/applicants/{booked.pk}/interview/",
        {"sched-starts_at": "2020-01-06T10:00", "sched-format": "online", "sched-url": "ftp://example.com/x"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    anchors = [anchor for anchor, _ in _links(_summary(page))]
    assert anchors == ["id_sched-starts_at", "id_sched-url"]
    assert "入力内容を確認してください（2件）。" in _summary(page)
    assert 'id="interview-edit" open' in page and 'id="id_sched-url_error"' in page


def test_a_refusal_of_the_move_as_a_whole_is_in_the_summary_which_takes_the_focus(
    employer: User, application: Application
) -> None:
    # A date typed with a move that is not to 面接 (ADR 0121): refused as a whole, no field to focus.
    response = client_of(employer).post(
        f"/applicants/{application.pk}/",
        {"status": "screening", "note": "", "iv-starts_at": "2030-01-01T10:00", "iv-format": "in_person"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    summary = _summary(page)
    assert "面接の日程は、選考状況を「面接」に進めるときだけ登録できます。" in summary
    head = page.split('id="form-errors"', 1)[1].split(">", 1)[0]
    assert 'tabindex="-1" autofocus' in head and page.count("autofocus") == 1


def test_the_page_as_first_shown_has_no_summary(employer: User, booked: Application) -> None:
    page = client_of(employer).get(f"/applicants/{booked.pk}/").content.decode()
    assert 'id="form-errors"' not in page
