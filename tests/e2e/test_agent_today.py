"""The adviser's /agent/ with 「今日やること」 and the employer's referral page with its folded interview form, at
1366 px and 390 px (ADR 0110): nothing wider than the screen, the search works without JS."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.core import clock

from .helpers import log_in

pytestmark = pytest.mark.browser


def test_workbench_today_and_referral_page(live_server, new_page, shot, agency_world) -> None:
    from bonavi.agents import interviews
    from bonavi.agents import services as agents
    from bonavi.agents.models import JobOrder, Stage
    from bonavi.agents.tests.factories import refer, register, take_order

    w = agency_world
    candidate = register(w["setup"], w["seeker"])
    referral = refer(w["setup"], candidate, w["order"].posting_id)
    agents.referral_move(user=w["employer"], referral=referral, to_stage=Stage.INTERVIEW1)
    referral.refresh_from_db()
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=3), dt.time(10), tzinfo=clock.JST)
    interviews.referral_interview_set(
        user=w["employer"],
        referral=referral,
        values={"starts_at": starts, "format": "online", "url": "https://meet.example.com/minato-1"},
    )
    # A job proposed and not answered for 8 days.
    proposal = agents.proposal_create(user=w["setup"].ca, candidate=candidate, posting_id=w["public"][0].pk)
    type(proposal).objects.filter(pk=proposal.pk).update(created_at=clock.now() - dt.timedelta(days=8))
    # She answered 応募したい on a job whose order has lapsed since: listed apart, linked to the job to re-accept.
    take_order(w["setup"], w["public"][1].pk)
    lapsed = agents.proposal_create(user=w["setup"].ca, candidate=candidate, posting_id=w["public"][1].pk)
    agents.proposal_answer(
        user=candidate.user, proposal=lapsed, accept=True, document_choice="要約", document_text="経理3年"
    )
    JobOrder.objects.filter(posting_id=w["public"][1].pk).update(
        valid_until=clock.today_jst() - dt.timedelta(days=1)
    )

    for width, height, tag in ((1366, 900, "1366"), (390, 844, "390")):
        page = new_page(width, height)
        log_in(page, live_server.url, w["setup"].ca.email, w["password"])
        page.goto(f"{live_server.url}/agent/")
        today = page.locator("#today")
        assert "7日以内の面接" in today.inner_text() and "7日以上回答のない提案" in today.inner_text()
        assert "求人受理の期限切れ・掲載終了（受理し直すと推薦できます）（1件）" in today.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"agent-today-{tag}")
        page.locator("#candidate-search input[name=q]").fill("no-such-person")
        page.locator("#candidate-search button").click()
        page.wait_for_load_state()
        assert "条件に合う求職者はいません" in page.locator("#candidates").inner_text()

        emp = new_page(width, height)
        log_in(emp, live_server.url, w["employer"].email, w["password"])
        emp.goto(f"{live_server.url}/agent/employer/referrals/{referral.pk}/")
        assert not emp.locator("#interview-form").is_visible()  # folded: the date is set
        assert "佐藤CA" in emp.locator("#agency-contact").inner_text()
        assert emp.evaluate("document.documentElement.scrollWidth") <= width
        shot(emp, f"employer-referral-{tag}")
