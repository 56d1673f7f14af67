"""Her direct 応募 to a job an agency proposed to her (ADR 0148), the reverse of ADR 0141: while she has accepted the
agency's proposal (a 推薦 is coming) or was recommended to it, the public 応募 — the page and the API alike — is
refused, naming the agency and linking her proposal; a proposal not answered yet is a notice on the form (applying
declines nothing, but the agency will not recommend her to it afterwards); a declined one leaves her free. Only her
own proposals are read: another candidate's proposal of the same job says nothing to her."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Proposal
from bonavi.agents.tests.factories import accept_proposal, ordered_posting
from bonavi.jobs.models import JobPosting
from bonavi.seekers import services as seeker_services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

AGENCY = "株式会社みなとキャリア"
REFUSAL = f"この求人は{AGENCY}からの提案を承諾済みです。応募はエージェント経由で進みます。"

PROFILE = {
    "family_name": "山田",
    "given_name": "花子",
    "family_name_kana": "やまだ",
    "given_name_kana": "はなこ",
    "phone": "090-1234-5678",
    "postal_code": "150-0001",
    "address": "東京都渋谷区神宮前9-9-9",
}


def _profiled(user: User) -> User:
    seeker_services.profile_update(
        user=user,
        data=PROFILE,
        history=[{"kind": "education", "year": 2020, "month": 3, "text": "東京都立青山高等学校 卒業"}],
        qualifications=[],
    )
    return user


@pytest.fixture
def job(setup, employer) -> JobPosting:
    return ordered_posting(setup, employer.organization)


@pytest.fixture
def proposal(setup, candidate, job) -> Proposal:
    _profiled(candidate.user)
    return services.proposal_create(user=setup.ca, candidate=candidate, posting_id=job.pk)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api_apply(client: Client, job: JobPosting):
    return client.post("/api/v1/me/applications", {"posting_id": job.pk}, content_type="application/json")


@pytest.mark.parametrize("referred", [False, True], ids=["accepted", "recommended"])
def test_an_accepted_or_recommended_proposal_refuses_the_direct_apply(
    setup, candidate, job, proposal, referred
):
    accept_proposal(proposal)
    if referred:
        services.referral_send(user=setup.ca, proposal=proposal)
    client = _client(candidate.user)
    link = f'href="/me/proposals/{proposal.pk}/"'

    page = client.get(f"/me/apply/{job.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert REFUSAL in body and link in body and "提案を見る" in body
    assert "応募する</button>" not in body

    posted = client.post(f"/me/apply/{job.pk}/", {"message": "よろしくお願いします"})
    assert posted.status_code == 422 and REFUSAL in posted.content.decode()

    api = _api_apply(client, job)
    assert api.status_code == 422
    assert api.json()["errors"]["posting_id"] == [f"{REFUSAL}（提案を見る：/me/proposals/{proposal.pk}/）"]

    with pytest.raises(seeker_services.SeekerInvalid):
        seeker_services.application_create(user=candidate.user, posting_id=job.pk)
    assert not Application.objects.filter(posting=job).exists()


def test_a_closed_recommendation_still_refuses_it(setup, candidate, job, proposal, employer):
    """The company read her through the agency (here, and declined her): a direct 応募 is a second one all the same."""
    accept_proposal(proposal)
    referral = services.referral_send(user=setup.ca, proposal=proposal)
    services.referral_move(user=employer, referral=referral, to_stage="rejected")

    api = _api_apply(_client(candidate.user), job)

    assert api.status_code == 422
    assert f"この求人には{AGENCY}から推薦済みです（選考：不採用）。" in api.json()["errors"]["posting_id"][0]
    assert not Application.objects.filter(posting=job).exists()


def test_a_pending_proposal_is_a_notice_and_applying_stops_the_recommendation(candidate, job, proposal):
    client = _client(candidate.user)

    body = client.get(f"/me/apply/{job.pk}/").content.decode()
    notice = f"{AGENCY}からこの求人の提案が届いています（回答待ち）。ここで直接応募しても提案を辞退したことにはなりません"
    assert notice in body and "応募する</button>" in body
    assert f'href="/me/proposals/{proposal.pk}/"' in body

    done = client.post(f"/me/apply/{job.pk}/", {"message": "よろしくお願いします"})
    assert done.status_code == 302
    assert Application.objects.filter(posting=job, applicant=candidate.user).exists()
    # ADR 0141 then applies: her 「応募する」 on the proposal is refused (no 推薦 after a direct 応募).
    with pytest.raises(services.AgentError):
        accept_proposal(proposal)
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_a_declined_proposal_leaves_her_free(candidate, job, proposal):
    services.proposal_answer(user=candidate.user, proposal=proposal, accept=False)
    client = _client(candidate.user)

    body = client.get(f"/me/apply/{job.pk}/").content.decode()
    assert AGENCY not in body and "応募する</button>" in body

    api = _api_apply(client, job)
    assert api.status_code == 201
    assert Application.objects.filter(posting=job, applicant=candidate.user).exists()


def test_another_candidates_proposal_says_nothing_to_her(setup, candidate, job, proposal):
    """The agency's proposal is another seeker's: she sees no notice and applies freely; nothing of it is shown."""
    accept_proposal(proposal)
    other = _profiled(
        User.objects.create_user(email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER)
    )
    client = _client(other)

    body = client.get(f"/me/apply/{job.pk}/").content.decode()
    assert AGENCY not in body and f"/me/proposals/{proposal.pk}/" not in body
    assert "apply-note" not in body and "apply-refused" not in body
    assert _api_apply(client, job).status_code == 201
