"""Her プロフィールの閲覧記録 (マイデータ) groups runs of reads and names the application each was for (ADR 0121).

Every load of the employer's applicant page is a read, so the page was flooded (15 identical rows in minutes) and no
row said which application it was about. Every read is still stored, one row each, and the export and the API keep
them all; only her page reads a run of reads by the same viewer of the same application, the same way, as one line
with its count and span — the idea of agents' audit_lines (ADR 0109)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.seekers import selectors, services
from bonavi.seekers.models import Application, ProfileAccess

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _lines(page: str) -> list[str]:
    log = page[page.index('<ol class="audit-log" id="reads">') :]
    log = log[: log.index("</ol>")]
    return [re.sub(r"<[^>]+>", "", item).split("\u3000", 1)[1].strip() for item in log.split("<li")[1:]]


def test_fifteen_loads_are_one_line_naming_the_application(
    employer: User, application: Application, profiled_seeker: User, posting: JobPosting
) -> None:
    staff = _client(employer)
    for _ in range(15):
        assert staff.get(f"/applicants/{application.pk}/").status_code == 200
    assert ProfileAccess.objects.filter(owner=profiled_seeker).count() == 15  # every read still stored
    page = _client(profiled_seeker).get("/me/privacy/").content.decode()
    (line,) = _lines(page)
    assert line.startswith("株式会社テスト商事（採用担当）")
    assert f"応募書類の閲覧 15回：{posting.title}（{posting.employer_display}）への応募" in line
    assert f'<a href="/me/applications/{application.pk}/">' in page
    # The API and the export still give every read.
    assert len(_client(profiled_seeker).get("/api/v1/me/profile-reads").json()) == 15


def test_a_run_is_broken_by_another_application_or_channel_and_says_its_span(
    employer: User, application: Application, profiled_seeker: User
) -> None:
    assert employer.organization is not None
    second_posting = make_posting(employer.organization, title="総務スタッフ")
    second = services.application_create(user=profiled_seeker, posting_id=second_posting.pk)
    start = clock.now() - dt.timedelta(hours=3)
    order = [
        (application, "web"),
        (application, "web"),
        (second, "web"),
        (application, "api"),
        (application, "web"),
    ]
    for minutes, (app, channel) in enumerate(order):
        ProfileAccess.objects.create(
            owner=profiled_seeker,
            viewer=employer,
            viewer_label="株式会社テスト商事（採用担当）",
            application=app,
            purpose="応募書類の閲覧",
            channel=channel,
            created_at=start + dt.timedelta(minutes=minutes * 2),
        )
    lines = selectors.profile_read_lines(user=profiled_seeker)
    assert [(line.application_id, line.channel, line.run.count) for line in lines] == [
        (application.pk, "web", 1),
        (application.pk, "api", 1),
        (second.pk, "web", 1),
        (application.pk, "web", 2),
    ]
    run = lines[-1].run
    assert (
        run.when
        == f"{clock.moment_ja(start)}〜{(start + dt.timedelta(minutes=2)).astimezone(clock.JST):%H:%M}"
    )
    assert lines[2].application_title.startswith("総務スタッフ（")


def test_another_persons_application_is_never_named(
    employer: User, application: Application, profiled_seeker: User, other_seeker: User
) -> None:
    # A row pointing at someone else's application (it cannot be made through the services): not named, not linked.
    ProfileAccess.objects.create(
        owner=other_seeker,
        viewer=employer,
        viewer_label="株式会社テスト商事（採用担当）",
        application=application,
        purpose="応募書類の閲覧",
    )
    (line,) = selectors.profile_read_lines(user=other_seeker)
    assert line.application_id is None and line.application_title == ""
    page = _client(other_seeker).get("/me/privacy/").content.decode()
    assert application.posting.title not in page and f"/me/applications/{application.pk}/" not in page
