"""The interview part of the employer's status form is optional (「面接の日程（任意）」): its 開始日時 carries no required
mark, neither the ＊ nor the `required` attribute screen readers announce (UX review s12, F18). The rule stays: once
anything of the part is typed, 開始日時 is needed, and the help says so. The form for a booked 面接 keeps its mark."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.seekers import services
from bonavi.seekers.models import Application, Interview

pytestmark = pytest.mark.django_db


def _field(html: str, name: str) -> str:
    return html.split(f'id="field-{name}"', 1)[1].split('<div class="field', 1)[0]


def test_the_optional_interview_part_marks_nothing_required(employer: User, application: Application) -> None:
    client = Client()
    client.force_login(employer)
    html = client.get(f"/applicants/{application.pk}/").content.decode()
    part = html.split('id="move-interview"', 1)[1].split("</fieldset>", 1)[0]
    assert "面接の日程（任意）" in html
    starts = _field(part, "iv-starts_at")
    assert 'class="req"' not in starts
    assert re.search(r"<input[^>]*\brequired\b", part) is None
    assert "日程を入力する場合は必須" in starts  # what the server still asks, said in words


def test_the_rule_is_kept_once_the_part_is_used(employer: User, application: Application) -> None:
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/applicants/{application.pk}/",
        {"status": "interview", "note": "", "iv-format": "in_person", "iv-place": "本社5階 受付"},
    )
    assert response.status_code == 422
    assert "面接の開始日時を入力してください" in _field(response.content.decode(), "iv-starts_at")
    application.refresh_from_db()
    assert application.status == "applied" and not Interview.objects.exists()


def test_the_form_for_a_booked_interview_keeps_its_required_mark(
    employer: User, application: Application
) -> None:
    services.application_move(user=employer, application=application, to_status="interview")
    client = Client()
    client.force_login(employer)
    html = client.get(f"/applicants/{application.pk}/").content.decode()
    form = html.split('id="interview-form"', 1)[1].split("</form>", 1)[0]
    starts = _field(form, "sched-starts_at")
    assert 'class="req"' in starts and re.search(r"<input[^>]*\brequired\b", starts)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"status": "", "note": ""}, "次の状況を選んでください。"),
        ({"status": "interview", "note": "あ" * 501}, "500"),
        (
            {"status": "interview", "note": "ご本籍地を教えてください。"},
            "連絡事項からその部分を削除してください。",
        ),
        (
            {"status": "hired", "note": ""},
            "「応募済」からは「書類選考」「面接」「内定」「不採用」に進められます。",
        ),
    ],
    ids=[
        "no-next-status",
        "long-note",
        "note-refused-by-the-service",
        "other-move-refused-by-the-service",
    ],
)
def test_an_untouched_interview_part_says_nothing_when_the_move_is_refused_for_another_reason(
    employer: User, application: Application, data: dict[str, str], reason: str
) -> None:
    """Left empty, the part is not judged at all: the page says only why the move was refused (s13 review, 1).
    The radio's own choice (a default, not something typed) is still shown as it was."""
    client = Client()
    client.force_login(employer)
    response = client.post(f"/applicants/{application.pk}/", {"iv-format": "online", **data})
    assert response.status_code == 422
    page = response.content.decode()
    assert reason in page
    assert "面接の開始日時を入力してください" not in page
    part = page.split('id="move-interview"', 1)[1].split("</fieldset>", 1)[0]
    assert re.search(r'<input[^>]*value="online"[^>]*checked', part)
    application.refresh_from_db()
    assert application.status == "applied" and not Interview.objects.exists()


def _fold(page: str) -> str:
    """The interview part's <details> start tag: `open` or not."""
    return page.split('<details class="m-fold" id="move-interview"', 1)[1].split(">", 1)[0]


def test_the_interview_part_is_folded_until_it_is_wanted(employer: User, application: Application) -> None:
    """Open, its boxes were 18 of the 21 Tab stops between 「次の状況」 and 「更新する」, also for a move to 書類選考
    (ADR 0160 addendum): folded, one stop, its summary saying what it holds — with no script needed."""
    client = Client()
    client.force_login(employer)
    page = client.get(f"/applicants/{application.pk}/").content.decode()
    assert "open" not in _fold(page)
    assert "<summary>面接に進める場合：面接の日程を入れる（任意）</summary>" in page
    assert 'id="id_iv-starts_at"' in page  # in the page (no script needed to open it), only folded


@pytest.mark.parametrize(
    "data",
    [
        {"status": "interview", "note": "", "iv-format": "in_person", "iv-place": "本社5階 受付"},
        {"status": "", "note": "", "iv-starts_at": "2030-01-01T10:00", "iv-format": "in_person"},
    ],
    ids=["refused-in-it", "typed-and-the-move-refused-for-another-reason"],
)
def test_the_interview_part_comes_back_open_when_it_was_used(
    employer: User, application: Application, data: dict[str, str]
) -> None:
    """What was typed there, and its reasons, are not hidden in a closed fold (the focus may go to its field)."""
    client = Client()
    client.force_login(employer)
    response = client.post(f"/applicants/{application.pk}/", data)
    assert response.status_code == 422
    assert " open" in _fold(response.content.decode())


def test_an_untouched_interview_part_stays_folded_when_the_move_is_refused(
    employer: User, application: Application
) -> None:
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/applicants/{application.pk}/", {"status": "", "note": "", "iv-format": "online"}
    )
    assert response.status_code == 422
    assert "open" not in _fold(response.content.decode())
