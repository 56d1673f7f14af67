"""The candidate's tick-to-confirm boxes (withdrawing consent, answering an offer, declining a selection) take only
the "on" a browser sends for a ticked box: a hand-made post with "1", "yes" or "true" is refused like an unticked
box, beside the box, and nothing changes."""

from __future__ import annotations

import pytest

from bonavi.agents import services
from bonavi.agents.models import Candidate, CandidateStatus, Referral, Stage
from bonavi.agents.tests.factories import offer_as_posted
from bonavi.agents.tests.html import error_beside, focused

pytestmark = pytest.mark.django_db

NOT_A_TICK = ("1", "yes", "true", "True", "off")


def test_withdrawal_refuses_a_box_that_is_not_ticked_by_a_browser(setup, candidate, client):
    client.force_login(candidate.user)
    for value in NOT_A_TICK:
        resp = client.post(f"/me/agency/{candidate.pk}/withdraw/", {"confirm": value})
        assert resp.status_code == 422, value
        box = resp.content.decode().split('id="withdraw-form"', 1)[1].split("</form>", 1)[0]
        assert "同意を撤回する場合は、確認のチェックを入れてください。" in box
        assert 'aria-describedby="withdraw-error"' in box and "autofocus" in box
    assert Candidate.objects.get(pk=candidate.pk).status == CandidateStatus.ACTIVE


def test_offer_answer_refuses_a_box_that_is_not_ticked_by_a_browser(
    setup, referral, seeker, employer, client
):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    client.force_login(seeker)
    for value in NOT_A_TICK:
        resp = client.post(
            f"/me/proposals/{referral.proposal_id}/offer/", {"answer": "accept", "confirm": value}
        )
        assert resp.status_code == 422, value
        form = resp.content.decode().split('id="offer-form"', 1)[1].split("</form>", 1)[0]
        assert focused(form, "confirm") and "確認のチェックを入れてください" in error_beside(form, "confirm")
    assert Referral.objects.get().stage == Stage.OFFER


def test_declining_a_selection_refuses_a_box_that_is_not_ticked_by_a_browser(setup, referral, seeker, client):
    client.force_login(seeker)
    for value in NOT_A_TICK:
        resp = client.post(
            f"/me/proposals/{referral.proposal_id}/", {"action": "decline_selection", "confirm": value}
        )
        assert resp.status_code == 422, value
        form = resp.content.decode().split('id="decline-selection" open>', 1)[1].split("</form>", 1)[0]
        assert focused(form, "confirm") and "チェックを入れてください" in error_beside(form, "confirm")
    assert Referral.objects.get().stage == Stage.RECOMMENDED
