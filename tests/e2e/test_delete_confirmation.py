"""Deleting a saved search or an interview answer on a 390 px phone asks for a ticked box first, like a résumé:
the browser stops an unticked form at the box, a browser that does not check forms gets the server's Japanese
refusal beside the box (nothing deleted), and the box can be ticked from the keyboard."""

from __future__ import annotations

import pytest

from bonavi.accounts.models import Role, User
from bonavi.documents import services as documents
from bonavi.documents.models import InterviewAnswer
from bonavi.notifications import services as notifications
from bonavi.notifications.models import SavedSearch
from tests.e2e.helpers import log_in

PASSWORD = "Kyushoku-Sha-2026"


@pytest.fixture
def seeker(transactional_db) -> User:
    return User.objects.create_user(email="kakunin@seeker.example", password=PASSWORD, role=Role.SEEKER)


def _refuse_then_confirm(page, form, shot, name: str) -> None:
    """Unticked: the browser keeps the form (focus on the box); without form checks the server refuses."""
    url = page.url
    form.get_by_role("button").click()
    assert page.url == url
    assert page.evaluate("document.activeElement.name") == "confirm"
    form.evaluate("f => { f.noValidate = true }")  # a browser that does not check `required`
    with page.expect_navigation():
        form.get_by_role("button").click()
    assert "チェックを入れてください" in form.locator(".errorlist").inner_text()  # beside the box …
    assert page.evaluate("document.activeElement.name") == "confirm"  # … which has the focus
    assert page.locator(".messages").count() == 0  # and said once
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, f"{name}-refused", full_page=False)
    box = form.get_by_role("checkbox")
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    shot(page, f"{name}-ticked", full_page=False)
    form.get_by_role("button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_deleting_a_saved_search_and_an_answer_asks_first(live_server, phone, shot, seeker) -> None:
    search = notifications.saved_search_create(user=seeker, query="q=経理&pref=13", name="東京の経理")
    answer = documents.interview_answer_save(
        owner=seeker, question="前職で工夫したことは？", answer="前職では給与計算を300名分担当していました。"
    )
    page = phone
    log_in(page, live_server.url, seeker.email, PASSWORD)

    page.goto(f"{live_server.url}/me/alerts/")
    _refuse_then_confirm(page, page.locator(f"#delete-{search.pk}"), shot, "delete-saved-search")
    assert "「東京の経理」を削除しました" in page.locator(".messages").inner_text()
    assert not SavedSearch.objects.filter(pk=search.pk).exists()

    page.goto(f"{live_server.url}/documents/interview/answers/{answer.pk}/")
    _refuse_then_confirm(page, page.locator("#delete"), shot, "delete-interview-answer")
    assert "回答を削除しました" in page.locator(".messages").inner_text()
    assert not InterviewAnswer.objects.filter(pk=answer.pk).exists()
