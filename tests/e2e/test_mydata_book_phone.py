"""Her マイデータ on a 390 px phone says what the agency's 求職管理簿 keeps of her, 住所 and 生年月日 among them
(ADR 0114), inside the screen."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents.tests.factories import make_agency, register
from bonavi.seekers.services import profile_update

from .helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_mydata_shows_the_book_entry_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    user = User.objects.create_user(email="book@example.com", password=PASSWORD, role=Role.SEEKER)
    profile_update(
        user=user,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "postal_code": "105-0011",
            "address": "東京都港区芝公園1-1-1 みなとマンション1203号室",
            "birth_date": dt.date(1990, 4, 15),
        },
    )
    register(make_agency(), user)
    log_in(phone, live_server.url, user.email, PASSWORD)
    phone.goto(f"{live_server.url}/me/privacy/export/")
    heading = phone.get_by_text("求職管理簿（法定帳簿）に記載される内容")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible() and phone.get_by_text("1990年4月15日", exact=True).is_visible()
    shot(phone, "mydata-book-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
