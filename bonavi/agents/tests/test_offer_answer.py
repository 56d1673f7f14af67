"""The candidate answers an offer herself (内定承諾 or 辞退) from her own space or the API, after a confirmation
step; only at 内定, only her own, only while her consent stands. Advisers and the employer are mailed once."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import Role, User
from bonavi.agents import services
from bonavi.agents.models import AuditAction, Referral, Stage, StageEvent
from bonavi.agents.tests.factories import offer_as_posted
from bonavi.agents.tests.html import error_beside, focused
from bonavi.core.clock import today_jst
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _to_offer(referral, employer, answer_by=None):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        answer_by=answer_by,
        offer=offer_as_posted(referral),
    )
    OutboxMessage.objects.all().delete()


def test_candidate_accepts_the_offer_herself_after_a_confirmation_page(
    setup, referral, seeker, employer, client
):
    deadline = dt.date.today() + dt.timedelta(days=7)
    _to_offer(referral, employer, answer_by=deadline)
    pk = referral.proposal_id
    client.force_login(seeker)
    page = client.get(f"/me/proposals/{pk}/").content.decode()
    assert "内定への回答" in page and f"/me/proposals/{pk}/offer/?answer=accept" in page
    confirm = client.get(f"/me/proposals/{pk}/offer/?answer=accept").content.decode()
    assert "内定を承諾する" in confirm and f"{deadline.year}年{deadline.month}月{deadline.day}日" in confirm
    # without the confirmation box nothing happens
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "note": "4月1日入社希望"})
    assert resp.status_code == 422 and resp.content.decode().count("確認のチェック") == 1
    # said beside the focused box, and the 一言 typed is still there (it came back empty)
    form = resp.content.decode().split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert "確認のチェックを入れてください" in form and 'value="4月1日入社希望"' in form
    assert focused(form, "confirm") and "確認のチェックを入れてください" in error_beside(form, "confirm")
    assert Referral.objects.get().stage == Stage.OFFER and not OutboxMessage.objects.exists()
    resp = client.post(
        f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on", "note": "4月1日入社希望"}
    )
    assert resp.status_code == 302
    assert Referral.objects.get().stage == Stage.OFFER_ACCEPTED
    event = StageEvent.objects.filter(referral=referral).last()
    assert event.to_stage == Stage.OFFER_ACCEPTED and event.actor == seeker
    # in her audit trail, as her own act
    trail = referral.proposal.candidate.audit.filter(action=AuditAction.STAGE_CHANGE).first()
    assert "内定 → 内定承諾" in trail.detail and trail.actor == seeker
    assert "内定 → 内定承諾" in client.get("/me/proposals/audit/").content.decode()
    # adviser and employer: one mail each, with her note
    to_adviser = OutboxMessage.objects.filter(to_email=setup.ca.email)
    to_employer = OutboxMessage.objects.filter(to_email=employer.email)
    assert to_adviser.count() == 1 and "内定承諾" in to_adviser.get().subject
    assert to_employer.count() == 1 and "4月1日入社希望" in to_employer.get().body_text
    # a second submit (double click, or the page kept open) changes and mails nothing
    client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"})
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == 1
    assert StageEvent.objects.filter(referral=referral, to_stage=Stage.OFFER_ACCEPTED).count() == 1
    # the employer records 入社, with its 入社日 (ADR 0108)
    referral.refresh_from_db()
    services.referral_move(user=employer, referral=referral, to_stage=Stage.JOINED, joined_on=today_jst())
    assert Referral.objects.get().stage == Stage.JOINED


def test_candidate_declines_the_offer_and_a_stale_answer_is_refused(
    setup, referral, seeker, employer, client
):
    _to_offer(referral, employer)
    stale = Referral.objects.get(pk=referral.pk)
    services.offer_answer(user=seeker, referral=referral, accept=False, note="条件が合いませんでした")
    assert Referral.objects.get().stage == Stage.DECLINED
    assert OutboxMessage.objects.filter(to_email=employer.email, subject__contains="辞退").count() == 1
    # an answer from a page loaded before (still showing 内定) is refused, not applied twice
    with pytest.raises(services.AgentError, match="すでに変わっています"):
        services.referral_move(user=seeker, referral=stale, to_stage=Stage.OFFER_ACCEPTED)
    assert Referral.objects.get().stage == Stage.DECLINED


def test_refused_when_the_selection_is_not_at_offer(setup, referral, seeker, employer, client):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    OutboxMessage.objects.all().delete()
    pk = referral.proposal_id
    client.force_login(seeker)
    assert "内定への回答" not in client.get(f"/me/proposals/{pk}/").content.decode()
    page = client.get(f"/me/proposals/{pk}/offer/?answer=accept").content.decode()
    assert "選考状況が「内定」のときだけ" in page and 'id="offer-form"' not in page
    note = "入社日は4月1日を希望します。"
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on", "note": note})
    page = resp.content.decode()
    assert resp.status_code == 422 and "（現在：1次面接）" in page
    # the form is gone (the stage changed meanwhile) but the 一言 typed is shown back with the notice, not lost
    notice = page.split('<div class="alert" role="alert">', 1)[1].split("</div>", 1)[0]
    assert "（現在：1次面接）" in notice and f"readonly>{note}</textarea>" in notice
    assert Referral.objects.get().stage == Stage.INTERVIEW1 and not OutboxMessage.objects.exists()
    api = client.post(
        f"/api/v1/agent/me/proposals/{pk}/offer-answer",
        {"accept": True, "confirm": True},
        content_type="application/json",
    )
    assert api.status_code == 422 and "「内定」のときだけ" in api.json()["detail"]
    # 内定承諾 cannot be answered again either
    _to_offer_from_interview(referral, employer)
    services.offer_answer(user=seeker, referral=referral, accept=True)
    with pytest.raises(services.AgentError, match="現在：内定承諾"):
        services.offer_answer(user=seeker, referral=referral, accept=False)


def _to_offer_from_interview(referral, employer):
    referral.refresh_from_db()
    services.referral_move(
        user=employer, referral=referral, to_stage=Stage.OFFER, offer=offer_as_posted(referral)
    )


def test_someone_elses_selection_is_404(setup, referral, employer, client):
    _to_offer(referral, employer)
    other = User.objects.create_user(email="x@seeker.example", password="pw-Long-enough-1", role=Role.SEEKER)
    pk = referral.proposal_id
    client.force_login(other)
    assert client.get(f"/me/proposals/{pk}/offer/?answer=accept").status_code == 404
    assert client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"}).status_code == 404
    api = client.post(
        f"/api/v1/agent/me/proposals/{pk}/offer-answer",
        {"accept": True, "confirm": True},
        content_type="application/json",
    )
    assert api.status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.offer_answer(user=other, referral=referral, accept=True)
    # the employer cannot record the candidate's answer as hers
    with pytest.raises(services.PermissionDenied):
        services.offer_answer(user=employer, referral=referral, accept=True)
    assert Referral.objects.get().stage == Stage.OFFER and not OutboxMessage.objects.exists()


def test_refused_after_consent_was_withdrawn(setup, referral, seeker, employer, client):
    _to_offer(referral, employer)
    candidate = referral.proposal.candidate
    services.candidate_withdraw(user=seeker, candidate=candidate)  # ends the selection as 辞退
    OutboxMessage.objects.all().delete()
    events = StageEvent.objects.count()
    pk = referral.proposal_id
    client.force_login(seeker)
    resp = client.post(f"/me/proposals/{pk}/offer/", {"answer": "accept", "confirm": "on"})
    assert resp.status_code == 422 and "同意を撤回しているため" in resp.content.decode()
    api = client.post(
        f"/api/v1/agent/me/proposals/{pk}/offer-answer",
        {"accept": True, "confirm": True},
        content_type="application/json",
    )
    assert api.status_code == 422 and "同意を撤回" in api.json()["detail"]
    # even with the selection somehow still at 内定, the service refuses
    Referral.objects.filter(pk=referral.pk).update(stage=Stage.OFFER)
    referral.refresh_from_db()
    with pytest.raises(services.AgentError, match="同意を撤回"):
        services.offer_answer(user=seeker, referral=referral, accept=True)
    assert Referral.objects.get().stage == Stage.OFFER
    assert StageEvent.objects.count() == events and not OutboxMessage.objects.exists()


def test_offer_answer_by_api_needs_confirm(setup, referral, seeker, employer, client):
    _to_offer(referral, employer)
    pk = referral.proposal_id
    client.force_login(seeker)
    url = f"/api/v1/agent/me/proposals/{pk}/offer-answer"
    bad = client.post(url, {"accept": True}, content_type="application/json")
    assert bad.status_code == 422 and "取り消せません" in bad.json()["detail"]
    assert Referral.objects.get().stage == Stage.OFFER
    ok = client.post(
        url,
        {"accept": True, "confirm": True, "note": "よろしくお願いします"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["stage"] == "offer_accepted"
    assert OutboxMessage.objects.filter(to_email=setup.ca.email).count() == 1
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == 1
