"""A 推薦's interview date on her own lists, as a direct application's (s15 demo walk): 応募の一覧, マイページ's
応募状況 and 「エージェントからの提案」 said 「1次面接」 only, while the company's list said 「面接（1次・12月3日（木）
18:00）」. Under the stage: 「面接日時：…」 while the current stage's interview is to come, 「面接済み（…）」 once held
(ADR 0123), nothing once called off or after the interview stages. Time is moved with core.clock.now."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews, services
from bonavi.agents.models import Referral
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.tests.interview_time import WHEN, day_ja, move_now, page_of

pytestmark = pytest.mark.django_db

PATHS = ["/me/applications/", "/me/", "/me/proposals/"]


@pytest.fixture
def starts() -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=6), dt.time(18), tzinfo=JST)


@pytest.fixture
def at_first(referral: Referral, employer: User, starts: dt.datetime) -> Referral:
    services.referral_move(user=employer, referral=referral, to_stage="document")
    services.referral_move(user=employer, referral=referral, to_stage="interview1")
    interviews.referral_interview_set(
        user=employer,
        referral=referral,
        values={
            "starts_at": starts,
            "ends_at": None,
            "format": "online",
            "place": "",
            "url": "https://meet.example.com/r-1",
            "notes": "",
        },
    )
    referral.refresh_from_db()
    return referral


def _rows(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", row)
        for row in re.findall(r'<(?:p|span) class="interview-row">(.*?)</(?:p|span)>', page)
    ]


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("path", PATHS)
def test_her_lists_give_the_referrals_interview_date_or_that_it_was_held(
    seeker: User,
    at_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    expected = f"面接済み（{day_ja(starts)}）" if when == "after" else f"面接日時：{day_ja(starts)}18:00"
    page = page_of(seeker, path)
    assert _rows(page) == [expected]
    if path != "/me/":  # the row opens her proposal page at the interview card
        assert f'href="/me/proposals/{at_first.proposal_id}/#interview">{expected}</a>' in page


@pytest.mark.parametrize("path", PATHS)
def test_called_off_or_moved_on_no_date(seeker: User, employer: User, at_first: Referral, path: str) -> None:
    interviews.referral_interview_cancel(user=employer, referral=at_first)
    assert _rows(page_of(seeker, path)) == []


def test_the_next_stage_without_its_date_gives_none(seeker: User, employer: User, at_first: Referral) -> None:
    """The 1次's date belongs to 1次: at 2次 with no date set yet, no line (the current stage's interview only)."""
    services.referral_move(user=employer, referral=at_first, to_stage="interview2")
    for path in PATHS:
        assert _rows(page_of(seeker, path)) == []
