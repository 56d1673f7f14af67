"""Complaint mail is queued as its own outbox kind and signed once, with the operator's name."""

from __future__ import annotations

import pytest

from bonavi.notifications.models import MessageKind, OutboxMessage
from bonavi.support import services
from bonavi.support.models import Category

pytestmark = pytest.mark.django_db


def test_acknowledgement_notice_and_answer_are_complaint_mail_signed_once(operator, settings) -> None:
    settings.OPERATOR_NAME = "株式会社テスト運営"
    complaint, _ = services.complaint_file(
        user=None,
        client="ip127.0.0.1",
        category=Category.DISCRIMINATION,
        posting=None,
        body="「40歳まで」と書かれていました。",
        reply_email="reporter@example.jp",
        name="佐藤",
    )
    services.complaint_resolve(user=operator, complaint=complaint, response="掲載企業に確認しました。")
    mails = list(OutboxMessage.objects.order_by("id"))
    # The acknowledgement, the operators' notice and the answer.
    assert [m.kind for m in mails] == [MessageKind.COMPLAINT] * 3
    to_reporter = [m for m in mails if m.to_email == "reporter@example.jp"]
    assert len(to_reporter) == 2
    for m in to_reporter:
        assert m.body_text.count("\n--\n") == 1
        assert "\n--\n株式会社テスト運営\n" in m.body_text and m.body_text.endswith("/complaints/")
