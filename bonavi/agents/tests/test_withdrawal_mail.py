"""Withdrawing consent is confirmed to the seeker by mail, once, on the real SMTP path: which agency, when, what
stopped (with the counts), what the 求職管理簿 keeps and until when, and that they may register again. The assigned
advisers and the office's 職業紹介責任者 get one short notice each."""

from __future__ import annotations

import re

import pytest

from bonavi.agents import books, services
from bonavi.agents.tests.factories import private_order, refer
from bonavi.core.clock import add_years, date_ja, today_jst
from bonavi.documents.services import version_create
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of

pytestmark = pytest.mark.django_db

SUBJECT = "【BOナビ】株式会社みなとキャリアへの同意の撤回を受け付けました"


@pytest.fixture
def busy(setup, candidate, seeker, employer):
    """Two selections in progress, one proposal waiting for an answer, two documents shared for 添削."""
    refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    refer(setup, candidate, private_order(setup, employer.organization, title="経理（連結決算）").posting_id)
    services.proposal_create(
        user=setup.ca,
        candidate=candidate,
        posting_id=private_order(setup, employer.organization, title="総務").posting_id,
    )
    for title in ("職務経歴書", "履歴書"):
        version = version_create(owner=seeker, title=title, data={"basics": {"summary": "経理3年"}})
        services.document_share(user=seeker, candidate=candidate, version_id=version.pk, share=True)
    return candidate


def test_the_seeker_is_told_what_stopped_and_what_is_kept_once(setup, busy, seeker, smtp_inbox, client):
    OutboxMessage.objects.all().delete()
    services.candidate_withdraw(user=seeker, candidate=busy)
    # A second call (a second tab, a retry) finds it withdrawn: nothing more is mailed.
    services.candidate_withdraw(user=seeker, candidate=busy)
    busy.refresh_from_db()
    services.candidate_withdraw(user=seeker, candidate=busy)
    assert OutboxMessage.objects.filter(to_email=seeker.email, subject=SUBJECT).count() == 1

    outbox_drain()
    mails = smtp_inbox.wait_for(OutboxMessage.objects.count())
    mine = [m for m in mails if str(m["To"]) == seeker.email and "同意の撤回" in str(m["Subject"])]
    assert len(mine) == 1
    text = text_of(mine[0]).replace("\r\n", "\n")
    lines = text.splitlines()
    assert str(mine[0]["Subject"]).strip() == SUBJECT
    assert "株式会社みなとキャリアによる個人情報の取扱いについて、同意の撤回を受け付けました。" in lines
    assert re.search(r"^撤回日時：\d{4}年\d{1,2}月\d{1,2}日（[月火水木金土日]）\d\d:\d\d$", text, re.M)
    assert "・回答待ちの求人提案：1件を終了しました。同意なく応募（推薦）されることはありません。" in lines
    assert "・選考中の求人：2件を辞退として企業へ連絡しました。" in lines
    assert "・書類の添削依頼：2件の共有を止めました。" in lines
    assert "お名前・住所・生年月日・希望職種・受付日・紹介の経過だけが残ります。" in text
    kept_until = add_years(today_jst(), books.KEEP_YEARS)
    assert f"保存期間は{books.KEEP_YEARS}年で、{date_ja(kept_until)}を過ぎると匿名化されます。" in lines
    # her page with the agency gives the same day (it said 「…から2年後」, whatever KEEP_YEARS was)
    client.force_login(seeker)
    page = client.get(f"/me/agency/{busy.pk}/").content.decode()
    assert f"紹介の経過だけが残り、{date_ja(kept_until)}を過ぎると匿名化されます。" in page
    assert "撤回による不利益はありません。また申し込むこともできます。" in lines
    assert any(line.endswith(f"/agent/agencies/{setup.agency.slug}/") for line in lines)
    assert "\n--\n" in text and "求職者の方から料金をいただくことはありません。" in text


def test_the_advisers_and_the_responsible_get_one_short_notice_each(setup, busy, seeker):
    OutboxMessage.objects.all().delete()
    services.candidate_withdraw(user=seeker, candidate=busy)
    to_staff = OutboxMessage.objects.filter(subject__contains="さんが同意を撤回しました")
    assert sorted(m.to_email for m in to_staff) == sorted([setup.ca.email, setup.boss.email])
    body = to_staff.get(to_email=setup.boss.email).body_text
    assert "回答待ちの提案1件は終了し、選考中の2件は辞退として企業へ連絡しました。" in body
    assert "経理3年" not in body  # nothing of what they can no longer see


def test_account_deletion_leaves_no_receipt_for_an_address_that_is_gone(setup, busy, seeker):
    from bonavi.seekers.mydata import account_delete

    account_delete(user=seeker)
    assert not OutboxMessage.objects.filter(to_email=seeker.email, subject=SUBJECT).exists()
