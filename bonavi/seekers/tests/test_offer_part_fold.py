"""The employer's move form folds its 内定 part (s15 demo walk): at 面接 it always showed ~550 px of 回答期限・
入社予定日・内定の条件 at 390 px, even to a company about to choose 不採用, while the adviser's card folds the same
boxes. Now a `<details class="m-fold">`, open when a box of it was refused or given; its date pickers offer only the
days offers' rules take (回答期限 today … +60 days, 入社予定日 tomorrow … a year ahead), from the same ranges."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.seekers import offers, services
from bonavi.seekers.models import Application

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def at_interview(employer: User, application: Application) -> Application:
    services.application_move(user=employer, application=application, to_status="screening")
    services.application_move(user=employer, application=application, to_status="interview")
    return application


def _fold(page: str) -> str:
    """The opening tag of the 内定 part's fold."""
    match = re.search(r'<details class="m-fold" id="move-offer"[^>]*>', page)
    assert match, "the 内定 part is a fold"
    return match.group(0)


def _input(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match
    return match.group(0)


def test_the_offer_part_is_folded_with_the_pickers_bounds(employer: User, at_interview: Application) -> None:
    page = _client(employer).get(f"/applicants/{at_interview.pk}/").content.decode()
    assert " open" not in _fold(page)
    assert "<summary>内定に進める場合：回答期限・入社予定日・内定の条件（任意）</summary>" in page
    today = clock.today_jst()
    answer_by, start_on = _input(page, "answer_by"), _input(page, "start_on")
    assert f'min="{today.isoformat()}"' in answer_by
    assert f'max="{(today + dt.timedelta(days=offers.ANSWER_BY_MAX_DAYS)).isoformat()}"' in answer_by
    assert f'min="{(today + dt.timedelta(days=1)).isoformat()}"' in start_on
    assert f'max="{clock.add_years(today, 1).isoformat()}"' in start_on


def test_the_pickers_bounds_are_the_rules_bounds() -> None:
    """A day just inside each picker's range is taken by offer_problems, one just outside refused."""
    today = clock.today_jst()
    (a_min, a_max), (s_min, s_max) = offers.answer_by_range(today), offers.start_on_range(today)

    def problems(answer_by: dt.date | None = None, start_on: dt.date | None = None) -> dict[str, list[str]]:
        return offers.offer_problems(
            to_status="offer", answer_by=answer_by, start_on=start_on, offer_terms="", today=today
        )

    one = dt.timedelta(days=1)
    assert not problems(answer_by=a_min) and not problems(answer_by=a_max)
    assert problems(answer_by=a_min - one) and problems(answer_by=a_max + one)
    assert not problems(start_on=s_min) and not problems(start_on=s_max)
    assert problems(start_on=s_min - one) and problems(start_on=s_max + one)


def test_a_refused_offer_box_comes_back_with_the_fold_open(employer: User, at_interview: Application) -> None:
    too_far = clock.today_jst() + dt.timedelta(days=offers.ANSWER_BY_MAX_DAYS + 1)
    response = _client(employer).post(
        f"/applicants/{at_interview.pk}/",
        {"status": "offer", "note": "", "answer_by": too_far.isoformat(), "start_on": "", "offer_terms": ""},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert " open" in _fold(page) and "回答期限" in page and "先すぎます" in page
    at_interview.refresh_from_db()
    assert at_interview.status == "interview"


def test_values_typed_there_keep_it_open_when_another_box_is_refused(
    employer: User, at_interview: Application
) -> None:
    """A 内定 refused for its 連絡事項 (too long) comes back with the terms typed: the fold shows them."""
    response = _client(employer).post(
        f"/applicants/{at_interview.pk}/",
        {
            "status": "offer",
            "note": "あ" * 501,
            "answer_by": "",
            "start_on": "",
            "offer_terms": "配属先：本社",
        },
    )
    assert response.status_code == 422
    assert " open" in _fold(response.content.decode())


def test_a_refusal_elsewhere_with_the_offer_boxes_empty_keeps_it_folded(
    employer: User, at_interview: Application
) -> None:
    response = _client(employer).post(
        f"/applicants/{at_interview.pk}/",
        {"status": "rejected", "note": "あ" * 501, "answer_by": "", "start_on": "", "offer_terms": ""},
    )
    assert response.status_code == 422
    assert " open" not in _fold(response.content.decode())
