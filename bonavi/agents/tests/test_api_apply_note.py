"""Her agency's proposal of a job in the API (ADR 0148, addendum s19): `GET /api/v1/me/postings/{id}/apply` says what
the posting's page says beside 「応募する」 — a refusal (an accepted proposal), a notice (one not answered yet), or
null — for her alone. Another seeker of the same job gets null, an employer 403, a visitor 401, a 非公開 or unknown id
404; the public `GET /jobs/{id}` carries none of it. The direct-apply POST refuses the same case with 422."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import Proposal
from bonavi.agents.tests.factories import accept_proposal, ordered_posting
from bonavi.agents.tests.test_direct_apply_after_proposal import AGENCY, REFUSAL, _profiled
from bonavi.jobs.models import JobPosting, Visibility
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(setup, employer) -> JobPosting:
    return ordered_posting(setup, employer.organization)


@pytest.fixture
def proposal(setup, candidate, job) -> Proposal:
    _profiled(candidate.user)
    return services.proposal_create(user=setup.ca, candidate=candidate, posting_id=job.pk)


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _check(user: User | None, posting_id: int) -> Any:
    return _client(user).get(f"/api/v1/me/postings/{posting_id}/apply")


def test_an_accepted_proposal_refuses_in_her_answer_and_her_post_is_422(candidate, job, proposal):
    accept_proposal(proposal)

    answer = _check(candidate.user, job.pk)

    assert answer.status_code == 200
    assert answer.json() == {
        "posting_id": job.pk,
        "application_id": None,
        "accepts_applications": True,
        "apply_note": {
            "text": REFUSAL,
            "short": REFUSAL,
            "refuses": True,
            "url": f"/me/proposals/{proposal.pk}/",
            "link_label": "提案を見る",
        },
    }
    posted = _client(candidate.user).post(
        "/api/v1/me/applications", {"posting_id": job.pk}, content_type="application/json"
    )
    assert posted.status_code == 422
    assert posted.json()["errors"]["posting_id"] == [f"{REFUSAL}（提案を見る：/me/proposals/{proposal.pk}/）"]
    assert not Application.objects.filter(posting=job).exists()


def test_a_pending_proposal_is_a_notice_and_null_once_she_applied(candidate, job, proposal):
    note = _check(candidate.user, job.pk).json()["apply_note"]
    assert note["refuses"] is False
    assert note["text"].startswith(f"{AGENCY}からこの求人の提案が届いています（回答待ち）。")
    assert note["short"] != note["text"]  # the page's one line

    posted = _client(candidate.user).post(
        "/api/v1/me/applications", {"posting_id": job.pk}, content_type="application/json"
    )
    assert posted.status_code == 201

    after = _check(candidate.user, job.pk).json()
    assert after["application_id"] == posted.json()["id"] and after["apply_note"] is None


def test_nobody_else_reads_her_note(candidate, job, proposal, employer):
    accept_proposal(proposal)
    other = User.objects.create_user(
        email="other@test.example", password="pw-Long-enough-1", role=Role.SEEKER
    )

    answer = _check(other, job.pk)
    assert answer.status_code == 200
    assert answer.json() == {
        "posting_id": job.pk,
        "application_id": None,
        "accepts_applications": True,
        "apply_note": None,
    }
    assert _check(employer, job.pk).status_code == 403
    assert _check(None, job.pk).status_code == 401
    public = _client(candidate.user).get(f"/api/v1/jobs/{job.pk}")
    assert public.status_code == 200
    assert AGENCY not in public.content.decode() and "apply_note" not in public.json()


def test_a_private_or_unknown_posting_is_404(candidate, employer):
    private = make_posting(employer.organization, visibility=Visibility.PRIVATE)
    assert _check(candidate.user, private.pk).status_code == 404
    assert _check(candidate.user, 999999).status_code == 404
