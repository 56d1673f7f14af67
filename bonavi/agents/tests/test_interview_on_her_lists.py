"""A 推薦's interview date on her own lists, as a direct application's (s15 demo walk): 応募の一覧, マイページ's
応募状況 and 「エージェントからの提案」 said 「1次面接」 only, while the company's list said 「面接（1次・12月3日（木）
18:00）」. Under the stage: 「面接日時：…」 while the current stage's interview is to come, 「面接済み（…）」 once held
(ADR 0123), nothing once called off or after the interview stages. Time is moved with core.clock.now."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews, services
from bonavi.agents.models import Referral
from bonavi.core.tests.interview_time import WHEN, interview_rows, move_now, page_of, row_expected

pytestmark = pytest.mark.django_db

PATHS = ["/me/applications/", "/me/", "/me/proposals/"]


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("path", PATHS)
def test_her_lists_give_the_referrals_interview_date_or_that_it_was_held(
    seeker: User,
    booked_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    expected = row_expected(starts, when)
    page = page_of(seeker, path)
    assert interview_rows(page) == [expected]
    if path != "/me/":  # the row opens her proposal page at the interview card
        assert f'href="/me/proposals/{booked_first.proposal_id}/#interview">{expected}</a>' in page


@pytest.mark.parametrize("path", PATHS)
def test_called_off_or_moved_on_no_date(
    seeker: User, employer: User, booked_first: Referral, path: str
) -> None:
    interviews.referral_interview_cancel(user=employer, referral=booked_first)
    assert interview_rows(page_of(seeker, path)) == []


def test_the_next_stage_without_its_date_gives_none(
    seeker: User, employer: User, booked_first: Referral
) -> None:
    """The 1次's date belongs to 1次: at 2次 with no date set yet, no line (the current stage's interview only)."""
    services.referral_move(user=employer, referral=booked_first, to_stage="interview2")
    for path in PATHS:
        assert interview_rows(page_of(seeker, path)) == []
