"""A refused 選考状況 move of a 推薦 at an interview stage says only why it was refused (s14, checked against the
seekers fix of s13: its optional interview part was bound to every POST and said 「面接の開始日時を入力してください」).

A 推薦's move forms (the employer's EmployerMoveForm, the adviser's StageMoveForm on the candidate card) carry no
interview part: its date is set by the page's own 日程 form, posted to its own URL, and on a refused move that form
is rendered unbound (views._employer_referral_page, views._candidate_page). These tests keep it so."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.agents.limits import NOTE_MAX
from bonavi.agents.models import Referral

pytestmark = pytest.mark.django_db

ASKED = "面接の開始日時を入力してください"

CASES = [
    ({"to_stage": "", "note": ""}, "状況を選んでください。"),
    ({"to_stage": "rejected", "note": "あ" * (NOTE_MAX + 1)}, f"{NOTE_MAX}文字以内"),
    ({"to_stage": "document", "note": ""}, "「1次面接」から"),  # a step back: the service's refusal
]
IDS = ["no-stage", "long-note", "refused-by-the-service"]


def _post(user: User, path: str, data: dict[str, str]) -> str:
    client = Client()
    client.force_login(user)
    response = client.post(path, data)
    assert response.status_code == 422
    return response.content.decode()


@pytest.mark.parametrize(("data", "reason"), CASES, ids=IDS)
def test_the_employers_refused_move_does_not_ask_for_an_interview(
    employer: User, at_first: Referral, data: dict[str, str], reason: str
) -> None:
    page = _post(employer, f"/agent/employer/referrals/{at_first.pk}/", data)
    assert reason in page and ASKED not in page
    schedule = page.split('id="interview-form"', 1)[1].split("</form>", 1)[0]
    assert "errorlist" not in schedule
    at_first.refresh_from_db()
    assert at_first.stage == "interview1" and not at_first.interviews.exists()


@pytest.mark.parametrize(("data", "reason"), CASES, ids=IDS)
def test_the_advisers_refused_move_does_not_ask_for_an_interview(
    setup, at_first: Referral, data: dict[str, str], reason: str
) -> None:
    page = _post(setup.ca, f"/agent/referrals/{at_first.pk}/", {"action": "move", **data})
    assert reason in page and ASKED not in page
    card = page.split(f'id="r{at_first.pk}-interview"', 1)[1].split("</form>", 1)[0]
    assert "errorlist" not in card
    at_first.refresh_from_db()
    assert at_first.stage == "interview1" and not at_first.interviews.exists()
