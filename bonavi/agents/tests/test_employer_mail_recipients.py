"""A direct application (seekers) and an agency's 推薦 (agents) tell the same people at the company: each active
採用担当 once (ADR 0069). Agents mailed every active member of the organisation, operator accounts included."""

from __future__ import annotations

from collections import Counter

from bonavi.accounts.models import Role, User
from bonavi.agents.tests.factories import private_order, refer
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services as seekers
from bonavi.seekers.tests.conftest import PROFILE


def _recipients(subject_part: str) -> Counter[str]:
    return Counter(
        OutboxMessage.objects.filter(subject__contains=subject_part).values_list("to_email", flat=True)
    )


def test_direct_and_agency_notices_reach_the_same_hiring_staff_once(setup, candidate, employer):
    org = employer.organization
    colleague = User.objects.create_user(
        email="colleague@test.example", password="pw-Long-enough-1", role=Role.EMPLOYER, organization=org
    )
    User.objects.create_user(  # left the company: the account is deactivated, not deleted
        email="former@test.example",
        password="pw-Long-enough-1",
        role=Role.EMPLOYER,
        organization=org,
        is_active=False,
    )
    User.objects.create_user(  # support staff linked to the company: not its 採用担当
        email="support@test.example", password="pw-Long-enough-1", role=Role.OPERATOR, organization=org
    )
    hiring_staff = Counter({employer.email: 1, colleague.email: 1})

    refer(setup, candidate, private_order(setup, org).posting_id)
    assert _recipients("推薦が届きました") == hiring_staff

    posting = make_posting(org, title="総務スタッフ（直接応募）")
    seekers.profile_update(user=candidate.user, data=PROFILE)
    seekers.application_create(user=candidate.user, posting_id=posting.pk)
    assert _recipients("新しい応募がありました") == hiring_staff
