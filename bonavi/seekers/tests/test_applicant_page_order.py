"""The company's page of a direct applicant puts who she is first: 応募時のプロフィール (with her message) and the
書類 before the status form, the interview and the 経過, and the messages last. The 面接の日程 form is folded in a
<details> once a date is set — open while there is none, and when it comes back refused. At 390 px the profile
and the 書類 were ~4,500 px down, under the status form, the always-open date form and the thread."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.seekers import services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _page(employer: User, application: Application, **post: str) -> str:
    client = Client()
    client.force_login(employer)
    if post:
        return client.post(f"/applicants/{application.pk}/interview/", post).content.decode()
    return client.get(f"/applicants/{application.pk}/").content.decode()


def _order(page: str, *marks: str) -> list[int]:
    return [page.index(mark) for mark in marks]


def _fold(page: str) -> str:
    tag = re.search(r'<details[^>]*id="interview-edit"[^>]*>', page)
    assert tag is not None
    return tag.group(0)


def test_who_she_is_comes_before_the_moves_and_the_messages(employer: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="interview")
    page = _page(employer, application)
    marks = (
        'id="h-profile"',
        "応募者からのメッセージ",
        "<h2>選考状況を進める</h2>",
        'id="interview-edit"',
        'id="h-history"',
        'id="h-messages"',
    )
    found = _order(page, *marks)
    assert found == sorted(found), dict(zip(marks, found, strict=True))
    # A row of links to the parts, for a long page on a phone.
    nav = page.split('<nav class="page-parts"', 1)[1].split("</nav>", 1)[0]
    for anchor in ("#profile", "#move", "#interview-part", "#history", "#messages"):
        assert f'href="{anchor}"' in nav


def test_the_date_form_is_folded_once_a_date_is_set(employer: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="interview")
    assert " open" in _fold(_page(employer, application))  # nothing set yet: the form is the next thing to do
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=5), dt.time(10), tzinfo=JST)
    services.interview_set(
        user=employer, application=application, values={"starts_at": starts, "format": "phone"}
    )
    page = _page(employer, application)
    assert " open" not in _fold(page) and "<summary>面接の日程を変更・取り消す</summary>" in page
    # Refused, it comes back open with its reasons.
    refused = _page(employer, application, **{"sched-starts_at": "", "sched-format": "phone"})
    assert " open" in _fold(refused) and "errorlist" in refused.split('id="interview-edit"', 1)[1]
