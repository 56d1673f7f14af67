"""A 再面接 called off after the held interview of its stage (ADR 0136): the company's 応募者 list showed the held one
again as 「面接済み」 as if no 再面接 had been booked, her lists said nothing under the stage, and the cards and the API
gave the called-off row alone. Every list, card and the API now say both facts in one set of words —
「面接済み（12月3日（木））・再面接は取消」 — and the API's interview says which try of its stage it is (`attempt`,
`attempt_label`) and the lists' line (`list_label`). Time is moved on with core.clock.now, as the pages read it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews
from bonavi.agents.models import Referral
from bonavi.agents.tests.factories import interview_values
from bonavi.core.tests.interview_time import client_of, day_ja, interview_rows, move_now, page_of

pytestmark = pytest.mark.django_db

HER_LISTS = ["/me/applications/", "/me/", "/me/proposals/"]


@pytest.fixture
def again_called_off(
    employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> Referral:
    """The 1次 held (the day after it), a 再面接 booked three days later, then called off by the company."""
    move_now(monkeypatch, starts, "after")
    interviews.referral_interview_set(
        user=employer,
        referral=booked_first,
        values=interview_values(starts + dt.timedelta(days=3)),
        stage="interview1",
        again=True,
    )
    interviews.referral_interview_cancel(user=employer, referral=booked_first, stage="interview1")
    booked_first.refresh_from_db()
    return booked_first


def _badges(page: str) -> list[str]:
    return re.findall(r'<span class="status-badge s-\w+">(.*?)</span>', page)


def _held_before(page: str) -> list[str]:
    return re.findall(r'<p class="interview-held-before">(.*?)</p>', page)


def test_the_companys_list_says_held_and_the_again_called_off(
    employer: User, again_called_off: Referral, starts: dt.datetime
) -> None:
    badges = _badges(page_of(employer, "/applicants/"))
    assert badges == [f"面接済み（1次・{day_ja(starts)}）・再面接は取消"]


def test_the_companys_list_of_a_plain_cancel_stays_without_a_date(
    employer: User, booked_first: Referral
) -> None:
    """A first interview called off (no 再面接) is no held interview: the step alone, as before."""
    interviews.referral_interview_cancel(user=employer, referral=booked_first)
    assert _badges(page_of(employer, "/applicants/")) == ["面接（1次）"]


def test_the_companys_list_reads_the_booked_again_as_the_next_date(
    employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_now(monkeypatch, starts, "after")
    again_at = starts + dt.timedelta(days=3)
    interviews.referral_interview_set(
        user=employer, referral=booked_first, values=interview_values(again_at), again=True
    )
    assert _badges(page_of(employer, "/applicants/")) == [f"面接（1次・{day_ja(again_at)}14:00）"]


@pytest.mark.parametrize("path", HER_LISTS)
def test_her_lists_say_held_and_the_again_called_off(
    seeker: User, again_called_off: Referral, starts: dt.datetime, path: str
) -> None:
    assert interview_rows(page_of(seeker, path)) == [f"面接済み（{day_ja(starts)}）・再面接は取消"]


def test_the_three_cards_say_it_under_the_called_off_again(
    seeker: User, employer: User, setup: Any, again_called_off: Referral, starts: dt.datetime
) -> None:
    """The company's referral page, the adviser's card on her candidate page and her proposal page: the 再面接's card
    is called off, and the held 1次 is said under it."""
    expected = [f"1次面接：面接済み（{day_ja(starts)}）・再面接は取消"]
    pages = {
        "company": page_of(employer, f"/agent/employer/referrals/{again_called_off.pk}/"),
        "agency": page_of(setup.ca, f"/agent/candidates/{again_called_off.proposal.candidate_id}/"),
        "her": page_of(seeker, f"/me/proposals/{again_called_off.proposal_id}/"),
    }
    for side, page in pages.items():
        assert _held_before(page) == expected, side
        assert "1次面接（再面接）の日程" in page and "この面接の日程は取り消されました" in page, side


def test_no_line_under_a_plain_cancel(seeker: User, employer: User, booked_first: Referral) -> None:
    interviews.referral_interview_cancel(user=employer, referral=booked_first)
    assert _held_before(page_of(seeker, f"/me/proposals/{booked_first.proposal_id}/")) == []
    assert interview_rows(page_of(seeker, "/me/applications/")) == []


def _api_interview(user: User) -> dict[str, Any]:
    response = client_of(user).get("/api/v1/agent/me/proposals")
    assert response.status_code == 200
    [proposal] = response.json()
    return proposal["interview"]


def test_the_api_gives_the_attempt_and_the_lists_line(
    seeker: User, employer: User, booked_first: Referral, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _api_interview(seeker)
    assert (first["attempt"], first["attempt_label"], first["list_label"]) == (
        1,
        "",
        f"面接日時：{day_ja(starts)}14:00",
    )

    move_now(monkeypatch, starts, "after")
    held = _api_interview(seeker)
    assert (held["attempt"], held["held"], held["list_label"]) == (1, True, f"面接済み（{day_ja(starts)}）")

    again_at = starts + dt.timedelta(days=3)
    body = {"starts_at": again_at.isoformat(), "format": "online", "url": "https://meet.example.com/again"}
    put = client_of(employer).put(
        f"/api/v1/agent/referrals/{booked_first.pk}/interview",
        data={**body, "again": True},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    assert (put.json()["attempt"], put.json()["attempt_label"]) == (2, "1次面接（再面接）")
    booked = _api_interview(seeker)
    assert (booked["attempt"], booked["attempt_label"], booked["list_label"]) == (
        2,
        "1次面接（再面接）",
        f"面接日時：{day_ja(again_at)}14:00",
    )

    cancel = client_of(employer).post(f"/api/v1/agent/referrals/{booked_first.pk}/interview/cancel")
    assert cancel.status_code == 200, cancel.content
    called_off = _api_interview(seeker)
    line = f"面接済み（{day_ja(starts)}）・再面接は取消"
    assert (called_off["attempt"], called_off["cancelled"], called_off["list_label"]) == (2, True, line)
    assert (cancel.json()["attempt"], cancel.json()["list_label"]) == (2, line)


def test_the_api_of_a_plain_cancel_has_no_line(seeker: User, employer: User, booked_first: Referral) -> None:
    interviews.referral_interview_cancel(user=employer, referral=booked_first)
    out = _api_interview(seeker)
    assert (out["attempt"], out["cancelled"], out["attempt_label"], out["list_label"]) == (1, True, "", "")


def test_the_spec_documents_the_attempt(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    props = spec["components"]["schemas"]["ReferralInterviewOut"]["properties"]
    assert {"attempt", "attempt_label", "list_label"} <= set(props)
