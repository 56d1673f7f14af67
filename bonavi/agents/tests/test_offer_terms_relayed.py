"""内定 relayed by the agency carries its terms too (ADR 0112): a company with no 採用担当 account, or one that phones
the adviser, still offers a wage and a start date, and the candidate is told the changes from the proposal before
she accepts (職業安定法5条の3③) — one rule for the employer's page, the adviser's card and the API."""

from __future__ import annotations

import pytest

from bonavi.agents import services
from bonavi.agents.models import AuditAction, Referral, Stage
from bonavi.agents.tests.factories import offer_as_posted, offer_form
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_interview(referral, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    OutboxMessage.objects.all().delete()
    return referral


def _card(page: str, referral: Referral) -> str:
    """The adviser's 選考状況 form of the card (its action and the boxes up to its button)."""
    form = page.split(f'action="/agent/referrals/{referral.pk}/"', 1)[1]
    assert 'name="action" value="move"' in form.split("</form>", 1)[0]
    return form.split("</form>", 1)[0]


def test_the_card_offers_the_employers_boxes_from_the_postings_terms(setup, at_interview, client):
    referral = at_interview
    client.force_login(setup.ca)
    url = f"/agent/candidates/{referral.proposal.candidate_id}/"
    form = _card(client.get(url).content.decode(), referral)
    # Folded under the stage select (no JS), each box starting from the posting as on the employer's page.
    assert "<summary>内定のときの労働条件・回答期限</summary>" in form
    assert form.index('name="to_stage"') < form.index("内定のときの労働条件") < form.index('name="wage_min"')
    assert 'value="230,000"' in field_tag(form, "wage_min")
    assert 'value="' not in field_tag(form, "start_on")
    assert '<option value="month" selected>' in form
    # Where 内定 is not a step (her answer is what comes next) there are no boxes.
    services.referral_move(
        user=setup.ca, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    form = _card(client.get(url).content.decode(), referral)
    assert "内定のときの労働条件" not in form and 'name="wage_min"' not in form


def test_the_advisers_offer_without_terms_is_refused_on_the_card_and_the_api(setup, at_interview, client):
    referral = at_interview
    with pytest.raises(services.AgentError, match="内定時の労働条件"):
        services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER)
    client.force_login(setup.ca)
    card = f"/agent/referrals/{referral.pk}/"
    # As prefilled: only the 入社予定日 is missing, said beside it, the group shown open and the box focused.
    resp = client.post(card, {"action": "move", "to_stage": Stage.OFFER, **offer_form(referral, start_on="")})
    assert resp.status_code == 422
    page = resp.content.decode()
    form = _card(page, referral)
    assert "入社予定日を入力してください" in error_beside(form, "start_on") and focused(page, "start_on")
    assert f'id="r{referral.pk}-offer-fields" open>' in form
    assert 'value="230000"' in field_tag(form, "wage_min")  # what was typed comes back
    # Emptied, each missing one is named beside its box.
    blank = {k: "" for k in offer_form(referral)}
    form = _card(
        client.post(card, {"action": "move", "to_stage": Stage.OFFER, **blank}).content.decode(), referral
    )
    assert "内定時の賃金を入力してください" in error_beside(form, "wage_min")
    assert "就業場所を入力してください" in error_beside(form, "place")
    api = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage", {"to_stage": "offer"}, content_type="application/json"
    )
    assert api.status_code == 422 and "内定時の労働条件" in api.json()["detail"]
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1 and referral.offer_terms == {}
    assert not OutboxMessage.objects.exists()
    # Another step is not stopped by the boxes posted with it (a bad one included).
    resp = client.post(
        card, {"action": "move", "to_stage": Stage.INTERVIEW2, **offer_form(referral, probation_months="abc")}
    )
    referral.refresh_from_db()
    assert resp.status_code == 302 and referral.stage == Stage.INTERVIEW2 and referral.offer_terms == {}


def test_a_lower_wage_relayed_by_the_adviser_is_a_change_she_confirms_before_accepting(
    setup, at_interview, employer, seeker, client
):
    referral = at_interview
    client.force_login(setup.ca)
    resp = client.post(
        f"/agent/referrals/{referral.pk}/",
        {"action": "move", "to_stage": Stage.OFFER, **offer_form(referral, wage_min="220000", wage_max="")},
    )
    assert resp.status_code == 302
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER
    assert referral.offer_terms["changes"] == [
        {"key": "wage", "label": "賃金", "before": "月給230,000円〜280,000円", "after": "月給220,000円"}
    ]
    candidate = referral.proposal.candidate
    assert candidate.audit.filter(
        action=AuditAction.CONDITIONS_CHANGED, actor=setup.ca, detail__contains="賃金"
    ).exists()
    to_her = OutboxMessage.objects.get(to_email=seeker.email).body_text
    assert "提案時から変わっています（変更点：賃金）" in to_her
    # The company (it has a 採用担当) is told the agency recorded its 内定, and on which terms.
    to_company = OutboxMessage.objects.get(to_email=employer.email).body_text
    assert "紹介会社が、貴社からの内定を次の労働条件で記録しました" in to_company
    assert "・賃金：月給220,000円" in to_company and "・入社予定日：" in to_company
    assert "・就業場所：東京都" in to_company

    pk = referral.proposal_id
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/").content.decode()
    changes = page.split('id="offer-changes"', 1)[1].split("</div>", 1)[0]
    assert "月給230,000円〜280,000円" in changes and "月給220,000円" in changes
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"})
    form = resp.content.decode().split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and "変更点を読み" in error_beside(form, "changes_read")
    assert Referral.objects.get().stage == Stage.OFFER
    resp = client.post(
        f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on", "changes_read": "on"}
    )
    assert resp.status_code == 302 and Referral.objects.get().stage == Stage.OFFER_ACCEPTED


def test_the_api_takes_the_advisers_offer_with_its_terms(setup, at_interview, client):
    referral = at_interview
    client.force_login(setup.ca)
    offer = offer_as_posted(referral, employment_type="keiyaku")
    ok = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": "offer", "offer": offer},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["stage"] == Stage.OFFER
    referral.refresh_from_db()
    assert [c["key"] for c in referral.offer_terms["changes"]] == ["employment"]
