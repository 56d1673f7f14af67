"""内定時の労働条件 on a 390 px phone (ADR 0112): the employer records 内定 with a lower pay than the posting's from
its prefilled form; the candidate reads the change (old → new) above the offered terms and is stopped until she
ticks that she read it, then accepts."""

from __future__ import annotations

import datetime as dt

from bonavi.agents import services
from bonavi.agents.models import Referral, Stage
from tests.e2e.helpers import adviser_card_at_offer, log_in


def test_offer_with_changed_terms_on_a_phone(live_server, phone, shot, agency_world) -> None:
    from bonavi.agents.tests.factories import refer, register

    w = agency_world
    setup, seeker, employer = w["setup"], w["seeker"], w["employer"]
    referral = refer(setup, register(setup, seeker), w["order"].posting_id)
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    page = phone
    base = live_server.url
    log_in(page, base, employer.email, w["password"])
    page.goto(f"{base}/agent/employer/referrals/{referral.pk}/")
    form = page.locator("#move")
    form.locator("select[name=to_stage]").select_option(Stage.OFFER)
    offered = form.locator("#offer-fields")
    assert not offered.locator("input[name=wage_min]").is_visible()  # folded until wanted (ADR 0160 addendum)
    form.locator("#move-offer > summary").click()
    before = offered.locator("input[name=wage_min]").input_value().replace(",", "")  # shown 「230,000」
    offered.locator("input[name=wage_min]").fill(str(int(before) - 10_000))
    offered.locator("input[name=wage_max]").fill("")
    # Without the 入社予定日 (no posting has one): refused beside it, focused, what was typed kept.
    with page.expect_navigation():
        form.get_by_role("button", name="更新する").click()
    offered = page.locator("#move #offer-fields")
    assert "入社予定日を入力してください" in offered.locator(".errorlist").inner_text()
    assert page.evaluate("document.activeElement.name") == "start_on"
    assert offered.locator("input[name=wage_min]").input_value() == str(int(before) - 10_000)
    assert Referral.objects.get().stage == Stage.INTERVIEW1
    shot(page, "agent-offer-terms-employer-refused-390", full_page=False)
    start = dt.date.today() + dt.timedelta(days=40)
    offered.locator("input[name=start_on]").fill(start.isoformat())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    offered.scroll_into_view_if_needed()
    shot(page, "agent-offer-terms-employer-390", full_page=False)
    with page.expect_navigation():
        page.locator("#move").get_by_role("button", name="更新する").click()
    assert Referral.objects.get().stage == Stage.OFFER
    assert "変更点" in page.locator("#offer-terms").inner_text()
    page.locator("#offer-terms").scroll_into_view_if_needed()
    shot(page, "agent-offer-terms-employer-saved-390", full_page=False)

    page.context.clear_cookies()
    log_in(page, base, seeker.email, w["password"])
    page.goto(f"{base}/me/proposals/{referral.proposal_id}/offer/?answer=accept")
    changes = page.locator("#offer-changes").inner_text()
    assert "賃金" in changes and f"{int(before) - 10_000:,}円" in changes
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-offer-terms-candidate-390")
    page.get_by_label("内定を承諾します（企業と担当者に伝わります）").check()
    page.get_by_role("button", name="内定を承諾する").click()
    page.wait_for_selector("text=変更点を読み")
    assert Referral.objects.get().stage == Stage.OFFER
    assert page.evaluate("document.activeElement.name") == "changes_read"
    page.get_by_label("上の「変更点」を読み、変更後の条件を確認しました").check()
    page.get_by_label("内定を承諾します（企業と担当者に伝わります）").check()
    page.get_by_role("button", name="内定を承諾する").click()
    page.wait_for_selector("text=内定を承諾しました")
    assert Referral.objects.get().stage == Stage.OFFER_ACCEPTED

    # Her adviser reads the same changes, and when she confirmed them, on the candidate page.
    page.context.clear_cookies()
    log_in(page, base, setup.ca.email, w["password"])
    page.goto(f"{base}/agent/candidates/{referral.proposal.candidate_id}/")
    terms = page.locator(f"#r{referral.pk}-offer-terms")
    assert "変更前" in terms.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    terms.scroll_into_view_if_needed()
    shot(page, "agent-offer-terms-adviser-390", full_page=False)


def test_adviser_relays_acceptance_of_unread_changes_on_a_phone(
    live_server, phone, shot, agency_world
) -> None:
    """5条の3③ on the adviser's card: while she has not read the changes, 内定承諾 is refused beside the
    「伝えました」 box (focused) until it is ticked."""
    from bonavi.agents.tests.factories import offer_as_posted, refer, register

    w = agency_world
    setup, seeker, employer = w["setup"], w["seeker"], w["employer"]
    referral = refer(setup, register(setup, seeker), w["order"].posting_id)
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, wage_min=220000, wage_max=None),
    )
    page = phone
    base = live_server.url
    log_in(page, base, setup.ca.email, w["password"])
    page.goto(f"{base}/agent/candidates/{referral.proposal.candidate_id}/")
    card = page.locator("form:has(input[name=changes_told])")
    card.locator("select[name=to_stage]").select_option(Stage.OFFER_ACCEPTED)
    with page.expect_navigation():
        card.get_by_role("button", name="選考状況を記録").click()
    assert Referral.objects.get().stage == Stage.OFFER
    assert page.evaluate("document.activeElement.name") == "changes_told"
    box = page.locator("form:has(input[name=changes_told])")
    assert "ご本人に伝えてから" in box.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box.scroll_into_view_if_needed()
    shot(page, "agent-offer-changes-told-refused-390", full_page=False)
    box.get_by_label("内定承諾の場合：変更点（変更前・変更後）をご本人に伝えました").check()
    with page.expect_navigation():
        box.get_by_role("button", name="選考状況を記録").click()
    assert Referral.objects.get().stage == Stage.OFFER_ACCEPTED


def test_adviser_relays_an_offer_with_its_terms_on_a_phone(live_server, phone, shot, agency_world) -> None:
    """A company that phones its 内定 to the adviser: the card's folded 「内定のときの労働条件」 starts from the
    posting's terms; without the 入社予定日 the 内定 is refused beside it (group open, box focused), then recorded
    with the lower pay as a change she will read."""
    page = phone
    base = live_server.url
    referral, card = adviser_card_at_offer(page, base, agency_world)
    offered = card.locator(f"#r{referral.pk}-offer-fields")
    assert not offered.locator("input[name=wage_min]").is_visible()  # folded until opened
    card.locator("select[name=to_stage]").scroll_into_view_if_needed()
    shot(page, "agent-offer-terms-adviser-folded-390", full_page=False)
    offered.locator("summary", has_text="内定のときの労働条件").click()
    before = offered.locator("input[name=wage_min]").input_value().replace(",", "")  # shown 「230,000」
    offered.locator("input[name=wage_min]").fill(str(int(before) - 10_000))
    offered.locator("input[name=wage_max]").fill("")
    with page.expect_navigation():
        card.get_by_role("button", name="選考状況を記録").click()
    offered = page.locator(f"#r{referral.pk}-offer-fields")
    assert offered.get_attribute("open") is not None
    assert "入社予定日を入力してください" in offered.locator(".errorlist").inner_text()
    assert page.evaluate("document.activeElement.name") == "start_on"
    assert offered.locator("input[name=wage_min]").input_value() == str(int(before) - 10_000)
    assert Referral.objects.get().stage == Stage.INTERVIEW1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "agent-offer-terms-adviser-refused-390", full_page=False)
    offered.locator("input[name=start_on]").fill((dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.locator(f"form:has(#r{referral.pk}-offer-fields) select[name=to_stage]").scroll_into_view_if_needed()
    shot(page, "agent-offer-terms-adviser-card-390", full_page=False)
    with page.expect_navigation():
        page.locator(f"form:has(#r{referral.pk}-offer-fields)").get_by_role(
            "button", name="選考状況を記録"
        ).click()
    relayed = Referral.objects.get()
    assert relayed.stage == Stage.OFFER and [c["key"] for c in relayed.offer_terms["changes"]] == ["wage"]
    assert "変更前" in page.locator(f"#r{referral.pk}-offer-terms").inner_text()
