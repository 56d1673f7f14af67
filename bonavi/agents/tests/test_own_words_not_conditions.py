"""A posting's own words (仕事の魅力・職場の様子, 求める人物像; ADR 0128) are not working conditions: the proposal's
snapshot of the conditions (職業安定法5条の3) does not hold them, so a change of them is not a 労働条件の変更 the
candidate is mailed about and must acknowledge; her proposal page shows them as they are now, after the conditions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bonavi.agents import services
from bonavi.agents.models import AuditAction
from bonavi.agents.snapshot import LABELS, conditions_snapshot
from bonavi.agents.tests.factories import private_order, register
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

APPEAL = "経理チームは5名です。\n質問しやすい雰囲気です。"


def test_the_snapshot_holds_no_own_words_and_their_change_is_no_change_of_conditions(setup, seeker, employer):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization, appeal=APPEAL)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    assert APPEAL not in conditions_snapshot(order.posting).values()
    assert not {"仕事の魅力・職場の様子", "求める人物像"} & set(LABELS.values())
    posting = order.posting
    posting.appeal = "経理チームは6名になりました。"
    posting.ideal_candidate = "・丁寧に確認できる方"
    posting.save()
    assert not OutboxMessage.objects.filter(to_email=seeker.email, subject__contains="労働条件が変わりました")
    assert not candidate.audit.filter(action=AuditAction.CONDITIONS_CHANGED).exists()
    assert services.proposal_conditions_now(proposal)[1] == []  # nothing for her to acknowledge


def test_her_proposal_page_shows_the_words_as_they_are_now_after_the_conditions(
    setup, seeker, employer, client
):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization, appeal=APPEAL, ideal_candidate="・丁寧に確認できる方")
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    client.force_login(seeker)
    html = client.get(reverse("agents:my_proposal", args=[proposal.pk])).content.decode()
    conditions = html.index("<h2>労働条件")
    assert (
        conditions < html.index('<h2 id="h-appeal">仕事の魅力・職場の様子</h2>') < html.index('id="h-ideal"')
    )
    assert f"<p>{APPEAL}</p>" in html
