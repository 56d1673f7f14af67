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


def test_deleting_a_resume_and_a_saved_result_asks_first(live_server, phone, shot, seeker) -> None:
    """The résumé's refusal redirected to #delete with its message at the top of the long editor, out of view;
    the saved careers result had no confirmation at all."""
    from bonavi.careers import assessment
    from bonavi.careers import services as careers
    from bonavi.careers.items import ITEMS
    from bonavi.careers.models import SavedAssessment
    from bonavi.documents.models import DocumentVersion

    version = documents.version_create(owner=seeker, title="経理職用の履歴書")
    answers = {i.id: {"C": 4, "E": 3}.get(i.scale, 1) for i in ITEMS if i.is_interest}
    saved = careers.saved_assessment_create(
        user=seeker, answers=answers, result=assessment.assess(answers, scope="all")
    )
    page = phone
    log_in(page, live_server.url, seeker.email, PASSWORD)

    page.goto(f"{live_server.url}/documents/{version.pk}/")
    _refuse_then_confirm(page, page.locator("#delete"), shot, "delete-resume")
    assert "書類を削除しました" in page.locator(".messages").inner_text()
    assert not DocumentVersion.objects.filter(pk=version.pk).exists()

    page.goto(f"{live_server.url}/careers/saved/assessment/{saved.pk}/")
    _refuse_then_confirm(page, page.locator("#delete"), shot, "delete-saved-result")
    assert "保存した結果を削除しました" in page.locator(".messages").inner_text()
    assert not SavedAssessment.objects.filter(pk=saved.pk).exists()


def test_refused_stage_changes_keep_the_note(live_server, phone, shot, agency_world) -> None:
    """The employer's 選考状況 change and the adviser's, refused, come back with the 連絡事項 typed, the reason
    beside the form and the field it names focused, on a 390 px phone."""
    from bonavi.agents import services as agents
    from bonavi.agents.models import Referral, Stage
    from bonavi.agents.tests.factories import refer, register

    w = agency_world
    referral = refer(w["setup"], register(w["setup"], w["seeker"]), w["order"].posting_id)
    agents.referral_move(user=w["employer"], referral=referral, to_stage=Stage.INTERVIEW1)
    page = phone
    log_in(page, live_server.url, w["employer"].email, w["password"])
    page.goto(f"{live_server.url}/agent/employer/referrals/{referral.pk}/")
    form = page.locator("#move")
    form.locator("select[name=to_stage]").select_option(Stage.OFFER)
    form.locator("input[name=note]").fill("条件面談は来週火曜の14時です。")
    form.locator("#move-offer > summary").click()  # folded until wanted (ADR 0160 addendum)
    form.locator("input[name=answer_by]").fill("2000-01-01")  # in the past: refused
    with page.expect_navigation():
        form.get_by_role("button").click()
    assert "今日以降の日付" in form.locator(".errorlist").inner_text()
    assert form.locator("input[name=note]").input_value() == "条件面談は来週火曜の14時です。"
    assert page.evaluate("document.activeElement.name") == "answer_by"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "stage-change-employer-refused", full_page=False)
    assert Referral.objects.get(pk=referral.pk).stage == Stage.INTERVIEW1

    page.context.clear_cookies()
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{referral.proposal.candidate_id}/")
    card = page.locator(".proposal-item").first
    # Only the steps allowed from 1次面接 are offered, none chosen beforehand: sent without one, it is refused.
    assert Stage.JOINED.value not in card.locator("select[name=to_stage] option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    card.locator("input[name=note]").fill("面接の日程は先方と調整済みです。")
    with page.expect_navigation():
        card.get_by_role("button", name="選考状況を記録").click()
    card = page.locator(".proposal-item").first
    assert "選考状況を選んでください" in card.locator(".errorlist").inner_text()
    assert card.locator("input[name=note]").input_value() == "面接の日程は先方と調整済みです。"
    assert page.evaluate("document.activeElement.name") == "to_stage"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "stage-change-adviser-refused", full_page=False)
