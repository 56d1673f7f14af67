"""The session-10 review at 390 px: the adviser's candidate page shows how to reach her (on request), each 推薦's
history and links to the jobs, 推薦する only on an accepted proposal; the seeker reads the hearing summary before
answering and, once answered, her answer and what comes next instead of the buttons."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import log_in

pytestmark = pytest.mark.browser


def test_candidate_and_proposal_pages_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents import services
    from bonavi.agents.models import Stage
    from bonavi.agents.tests.factories import refer, register
    from bonavi.seekers.models import SeekerProfile

    w = agency_world
    SeekerProfile.objects.update_or_create(
        user=w["seeker"],
        defaults={
            "family_name": "山田",
            "given_name": "花子",
            "phone": "090-1234-5678",
            "postal_code": "105-0011",
            "address": "東京都港区芝公園4-2-8",
        },
    )
    candidate = register(w["setup"], w["seeker"])
    referral = refer(w["setup"], candidate, w["order"].posting_id)
    services.referral_move(
        user=w["employer"], referral=referral, to_stage=Stage.INTERVIEW1, note="12/3 14:00 1次面接（本社5階）"
    )
    waiting = services.proposal_create(user=w["setup"].ca, candidate=candidate, posting_id=w["public"][0].pk)

    page = phone
    log_in(page, live_server.url, w["setup"].ca.email, w["password"])
    page.goto(f"{live_server.url}/agent/candidates/{candidate.pk}/")
    contact = page.locator("#contact")
    # Shown on request only (ADR 0125): a plain visit does not put 「連絡先を閲覧」 in her access log.
    assert contact.get_by_role("link", name="090-1234-5678").count() == 0
    shot(page, "agent-candidate-contact-on-request-390", full_page=False)
    contact.get_by_role("link", name="連絡先を表示").click()
    page.wait_for_load_state()
    assert contact.get_by_role("link", name="090-1234-5678").is_visible()
    assert contact.get_by_role("link", name=w["seeker"].email).is_visible()
    history = page.get_by_role("list", name="選考の経過")
    assert "12/3 14:00 1次面接（本社5階）" in history.inner_text()
    card = page.locator(".proposal-item", has_text=w["public"][0].title)
    assert card.get_by_role("button", name="推薦する").count() == 0
    assert "ご本人の回答を待っています" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-candidate-review-390")
    page.get_by_role("link", name=w["order"].title).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=w["order"].title).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-staff-job-390")

    page.context.clear_cookies()
    log_in(page, live_server.url, w["seeker"].email, w["password"])
    page.goto(f"{live_server.url}/me/proposals/{waiting.pk}/")
    page.get_by_text("企業に送られる内容").click()
    assert page.get_by_text("日商簿記2級").is_visible()
    shot(page, "seeker-proposal-before-answer-390")
    page.get_by_role("group", name="送付する書類（応募する場合）").get_by_label(
        "ヒアリング内容から作成した職務経歴の要約"
    ).check()
    page.get_by_role("button", name="この求人に応募する").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="回答：応募に同意").is_visible()
    assert page.get_by_role("button", name="この求人に応募する").count() == 0
    assert page.get_by_role("button", name="辞退する").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "seeker-proposal-answered-390")
