"""The employer's note on a selection step (選考状況の更新) reaches the adviser and, through them, the candidate:
like a direct applicant's 連絡事項 it must not ask for 本籍, the family's jobs or 思想信条 (職業安定法5条の5・指針).
Refused with the compliance checker's own message, nothing moved, nobody mailed; page-independent (service and
API)."""

from __future__ import annotations

import pytest
from django.test import Client

from bonavi.agents import services
from bonavi.agents.models import Referral, Stage, StageEvent
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

ASK = "1次面接では本籍地とご家族の職業をお伺いします。"


def test_a_stage_note_asking_for_prohibited_personal_data_is_refused(referral, employer):
    mails_before = OutboxMessage.objects.count()
    with pytest.raises(services.AgentError) as refused:
        services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1, note=ASK)
    assert "集めてはいけない個人情報" in refused.value.errors["note"][0]
    assert Referral.objects.get(pk=referral.pk).stage == Stage.RECOMMENDED
    assert not StageEvent.objects.filter(referral=referral, to_stage=Stage.INTERVIEW1).exists()
    assert OutboxMessage.objects.count() == mails_before


def test_the_api_answers_the_refusal_in_japanese(referral, employer):
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": Stage.INTERVIEW1, "note": ASK},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "集めてはいけない個人情報" in response.json()["errors"]["note"][0]
    assert Referral.objects.get(pk=referral.pk).stage == Stage.RECOMMENDED


def test_a_note_saying_such_data_is_not_needed_moves_the_selection(referral, employer):
    note = "1次面接は来週です。本籍などの記入は不要です。"
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1, note=note)
    assert Referral.objects.get(pk=referral.pk).stage == Stage.INTERVIEW1


def _api(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_over_long_api_text_is_refused_not_cut_short(setup, candidate, referral, employer):
    """The services cut a 提案コメント at 4,000 characters and a 連絡事項 at 500 without a word: through the API the
    client is told the limit instead, and nothing is stored."""
    from bonavi.agents.models import Proposal
    from bonavi.jobs.tests.factories import make_posting

    posting = make_posting(employer.organization, title="経理事務（長文テスト）")
    proposals_before = Proposal.objects.count()
    long_comment = _api(setup.ca).post(
        f"/api/v1/agent/candidates/{candidate.pk}/proposals",
        {"posting_id": posting.pk, "comment": "あ" * 4001},
        content_type="application/json",
    )
    assert long_comment.status_code == 422
    assert long_comment.json()["errors"]["comment"] == ["4000文字以内で入力してください。"]
    assert Proposal.objects.count() == proposals_before

    long_note = _api(employer).post(
        f"/api/v1/agent/referrals/{referral.pk}/stage",
        {"to_stage": Stage.INTERVIEW1, "note": "あ" * 501},
        content_type="application/json",
    )
    assert long_note.status_code == 422
    assert long_note.json()["errors"]["note"] == ["500文字以内で入力してください。"]
    assert Referral.objects.get(pk=referral.pk).stage == Stage.RECOMMENDED
