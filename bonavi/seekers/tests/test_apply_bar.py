"""The posting page's apply bar on a phone (seekers/_apply_bar.html, ADR 0127 addendum s15): shown exactly where the
page's actions offer 応募 — an open posting, to a visitor or a seeker who has not applied — never to an employer, an
agent, an operator, or on a posting closed or past its 掲載期限. What it looks like at 390 px: tests/e2e."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db

BAR = 'class="apply-bar"'


def _page(user: User | None, posting: JobPosting) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_and_a_seeker_get_the_bar_with_apply_and_the_star(
    seeker: User, posting: JobPosting
) -> None:
    for user in (None, seeker):
        page = _page(user, posting)
        assert page.count(BAR) == 1
        bar = page.split(BAR, 1)[1].split("</section>", 1)[0]
        assert f'href="/me/apply/{posting.pk}/"' in bar and "この求人に応募する" in bar
        assert "お気に入り" in bar
        # the last thing of the page's content, after the related postings
        assert page.index(BAR) > page.index("この求人について報告する")


def test_no_bar_once_she_has_applied(application: Application) -> None:
    assert application.applicant is not None
    assert BAR not in _page(application.applicant, application.posting)


def test_no_bar_for_the_employer_an_agent_or_an_operator(
    employer: User, operator: User, posting: JobPosting
) -> None:
    agent = User.objects.create_user(email="ca@test.example", password="pw-Long-enough-1", role=Role.AGENT)
    for user in (employer, agent, operator):
        assert BAR not in _page(user, posting), user.role


def test_no_bar_on_a_posting_that_cannot_be_applied_to(employer: User, posting: JobPosting) -> None:
    posting.status = PostingStatus.CLOSED
    posting.save()
    assert BAR not in _page(employer, posting)  # her own closed posting
    posting.status = PostingStatus.PUBLISHED
    posting.valid_through = timezone.localdate() - dt.timedelta(days=1)
    posting.save()
    assert BAR not in _page(employer, posting)
