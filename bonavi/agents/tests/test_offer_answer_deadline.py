"""The 内定's answer deadline (ADR 0117): whoever records the 内定 — the employer's page, the adviser's card relaying a
company's phone call, the API — may give the company's deadline, under one rule (内定 only, today or later) said in
the same words; she reads it where she answers, and her adviser reads it on the card."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents import services
from bonavi.agents.models import Referral, Stage
from bonavi.agents.tests.factories import offer_as_posted, offer_form
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.core.clock import date_ja, today_jst
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers.offers import answer_by_bounds_problem

pytestmark = pytest.mark.django_db

PAST_IS_REFUSED = "が過去の日付です。今日以降の日付で指定してください。"
OFFER_ONLY = "回答期限は、選考状況を「内定」にするときだけ指定できます。"


@pytest.fixture
def at_interview(referral, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    OutboxMessage.objects.all().delete()
    return referral


def _card(page: str, referral: Referral) -> str:
    """The adviser's 選考状況 form of the card (its action and the boxes up to its button)."""
    return page.split(f'action="/agent/referrals/{referral.pk}/"', 1)[1].split("</form>", 1)[0]


def test_the_adviser_relays_the_companys_deadline_and_everyone_reads_it(
    setup, at_interview, employer, seeker, client
):
    referral = at_interview
    deadline = today_jst() + dt.timedelta(days=10)
    client.force_login(setup.ca)
    page = f"/agent/candidates/{referral.proposal.candidate_id}/"
    form = _card(client.get(page).content.decode(), referral)
    # In the folded 内定 group (no JS), empty: the company's deadline is typed as it was told, never guessed.
    group = form.split(f'id="r{referral.pk}-offer-fields"', 1)[1]
    assert "<summary>内定のときの労働条件・回答期限</summary>" in group
    assert 'value="' not in field_tag(group, "answer_by")
    resp = client.post(
        f"/agent/referrals/{referral.pk}/",
        {
            "action": "move",
            "to_stage": Stage.OFFER,
            "answer_by": deadline.isoformat(),
            **offer_form(referral),
        },
    )
    assert resp.status_code == 302
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER and referral.offer_answer_by == deadline
    # Told as the employer's deadline is told: to her, and to the company, which can say at once if it is wrong.
    to_her = OutboxMessage.objects.get(to_email=seeker.email).body_text
    assert f"企業が設定した回答期限：{date_ja(deadline)}（この日までに回答すれば足ります）" in to_her
    to_company = OutboxMessage.objects.get(to_email=employer.email).body_text
    assert f"・回答期限：{date_ja(deadline)}" in to_company
    # The card shows it while her answer is awaited.
    card = client.get(page).content.decode().split(f'id="r{referral.pk}-answer-by"', 1)[1]
    assert f"ご本人の回答期限：{date_ja(deadline)}" in card.split("</p>", 1)[0]
    # She reads it where she answers: her proposal page, the answer page and the API.
    client.force_login(seeker)
    pk = referral.proposal_id
    for url in (f"/me/proposals/{pk}/", f"/me/proposals/{pk}/offer/?answer=accept"):
        answer_by = client.get(url).content.decode().split('id="answer-by"', 1)[1]
        assert f"企業が設定した回答期限：{date_ja(deadline)}" in answer_by.split("</div>", 1)[0]
    mine = client.get("/api/v1/agent/me/proposals").json()
    assert mine[0]["offer_answer_by"] == deadline.isoformat()


def test_a_past_deadline_on_the_card_is_refused_beside_its_box_and_nothing_moves(setup, at_interview, client):
    referral = at_interview
    past = today_jst() - dt.timedelta(days=1)
    client.force_login(setup.ca)
    resp = client.post(
        f"/agent/referrals/{referral.pk}/",
        {"action": "move", "to_stage": Stage.OFFER, "answer_by": past.isoformat(), **offer_form(referral)},
    )
    assert resp.status_code == 422
    page = resp.content.decode()
    form = _card(page, referral)
    assert PAST_IS_REFUSED in error_beside(form, "answer_by") and focused(page, "answer_by")
    # The day with its weekday, in the words the company's page uses for a direct 内定 (one date format).
    said = f"回答期限（{date_ja(past)}）{PAST_IS_REFUSED}"
    assert said in error_beside(form, "answer_by") and "日（" in date_ja(past)
    assert said == answer_by_bounds_problem(past, today=today_jst())
    assert f'id="r{referral.pk}-offer-fields" open>' in form  # the folded group is open on its reason
    assert f'value="{past.isoformat()}"' in field_tag(form, "answer_by")  # what was typed comes back
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1 and referral.offer_answer_by is None
    assert not OutboxMessage.objects.exists()
    # A deadline with another step is refused too, by name: it is the 内定's only.
    later = (today_jst() + dt.timedelta(days=5)).isoformat()
    resp = client.post(
        f"/agent/referrals/{referral.pk}/",
        {"action": "move", "to_stage": Stage.INTERVIEW2, "answer_by": later, **offer_form(referral)},
    )
    assert resp.status_code == 422 and OFFER_ONLY in error_beside(
        _card(resp.content.decode(), referral), "answer_by"
    )
    assert Referral.objects.get().stage == Stage.INTERVIEW1


def test_no_deadline_box_where_offer_is_not_a_step(setup, at_interview, client):
    referral = at_interview
    services.referral_move(
        user=setup.ca, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    client.force_login(setup.ca)
    form = _card(
        client.get(f"/agent/candidates/{referral.proposal.candidate_id}/").content.decode(), referral
    )
    assert 'name="answer_by"' not in form
    # No deadline was given: the card says none (nothing to mistake for one).
    assert (
        f'id="r{referral.pk}-answer-by"'
        not in client.get(f"/agent/candidates/{referral.proposal.candidate_id}/").content.decode()
    )


@pytest.mark.parametrize("who", ["ca", "employer"])
def test_the_api_takes_the_deadline_from_the_agency_and_the_employer_under_one_rule(
    who, setup, at_interview, employer, client
):
    referral = at_interview
    client.force_login(employer if who == "employer" else setup.ca)
    url = f"/api/v1/agent/referrals/{referral.pk}/stage"
    offer = {
        k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in offer_as_posted(referral).items()
    }
    past = (today_jst() - dt.timedelta(days=1)).isoformat()
    resp = client.post(
        url, {"to_stage": "offer", "offer": offer, "answer_by": past}, content_type="application/json"
    )
    assert resp.status_code == 422 and PAST_IS_REFUSED in resp.json()["errors"]["answer_by"][0]
    today = today_jst().isoformat()
    resp = client.post(url, {"to_stage": "interview2", "answer_by": today}, content_type="application/json")
    assert resp.status_code == 422 and resp.json()["errors"]["answer_by"] == [OFFER_ONLY]
    resp = client.post(url, {"to_stage": "offer", "answer_by": "来週"}, content_type="application/json")
    assert resp.status_code == 422 and "answer_by" in str(resp.json()["errors"])
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1 and referral.offer_answer_by is None
    resp = client.post(
        url, {"to_stage": "offer", "offer": offer, "answer_by": today}, content_type="application/json"
    )
    assert resp.status_code == 200
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER and referral.offer_answer_by == today_jst()


def test_the_employer_page_says_the_same_words_and_shows_the_deadline_given(
    setup, at_interview, employer, client
):
    referral = at_interview
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    past = (today_jst() - dt.timedelta(days=3)).isoformat()
    resp = client.post(url, {"to_stage": Stage.OFFER, "answer_by": past, **offer_form(referral)})
    form = resp.content.decode().split('id="move"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and PAST_IS_REFUSED in error_beside(form, "answer_by")
    deadline = today_jst() + dt.timedelta(days=7)
    client.post(url, {"to_stage": Stage.OFFER, "answer_by": deadline.isoformat(), **offer_form(referral)})
    page = client.get(url).content.decode()
    assert f"求職者の回答期限：{date_ja(deadline)}" in page.split('id="answer-by"', 1)[1].split("</p>", 1)[0]
    # Her adviser is told it with the 内定.
    to_adviser = OutboxMessage.objects.get(to_email=setup.ca.email, subject__contains="内定").body_text
    assert f"ご本人の回答期限（企業が設定）：{date_ja(deadline)}" in to_adviser
