"""During the 2-year lock a proposal rests on her 求職の申出 (ADR 0113), checked in the transaction the proposals are
stored in: her BOナビ request used by another tab's batch since the page was drawn backs no second batch, though
that tab's page checked it before."""

from __future__ import annotations

import pytest

from bonavi.agents import services
from bonavi.agents.models import Candidate, Proposal
from bonavi.jobs.tests.factories import make_posting

pytestmark = pytest.mark.django_db


def test_her_request_used_by_another_tab_backs_no_second_batch(setup, candidate, placed, employer):
    first, second = (make_posting(employer.organization, title=f"経理{i}") for i in range(2))
    services.job_request_record(user=candidate.user, candidate=candidate)
    request = services.JobRequest(channel="bonavi")
    # The page drawn in two tabs: each has her registration as it was, with the request not yet used.
    tab_a, tab_b = Candidate.objects.get(pk=candidate.pk), Candidate.objects.get(pk=candidate.pk)
    checked = services.proposal_request_check(tab_b, initiated_by="candidate", request=request)
    assert checked and checked.channel == "bonavi"
    made, refused = services.proposals_create(
        user=setup.ca, candidate=tab_a, posting_ids=[first.pk], initiated_by="candidate", request=request
    )
    assert len(made) == 1 and refused == []
    made, refused = services.proposals_create(
        user=setup.ca, candidate=tab_b, posting_ids=[second.pk], initiated_by="candidate", request=checked
    )
    assert made == [] and refused == ["ご本人がBOナビで「求人の紹介を希望する」を押した記録がありません。"]
    assert not Proposal.objects.filter(posting=second).exists()
    with pytest.raises(services.AgentError, match="押した記録がありません"):
        services.proposal_create(
            user=setup.ca, candidate=tab_b, posting_id=second.pk, initiated_by="candidate", request=request
        )
