"""The employer's posting API answers a seeker's or an agent's call as the other employer endpoints do: 403 with
the reason, not 200 with an empty list (which reads as "you have no postings")."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import Role, User
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.test_posting_input import api_payload

pytestmark = pytest.mark.django_db

REFUSAL = "採用担当のアカウントでご利用ください。"


def _agent() -> User:
    return User.objects.create_user(email="ca@agency.example", password="pw-Long-enough-1", role=Role.AGENT)


@pytest.mark.parametrize("who", ["seeker", "agent"])
def test_the_posting_list_refuses_anyone_but_an_employer(request, who):
    user = request.getfixturevalue("seeker") if who == "seeker" else _agent()
    api = Client()
    api.force_login(user)
    listed = api.get("/api/v1/employer/postings")
    assert listed.status_code == 403 and listed.json()["detail"] == REFUSAL
    # the same answer as the applicants list, which said so already
    applicants = api.get("/api/v1/employer/applications")
    assert applicants.status_code == 403 and applicants.json()["detail"] == REFUSAL
    for call in (
        lambda: api.patch("/api/v1/employer/postings/1", api_payload(), content_type="application/json"),
        lambda: api.post("/api/v1/employer/postings/1/publish"),
        lambda: api.post("/api/v1/employer/postings/1/close"),
    ):
        answer = call()
        assert answer.status_code == 403 and answer.json()["detail"] == REFUSAL
    # creating was refused already (403, by the service, which also names an operator's missing company)
    created = api.post("/api/v1/employer/postings", api_payload(), content_type="application/json")
    assert created.status_code == 403 and not JobPosting.objects.exists()


def test_an_employer_still_gets_the_list(employer):
    api = Client()
    api.force_login(employer)
    assert api.get("/api/v1/employer/postings").status_code == 200
