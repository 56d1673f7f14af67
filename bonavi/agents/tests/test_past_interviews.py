"""A 推薦's interview that is over reads as held, not as the next step (s14): the employer's 応募者 list showed
「面接（1次・12月3日（木）14:00）」, and the referral's card — on the company's page, on the adviser's candidate page
and on her own proposal page — its URL and 「カレンダーに追加」, long after the day. Every page asks
InterviewBase.is_held (past its end, or an hour after its start without one; core.clock's now) and says
「面接済み（…12月3日（木））」; ten minutes in, the card still gives the URL (ADR 0123 addendum). Time is moved on
with core.clock.now, as the pages' own reading of now."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.accounts.models import User
from bonavi.agents.models import Referral
from bonavi.agents.tests.factories import INTERVIEW_URL
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.core.tests.interview_time import WHEN, client_of, day_ja, move_now, page_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("when", list(WHEN))
def test_the_applicants_list_says_a_held_interview_was_held(
    employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    move_now(monkeypatch, starts, when)
    past = when == "after"
    page = page_of(employer, "/applicants/")
    badges = re.findall(r'<span class="status-badge s-interview">([^<]+)</span>', page)
    assert badges == [f"面接済み（1次・{day_ja(starts)}）" if past else f"面接（1次・{day_ja(starts)}14:00）"]


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("side", ["employer", "adviser", "candidate"])
def test_the_referrals_card_says_a_held_interview_was_held(
    employer: User,
    seeker: User,
    setup,
    booked_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    side: str,
    when: str,
) -> None:
    move_now(monkeypatch, starts, when)
    past = when == "after"
    if side == "employer":
        page, card_id = page_of(employer, f"/agent/employer/referrals/{booked_first.pk}/"), "interview"
    elif side == "adviser":
        page = page_of(setup.ca, f"/agent/candidates/{booked_first.proposal.candidate_id}/")
        card_id = f"r{booked_first.pk}-interview-card"
    else:
        page, card_id = page_of(seeker, f"/me/proposals/{booked_first.proposal_id}/"), "interview"
    card = page.split(f'id="{card_id}"', 1)[1].split("</section>", 1)[0]
    assert "1次面接の日程" in card
    if past:
        assert f'面接済み（<time datetime="{starts.isoformat()}">{day_ja(starts)}</time>）' in card
        # Nothing of it offered as a date to come: no link to join, no calendar entry to add.
        assert INTERVIEW_URL not in card and "カレンダーに追加" not in card
    else:
        assert "面接済み" not in card
        assert f"{day_ja(starts)}14:00〜" in card and INTERVIEW_URL in card and "カレンダーに追加" in card


@pytest.mark.parametrize("when", list(WHEN))
def test_the_api_says_whether_the_current_stages_interview_was_held(
    seeker: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """Her proposals' `interview` (the current stage's) says `held` as the pages do: over, not begun."""
    move_now(monkeypatch, starts, when)
    held = when == "after"
    proposals = client_of(seeker).get("/api/v1/agent/me/proposals").json()
    interview = next(p for p in proposals if p["id"] == booked_first.proposal_id)["interview"]
    assert (interview["held"], interview["held_label"]) == (
        held,
        f"面接済み（{day_ja(starts)}）" if held else "",
    )


def test_the_api_answer_to_setting_a_date_says_it_is_not_held(employer: User, at_first: Referral) -> None:
    starts = dt.datetime.combine(clock.today_jst() + dt.timedelta(days=3), dt.time(10), tzinfo=JST)
    answer = client_of(employer).put(
        f"/api/v1/agent/referrals/{at_first.pk}/interview",
        {"starts_at": starts.isoformat(), "format": "phone", "place": "こちらからお電話します"},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert (answer.json()["held"], answer.json()["held_label"]) == (False, "")
