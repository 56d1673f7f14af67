"""One person, one name (UX review item 16): agent and employer screens name a candidate by her profile's 姓 名
(as her own pages and documents do), the account's display name only when she gave none; after she withdrew,
only what the books keep."""

from __future__ import annotations

from bonavi.agents import books, services
from bonavi.agents.tests.factories import private_order, refer, register
from bonavi.notifications.models import OutboxMessage
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


def test_after_withdrawal_the_name_the_agency_used_is_kept(setup, seeker):
    """Withdrawing must not rename her to the account name: the advisers' notice, her receipt and the books name
    the person the agency knew; what she writes in her profile afterwards no longer reaches the agency."""
    seeker.display_name = ACCOUNT
    seeker.save()
    candidate = register(setup, seeker)
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "見本", "さくら"
    profile.save()
    assert candidate.name == PROFILE
    OutboxMessage.objects.all().delete()
    services.candidate_withdraw(user=seeker, candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.name == candidate.display_name == PROFILE
    subjects = {m.to_email: m.subject for m in OutboxMessage.objects.all()}
    assert subjects[setup.ca.email] == f"【BOナビ】{PROFILE}さんが同意を撤回しました"
    receipt = OutboxMessage.objects.get(to_email=seeker.email, subject__contains="同意の撤回を受け付けました")
    assert receipt.body_text.startswith(f"{PROFILE} 様\n")
    assert any(row[0] == PROFILE for row in books.seeker_book_rows(candidate.office)[1:])
    profile.family_name = "別名"
    profile.save()
    candidate.refresh_from_db()
    assert candidate.name == PROFILE


def test_the_profile_name_is_stored_at_application_and_again_when_she_reapplies(setup, seeker):
    seeker.display_name = ACCOUNT
    seeker.save()
    profile = profile_get_or_create(user=seeker)
    profile.family_name, profile.given_name = "見本", "さくら"
    profile.save()
    candidate = register(setup, seeker)
    assert candidate.display_name == PROFILE
    services.candidate_withdraw(user=seeker, candidate=candidate)
    profile.family_name = "新姓"
    profile.save()
    again = services.candidate_apply(user=seeker, agency_slug=setup.agency.slug, consent=True)
    assert again.pk == candidate.pk and again.display_name == "新姓 さくら"
