"""A 学歴・職歴 row's 内容 is a box that wraps (the returning seeker's walk, session 21): a one-line input cut
「株式会社ソラ会計サービス 入社（経理アシスタント）」 at 390 px. It stays one line of the 履歴書: a line break typed in
it is saved as a space."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db


def test_the_row_text_wraps_and_a_typed_line_break_is_a_space(seeker: User) -> None:
    client = Client()
    client.force_login(seeker)
    page = client.get("/me/profile/").content.decode()
    assert re.search(r'<textarea name="history-0-text"[^>]*maxlength="200" class="row-text"', page), page
    response = client.post(
        "/me/profile/",
        {
            **PROFILE,
            "history-TOTAL_FORMS": "1",
            "history-INITIAL_FORMS": "0",
            "history-0-kind": "work",
            "history-0-year": "2023",
            "history-0-month": "10",
            "history-0-text": "株式会社ソラ会計サービス\r\n入社（経理アシスタント）",
            "qual-TOTAL_FORMS": "1",
            "qual-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    [row] = seeker.seeker_profile.history.all()
    assert row.text == "株式会社ソラ会計サービス 入社（経理アシスタント）"
