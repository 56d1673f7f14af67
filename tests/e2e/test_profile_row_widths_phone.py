"""The profile's 学歴・職歴 and 資格 rows at 390 px: the text boxes (内容, 資格名, 資格（一覧から）) take the row's
whole width. The rule that widens them named #field-text / #field-name, but a formset's fields are
field-history-0-text, field-qual-0-name…, so the boxes were squeezed into half a row (159 px)."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORD = "kanri-Bu-2026!"


def _width(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().width")


def test_row_text_boxes_take_the_whole_row(live_server, phone, shot, transactional_db) -> None:
    base = live_server.url
    seeker = User.objects.create_user(email="gakureki@seeker.example", password=PASSWORD, role=Role.SEEKER)
    log_in(phone, base, seeker.email, PASSWORD)
    phone.goto(f"{base}/me/profile/")
    row = _width(phone, "#history .row-form")
    for box in ("#id_history-0-text", "#id_qual-0-name", "#id_qual-0-code"):
        # The row's width less the field's own edges: well over half of the row, as the 年・月 pair is.
        assert _width(phone, box) > row * 0.9, box
    # 年 and 月 side by side, each half a row (区分 has a row of its own).
    assert _width(phone, "#id_history-0-year") < row * 0.6
    tops = phone.evaluate(
        "['#id_history-0-year', '#id_history-0-month'].map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert tops[0] == tops[1]
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.evaluate("document.getElementById('history').scrollIntoView()")
    shot(phone, "profile-history-rows-phone", full_page=False)
