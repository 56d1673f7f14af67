"""A job she applied to directly on BOナビ is neither proposed nor recommended by an agency (a second application to
the same company through the agency, 二重応募), and her advisers see 「応募済み（直接）」 only when her registration
consent covers it (purpose 7, ADR 0141); without it the refusal says no more than that it cannot be done."""

from __future__ import annotations

import pytest

from bonavi.agents import selectors, services
from bonavi.agents.models import DIRECT_APPLICATIONS_PURPOSE, PROFILE_PURPOSE, Candidate, Proposal
from bonavi.agents.tests.factories import make_agency, private_order, register, take_order
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _earlier_consent(candidate: Candidate) -> None:
    """Her registration under a text before 版 2026-11-27: purposes 6 and 7 are not in it."""
    text = candidate.consent_purposes.replace(PROFILE_PURPOSE + "\n", "").replace(
        DIRECT_APPLICATIONS_PURPOSE + "\n", ""
    )
    Candidate.objects.filter(pk=candidate.pk).update(consent_purposes=text, consent_version="2026-11-26-2")
    candidate.refresh_from_db()


@pytest.fixture
def applied(setup, candidate, employer):
    """A public 経理事務 job the agency holds an order for, which she applied to directly."""
    posting = make_posting(employer.organization, title="経理事務（直接応募済み）")
    take_order(setup, posting.pk)
    Application.objects.create(posting=posting, applicant=candidate.user)
    return posting


def _propose(client, setup, candidate, posting):
    client.force_login(setup.ca)
    return client.post(
        f"/agent/candidates/{candidate.pk}/propose/",
        {"posting": [posting.pk], "comment": "", "initiated_by": "agency"},
    )


def test_the_proposal_is_refused_and_says_she_applied_when_her_consent_covers_it(
    client, setup, candidate, applied
):
    page = _propose(client, setup, candidate, applied).content.decode()

    assert not Proposal.objects.filter(posting=applied).exists()
    assert (
        "「経理事務（直接応募済み）」は、ご本人がBOナビから直接応募している求人のため、提案・推薦できません"
        in page
    )


def test_without_that_consent_it_is_refused_without_saying_she_applied(client, setup, candidate, applied):
    _earlier_consent(candidate)

    page = _propose(client, setup, candidate, applied).content.decode()

    assert not Proposal.objects.filter(posting=applied).exists()
    assert "「経理事務（直接応募済み）」は、ご本人の応募の状況により提案・推薦できません" in page
    assert "直接応募している" not in page and "応募済み（直接）" not in page


def test_the_match_list_marks_it_only_under_her_consent(client, setup, candidate, applied, monkeypatch):
    """The list shows the job (the matcher ranked it) marked and not tickable; under an earlier consent unmarked."""
    from bonavi.agents import views
    from bonavi.matching.match import MatchResult

    other = make_posting(applied.organization, title="経理事務（まだ応募していない）")
    take_order(setup, other.pk)
    ranked = [(applied, MatchResult(posting_id=applied.pk, score=80)), (other, MatchResult(other.pk, 70))]
    monkeypatch.setattr(views, "jobs_for_candidate", lambda staff, candidate, **kw: ranked)
    client.force_login(setup.ca)

    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    card = page[page.index(f'value="{applied.pk}"') - 200 : page.index(f'value="{applied.pk}"') + 400]
    assert "応募済み（直接）" in card and "disabled" in card
    assert "うち応募済み（直接） 1件" in page
    # The job she has not applied to stays open, first.
    assert page.index(f'value="{other.pk}"') < page.index('id="matches-more"')

    _earlier_consent(candidate)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert "応募済み（直接）" not in page


def test_another_agencys_staff_reads_nothing_of_it(client, setup, candidate, applied, seeker):
    """Her direct applications reach only the agencies she registered with, through their candidate page."""
    other = make_agency(slug="other-agency", name="株式会社よその紹介")
    client.force_login(other.ca)
    assert client.get(f"/agent/candidates/{candidate.pk}/").status_code == 404
    assert selectors.candidates_visible_to(other.ca).filter(pk=candidate.pk).count() == 0


def test_a_recommendation_after_she_applied_directly_is_refused(setup, candidate, employer):
    """She said 応募する, then applied on the job's page herself: the 推薦 would be her second application."""
    posting_id = private_order(setup, employer.organization).posting_id
    assert posting_id is not None
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    services.proposal_answer(user=candidate.user, proposal=proposal, accept=True, document_choice="要約")
    Application.objects.create(posting_id=posting_id, applicant=candidate.user)

    with pytest.raises(services.AgentError) as refused:
        services.referral_send(user=setup.ca, proposal=proposal)
    assert "二重応募" in str(refused.value.errors)
    assert not hasattr(Proposal.objects.get(pk=proposal.pk), "referral")


def test_her_own_answer_says_she_applied_already(setup, candidate, employer):
    posting_id = private_order(setup, employer.organization).posting_id
    assert posting_id is not None
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    Application.objects.create(posting_id=posting_id, applicant=candidate.user)

    with pytest.raises(services.AgentError) as refused:
        services.proposal_answer(user=candidate.user, proposal=proposal, accept=True, document_choice="要約")
    assert "すでにBOナビから直接応募しています" in str(refused.value.errors)


def test_an_application_to_another_job_or_by_someone_else_blocks_nothing(setup, candidate, employer):
    posting = make_posting(employer.organization)
    Application.objects.create(posting=make_posting(employer.organization), applicant=candidate.user)
    someone = register(make_agency(slug="third", name="株式会社三番目"), make_seeker("else@test.example"))
    Application.objects.create(posting=posting, applicant=someone.user)

    assert services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting.pk)


def make_seeker(email: str):
    from bonavi.accounts.models import Role, User

    return User.objects.create_user(email=email, password="pw-Long-enough-1", role=Role.SEEKER)


def test_a_job_she_applied_to_without_an_order_says_only_that_she_applied(
    client, setup, candidate, employer, monkeypatch
):
    """Its card said 「求人受理なし：推薦できません（求職者ご本人の直接応募をご案内）」 — advice to send her to apply,
    which she has done; and with nothing to recommend, the intro still said such jobs were listed first."""
    from bonavi.agents import views
    from bonavi.matching.match import MatchResult

    posting = make_posting(employer.organization, title="経理事務（受理なし・応募済み）")
    Application.objects.create(posting=posting, applicant=candidate.user)
    ranked = [(posting, MatchResult(posting_id=posting.pk, score=80))]
    monkeypatch.setattr(views, "jobs_for_candidate", lambda staff, candidate, **kw: ranked)
    client.force_login(setup.ca)

    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    card = page[
        page.index(f'value="{posting.pk}"') : page.index(
            "求人の内容を見る", page.index(f'value="{posting.pk}"')
        )
    ]
    assert "ご本人が直接応募済みのため提案できません" in card
    assert services.NO_ORDER_LABEL not in card
    help_text = page[page.index('id="propose-help"') : page.index("</p>", page.index('id="propose-help"'))]
    assert "推薦できる求人はいまありません" in help_text and "を並べ" not in help_text
