"""A refused profile lists every reason linked to its field, in the order of the page (the shared
includes/error_links.html), rows named by their number; the one focus rule still holds."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.seekers.models import TEXT_MAX, SeekerProfile
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def _refused(seeker: User, **over: str) -> str:
    client = Client()
    client.force_login(seeker)
    form = {
        **PROFILE,
        "history-TOTAL_FORMS": "2",
        "history-INITIAL_FORMS": "0",
        "qual-TOTAL_FORMS": "0",
        "qual-INITIAL_FORMS": "0",
        **over,
    }
    response = client.post("/me/profile/", form)
    assert response.status_code == 422
    assert not SeekerProfile.objects.filter(user=seeker).exists()
    return response.content.decode()


def test_every_reason_is_linked_to_its_field_in_page_order(seeker: User) -> None:
    page = _refused(
        seeker,
        phone="abc",
        experience="経" * (TEXT_MAX + 1),
        pc_excel_pivot="9",
        **{"history-1-kind": "education", "history-1-year": "20x0", "history-1-text": "青山高校 卒業"},
    )
    summary = page[page.index('id="form-errors"') : page.index("</div>", page.index('id="form-errors"'))]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>：', summary)
    assert [href for href, _ in links] == [
        "#id_phone",
        "#id_history-1-year",
        "#id_pc_excel_pivot",
        "#id_experience",
    ], links
    assert links[1][1] == "学歴・職歴 2行目の年"
    assert "入力内容を確認してください（4件）" in summary
    # Each link leads somewhere on the page, and one field (the first in error) takes the focus.
    for href, _ in links:
        assert f'id="{href[1:]}"' in page
    assert page.count("autofocus") == 1 and re.search(r'<input[^>]*name="phone"[^>]*autofocus', page)


def test_a_refusal_only_in_a_row_focuses_that_row(seeker: User) -> None:
    page = _refused(
        seeker, **{"history-0-kind": "education", "history-0-year": "20x0", "history-0-text": "卒業"}
    )
    assert '<a href="#id_history-0-year">学歴・職歴 1行目の年</a>' in page
    assert page.count("autofocus") == 1 and re.search(r'<input[^>]*name="history-0-year"[^>]*autofocus', page)
