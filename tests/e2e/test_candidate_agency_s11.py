"""What the candidate sees of her agency on a 390 px phone (session-11 review): the proposal card that says its
conditions changed, the acknowledgement right above the answer, what was sent to the company in her name, and an
access log that a dozen views by her adviser no longer floods."""

from __future__ import annotations

import datetime as dt

from bonavi.agents import services
from bonavi.agents.models import AuditAction, AuditEvent, audit_actor_label
from bonavi.agents.tests.factories import register
from bonavi.jobs.models import JobPosting
from tests.e2e.helpers import log_in


def test_candidate_sees_her_agency_plainly(live_server, phone, shot, agency_world) -> None:
    w = agency_world
    setup, seeker = w["setup"], w["seeker"]
    candidate = register(setup, seeker)
    sent = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=w["order"].posting_id)
    services.proposal_answer(
        user=seeker,
        proposal=sent,
        accept=True,
        document_choice="要約",
        document_text="月次決算の補助を3年担当",
    )
    services.referral_send(user=setup.ca, proposal=sent, recommendation="締めを2日早めた実績があります。")
    changed = services.proposal_create(user=setup.ca, candidate=candidate, posting_id=w["public"][0].pk)
    JobPosting.objects.filter(pk=w["public"][0].pk).update(wage_min=250_000)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)  # before her visits below
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                candidate=candidate,
                actor=setup.ca,
                actor_label=audit_actor_label(setup.ca),
                action=AuditAction.PROFILE_VIEW,
                detail="プロフィール・ヒアリングシート・連絡先を閲覧",
                at=before + dt.timedelta(seconds=10 * i),
            )
            for i in range(12)
        ]
    )
    base = live_server.url
    page = phone
    log_in(page, base, seeker.email, w["password"])

    page.goto(f"{base}/me/proposals/")
    assert "労働条件が変更されました・確認してください" in page.locator(".proposal").nth(0).inner_text()
    shot(page, "s11-my-proposals-390")

    page.goto(f"{base}/me/proposals/{changed.pk}/")
    shot(page, "s11-my-proposal-changed-390")
    ack = page.get_by_role("button", name="変更点を確認しました")
    decline = page.get_by_role("button", name="辞退する")
    # Within one phone screen of each other: she confirms where she answers.
    gap = decline.bounding_box()["y"] - ack.bounding_box()["y"]
    assert 0 < gap < 844, gap
    assert page.get_by_role("button", name="この求人に応募する").count() == 0
    ack.click()
    page.wait_for_selector("text=変更点を確認しました。")
    assert page.get_by_role("button", name="この求人に応募する").count() == 1

    page.goto(f"{base}/me/proposals/{sent.pk}/")
    assert "締めを2日早めた実績があります。" in page.locator("#sent").inner_text()
    page.locator("#sent-document summary").click()
    shot(page, "s11-my-proposal-referred-390")

    page.goto(f"{base}/me/proposals/audit/")
    trail = page.locator("#audit").inner_text()
    assert "プロフィール・ヒアリングの閲覧 12回" in trail and "佐藤CA（担当アドバイザー）" in trail
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "s11-my-audit-390")
