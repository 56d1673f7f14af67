"""One set of status words (ADR 0121): the employer's 応募者 list promised 「選考状況の言葉は両方で共通です」 while
it said 未対応 and 書類選考, and the application's page and the seeker's pages said 応募済 and 書類選考中. The list
also showed a referral's interview date but not a direct application's."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.seekers import services
from bonavi.seekers.inbox import STEPS
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _badges(page: str) -> list[str]:
    return re.findall(r'<span class="status-badge s-[a-z]+">([^<]+)</span>', page)


@pytest.mark.parametrize(
    ("moves", "word"), [([], "応募済"), (["screening"], "書類選考"), (["screening", "rejected"], "不採用")]
)
def test_the_list_the_detail_page_and_the_seekers_pages_say_the_same_word(
    employer: User, application: Application, profiled_seeker: User, moves: list[str], word: str
) -> None:
    for status in moves:
        services.application_move(user=employer, application=application, to_status=status)
    staff, seeker = _client(employer), _client(profiled_seeker)
    pages = {
        "list": staff.get("/applicants/").content.decode(),
        "detail": staff.get(f"/applicants/{application.pk}/").content.decode(),
        "seeker list": seeker.get("/me/applications/").content.decode(),
        "seeker detail": seeker.get(f"/me/applications/{application.pk}/").content.decode(),
    }
    for where, page in pages.items():
        assert _badges(page) == [word], where
    # The filter offers the same words, and the list's promise is kept in its own words.
    assert f'<option value="applied">{STEPS["applied"]}</option>' in pages["list"]
    assert "未対応" not in pages["list"] and "書類選考中" not in "".join(pages.values())
    assert "選考状況の言葉は両方で共通で、応募者ごとのページや応募者へのメールとも同じです" in pages["list"]


def test_the_words_are_the_statuses_own_labels() -> None:
    assert list(STEPS.values()) == ["応募済", "書類選考", "面接", "内定", "入社", "不採用", "辞退"]


def test_the_list_shows_a_direct_applications_interview_date(
    employer: User, application: Application
) -> None:
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=7), dt.time(14), tzinfo=JST)
    services.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={"starts_at": starts, "format": "phone"},
    )
    weekday = "月火水木金土日"[starts.weekday()]
    page = _client(employer).get("/applicants/").content.decode()
    assert _badges(page) == [f"面接（{starts.month}月{starts.day}日（{weekday}）14:00）"]
    # Called off, it is no longer a date to look for.
    services.interview_cancel(user=employer, application=application)
    assert _badges(_client(employer).get("/applicants/").content.decode()) == ["面接"]
