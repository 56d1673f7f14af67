"""マイデータ's 一覧 on a 390 px phone: a saved search with a few conditions stays inside the screen."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.notifications import services as notifications

from .helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def test_saved_search_query_wraps_on_a_phone(live_server, phone, shot, transactional_db) -> None:
    """The stored query is percent-encoded with no break opportunity: one search for 経理事務 in two
    prefectures made the whole page scroll sideways by more than 100 px."""
    user = User.objects.create_user(email="mydata@example.com", password=PASSWORD, role=Role.SEEKER)
    notifications.saved_search_create(user=user, query="q=経理事務&pref=13&pref=14&pref=11", name="経理事務")
    log_in(phone, live_server.url, user.email, PASSWORD)
    phone.goto(f"{live_server.url}/me/privacy/export/")
    assert phone.get_by_text("経理事務｜").is_visible()
    shot(phone, "mydata-export-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
