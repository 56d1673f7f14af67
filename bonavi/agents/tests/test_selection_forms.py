"""The forms on a selection (the adviser's card on the candidate page, the employer's referral page, the candidate's
answers): a bad figure, a bad date or a missing field is answered with 422, the form as typed and a Japanese message
beside the field that is wrong (focused, aria-invalid, described by its message); nothing is stored or mailed."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.agents import services
from bonavi.agents.forms import DeclineSelectionForm
from bonavi.agents.models import Complaint, FollowUp, Placement, Referral, Stage, StageEvent
from bonavi.agents.tests.factories import backdate, offer_as_posted, place, private_order
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

PLACE_OK = {"action": "place", "joined_on": "2026-04-01", "expected_annual_pay": "4200000", "fee": "1260000"}


def _refused(resp, form_marker: str, field: str, message: str) -> str:
    """The refused form: 422, the message beside `field` (and said once), that field focused, no other marked."""
    assert resp.status_code == 422
    page = resp.content.decode()
    form = page.split(form_marker, 1)[1].split("</form>", 1)[0]
    assert message in error_beside(form, field), error_beside(form, field)
    assert page.count(message) == 1 and focused(form, field)
    assert form.count('aria-invalid="true"') == 1 and form.count(" autofocus") == 1
    return form


@pytest.fixture
def accepted(setup, referral, employer):
    for stage in (Stage.INTERVIEW1, Stage.OFFER):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=employer, referral=referral, to_stage=stage, offer=offer)
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED)
    backdate(referral, dt.date(2026, 4, 1))  # the forms below place the person on 2026-04-01
    OutboxMessage.objects.all().delete()
    return referral


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"fee": "abc"}, "fee", "手数料は円単位の数字で入力してください（例：1260000、126万円）。"),
        ({"fee": "5千円"}, "fee", "手数料は円単位の数字で入力してください（例：1260000、126万円）。"),
        ({"fee": "-1"}, "fee", "手数料は0円以上で入力してください。"),
        ({"fee": "1260000.5"}, "fee", "手数料は1円単位の整数で入力してください。"),
        ({"fee": "9" * 12}, "fee", "手数料は10億円以下で入力してください。"),
        ({"fee": ""}, "fee", "手数料を入力してください。"),
        ({"expected_annual_pay": "0"}, "expected_annual_pay", "予定年収は1円以上で入力してください。"),
        ({"joined_on": "2026-13-01"}, "joined_on", "入社日：2026年13月1日はありません。"),
        ({"joined_on": ""}, "joined_on", "入社日を入力してください。"),
    ],
)
def test_a_bad_placement_is_said_beside_the_field(setup, accepted, client, typed, field, message):
    """It used to be one general message (「日付は…、金額は整数の円で…」) with the date focused, whatever was wrong."""
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{accepted.pk}/", {**PLACE_OK, **typed})
    form = _refused(resp, 'value="place"', field, message)
    for name, value in {**PLACE_OK, **typed}.items():  # everything as typed, to be fixed rather than retyped
        if name != "action":
            assert f'value="{value}"' in field_tag(form, name) or not value
    assert f'id="r{accepted.pk}_{field}"' in field_tag(form, field)
    assert not Placement.objects.exists() and not OutboxMessage.objects.exists()
    assert Referral.objects.get(pk=accepted.pk).stage == Stage.OFFER_ACCEPTED


def test_a_placement_typed_with_commas_or_full_width_digits_is_recorded(setup, accepted, client):
    client.force_login(setup.ca)
    typed = {**PLACE_OK, "expected_annual_pay": "4,200,000", "fee": "１２６００００円"}
    resp = client.post(f"/agent/referrals/{accepted.pk}/", typed)
    assert resp.status_code == 302
    placement = Placement.objects.get()
    assert (placement.expected_annual_pay, placement.fee) == (4_200_000, 1_260_000)
    assert placement.joined_on == dt.date(2026, 4, 1)


def test_a_placement_typed_in_man_is_recorded(setup, accepted, client):
    """「126万」 is how people write a fee; the bulk import reads it too (core.money.parse_yen)."""
    client.force_login(setup.ca)
    typed = {**PLACE_OK, "expected_annual_pay": "420万円", "fee": "126万"}
    assert client.post(f"/agent/referrals/{accepted.pk}/", typed).status_code == 302
    placement = Placement.objects.get()
    assert (placement.expected_annual_pay, placement.fee) == (4_200_000, 1_260_000)


@pytest.fixture
def placed(setup, candidate, employer):
    placement = place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=dt.date(2026, 4, 1),
    )
    OutboxMessage.objects.all().delete()
    return placement


EXIT_OK = {"action": "exit", "exit_on": "2026-07-31", "reason": "resignation", "refund": "0"}


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"exit_on": "7月末"}, "exit_on", "離職日は YYYY-MM-DD の形式の日付で入力してください"),
        ({"exit_on": ""}, "exit_on", "離職日を入力してください。"),
        ({"exit_on": "2026-03-31"}, "exit_on", "離職日が入社日より前です。"),  # the service's check
        ({"refund": "abc"}, "refund", "返戻金は円単位の数字で入力してください（例：1260000、126万円）。"),
        ({"refund": "-100"}, "refund", "返戻金は0円以上で入力してください。"),
        ({"refund": "1200001"}, "refund", "返戻金は紹介手数料以下で入力してください。"),  # the service's
        ({"reason": ""}, "reason", "離職理由を選んでください。"),
        ({"reason": "fired"}, "reason", "離職理由を一覧から選んでください。"),
    ],
)
def test_a_bad_exit_is_said_beside_the_field(setup, placed, client, typed, field, message):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{placed.referral_id}/", {**EXIT_OK, **typed})
    _refused(resp, 'value="exit"', field, message)
    placed.refresh_from_db()
    assert placed.exit_on is None and placed.refund == 0 and not OutboxMessage.objects.exists()
    assert FollowUp.objects.get(placement=placed).outcome == FollowUp.Outcome.PENDING


def test_an_exit_without_a_refund_is_recorded(setup, placed, client):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{placed.referral_id}/", {**EXIT_OK, "refund": ""})
    assert resp.status_code == 302
    placed.refresh_from_db()
    assert (
        placed.exit_on == dt.date(2026, 7, 31) and placed.exit_reason == "resignation" and placed.refund == 0
    )


@pytest.mark.parametrize(
    ("outcome", "message"),
    [("", "確認結果を選んでください。"), ("pending", "確認結果を一覧から選んでください。")],
)
def test_a_follow_up_without_an_outcome_is_said_beside_it(setup, placed, client, outcome, message):
    client.force_login(setup.ca)
    resp = client.post(f"/agent/referrals/{placed.referral_id}/", {"action": "followup", "outcome": outcome})
    _refused(resp, 'value="followup"', "outcome", message)
    assert FollowUp.objects.get(placement=placed).outcome == FollowUp.Outcome.PENDING
    client.post(f"/agent/referrals/{placed.referral_id}/", {"action": "followup", "outcome": "employed"})
    assert FollowUp.objects.get(placement=placed).outcome == FollowUp.Outcome.EMPLOYED


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"to_stage": ""}, "to_stage", "選考状況を選んでください。"),
        ({"to_stage": "hired"}, "to_stage", "選考状況を一覧から選んでください。"),
        ({"note": "あ" * 501}, "note", "連絡事項は500文字以内で入力してください。"),
    ],
)
def test_a_bad_stage_change_by_the_adviser_is_said_beside_the_field(
    setup, referral, client, typed, field, message
):
    client.force_login(setup.ca)
    before = OutboxMessage.objects.count()
    resp = client.post(
        f"/agent/referrals/{referral.pk}/", {"action": "move", "to_stage": Stage.DOCUMENT, **typed}
    )
    _refused(resp, 'value="move"', field, message)
    assert Referral.objects.get(pk=referral.pk).stage == Stage.RECOMMENDED
    assert (
        StageEvent.objects.filter(referral=referral).count() == 1 and OutboxMessage.objects.count() == before
    )


def test_empty_interview_preparation_is_said_beside_the_box(setup, referral, client):
    client.force_login(setup.ca)
    before = OutboxMessage.objects.count()
    resp = client.post(f"/agent/referrals/{referral.pk}/", {"action": "prep", "interview_prep": ""})
    _refused(resp, 'value="prep"', "interview_prep", "面接対策の内容を入力してください。")
    assert (
        Referral.objects.get(pk=referral.pk).interview_prep == "" and OutboxMessage.objects.count() == before
    )


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"answer_by": "2026/13/40"}, "answer_by", "回答期限：2026年13月40日はありません。"),
        ({"to_stage": ""}, "to_stage", "次の状況を選んでください。"),
        ({"to_stage": Stage.OFFER_ACCEPTED}, "to_stage", "次の状況を一覧から選んでください。"),
    ],
)
def test_a_bad_stage_change_by_the_employer_is_said_beside_the_field(
    setup, referral, client, employer, typed, field, message
):
    # From 1次面接, where 内定 is a possible step (回答期限 is asked only then)
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    client.force_login(employer)
    before = OutboxMessage.objects.count()
    resp = client.post(
        f"/agent/employer/referrals/{referral.pk}/",
        {"to_stage": Stage.INTERVIEW2, "note": "来週連絡", **typed},
    )
    form = _refused(resp, 'id="move"', field, message)
    assert 'value="来週連絡"' in field_tag(form, "note")
    assert Referral.objects.get(pk=referral.pk).stage == Stage.INTERVIEW1
    assert OutboxMessage.objects.count() == before


def test_the_candidates_offer_answer_and_decline_are_said_beside_the_field(setup, referral, client, employer):
    for stage in (Stage.INTERVIEW1, Stage.OFFER):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=employer, referral=referral, to_stage=stage, offer=offer)
    seeker = referral.proposal.candidate.user
    client.force_login(seeker)
    before = OutboxMessage.objects.count()
    url = f"/me/proposals/{referral.proposal_id}/offer/"
    resp = client.post(url, {"answer": "accept", "confirm": "on", "note": "よろしく" * 126})
    _refused(resp, 'id="offer-form"', "note", "一言は500文字以内で入力してください。")
    resp = client.post(url, {"answer": "decline", "note": "他社に決めました"})
    form = _refused(resp, 'id="offer-form"', "confirm", "回答する場合は、確認のチェックを入れてください。")
    assert 'value="他社に決めました"' in field_tag(form, "note")
    assert (
        Referral.objects.get(pk=referral.pk).stage == Stage.OFFER and OutboxMessage.objects.count() == before
    )


def test_a_complaint_resolution_left_empty_is_said_beside_it(setup, seeker, client):
    services.complaint_file(
        user=seeker,
        agency_slug=setup.agency.slug,
        from_name="本人",
        contact=seeker.email,
        body="連絡が遅い",
        wants_in_person=False,
    )
    complaint = Complaint.objects.get()
    client.force_login(setup.boss)
    resp = client.post(f"/agent/complaints/{complaint.pk}/resolve/", {"resolution": ""})
    _refused(
        resp,
        f'action="/agent/complaints/{complaint.pk}/resolve/"',
        "resolution",
        "対応の内容を入力してください。",
    )
    complaint.refresh_from_db()
    assert complaint.resolved_at is None


def test_the_candidates_own_withdrawal_names_the_note_by_its_short_name():
    # The label says who reads it and that it is optional; the message names the field 一言, as on the offer form.
    form = DeclineSelectionForm({"confirm": "on", "note": "よろしく" * 126})
    assert not form.is_valid()
    assert form.errors["note"] == ["一言は500文字以内で入力してください。"]


def test_a_summary_and_a_field_follow_one_focus_rule() -> None:
    """The summary's focus had its own idea of a shown field beside core.forms': with two refused forms on one page
    (core.forms.one_focus), the second one's summary still took the focus, so the page had two targets."""
    from django import forms as dj

    from bonavi.agents.forms import SelectionForm
    from bonavi.core.forms import one_focus, summary_takes_focus

    class _Form(SelectionForm):
        note = dj.CharField()

    first, second = _Form({}), _Form({"note": "x"})
    assert not first.is_valid() and second.is_valid()
    second.add_error(None, "全体の理由")
    one_focus(first, second)
    assert "autofocus" in str(first["note"]) and not summary_takes_focus(first)
    assert not summary_takes_focus(second)  # the first form has the focus
    one_focus(second)
    assert summary_takes_focus(second)
