"""The seeker's and the employer's lists run a fixed number of queries, however many favourites, applications
and mails there are (rows made directly with the ORM, to stay fast)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from bonavi.accounts.models import Role, User
from bonavi.core.tests.querycount import assert_flat
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import DigestSection, MessageKind, OutboxMessage
from bonavi.seekers.models import ActorRole, Application, ApplicationEvent, Favorite

pytestmark = pytest.mark.django_db

_seq = itertools.count()


def _apply(user: User, posting: Any) -> Application:
    application = Application.objects.create(
        posting=posting, applicant=user, profile_snapshot={"family_name": "山田", "given_name": "花子"}
    )
    ApplicationEvent.objects.create(
        application=application, to_status="applied", actor=user, actor_role=ActorRole.SEEKER
    )
    ApplicationEvent.objects.create(
        application=application, from_status="applied", to_status="screening", actor_role=ActorRole.EMPLOYER
    )
    return application


def _mail(user: User, *, sections: int = 0) -> None:
    message = OutboxMessage.objects.create(
        kind=MessageKind.DIGEST if sections else MessageKind.APPLICATION,
        user=user,
        to_email=user.email,
        subject="【BOナビ】お知らせ",
        message_id=f"<grow{next(_seq)}@bonavi.test>",
    )
    now = timezone.now()
    DigestSection.objects.bulk_create(
        DigestSection(
            message=message,
            name="経理",
            query="q=経理",
            window_start=now,
            window_end=now,
            total=1,
            posting_ids=[1],
        )
        for _ in range(sections)
    )


def test_seeker_lists(client, profiled_seeker, employer, application):
    org = employer.organization
    Favorite.objects.create(user=profiled_seeker, posting=make_posting(org))
    _mail(profiled_seeker, sections=1)
    client.force_login(profiled_seeker)

    def grow() -> None:
        for _ in range(4):
            posting = make_posting(org)
            Favorite.objects.create(user=profiled_seeker, posting=posting)
            _apply(profiled_seeker, posting)
            _mail(profiled_seeker, sections=2)
            _mail(profiled_seeker)

    for url in (
        "/me/",
        "/me/favorites/",
        "/me/applications/",
        "/me/privacy/export/",
        "/api/v1/me/favorites",
        "/api/v1/me/applications",
        "/api/v1/me/mydata",
    ):
        assert_flat(client, url, grow)


def test_employer_applicants(client, employer, application):
    org = employer.organization
    client.force_login(employer)

    def grow() -> None:
        for _ in range(3):
            posting = make_posting(org)
            for _ in range(2):
                n = next(_seq)
                _apply(User.objects.create(email=f"applicant{n}@test.example", role=Role.SEEKER), posting)

    for url in (
        "/applicants/",
        "/api/v1/employer/applications",
        "/jobs/manage/",
        "/jobs/manage/?q=東京+経理&status=published",  # the キーワード adds WHERE terms, never a query
        "/api/v1/employer/postings",
    ):
        assert_flat(client, url, grow)


def test_lists_without_a_timeline_do_not_read_the_events(client, profiled_seeker, employer, application):
    """The lists show each application's status and its last update (`updated_at`, saved with each status change):
    they used to fetch every event with its note for that, although only the detail pages show the timeline."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bonavi.seekers import services

    old = timezone.now() - dt.timedelta(days=40)
    Application.objects.filter(pk=application.pk).update(created_at=old, updated_at=old)
    ApplicationEvent.objects.filter(application=application).update(created_at=old)
    services.application_move(
        user=employer, application=application, to_status="screening", note="書類を拝見します"
    )
    moved = timezone.localtime(ApplicationEvent.objects.filter(application=application).last().created_at)

    def events_read(user: User, url: str) -> list[str]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        return [q["sql"] for q in ctx.captured_queries if "seekers_applicationevent" in q["sql"]]

    for url in ("/me/", "/me/applications/"):
        assert events_read(profiled_seeker, url) == [], url
    for url in ("/applicants/", "/api/v1/employer/applications"):
        assert events_read(employer, url) == [], url
    # The list dates the last status change, not the application.
    client.force_login(profiled_seeker)
    html = client.get("/me/applications/").content.decode()
    assert f"（{moved.year}年{moved.month}月{moved.day}日更新）" in html
    # The timelines still have every event.
    assert len(client.get("/api/v1/me/applications").json()[0]["timeline"]) == 2
    assert "書類を拝見します" in client.get(f"/me/applications/{application.pk}/").content.decode()
