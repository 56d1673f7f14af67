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
        data={"basics": {"name": "山田花子"}, "work": [{"name": "株式会社みなと商事", "summary": "仕訳入力"}]},
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
