"""The posting form's own messages (UX review s12, F4 and F11): a required choice left empty is named with what to do;
a refused save shows only what the typed values are refused for, each once; the 変更の範囲 finding speaks of the
form's own field."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.tests.factories import make_posting

from .test_posting_input import form_payload

pytestmark = pytest.mark.django_db


def _error(html: str, name: str) -> list[str]:
    box = html.split(f'id="id_{name}_error"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>([^<]+)</li>", box)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("subrole", "職種を選んでください。"),
        ("employment_type", "雇用形態を選んでください。"),
        ("prefecture", "都道府県を選んでください。"),
        ("wage_unit", "賃金の単位を選んでください。"),
        ("title", "求人タイトルを入力してください。"),
    ],
)
def test_a_required_field_left_empty_is_named_with_what_to_do(
    client: Client, employer: User, name: str, message: str
) -> None:
    client.force_login(employer)
    response = client.post(reverse("jobs:employer_create"), form_payload(**{name: ""}))
    assert response.status_code == 422 and not JobPosting.objects.exists()
    html = response.content.decode()
    assert _error(html, name) == [message]
    assert "このフィールドは必須です" not in html
    # the summary at the top says it too, linked to the field
    assert f'<a href="#id_{name}">' in html.split('id="form-errors"', 1)[1].split("</div>", 1)[0]


def test_a_choice_not_on_the_list_is_named(client: Client, employer: User) -> None:
    client.force_login(employer)
    response = client.post(reverse("jobs:employer_create"), form_payload(employment_type="boss"))
    assert response.status_code == 422
    assert _error(response.content.decode(), "employment_type") == ["雇用形態は一覧から選んでください。"]


def test_a_refused_save_says_each_problem_once_and_no_stale_warning(client: Client, employer: User) -> None:
    """The review saw 「…小さくなっています」 and 「…低くなっています」 for one wage, and the last saved version's
    8-hour warning beside the new errors."""
    posting = make_posting(
        employer.organization, status=PostingStatus.DRAFT, end_time=dt.time(18, 30), break_minutes=60
    )
    client.force_login(employer)
    edit = reverse("jobs:employer_edit", args=[posting.pk])
    assert "8時間を超えています" in client.get(edit).content.decode()  # the stored posting's warning
    # hours fixed to 8, but the wage's maximum typed under its minimum: refused
    typed = form_payload(end_time=dt.time(18, 0), wage_min="300000", wage_max="200000")
    response = client.post(edit, typed)
    assert response.status_code == 422
    html = response.content.decode()
    assert "8時間を超えています" not in html
    assert html.count("賃金の上限が下限より") == 2  # beside the field and in the summary, one wording
    assert "低くなっています" not in html
    posting.refresh_from_db()
    assert posting.end_time == dt.time(18, 30) and posting.wage_min == 230_000


def test_the_change_scope_finding_asks_for_the_forms_own_field(client: Client, employer: User) -> None:
    posting = make_posting(employer.organization, status=PostingStatus.DRAFT, duties_change_scope="")
    client.force_login(employer)
    html = client.get(reverse("jobs:employer_edit", args=[posting.pk])).content.decode()
    message = " ".join(_error(html, "duties_change_scope"))
    assert (
        "「業務内容の変更の範囲」に" in message
        and "業務内容のすぐ後" not in message
        and "（変更の範囲）" not in message
    )
