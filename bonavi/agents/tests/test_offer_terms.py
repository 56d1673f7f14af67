"""内定時の労働条件 (ADR 0112): the employer gives the offered terms with its 内定; the candidate is shown each change
from the conditions of the proposal, as a change, and cannot accept until she says she read them (職業安定法5条の3③)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from bonavi.agents import services
from bonavi.agents.models import AuditAction, Proposal, Referral, Stage
from bonavi.agents.offer import PLACE_MAX, PROBATION_CONDITIONS_MAX
from bonavi.agents.snapshot import conditions_snapshot
from bonavi.agents.tests.factories import offer_as_posted, offer_form
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.core.clock import today_jst
from bonavi.jobs.models import JobPosting, WageUnit
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_interview(referral, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    OutboxMessage.objects.all().delete()
    return referral


def _form(page: str) -> str:
    return page.split('id="move"', 1)[1].split("</form>", 1)[0]


def test_the_employers_offer_without_terms_is_refused(at_interview, employer, client):
    referral = at_interview
    with pytest.raises(services.AgentError, match="内定時の労働条件"):
        services.referral_move(user=employer, referral=referral, to_stage=Stage.OFFER)
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    # The page's boxes start from the posting's terms; emptied, each missing one is said beside it.
    page = client.get(url).content.decode()
    assert 'value="230,000"' in _form(page) and "内定時の労働条件" in _form(page)
    blank = {k: "" for k in offer_form(referral)}
    resp = client.post(url, {"to_stage": Stage.OFFER, **blank})
    form = _form(resp.content.decode())
    assert resp.status_code == 422
    assert "内定時の賃金を入力してください" in error_beside(form, "wage_min")
    assert "入社予定日を入力してください" in error_beside(form, "start_on")
    assert "就業場所を入力してください" in error_beside(form, "place")
    api = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage", {"to_stage": "offer"}, content_type="application/json"
    )
    assert api.status_code == 422 and "内定時の労働条件" in api.json()["detail"]
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1 and referral.offer_terms == {}
    assert not OutboxMessage.objects.exists()


def test_a_wage_below_the_minimum_wage_is_refused_as_the_posting_form_does(at_interview, employer, client):
    referral = at_interview
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    resp = client.post(
        url, {"to_stage": Stage.OFFER, **offer_form(referral, wage_unit="hour", wage_min="900", wage_max="")}
    )
    form = _form(resp.content.decode())
    assert resp.status_code == 422 and focused(form, "wage_min")
    assert "最低賃金" in error_beside(form, "wage_min") and "東京都" in error_beside(form, "wage_min")
    # a malformed amount is said in the yen fields' words; the API refuses the same wage
    resp = client.post(url, {"to_stage": Stage.OFFER, **offer_form(referral, wage_min="abc")})
    assert "円単位の数字で入力してください" in error_beside(_form(resp.content.decode()), "wage_min")
    offer = {**offer_form(referral, wage_unit="hour", wage_min="900", wage_max=""), "probation_months": 3}
    api = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": "offer", "offer": offer},
        content_type="application/json",
    )
    assert api.status_code == 422 and "最低賃金" in api.json()["errors"]["wage_min"][0]
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1 and referral.offer_terms == {}
    assert not OutboxMessage.objects.exists()
    # the same offer at the minimum wage or above goes through, the amount as people type it
    offer = {**offer, "wage_min": "1,300"}
    api = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": "offer", "offer": offer},
        content_type="application/json",
    )
    referral.refresh_from_db()
    assert api.status_code == 200 and referral.stage == Stage.OFFER
    assert referral.offer_terms["shown"]["wage"] == "時給1,300円"
    assert [c["key"] for c in referral.offer_terms["changes"]] == ["wage"]


def test_a_lower_wage_is_shown_as_a_change_and_blocks_acceptance_until_read(
    setup, at_interview, employer, seeker, client
):
    referral = at_interview
    client.force_login(employer)
    resp = client.post(
        f"/agent/employer/referrals/{referral.pk}/",
        {"to_stage": Stage.OFFER, **offer_form(referral, wage_min="220000", wage_max="")},
    )
    assert resp.status_code == 302
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER
    assert referral.offer_terms["changes"] == [
        {"key": "wage", "label": "賃金", "before": "月給230,000円〜280,000円", "after": "月給220,000円"}
    ]
    # the stage mail says the terms changed, once, to her and to her adviser
    to_her = OutboxMessage.objects.get(to_email=seeker.email)
    assert to_her.body_text.count("提案時から変わっています（変更点：賃金）") == 1
    to_adviser = OutboxMessage.objects.get(to_email=setup.ca.email).body_text
    assert "変更点：賃金" in to_adviser and "承諾する前に、ページで" not in to_adviser
    assert "先に変更点（変更前・変更後）をご本人に伝えてください" in to_adviser
    assert "ご本人に伝えて" not in to_her.body_text
    candidate = referral.proposal.candidate
    assert candidate.audit.filter(action=AuditAction.CONDITIONS_CHANGED, detail__contains="賃金").exists()

    pk = referral.proposal_id
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/").content.decode()
    changes = page.split('id="offer-changes"', 1)[1].split("</div>", 1)[0]
    assert "月給230,000円〜280,000円" in changes and "月給220,000円" in changes
    confirm = client.get(f"/me/proposals/{pk}/offer/?answer=accept").content.decode()
    assert confirm.index('id="offer-changes"') < confirm.index('id="offer-form"')
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"})
    form = resp.content.decode().split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and "変更点を読み" in error_beside(form, "changes_read")
    assert focused(form, "changes_read")
    url = f"/api/v1/agent/me/proposals/{pk}/offer-answer"
    api = client.post(url, {"accept": True, "confirm": True}, content_type="application/json")
    assert api.status_code == 422 and "変更点を読み" in api.json()["detail"]
    assert (
        Referral.objects.get().stage == Stage.OFFER and Referral.objects.get().offer_changes_read_at is None
    )
    # the API shows her the offer and its changes
    listed = client.get("/api/v1/agent/me/proposals").json()[0]
    assert listed["offer"]["changes"][0]["after"] == "月給220,000円"
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert "ご本人はまだ変更点を確認していません" in page
    client.force_login(seeker)
    ok = client.post(
        url, {"accept": True, "confirm": True, "changes_read": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["stage"] == Stage.OFFER_ACCEPTED
    assert Referral.objects.get().offer_changes_read_at is not None
    assert candidate.audit.filter(action=AuditAction.CONDITIONS_ACK, actor=seeker).exists()
    # her adviser sees the same changes on the candidate page
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert "変更点（提案時の条件 → 内定時の条件）" in page and "月給220,000円" in page
    assert "ご本人が変更点を確認：" in page and "まだ変更点を確認していません" not in page


def test_the_page_accepts_once_the_changes_are_ticked(at_interview, employer, seeker, client):
    referral = at_interview
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, employment_type="keiyaku", other_changes="年間休日は120日になります"),
    )
    pk = referral.proposal_id
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/offer/?answer=accept").content.decode()
    assert "正社員" in page and "契約社員" in page and "年間休日は120日になります" in page
    resp = client.post(
        f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on", "changes_read": "on"}
    )
    assert resp.status_code == 302 and Referral.objects.get().stage == Stage.OFFER_ACCEPTED


def test_unchanged_terms_say_so_and_need_no_extra_confirmation(at_interview, employer, seeker, client):
    referral = at_interview
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    referral.refresh_from_db()
    assert referral.offer_terms["changes"] == []
    assert "提案時の条件から変更はありません" in OutboxMessage.objects.get(to_email=seeker.email).body_text
    pk = referral.proposal_id
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/offer/?answer=accept").content.decode()
    assert "提案時の条件から変更はありません。" in page and 'name="changes_read"' not in page
    assert "月給230,000円〜280,000円" in page
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"})
    assert resp.status_code == 302 and Referral.objects.get().stage == Stage.OFFER_ACCEPTED


def test_the_offer_boxes_do_not_stop_another_step(at_interview, employer, client):
    """They are posted with every step: a bad one is not a reason to refuse 2次面接."""
    client.force_login(employer)
    url = f"/agent/employer/referrals/{at_interview.pk}/"
    resp = client.post(
        url, {"to_stage": Stage.INTERVIEW2, **offer_form(at_interview, probation_months="abc")}
    )
    at_interview.refresh_from_db()
    assert (
        resp.status_code == 302 and at_interview.stage == Stage.INTERVIEW2 and at_interview.offer_terms == {}
    )


def test_an_adviser_relaying_acceptance_of_unread_changes_says_she_told_her(
    setup, at_interview, employer, client
):
    """5条の3③ on the adviser's path: while she has not read the changes herself, 内定承諾 relayed by her adviser
    needs the adviser's word that she was told them (card and API), and her trail keeps it as the adviser's act."""
    referral = at_interview
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, wage_min=220000, wage_max=None),
    )
    candidate = referral.proposal.candidate
    client.force_login(setup.ca)
    card = f"/agent/referrals/{referral.pk}/"
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert 'name="changes_told"' in page
    resp = client.post(card, {"action": "move", "to_stage": Stage.OFFER_ACCEPTED})
    assert resp.status_code == 422
    form = resp.content.decode().split(f'action="{card}"', 1)[1].split("</form>", 1)[0]
    assert "ご本人に伝えてから" in error_beside(form, "changes_told") and focused(form, "changes_told")
    api = f"/api/v1/agent/referrals/{referral.pk}/stage"
    refused = client.post(api, {"to_stage": "offer_accepted"}, content_type="application/json")
    assert refused.status_code == 422 and "ご本人に伝えてから" in refused.json()["errors"]["changes_told"][0]
    assert Referral.objects.get().stage == Stage.OFFER
    assert not candidate.audit.filter(action=AuditAction.CONDITIONS_ACK).exists()
    ok = client.post(
        api, {"to_stage": "offer_accepted", "changes_told": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and Referral.objects.get().stage == Stage.OFFER_ACCEPTED
    told = candidate.audit.get(action=AuditAction.CONDITIONS_ACK)
    assert (
        told.actor == setup.ca and "変更点をご本人に伝えて承諾を記録" in told.detail and "賃金" in told.detail
    )


def test_the_card_accepts_with_the_box_and_asks_nothing_once_she_read_them(
    setup, at_interview, employer, seeker, client
):
    referral = at_interview
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, employment_type="keiyaku"),
    )
    client.force_login(setup.ca)
    card = f"/agent/referrals/{referral.pk}/"
    resp = client.post(card, {"action": "move", "to_stage": Stage.OFFER_ACCEPTED, "changes_told": "on"})
    assert resp.status_code == 302 and Referral.objects.get().stage == Stage.OFFER_ACCEPTED
    # unchanged terms: no box, nothing asked
    other = Referral.objects.get()
    Referral.objects.filter(pk=other.pk).update(stage=Stage.OFFER, offer_changes_read_at=timezone.now())
    page = client.get(f"/agent/candidates/{other.proposal.candidate_id}/").content.decode()
    assert 'name="changes_told"' not in page
    resp = client.post(card, {"action": "move", "to_stage": Stage.OFFER_ACCEPTED})
    assert resp.status_code == 302


def _posted_as(referral, **fields):
    """The posting with `fields`, proposed so: the proposal's snapshot written from it as the proposal writes it."""
    posting = referral.proposal.posting
    for name, value in fields.items():
        setattr(posting, name, value)
    posting.save()
    Proposal.objects.filter(pk=referral.proposal_id).update(snapshot=conditions_snapshot(posting))
    referral.proposal.refresh_from_db()


def test_an_untouched_offer_of_a_full_width_spaced_long_address_is_no_change(at_interview, employer):
    """The offer's text is kept on one line (a full-width space becomes a space): compared on one line on both
    sides, the prefilled 就業場所 and 試用期間 are not changes; the longest address a posting holds fits."""
    referral = at_interview
    _posted_as(
        referral,
        municipality="千代田区",
        address="丸の内1-1　丸の内ビル3階" + "ア" * 180,
        has_probation=True,
        probation_months=3,
        probation_conditions="本採用と同条件　（賞与なし）",
    )
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER and referral.offer_terms["changes"] == []
    assert referral.offer_terms["shown"]["place"].startswith("東京都千代田区丸の内1-1 丸の内ビル3階")


def test_the_offer_reads_as_the_proposal_snapshot_writes_it(at_interview, employer, monkeypatch):
    """The shown terms come from the snapshot's own function: a change in how a wage is written changes both
    sides, not just one (which would report every untouched offer as a change)."""
    monkeypatch.setattr(
        JobPosting, "wage_display", property(lambda p: f"{p.get_wage_unit_display()} {p.wage_min}円から")
    )
    referral = at_interview
    _posted_as(referral, employment_type="haken", is_dispatch=True)
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    referral.refresh_from_db()
    assert referral.offer_terms["changes"] == []
    assert referral.offer_terms["shown"]["wage"] == "月給 230000円から"


def test_a_start_years_ahead_is_refused_and_the_hire_forms_start_from_the_offered_day(
    setup, at_interview, employer, seeker, client
):
    referral = at_interview
    client.force_login(employer)
    api = f"/api/v1/agent/referrals/{referral.pk}/stage"
    far = {**offer_form(referral, start_on="2207-04-01")}
    refused = client.post(api, {"to_stage": "offer", "offer": far}, content_type="application/json")
    assert refused.status_code == 422 and "1年以上先" in refused.json()["errors"]["start_on"][0]
    start = today_jst() + dt.timedelta(days=40)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        offer=offer_as_posted(referral, start_on=start),
    )
    services.offer_answer(user=seeker, referral=referral, accept=True)
    page = client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    assert f'value="{start.isoformat()}"' in field_tag(_form(page), "joined_on")
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{referral.proposal.candidate_id}/").content.decode()
    place = page.split('value="place"', 1)[1].split("</form>", 1)[0]
    assert f'value="{start.isoformat()}"' in field_tag(place, "joined_on")


def test_the_offer_form_says_each_probation_and_length_problem_once_in_house_words(
    at_interview, employer, client
):
    client.force_login(employer)
    url = f"/agent/employer/referrals/{at_interview.pk}/"
    resp = client.post(url, {"to_stage": Stage.OFFER, **offer_form(at_interview, probation_months="0")})
    form = _form(resp.content.decode())
    assert resp.status_code == 422
    assert (
        error_beside(form, "probation_months")
        == "試用期間は1〜12か月で入力してください。ない場合は空欄にしてください。"
    )
    too_long_place = "東京都" + "ア" * PLACE_MAX
    resp = client.post(
        url,
        {
            "to_stage": Stage.OFFER,
            **offer_form(
                at_interview,
                place=too_long_place,
                probation_months="3",
                probation_conditions="ア" * (PROBATION_CONDITIONS_MAX + 1),
            ),
        },
    )
    form = _form(resp.content.decode())
    assert f"就業場所は{PLACE_MAX:,}文字以内" in error_beside(form, "place")
    assert f"試用期間中の条件は{PROBATION_CONDITIONS_MAX:,}文字以内" in error_beside(
        form, "probation_conditions"
    )
    at_interview.refresh_from_db()
    assert at_interview.stage == Stage.INTERVIEW1


def test_the_api_names_each_wage_unit_as_the_pages_do(client):
    """The API's description of wage_unit uses WageUnit's own labels (year is 年俸, not 年収)."""
    described = json.dumps(client.get("/api/v1/openapi.json").json(), ensure_ascii=False)
    for unit in WageUnit:
        assert f"{unit.value}（{unit.label}）" in described
