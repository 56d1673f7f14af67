"""At 内定 the candidate, on a 390 px phone, answers the offer herself: she reads the employer's deadline, opens
the confirmation page, is stopped without the confirmation box, then accepts; the employer and the adviser are
mailed, and the page shows 内定承諾."""

from __future__ import annotations

import datetime as dt

from bonavi.agents import services
from bonavi.agents.models import Referral, Stage
from bonavi.notifications.models import OutboxMessage
from tests.e2e.helpers import log_in


def test_candidate_accepts_an_offer_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents.tests.factories import offer_as_posted, refer, register

    w = agency_world
    setup, seeker, employer = w["setup"], w["seeker"], w["employer"]
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, w["order"].posting_id)
    proposal = referral.proposal
    deadline = dt.date.today() + dt.timedelta(days=10)
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        answer_by=deadline,
        offer=offer_as_posted(referral),
    )
    OutboxMessage.objects.all().delete()

    page = phone
    base = live_server.url
    log_in(page, base, seeker.email, w["password"])
    page.goto(f"{base}/me/proposals/{proposal.pk}/")
    assert "企業が設定した回答期限" in page.locator("#answer-by").inner_text()
    page.locator("#offer-answer").scroll_into_view_if_needed()
    shot(page, "agent-offer-answer-390", full_page=False)
    page.locator("#offer-answer").get_by_role("link", name="内定を承諾する").click()
    assert "企業と担当のアドバイザーにメールで伝わります" in page.locator("#consequences").inner_text()
    # the browser itself requires the box; remove `required` to check that the server refuses too
    page.eval_on_selector("#offer-form input[name=confirm]", "el => el.removeAttribute('required')")
    page.get_by_role("button", name="内定を承諾する").click()
    page.wait_for_selector("text=確認のチェックを入れてください")
    assert Referral.objects.get().stage == Stage.OFFER
    page.get_by_label("内定を承諾します（企業と担当者に伝わります）").check()
    shot(page, "agent-offer-confirm-390")
    page.get_by_role("button", name="内定を承諾する").click()
    page.wait_for_selector("text=内定を承諾しました")
    assert "選考状況：内定承諾" in page.content()
    shot(page, "agent-offer-accepted-390")
    assert Referral.objects.get().stage == Stage.OFFER_ACCEPTED
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="内定承諾").count() == 1
    assert OutboxMessage.objects.filter(to_email=setup.ca.email, subject__contains="内定承諾").count() == 1
