"""The session-11 UX review of what the candidate sees of her agency: everything sent to the company in her name,
the changed-conditions flow, and her audit trail grouped for reading (every view is still recorded)."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import services
from bonavi.agents.tests.factories import private_order
from bonavi.core.clock import moment_ja
from bonavi.documents.services import version_create

pytestmark = pytest.mark.django_db


# 2. What was sent to the company in her name --------------------------------------------------------------------


def test_the_candidate_sees_the_recommendation_and_the_document_sent_in_her_name(
    setup, candidate, employer, client
):
    version = version_create(
        owner=candidate.user,
        title="事務職用",
        data={
            "basics": {"name": "山田花子"},
            "work": [{"name": "株式会社みなと商事", "summary": "仕訳入力"}],
        },
    )
    posting_id = private_order(setup, employer.organization).posting_id
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    client.force_login(candidate.user)
    answered = client.post(
        f"/me/proposals/{proposal.pk}/", {"answer": "accept", "document_choice": f"v{version.pk}"}
    )
    assert answered.status_code == 302
    proposal.refresh_from_db()
    referral = services.referral_send(
        user=setup.ca, proposal=proposal, recommendation="月次決算を3年担当し、締めを2日早めた方です。"
    )
    page = client.get(f"/me/proposals/{proposal.pk}/").content.decode()
    sent = page[page.index('id="sent"') :]
    assert "月次決算を3年担当し、締めを2日早めた方です。" in sent
    assert f"送付した書類：事務職用（{moment_ja(version.updated_at)} 保存の版）" in sent
    assert "株式会社みなと商事" in sent and "山田花子" in sent  # the document as the company reads it
    assert f"{moment_ja(referral.sent_at)}に佐藤CA（担当者）が推薦" in sent
    # Each time once: no 「（… 保存の版）（…）」 with the 推薦's time repeated after the label.
    assert not re.search(r"保存の版）（", page)


def test_a_referral_without_a_recommendation_says_so(setup, referral, client):
    client.force_login(referral.proposal.candidate.user)
    page = client.get(f"/me/proposals/{referral.proposal_id}/").content.decode()
    assert "推薦文は添えられていません。" in page
    assert "経理3年" in page  # the factory's document text, sent as it is


# 3. Conditions changed after the proposal -------------------------------------------------------------------------


@pytest.fixture
def changed(setup, candidate, employer):
    """A proposal waiting for her answer whose posting's pay went up afterwards."""
    from bonavi.jobs.models import JobPosting

    posting_id = private_order(setup, employer.organization).posting_id
    assert posting_id is not None
    proposal = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=posting_id)
    JobPosting.objects.filter(pk=posting_id).update(wage_min=250_000, wage_max=300_000)
    return proposal


def test_the_list_card_says_the_conditions_changed(changed, candidate, client):
    client.force_login(candidate.user)
    card = client.get("/me/proposals/").content.decode()
    assert "労働条件が変更されました・確認してください" in card
    services.proposal_acknowledge(user=candidate.user, proposal=changed)
    assert "労働条件が変更されました" not in client.get("/me/proposals/").content.decode()


def test_the_page_lists_the_current_conditions_and_the_acknowledgement_beside_the_answer(
    changed, candidate, client
):
    client.force_login(candidate.user)
    page = client.get(f"/me/proposals/{changed.pk}/").content.decode()
    listed = page[page.index("<h2>労働条件（現在の内容）</h2>") : page.index('id="changes"')]
    assert "250,000" in listed and "230,000" not in listed  # the pay now, not the pay as proposed
    diff = page[page.index('id="changes"') : page.index('id="answer"')]
    assert "変更前：" in diff and "230,000" in diff and "変更点を確認しました" in diff
    # 応募する waits for the acknowledgement, which sits right above the answer; 辞退する stays.
    answer = page[page.index('id="answer"') :]
    assert 'value="accept"' not in answer and 'value="decline"' in answer
    assert "「変更点を確認しました」を押すと表示されます" in answer


def test_an_unacknowledged_acceptance_is_still_refused_beside_the_answer(changed, candidate, client):
    client.force_login(candidate.user)
    refused = client.post(f"/me/proposals/{changed.pk}/", {"answer": "accept", "document_choice": "hearing"})
    assert refused.status_code == 422
    assert "変更点を確認してから回答してください" in refused.content.decode()
    changed.refresh_from_db()
    assert changed.status == "proposed"
    # Acknowledged (a plain form post, no script): 応募する is offered and accepted.
    assert client.post(f"/me/proposals/{changed.pk}/", {"action": "ack"}).status_code == 302
    page = client.get(f"/me/proposals/{changed.pk}/").content.decode()
    assert 'value="accept"' in page and 'id="changes"' not in page
    assert "<h2>労働条件（" in page and "現在の内容" not in page
    ok = client.post(f"/me/proposals/{changed.pk}/", {"answer": "accept", "document_choice": "hearing"})
    assert ok.status_code == 302


# 4. Her audit trail: every view recorded, runs of views read as one line --------------------------------------


def _views(candidate, actor, n, *, start, action=None, detail="プロフィール・ヒアリングシート・連絡先を閲覧"):
    import datetime as dt

    from bonavi.agents.models import AuditAction, AuditEvent, audit_actor_label

    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                candidate=candidate,
                actor=actor,
                actor_label=audit_actor_label(actor),
                action=action or AuditAction.PROFILE_VIEW,
                detail=detail,
                at=start + dt.timedelta(seconds=10 * i),
            )
            for i in range(n)
        ]
    )


def test_a_run_of_views_is_one_line_and_every_view_is_still_recorded(setup, referral, client):
    import datetime as dt

    from bonavi.agents.models import AuditAction, AuditEvent
    from bonavi.core.clock import JST

    candidate = referral.proposal.candidate
    candidate.advisers.add(setup.ca.agency_staff)
    start = dt.datetime(2026, 11, 26, 21, 25, tzinfo=JST)
    _views(candidate, setup.ca, 12, start=start)  # 21:25:00 … 21:26:50
    services.referral_move(user=setup.ca, referral=referral, to_stage="interview1")
    _views(candidate, setup.boss, 2, start=start + dt.timedelta(hours=1))
    recorded = AuditEvent.objects.filter(candidate=candidate, action=AuditAction.PROFILE_VIEW).count()
    assert recorded == 12 + 2  # nothing dropped

    client.force_login(candidate.user)
    page = client.get("/me/proposals/audit/").content.decode()
    trail = page[page.index('id="audit"') :]
    assert trail.count("プロフィール・ヒアリングの閲覧 12回") == 1
    assert "2026年11月26日（木）21:25〜21:26" in trail
    assert "プロフィール・ヒアリングの閲覧 2回" in trail
    # One plain role beside the name, not the agency's jargon list; her own actions are 「あなた」.
    assert "佐藤CA（担当アドバイザー）" in trail and "高橋責任者（職業紹介責任者）" in trail
    assert "キャリアアドバイザー・" not in trail and "リクルーティングアドバイザー" not in trail
    assert "あなた" in trail  # she applied and accepted the proposal herself
    # Her data export keeps every row with the label as recorded.
    from bonavi.agents.mydata import registrations_export

    log = [r for reg in registrations_export(candidate.user) for r in reg["access_log"]]
    assert sum(r["what"] == "プロフィール・ヒアリングの閲覧" for r in log) == recorded
    assert any(r["who"].startswith(setup.agency.name) for r in log)  # the label as recorded


def test_views_by_two_people_or_broken_by_another_event_are_not_merged(setup, referral, client):
    import datetime as dt

    from bonavi.core.clock import JST

    candidate = referral.proposal.candidate
    start = dt.datetime(2026, 11, 26, 9, 0, tzinfo=JST)
    _views(candidate, setup.ca, 2, start=start)
    _views(candidate, setup.boss, 1, start=start + dt.timedelta(minutes=1))
    _views(candidate, setup.ca, 3, start=start + dt.timedelta(minutes=2))
    client.force_login(candidate.user)
    trail = client.get("/me/proposals/audit/").content.decode()
    assert "プロフィール・ヒアリングの閲覧 3回" in trail and "プロフィール・ヒアリングの閲覧 2回" in trail


def test_she_can_leave_the_views_out(setup, referral, client):
    import datetime as dt

    from bonavi.core.clock import JST

    candidate = referral.proposal.candidate
    _views(candidate, setup.ca, 5, start=dt.datetime(2026, 11, 26, 9, 0, tzinfo=JST))
    client.force_login(candidate.user)
    everything = client.get("/me/proposals/audit/").content.decode()
    assert "プロフィール・ヒアリングの閲覧" in everything and "?show=important" in everything
    important = client.get("/me/proposals/audit/?show=important").content.decode()
    trail = important[important.index('id="audit"') :]
    assert "閲覧 " not in trail and "プロフィール・ヒアリングの閲覧" not in trail
    assert "書類の送付（推薦）" in trail and "求人の提案" in trail
