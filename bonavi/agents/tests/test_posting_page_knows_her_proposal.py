"""The posting's own page knows her agency proposal (ADR 0148 addendum, s18 H47): the apply page refused her direct
応募 to a job whose proposal she accepted (or was 推薦'd to), but the posting's page still offered 「この求人に応募する」
at its top, after the 労働条件 and in the phone's apply bar. For her, a refusal now takes the button's place (its line
and 「提案を見る」 to her proposal); a proposal not answered yet keeps the button with its one line beside it. Nobody
else — a visitor, another seeker, the employer — sees any trace of it, even right after her page was drawn."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Proposal
from bonavi.agents.tests.factories import accept_proposal, ordered_posting
from bonavi.jobs.models import JobPosting

pytestmark = pytest.mark.django_db

AGENCY = "株式会社みなとキャリア"
REFUSED = f"この求人は{AGENCY}からの提案を承諾済みです。応募はエージェント経由で進みます。"
NOTICE = f"{AGENCY}からこの求人の提案が届いています（回答待ち）。"
BAR = 'class="apply-bar"'


@pytest.fixture
def job(setup, employer) -> JobPosting:
    return ordered_posting(setup, employer.organization)


@pytest.fixture
def proposal(setup, candidate, job) -> Proposal:
    return services.proposal_create(user=setup.ca, candidate=candidate, posting_id=job.pk)


def _page(user: User | None, job: JobPosting) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _bar(page: str) -> str:
    assert page.count(BAR) == 1
    return page.split(BAR, 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("referred", [False, True], ids=["accepted", "recommended"])
def test_her_accepted_or_recommended_proposal_takes_the_apply_buttons_place(
    setup, candidate, job, proposal, referred
):
    accept_proposal(proposal)
    if referred:
        services.referral_send(user=setup.ca, proposal=proposal)

    page = _page(candidate.user, job)

    # Neither action block nor the bar offers the 応募 the apply page would refuse.
    assert f'href="/me/apply/{job.pk}/"' not in page and "この求人に応募する" not in page
    link = f'<a class="btn" href="/me/proposals/{proposal.pk}/">提案を見る</a>'
    assert page.count(REFUSED) == 3 and page.count(link) == 3  # top, after the 労働条件, the bar
    assert REFUSED in _bar(page) and link in _bar(page)
    assert "apply-note-line" not in page


def test_a_recommendation_whose_selection_ended_says_so_in_one_line(
    setup, candidate, job, proposal, employer
):
    accept_proposal(proposal)
    referral = services.referral_send(user=setup.ca, proposal=proposal)
    services.referral_move(user=employer, referral=referral, to_stage="rejected")

    page = _page(candidate.user, job)

    assert f'href="/me/apply/{job.pk}/"' not in page
    assert page.count(f"この求人には{AGENCY}から推薦済みのため、直接応募はできません。") == 3


def test_a_proposal_she_has_not_answered_keeps_the_button_with_its_line(candidate, job, proposal):
    page = _page(candidate.user, job)

    assert page.count(f'<a class="btn" href="/me/apply/{job.pk}/">この求人に応募する</a>') == 3
    # The line stands by both action blocks' buttons (the bar stays one line; the apply page says it in full).
    assert page.count(NOTICE) == 2 and NOTICE not in _bar(page)
    assert page.count(f'<a href="/me/proposals/{proposal.pk}/">提案を見る</a>') == 2
    assert "apply-refused-line" not in page


def test_a_declined_proposal_says_nothing(candidate, job, proposal):
    services.proposal_answer(user=candidate.user, proposal=proposal, accept=False)

    page = _page(candidate.user, job)

    assert AGENCY not in page and f"/me/proposals/{proposal.pk}/" not in page
    assert page.count(f'href="/me/apply/{job.pk}/"') == 3


def test_nobody_else_sees_a_trace_of_her_proposal(candidate, job, proposal, employer):
    """Drawn just after her page (the same process, any cache warm): another seeker, a visitor and the employer."""
    accept_proposal(proposal)
    assert REFUSED in _page(candidate.user, job)
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )

    for user in (other, None, employer):
        page = _page(user, job)
        assert AGENCY not in page and f"/me/proposals/{proposal.pk}/" not in page, user
        assert "提案を見る" not in page and "apply-refused-line" not in page and "apply-note-line" not in page
        assert "apply-bar-note" not in page
        if user is not employer:  # the 応募 is theirs to make
            assert page.count(f'href="/me/apply/{job.pk}/"') == 3


def _proposal_reads(user: User | None, job: JobPosting) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/jobs/{job.pk}/").status_code == 200
    return sum('FROM "agents_proposal"' in q["sql"] for q in queries.captured_queries)


def test_her_proposals_are_read_once_per_page_and_never_for_anyone_else(candidate, job, proposal, employer):
    # Three places ask (top, after the 労働条件, the bar): the answer is kept on the request, not read three times.
    assert _proposal_reads(candidate.user, job) == 1
    for user in (None, employer):
        assert _proposal_reads(user, job) == 0
