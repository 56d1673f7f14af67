"""The 内定 part of a 推薦's 選考状況 form is a closed fold until it is wanted (ADR 0160 addendum, s22): on the
employer's page its 回答期限 and 内定時の労働条件 were 16 of the 18 Tab stops between 「次の状況」 and 「更新する」,
also for a move to 不採用 or 2次面接. Open again, with no script, when 内定 was chosen, a 回答期限 typed or a box of
it refused, so the reasons and the focus on the field in error are not hidden; the adviser's card, folded already,
opens on the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.agents.limits import NOTE_MAX
from bonavi.agents.models import Referral, Stage
from bonavi.agents.tests.factories import offer_form
from bonavi.agents.tests.html import error_beside, focused
from bonavi.core.clock import today_jst

pytestmark = pytest.mark.django_db

SUMMARY = "<summary>内定に進める場合：内定時の労働条件（必須）・回答期限（任意）</summary>"


def _fold(page: str) -> str:
    """The employer's 内定 part's <details> start tag: `open` or not."""
    return page.split('<details class="m-fold" id="move-offer"', 1)[1].split(">", 1)[0]


def _move_form(page: str) -> str:
    return page.split('<form method="post" id="move"', 1)[1].split("</form>", 1)[0]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_employers_offer_part_is_folded_until_it_is_wanted(employer: User, at_first: Referral) -> None:
    page = _client(employer).get(f"/agent/employer/referrals/{at_first.pk}/").content.decode()
    form = _move_form(page)
    assert "open" not in _fold(form)
    assert SUMMARY in form
    # In the page (no script needed to open it), inside the fold: the deadline and every term after the summary.
    inside = form.split(SUMMARY, 1)[1]
    for name in ("answer_by", "wage_min", "start_on", "other_changes"):
        assert f'name="{name}"' in inside
    assert 'name="answer_by"' not in form.split(SUMMARY, 1)[0]
    assert 'name="note"' in form.split(SUMMARY, 1)[0]  # the 連絡事項 stays before it, for every step


def test_no_fold_where_offer_is_not_a_step(employer: User, referral: Referral) -> None:
    """At 推薦 the next steps are 書類選考, 1次面接 and 不採用: no 内定 boxes, no fold."""
    page = _client(employer).get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    assert 'id="move-offer"' not in page and 'name="wage_min"' not in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"to_stage": Stage.OFFER, "note": "", "start_on": ""}, "start_on"),  # refused in it
        (
            {"to_stage": Stage.REJECTED, "note": "あ" * (NOTE_MAX + 1), "answer_by": "2030-01-10"},
            "note",
        ),  # a deadline typed, the move refused for another reason
        ({"to_stage": Stage.OFFER, "note": "あ" * (NOTE_MAX + 1)}, "note"),  # 内定 chosen, refused elsewhere
    ],
    ids=["refused-in-it", "deadline-typed", "offer-chosen"],
)
def test_the_employers_offer_part_comes_back_open_when_it_was_used(
    employer: User, at_first: Referral, data: dict[str, str], field: str
) -> None:
    posted = {**offer_form(at_first), **data}
    response = _client(employer).post(f"/agent/employer/referrals/{at_first.pk}/", posted)
    assert response.status_code == 422
    page = response.content.decode()
    assert " open" in _fold(page)
    assert error_beside(page, field) and focused(page, field)
    at_first.refresh_from_db()
    assert at_first.stage == Stage.INTERVIEW1


def test_an_untouched_offer_part_stays_folded_when_the_move_is_refused(
    employer: User, at_first: Referral
) -> None:
    posted = {**offer_form(at_first), "to_stage": Stage.REJECTED, "note": "あ" * (NOTE_MAX + 1)}
    response = _client(employer).post(f"/agent/employer/referrals/{at_first.pk}/", posted)
    assert response.status_code == 422
    assert "open" not in _fold(response.content.decode())


def test_the_advisers_card_opens_its_offer_part_when_offer_was_chosen(setup, at_first: Referral) -> None:
    """Before, it opened on a reason inside it only: 内定 refused for its 連絡事項 came back with the terms hidden."""
    client = _client(setup.ca)
    posted = {
        "action": "move",
        **offer_form(at_first),
        "to_stage": Stage.OFFER,
        "note": "あ" * (NOTE_MAX + 1),
        "answer_by": (today_jst() + dt.timedelta(days=7)).isoformat(),
    }
    response = client.post(f"/agent/referrals/{at_first.pk}/", posted)
    assert response.status_code == 422
    assert f'id="r{at_first.pk}-offer-fields" open>' in response.content.decode()
    page = client.get(f"/agent/candidates/{at_first.proposal.candidate_id}/").content.decode()
    assert f'id="r{at_first.pk}-offer-fields">' in page  # closed when first shown
