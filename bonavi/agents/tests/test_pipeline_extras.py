"""Interview preparation per job after the 推薦, the employer told of the candidate's answers, and complaints
routed to the 職業紹介責任者 of the office concerned (also from the candidate's own space)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import AuditAction, Complaint, Office, Proposal, Referral, Staff, Stage
from bonavi.agents.tests.factories import backdate, offer_as_posted, offer_form, private_order, register
from bonavi.agents.tests.html import error_beside, field_tag, focused
from bonavi.core.clock import date_ja, moment_ja, today_jst
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_interview_preparation_can_be_added_after_the_referral(setup, referral, client, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    client.force_login(setup.ca)
    url = f"/agent/referrals/{referral.pk}/"
    client.post(url, {"action": "prep", "interview_prep": ""})
    referral.refresh_from_db()
    assert referral.interview_prep == ""
    client.post(url, {"action": "prep", "interview_prep": "1次面接は経理課長。決算短縮の工夫を具体的に。"})
    candidate = referral.proposal.candidate
    assert OutboxMessage.objects.filter(to_email=candidate.user.email, subject__contains="面接対策").exists()
    assert candidate.audit.filter(action=AuditAction.INTERVIEW_PREP).exists()
    client.force_login(candidate.user)
    assert "決算短縮の工夫を具体的に" in client.get(f"/me/proposals/{referral.proposal_id}/").content.decode()
    client.force_login(employer)
    page = client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    assert "決算短縮の工夫" not in page
    # the employer reads the agency's fee table and refund policy in full beside the 推薦, not behind a link
    assert setup.agency.fee_table in page and setup.agency.refund_policy in page


def test_employer_is_mailed_when_the_agency_relays_the_candidates_answer(setup, referral, employer):
    for stage in (Stage.INTERVIEW1, Stage.OFFER):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=employer, referral=referral, to_stage=stage, offer=offer)
    OutboxMessage.objects.all().delete()
    services.referral_move(
        user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED, note="4月入社希望"
    )
    to_employer = OutboxMessage.objects.get(to_email=employer.email)
    assert "内定承諾" in to_employer.subject and "4月入社希望" in to_employer.body_text
    assert OutboxMessage.objects.filter(to_email=referral.proposal.candidate.user.email).exists()


def test_complaints_go_to_the_responsible_of_the_office_concerned(setup, seeker, client):
    osaka = Office.objects.create(agency=setup.agency, name="大阪支店", address="大阪府", phone="06")
    osaka_head = User.objects.create_user(
        email="head@osaka.example", password="pw-Long-enough-1", role=Role.AGENT, display_name="大阪責任者"
    )
    Staff.objects.create(
        user=osaka_head,
        agency=setup.agency,
        office=osaka,
        is_career_adviser=False,
        is_responsible=True,
        responsible_training_on=dt.date.today() - dt.timedelta(days=30),
    )
    # the public form names the office
    client.post(
        f"/agent/agencies/{setup.agency.slug}/complaint/",
        {"from_name": "匿名", "contact": "a@b.example", "body": "大阪の対応が遅い", "office": osaka.pk},
    )
    assert Complaint.objects.get(body="大阪の対応が遅い").routed_to.user == osaka_head
    # a registered candidate complains from their own space: their office's 責任者, in their audit trail
    candidate = register(setup, seeker)
    client.force_login(seeker)
    page = client.get(f"/me/agency/{candidate.pk}/").content.decode()
    assert "苦情・相談（職業紹介責任者へ）" in page
    client.post(
        f"/agent/agencies/{setup.agency.slug}/complaint/",
        {
            "from_name": "本人",
            "contact": seeker.email,
            "body": "連絡が多すぎる",
            "office": setup.office.pk,
            "wants_in_person": "on",
            "next": f"/me/agency/{candidate.pk}/",
        },
    )
    complaint = Complaint.objects.get(body="連絡が多すぎる")
    assert complaint.routed_to.user == setup.boss and complaint.wants_in_person
    assert candidate.audit.filter(action=AuditAction.COMPLAINT).exists()
    assert OutboxMessage.objects.filter(to_email=setup.boss.email, subject__contains="苦情").exists()


def test_a_change_to_proposed_conditions_is_mailed_once_per_change_and_audited(setup, seeker, employer):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization)
    live = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    posting = order.posting

    def told():
        return OutboxMessage.objects.filter(to_email=seeker.email, subject__contains="労働条件が変わりました")

    posting.save()  # saved without a change: nothing to tell
    assert not told().exists()
    posting.wage_min = 210_000
    posting.save()
    posting.save()  # the same change saved again: told once
    assert told().count() == 1 and "賃金" in told().get().body_text
    assert "確認するまで、応募・推薦は行われません。" in told().get().body_text  # not referred yet
    assert candidate.audit.filter(action=AuditAction.CONDITIONS_CHANGED, detail__contains="賃金").exists()
    posting.overtime_monthly_hours = 30
    posting.save()
    assert told().count() == 2
    # declined proposals are not chased
    services.proposal_acknowledge(user=seeker, proposal=live)
    services.proposal_answer(user=seeker, proposal=live, accept=False)
    posting.wage_min = 200_000
    posting.save()
    assert told().count() == 2


def test_the_change_mail_does_not_say_a_referral_waits_when_it_has_been_sent(setup, seeker, employer):
    """「確認するまで、応募・推薦は行われません」 is true of a proposal not yet referred; after the 推薦 the
    selection goes on, and the mail says so."""
    from bonavi.agents.tests.factories import refer

    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization)
    referral = refer(setup, candidate, order.posting_id)
    posting = referral.proposal.posting
    posting.wage_min = 215_000
    posting.save()
    notice = OutboxMessage.objects.get(to_email=seeker.email, subject__contains="労働条件が変わりました")
    assert "推薦は行われません" not in notice.body_text
    assert "推薦済みのため選考は続いています。" in notice.body_text


def test_every_book_export_reaches_the_trail_of_the_people_in_it(setup, referral, client, employer):
    from bonavi.agents.models import AuditEvent

    candidate = referral.proposal.candidate
    client.force_login(setup.boss)
    assert client.get(f"/agent/books/{setup.office.pk}/job.csv").status_code == 200
    exports = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.EXPORT)
    assert [e.detail for e in exports] == ["求人管理簿（本社）をCSVで出力"]


def test_private_posting_is_not_in_another_seekers_recommendations(setup, referral, client, employer):
    from bonavi.jobs.tests.factories import make_posting
    from bonavi.seekers.services import profile_get_or_create

    twin = make_posting(employer.organization, title="経理スタッフ（公開・月次決算）")
    other = User.objects.create_user(email="o@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER)
    profile = profile_get_or_create(user=other)
    profile.experience = "請求書の発行、入金消込、仕訳入力、月次決算の補助を3年担当。"
    profile.desired_prefectures = ["13"]  # without any 希望条件 there are no recommendations to look in
    profile.save()
    client.force_login(other)
    page = client.get("/me/recommendations/").content.decode()
    assert twin.title in page and referral.proposal.posting.title not in page
    api = client.get("/api/v1/matching/recommendations").json()
    assert referral.proposal.posting_id not in [r["posting_id"] for r in api]


def test_proposals_by_api_end_to_end_and_the_candidate_declines_a_selection_herself(
    setup, seeker, employer, client
):
    candidate = register(setup, seeker)
    order = private_order(setup, employer.organization)
    client.force_login(setup.ca)
    resp = client.post(
        f"/api/v1/agent/candidates/{candidate.pk}/proposals",
        {"posting_id": order.posting_id, "comment": "月次決算が活かせます"},
        content_type="application/json",
    )
    assert resp.status_code == 201
    pk = resp.json()["proposal"]
    again = client.post(
        f"/api/v1/agent/candidates/{candidate.pk}/proposals",
        {"posting_id": order.posting_id},
        content_type="application/json",
    )
    assert again.status_code == 422 and "すでに" in again.json()["detail"]
    # the candidate reads and answers through the API
    client.force_login(seeker)
    mine = client.get("/api/v1/agent/me/proposals").json()
    assert [p["id"] for p in mine] == [pk] and mine[0]["conditions_as_proposed"]
    bad = client.post(
        f"/api/v1/agent/me/proposals/{pk}/answer", {"accept": True}, content_type="application/json"
    )
    assert bad.status_code == 422 and "hearing" in bad.json()["detail"]
    ok = client.post(
        f"/api/v1/agent/me/proposals/{pk}/answer",
        {"accept": True, "document": "hearing"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    # Not referred yet, so there is no selection to decline (a stale page or a hand-made post): refused, not a 500.
    early = client.post(
        f"/me/proposals/{pk}/", {"action": "decline_selection", "note": "他社に決めました", "confirm": "on"}
    )
    assert early.status_code == 422 and not Referral.objects.exists()
    # … and says why, beside her answer (the decline form is not on the page before a referral), focused.
    reason = early.content.decode().split('id="decline-errors"', 1)[1].split("</ul>", 1)[0]
    assert "まだ推薦されていないため、選考の辞退はできません" in reason and "autofocus" in reason
    assert "担当者にご連絡ください" in reason  # she has answered: no 「辞退する」 button to point to
    assert early.content.decode().index('id="answered"') < early.content.decode().index('id="decline-errors"')
    unticked = client.post(f"/me/proposals/{pk}/", {"action": "decline_selection"}).content.decode()
    assert (
        "まだ推薦されていないため" in unticked and "チェックを入れてください" not in unticked
    )  # no box to tick
    api_early = client.post(
        f"/api/v1/agent/me/proposals/{pk}/decline-selection", {"note": ""}, content_type="application/json"
    )
    assert api_early.status_code == 422 and "まだ推薦されていない" in api_early.json()["detail"]
    assert f"/api/v1/agent/me/proposals/{pk}/answer" in api_early.json()["detail"]
    client.force_login(setup.ca)
    assert (
        client.post(f"/api/v1/agent/proposals/{pk}/referral", {}, content_type="application/json").status_code
        == 201
    )
    # the candidate declines the selection from her own page, in one step; employer and adviser are told
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/").content.decode()
    assert "この求人の選考を辞退する" in page
    refused = client.post(
        f"/me/proposals/{pk}/", {"action": "decline_selection", "note": "他社に決めました"}
    )  # no confirm: answered at once, the form open, the 一言 kept, the reason beside the focused box
    form = refused.content.decode().split('id="decline-selection" open>', 1)[1].split("</form>", 1)[0]
    assert refused.status_code == 422 and 'value="他社に決めました"' in form
    assert "「選考を辞退します」にチェックを入れてください。" in form
    assert focused(form, "confirm") and "チェックを入れてください" in error_beside(form, "confirm")
    assert Referral.objects.get().stage == Stage.RECOMMENDED
    client.post(
        f"/me/proposals/{pk}/", {"action": "decline_selection", "note": "他社に決めました", "confirm": "on"}
    )
    assert Referral.objects.get().stage == Stage.DECLINED
    assert OutboxMessage.objects.filter(
        to_email=employer.email, body_text__contains="他社に決めました"
    ).exists()
    assert OutboxMessage.objects.filter(to_email=setup.ca.email, subject__contains="辞退").exists()
    # she cannot record anything else herself
    referral = Referral.objects.get()
    with pytest.raises(services.AgentError, match="辞退と内定への回答"):
        Referral.objects.filter(pk=referral.pk).update(stage=Stage.FINAL)
        referral.refresh_from_db()
        services.referral_move(user=seeker, referral=referral, to_stage=Stage.OFFER)
    # another seeker cannot touch it
    other = User.objects.create_user(email="x@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER)
    with pytest.raises(services.PermissionDenied):
        services.referral_move(user=other, referral=referral, to_stage=Stage.DECLINED)


def test_two_year_lock_on_the_page_serves_only_a_recorded_candidate_request(
    setup, referral, client, employer
):
    from bonavi.agents.models import Placement, Proposal
    from bonavi.jobs.tests.factories import make_posting

    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=setup.ca, referral=referral, to_stage=stage, offer=offer)
    backdate(referral, dt.date.today() - dt.timedelta(days=30))
    services.placement_record(
        user=setup.ca,
        referral=referral,
        joined_on=dt.date.today() - dt.timedelta(days=30),
        expected_annual_pay=4_000_000,
        fee=1_200_000,
    )
    assert Placement.objects.get().open_ended
    candidate = referral.proposal.candidate
    another = make_posting(employer.organization, title="経理（別の求人）")
    client.force_login(setup.ca)
    page = client.get(f"/agent/candidates/{candidate.pk}/").content.decode()
    assert "ご本人から求職の申出があった" in page
    resp = client.post(f"/agent/candidates/{candidate.pk}/propose/", {"posting": [another.pk]}, follow=True)
    assert "2年を経過していない" in resp.content.decode()
    assert not Proposal.objects.filter(posting=another).exists()
    client.post(
        f"/agent/candidates/{candidate.pk}/propose/",
        {
            "posting": [another.pk],
            "candidate_request": "on",
            "request_channel": "phone",
            "request_on": today_jst().isoformat(),
            "request_note": "別の経理の求人を紹介してほしい",
        },
    )
    assert Proposal.objects.get(posting=another).initiated_by == "candidate"
    assert candidate.audit.filter(detail__contains="（ご本人からの求職の申出").exists()
    # the year's report figures by API, for the 責任者 only
    joined = Placement.objects.get().joined_on
    fy = joined.year if joined.month >= 4 else joined.year - 1
    assert client.get(f"/api/v1/agent/yearly-report?fiscal_year={fy}").status_code == 403
    client.force_login(setup.boss)
    report = client.get(f"/api/v1/agent/yearly-report?fiscal_year={fy}").json()
    assert report["無期雇用就職件数"] == 1 and report["手数料（紹介手数料）"] == 1_200_000


def test_the_employers_real_offer_deadline_is_shown_to_the_candidate(setup, referral, client, employer):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    page = client.post(url, {"to_stage": Stage.OFFER, "answer_by": past}, follow=True).content.decode()
    assert "今日以降の日付" in page
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1  # nothing stored
    deadline = dt.date.today() + dt.timedelta(days=14)
    client.post(url, {"to_stage": Stage.OFFER, "answer_by": deadline.isoformat(), **offer_form(referral)})
    referral.refresh_from_db()
    assert referral.stage == Stage.OFFER and referral.offer_answer_by == deadline
    seeker = referral.proposal.candidate.user
    assert OutboxMessage.objects.filter(
        to_email=seeker.email,
        body_text__contains=f"{date_ja(deadline)}（この日までに回答すれば足ります）",
    ).exists()
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{referral.proposal_id}/").content.decode()
    assert f"企業が設定した回答期限：{deadline.year}年{deadline.month}月{deadline.day}日" in page


def test_a_refused_stage_change_by_the_employer_keeps_what_was_typed(setup, referral, client, employer):
    """The 連絡事項 (and the stage and date chosen) were lost to a redirect when the move was refused."""
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    typed = {"to_stage": Stage.OFFER, "note": "条件面談は来週火曜の14時です。", "answer_by": past}
    resp = client.post(url, typed)
    referral.refresh_from_db()
    assert resp.status_code == 422 and referral.stage == Stage.INTERVIEW1
    page = resp.content.decode()
    form = page.split('id="move"', 1)[1].split("</form>", 1)[0]
    assert "今日以降の日付で指定してください" in error_beside(form, "answer_by")
    assert page.count("今日以降の日付") == 1 and focused(form, "answer_by")
    assert f'value="{typed["note"]}"' in form and f'value="{past}"' in field_tag(form, "answer_by")
    assert f'<option value="{Stage.OFFER}" selected>' in form
    # a malformed date names the field too, and a markup note is refused beside the form with the text kept
    resp = client.post(url, {**typed, "answer_by": "来週"})
    form = resp.content.decode().split('id="move"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422
    assert "回答期限は YYYY-MM-DD の形式の日付で入力してください" in error_beside(form, "answer_by")
    resp = client.post(url, {"to_stage": Stage.INTERVIEW2, "note": "<b>持ち物</b>"})
    form = resp.content.decode().split('id="move"', 1)[1].split("</form>", 1)[0]
    assert resp.status_code == 422 and focused(form, "note") and error_beside(form, "note")
    assert 'value="&lt;b&gt;持ち物&lt;/b&gt;"' in field_tag(form, "note")
    referral.refresh_from_db()
    assert referral.stage == Stage.INTERVIEW1


def test_a_refused_stage_change_by_the_adviser_keeps_what_was_typed(setup, referral, client, employer):
    """On the candidate page the 連絡事項 of a refused 選考状況, and the figures of a refused 入社, were lost to a
    redirect; they come back in that referral's card, the reason said once, the field it names focused."""
    client.force_login(setup.ca)
    url = f"/agent/referrals/{referral.pk}/"
    note = "先方から面接日の候補が届いています。"
    resp = client.post(url, {"action": "move", "to_stage": Stage.JOINED, "note": note})
    referral.refresh_from_db()
    assert resp.status_code == 422 and referral.stage == Stage.RECOMMENDED
    page = resp.content.decode()
    card = page.split('class="card proposal-item"', 1)[1].split("</form>", 1)[0]
    assert "には進められません" in error_beside(card, "to_stage") and page.count("には進められません") == 1
    assert "{#" not in page  # no template comment leaks into the page
    # The 連絡事項 as typed; the list offers only the steps allowed from 推薦 (the refused one is not among them).
    assert f'value="{note}"' in card and f'<option value="{Stage.JOINED}"' not in card
    assert f'<option value="{Stage.DOCUMENT}">' in card
    assert focused(card, "to_stage") and f'id="r{referral.pk}_to_stage"' in field_tag(card, "to_stage")

    for stage in (Stage.INTERVIEW1, Stage.OFFER, Stage.OFFER_ACCEPTED):
        services.referral_move(
            user=setup.ca if stage == Stage.OFFER_ACCEPTED else employer,
            referral=referral,
            to_stage=stage,
            offer=offer_as_posted(referral) if stage == Stage.OFFER else None,
        )
    typed = {
        "action": "place",
        "joined_on": "2026-04-01",
        "expected_annual_pay": "4200000",
        "fee": "126万5千",
    }
    resp = client.post(url, typed)
    assert resp.status_code == 422 and not hasattr(Referral.objects.get(pk=referral.pk), "placement")
    place = resp.content.decode().split('value="place"', 1)[1].split("</form>", 1)[0]
    assert "手数料は円単位の数字で入力してください" in error_beside(place, "fee") and focused(place, "fee")
    assert not error_beside(place, "joined_on") and not focused(place, "joined_on")
    assert 'value="2026-04-01"' in place and 'value="4200000"' in place and 'value="126万5千"' in place


def test_interview_preparation_and_proposal_comments_may_not_steer_to_forbidden_topics(
    setup, referral, client, employer
):
    client.force_login(setup.ca)
    url = f"/agent/referrals/{referral.pk}/"
    resp = client.post(url, {"action": "prep", "interview_prep": "支持政党を聞かれたら正直に答えましょう。"})
    # what the adviser typed is shown again to be fixed, in this response (not kept in the session), beside its
    # form: open, the reason once, the box focused
    assert resp.status_code == 422 and not [k for k, _v in client.session.items() if k.startswith("draft:")]
    page = resp.content.decode()
    form = page.split('value="prep"', 1)[1].split("</form>", 1)[0]
    assert "面接対策に「支持政党」に関する記載があります" in error_beside(form, "interview_prep")
    assert page.count("面接対策に「支持政党」に関する記載があります") == 1
    assert focused(form, "interview_prep") and "<details open>" in page
    assert ">\n支持政党を聞かれたら正直に答えましょう。</textarea>" in form
    candidate_page = f"/agent/candidates/{referral.proposal.candidate_id}/"
    assert "支持政党を聞かれたら" not in client.get(candidate_page).content.decode()
    referral.refresh_from_db()
    assert referral.interview_prep == ""
    ok = "本籍や家族のことを聞かれても答えなくてかまいません。不適切な質問は担当に知らせてください。"
    client.post(url, {"action": "prep", "interview_prep": ok})
    referral.refresh_from_db()
    assert referral.interview_prep == ok
    other = private_order(setup, employer.organization)
    with pytest.raises(services.AgentError, match="提案コメントに「既婚」"):
        services.proposal_create(
            user=setup.ca,
            candidate=referral.proposal.candidate,
            posting_id=other.posting_id,
            comment="既婚の方が多い職場です。",
        )
    assert not referral.proposal.candidate.proposals.filter(posting_id=other.posting_id).exists()


def test_a_refused_proposal_comment_is_said_once_and_comes_back_with_the_ticked_jobs(
    setup, seeker, employer, client
):
    candidate = register(setup, seeker)
    orders = [
        private_order(setup, employer.organization, title=f"経理スタッフ（非公開{i}）") for i in range(2)
    ]
    ids = [o.posting_id for o in orders]
    client.force_login(setup.ca)
    url = f"/agent/candidates/{candidate.pk}/propose/"
    resp = client.post(url, {"posting": ids, "comment": "既婚の方が多い職場です。"})
    assert resp.status_code == 422 and not [k for k, _v in client.session.items() if k.startswith("draft:")]
    page = resp.content.decode()
    assert page.count("提案コメントに「既婚」に関する記載があります") == 1
    form = page.split('id="propose"', 1)[1].split("</form>", 1)[0]
    assert "提案コメントに「既婚」に関する記載があります" in error_beside(form, "comment")
    assert focused(form, "comment") and ">\n既婚の方が多い職場です。</textarea>" in form
    for pk in ids:
        assert f'value="{pk}" checked' in page
    assert not candidate.proposals.exists()
    # no job ticked: said, and the comment is kept too (it was lost to a redirect)
    resp = client.post(url, {"comment": "経理の経験が活かせる職場です。"})
    page = resp.content.decode()
    assert resp.status_code == 422 and "提案する求人を選んでください。" in page
    assert 'id="propose-errors" tabindex="-1" autofocus><li>提案する求人を選んでください。' in page
    assert ">\n経理の経験が活かせる職場です。</textarea>" in page
    # markup is refused by the same whole screen, once, not once per ticked job
    resp = client.post(url, {"posting": ids, "comment": "<b>経理</b>の経験が活かせます。"})
    assert resp.status_code == 422 and resp.content.decode().count("HTMLタグ") == 1
    assert not candidate.proposals.exists()


def test_a_refused_recommendation_comes_back_with_what_was_typed(setup, candidate, employer, client):
    """A refused 推薦 redirected to the candidate page with the 推薦文 and 面接対策 gone."""
    order = private_order(setup, employer.organization)
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
    services.proposal_answer(
        user=candidate.user, proposal=proposal, accept=True, document_choice="要約", document_text="経理3年"
    )
    client.force_login(setup.ca)
    typed = {
        "recommendation": "月次決算を3年担当。既婚で落ち着いた方です。",
        "interview_prep": "志望動機を整理しましょう。",
    }
    resp = client.post(f"/agent/proposals/{proposal.pk}/refer/", typed)
    assert resp.status_code == 422 and not hasattr(Proposal.objects.get(pk=proposal.pk), "referral")
    form = resp.content.decode().split(f'action="/agent/proposals/{proposal.pk}/refer/"', 1)[1]
    form = form.split("</form>", 1)[0]
    assert "推薦文に「既婚」に関する記載があります" in error_beside(form, "recommendation")
    assert "<details open>" in form and focused(form, "recommendation")
    assert (
        f">\n{typed['recommendation']}</textarea>" in form
        and f">\n{typed['interview_prep']}</textarea>" in form
    )
    # the page answers another address: its other forms say where they go
    assert f'action="/agent/candidates/{candidate.pk}/" id="hearing"' in resp.content.decode()
    typed["recommendation"] = "月次決算を3年担当。落ち着いて仕事を進める方です。"
    assert client.post(f"/agent/proposals/{proposal.pk}/refer/", typed).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).referral.recommendation == typed["recommendation"]


def test_the_employer_is_offered_only_its_possible_next_steps(setup, referral, client, employer):
    """次の状況 listed every employer stage with 書類選考 pre-selected: from 1次面接, 書類選考 and 入社 were offered and
    refused when chosen. Now only the steps the service allows (none chosen for you), and no form at all, with the
    reason, when the next step is not the employer's."""

    def options(page: str) -> list[str]:
        form = page.split('id="move"', 1)[1].split("</form>", 1)[0]
        # The stage's own select (the 内定 terms below it have selects of their own).
        select = form.split('name="to_stage"', 1)[1].split("</select>", 1)[0]
        return re.findall(r'<option value="([^"]*)"', select)

    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    client.force_login(employer)
    url = f"/agent/employer/referrals/{referral.pk}/"
    page = client.get(url).content.decode()
    assert options(page) == ["", Stage.INTERVIEW2, Stage.FINAL, Stage.OFFER, Stage.REJECTED]
    assert options(page)[1:] == services.employer_next_stages(Stage.INTERVIEW1)
    assert '<option value="" selected>選んでください</option>' in page
    resp = client.post(url, {"to_stage": "", "note": ""})
    assert resp.status_code == 422 and "次の状況を選んでください。" in resp.content.decode()
    # 回答期限 is asked only where 内定 is a possible step
    services.referral_move(user=employer, referral=referral, to_stage=Stage.FINAL)
    assert 'name="answer_by"' in client.get(url).content.decode()
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )
    page = client.get(url).content.decode()
    assert 'id="move"' not in page and "内定への回答（承諾・辞退）を待っています。" in page
    services.referral_move(user=setup.ca, referral=referral, to_stage=Stage.OFFER_ACCEPTED)
    page = client.get(url).content.decode()
    assert options(page) == ["", Stage.JOINED] and 'name="answer_by"' not in page
    services.referral_move(user=employer, referral=referral, to_stage=Stage.JOINED, joined_on=today_jst())
    page = client.get(url).content.decode()
    assert 'id="move"' not in page and "この選考は「入社」で終了しているため、状況を変更できません。" in page


def test_the_employer_is_told_why_it_has_no_step_for_every_stage(referral, employer):
    """Only 内定 waits for the candidate's answer; the ended stages say so; every other stage has a step. The
    employer asking for the candidate's answer itself gets the same reason from the service."""
    waiting = "内定への回答（承諾・辞退）を待っています。回答はご本人または紹介会社が記録します。"
    for stage in Stage:
        reason = services.employer_no_move_reason(stage)
        if stage == Stage.OFFER:
            assert reason == waiting
        elif services.employer_next_stages(stage):
            assert reason == ""
        else:
            assert reason == f"この選考は「{stage.label}」で終了しているため、状況を変更できません。"
    for stage in (Stage.INTERVIEW1, Stage.OFFER):
        offer = offer_as_posted(referral) if stage == Stage.OFFER else None
        services.referral_move(user=employer, referral=referral, to_stage=stage, offer=offer)
    with pytest.raises(services.AgentError, match="内定承諾・辞退は求職者の回答です"):
        services.referral_move(user=employer, referral=referral, to_stage=Stage.OFFER_ACCEPTED)


def test_referral_pages_write_times_as_the_rest_of_the_site(setup, referral, client, employer):
    """「2026-11-26 16:32」 on the referral and candidate pages beside 「2026年11月26日」 elsewhere (UX 21)."""
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    event = referral.events.latest("at")
    client.force_login(employer)
    employer_page = client.get(f"/agent/employer/referrals/{referral.pk}/").content.decode()
    assert f"から {moment_ja(referral.sent_at)}" in employer_page
    assert f"{moment_ja(event.at)}　推薦 → 1次面接" in employer_page  # the 経過 as the adviser's page says it
    client.force_login(referral.proposal.candidate.user)
    candidate_page = client.get(f"/me/proposals/{referral.proposal_id}/").content.decode()
    assert moment_ja(event.at) in candidate_page
    for page in (employer_page, candidate_page):  # no ISO day left in the text
        assert not re.findall(r">[^<]*\d{4}-\d{2}-\d{2}[^<]*<", page.split("<main", 1)[1])
