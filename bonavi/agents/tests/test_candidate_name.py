"""One person, one name (UX review item 16): agent and employer screens name a candidate by her profile's 姓 名
(as her own pages and documents do), the account's display name only when she gave none; after she withdrew,
only what the books keep."""

from __future__ import annotations

from bonavi.agents import services
from bonavi.agents.tests.factories import private_order, refer, register
from bonavi.seekers.names import person_name
from bonavi.seekers.services import profile_get_or_create

ACCOUNT = "デモ 求職者"
PROFILE = "見本 さくら"


def test_agent_and_employer_screens_use_the_profile_name(setup, seeker, employer, client):
    seeker.display_name = ACCOUNT
    seeker.save()
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    # no 姓 名 in the profile yet: the display name
    assert person_name(seeker) == ACCOUNT and candidate.name == ACCOUNT
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "見本", "さくら"
    profile.save()

    pages = []
    client.force_login(setup.ca)
    pages += [
        client.get("/agent/").content.decode(),
        client.get(f"/agent/candidates/{candidate.pk}/").content.decode(),
    ]
    client.force_login(employer)
    pages += [
        client.get("/agent/employer/referrals/").content.decode(),
        client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode(),
    ]
    for page in pages:
        assert PROFILE in page and ACCOUNT not in page
    assert client.get("/agent/employer/referrals/").status_code == 200


def test_after_withdrawal_only_the_kept_name(setup, seeker):
    seeker.display_name = ACCOUNT
    seeker.save()
    candidate = register(setup, seeker)
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "見本", "さくら"
    profile.save()
    assert candidate.name == PROFILE
    services.candidate_withdraw(user=seeker, candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.name == candidate.display_name == ACCOUNT
