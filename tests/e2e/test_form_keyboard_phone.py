"""Keyboard use of a long form on a phone (UX review s12, F4 and F21): a link of the error summary lands on its field
with the field's label in view, and every Tab stop inside a date or time box — the browser's picker button
included — shows the focus ring."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import User
from tests.e2e.helpers import EMPLOYER_PASSWORD as PASSWORD
from tests.e2e.helpers import log_in, wait_until


def _refused_posting_form(page, base: str, account: User) -> None:
    log_in(page, base, account.email, PASSWORD)
    page.goto(f"{base}/jobs/manage/new/")
    page.get_by_role("button", name="保存してプレビュー").click()
    page.wait_for_selector("#form-errors")


def test_a_summary_link_lands_with_the_fields_label_in_view(live_server, phone, employer_account) -> None:
    page = phone
    _refused_posting_form(page, live_server.url, employer_account)
    for name, label in (
        ("wage_unit", "賃金の単位"),
        ("employment_type", "雇用形態"),
        ("prefecture", "都道府県"),
    ):
        link = page.locator(f'#form-errors a[href="#id_{name}"]')
        assert link.inner_text() == label
        link.focus()
        page.keyboard.press("Enter")
        wait_until(page, f"location.hash === '#id_{name}'")
        page.wait_for_timeout(100)  # the jump is instant, but let layout settle
        box = page.locator(f'label[for="id_{name}"]').bounding_box()
        # the label is on screen, not scrolled off the top
        assert box is not None and box["y"] >= 0, (name, box)
        assert page.evaluate("document.activeElement.id") == f"id_{name}"
        page.evaluate("window.scrollTo(0, 0)")


_FOCUS = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {id: e.id, focus: e.matches(':focus'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""


@pytest.mark.parametrize(("box_id", "kind"), [("id_start_time", "time"), ("id_valid_through", "date")])
def test_every_tab_stop_in_a_date_or_time_box_shows_the_focus_ring(
    live_server, phone, employer_account, box_id: str, kind: str
) -> None:
    page = phone
    log_in(page, live_server.url, employer_account.email, PASSWORD)
    page.goto(f"{live_server.url}/jobs/manage/new/")
    assert page.get_attribute(f"#{box_id}", "type") == kind
    page.focus(f"#{box_id}")
    seen_picker = False
    for _ in range(6):
        state = page.evaluate(_FOCUS)
        if state["id"] != box_id:
            break
        # the year/month/day (or hour/minute) parts are the box itself; the picker button is inside it, where
        # the box no longer matches :focus — the stop the review found without a ring
        seen_picker = seen_picker or not state["focus"]
        assert state["outline"] != "none" and state["width"] >= 2, state
        page.keyboard.press("Tab")
    assert seen_picker, "the picker button was not a Tab stop of its own"
