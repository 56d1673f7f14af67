"""Her own lists give the interview's date, as the company's does (s15 demo walk): 応募の一覧 (/me/applications/) and
マイページ's 応募状況 said only 「面接」 while the company's 応募者 list said 「面接（12月1日（火）18:30）」. Under the
step, as the 回答期限 row is: 「面接日時：12月1日（火）18:30」 while it is to come or under way, 「面接済み（12月1日
（火））」 once held (InterviewBase.is_held, ADR 0123), nothing once called off. Time is moved with core.clock.now."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.core.tests.interview_time import WHEN, day_ja, interview_rows, move_now, page_of, row_expected
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("path", ["/me/applications/", "/me/"])
def test_her_lists_give_the_interviews_date_or_that_it_was_held(
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    expected = row_expected(starts, when)
    page = page_of(profiled_seeker, path)
    assert interview_rows(page) == [expected]
    if path == "/me/applications/":  # the row opens her application at its interview card
        assert f'href="/me/applications/{booked.pk}/#interview">{expected}</a>' in page


def test_a_called_off_interview_or_a_later_step_gives_no_date(
    employer: User, profiled_seeker: User, booked: Application
) -> None:
    services.interview_cancel(user=employer, application=booked)
    assert interview_rows(page_of(profiled_seeker, "/me/applications/")) == []
    assert interview_rows(page_of(profiled_seeker, "/me/")) == []


def test_no_date_after_a_move_on_from_interview(
    employer: User, profiled_seeker: User, booked: Application
) -> None:
    services.application_move(user=employer, application=booked, to_status="rejected")
    assert interview_rows(page_of(profiled_seeker, "/me/applications/")) == []


def test_the_date_is_hers_only_and_read_without_a_query_per_row(
    employer: User,
    profiled_seeker: User,
    other_seeker: User,
    booked: Application,
    starts: dt.datetime,
    django_assert_max_num_queries,
) -> None:
    assert interview_rows(page_of(other_seeker, "/me/applications/")) == []
    client_page = page_of(profiled_seeker, "/me/applications/")
    assert day_ja(starts) in client_page
    # The interview is joined to her applications, not read a row at a time (the page's count is unchanged by it).
    from django.test import Client

    client = Client()
    client.force_login(profiled_seeker)
    client.get("/me/applications/")
    with django_assert_max_num_queries(12) as ctx:
        client.get("/me/applications/")
    assert not [q for q in ctx.captured_queries if 'FROM "seekers_interview"' in q["sql"]]
