"""The operator stops a reported posting from the complaint's admin page (ADR 0153): 「この求人の掲載を停止する」 with a
reason closes it through jobs.services.posting_stop (marked stopped, logged), mails the company once (over real
SMTP), and writes what was done in the complaint's 運営の措置. Only operators: a company user and a seeker can
neither open the page nor call the service. The company cannot publish the stopped posting again; the operator can.
"""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bonavi.jobs import services as jobs_services
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.jobs.selectors import public_postings
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of
from bonavi.support import services
from bonavi.support.models import Complaint, Status
from bonavi.support.tests.test_admin_and_retention import file

pytestmark = pytest.mark.django_db

REASON = "求める人物像に「女性の方で」とあり、性別を限定した募集のため（男女雇用機会均等法5条）。"


def stop_url(c: Complaint) -> str:
    return f"/admin/support/complaint/{c.pk}/stop-posting/"


@pytest.fixture
def reported(employer) -> tuple[JobPosting, Complaint]:
    posting = make_posting(employer.organization, title="経理スタッフ（女性の方）")
    complaint = file(posting)
    outbox_drain()
    return posting, complaint


def test_the_operator_stops_it_from_the_complaint_page(
    client, operator, employer, reported, smtp_inbox, caplog
):
    posting, complaint = reported
    smtp_inbox.clear()
    client.force_login(operator)
    page = client.get(f"/admin/support/complaint/{complaint.pk}/change/").content.decode()
    assert f'href="{stop_url(complaint)}"' in page and "この求人の掲載を停止する" in page
    form = client.get(stop_url(complaint)).content.decode()
    assert posting.title in form and 'name="reason"' in form and "csrfmiddlewaretoken" in form

    with caplog.at_level(logging.INFO):
        response = client.post(stop_url(complaint), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED and posting.closed_at is not None
    assert posting.stopped_by == operator and posting.stop_reason == REASON
    assert not public_postings().filter(pk=posting.pk).exists()
    assert any(
        f"posting {posting.pk} stopped by operator {operator.pk}" in r.getMessage() for r in caplog.records
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    assert f"求人「{posting.title}」（ID {posting.pk}）の掲載を停止" in complaint.actions
    assert operator.email in complaint.actions and REASON in complaint.actions
    assert "採用企業に1通のメールで通知" in complaint.actions

    assert outbox_drain().sent == 1
    (mail,) = smtp_inbox.wait_for(1)
    assert str(mail["To"]) == employer.email and "掲載を停止しました" in str(mail["Subject"])
    body = text_of(mail)
    assert posting.title in body and REASON in body and "再び公開するには運営の確認が必要です" in body
    assert complaint.body not in body and "reporter@example.jp" not in body  # the reporter is never named

    # A second press stops nothing and mails nothing: the refusal is shown on the form.
    again = client.post(stop_url(complaint), {"reason": REASON, "confirm": "on"})
    assert again.status_code == 400 and "既に" in again.content.decode()
    assert OutboxMessage.objects.filter(to_email=employer.email).count() == 1
    assert "掲載停止済み" in client.get(f"/admin/support/complaint/{complaint.pk}/change/").content.decode()


def test_a_stop_without_reason_or_confirmation_changes_nothing(client, operator, reported):
    posting, complaint = reported
    client.force_login(operator)
    for data, said in (({"reason": "  ", "confirm": "on"}, "掲載停止の理由を入力してください"),
                       ({"reason": REASON}, "確認のチェックを入れてください")):  # fmt: skip
        response = client.post(stop_url(complaint), data)
        assert response.status_code == 400 and said in response.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.stopped_at is None
    assert not OutboxMessage.objects.filter(subject__contains="掲載を停止").exists()
    complaint.refresh_from_db()
    assert complaint.actions == "" and complaint.status == Status.RECEIVED


def test_sent_empty_both_problems_are_said_at_once_and_read_with_their_fields(client, operator, reported):
    """Sent empty, the form said only 「確認のチェック…」 (the reason was the service's to check, after the box), and
    each message's id was not the one its field's aria-describedby names."""
    posting, complaint = reported
    client.force_login(operator)
    html = client.post(stop_url(complaint), {"reason": ""}).content.decode()
    assert "掲載停止の理由を入力してください" in html and "確認のチェックを入れてください" in html
    for name in ("reason", "confirm"):
        assert f'aria-describedby="id_{name}_error"' in html and f'id="id_{name}_error"' in html
    assert "できます）:" not in html  # no ASCII colon after the Japanese label
    posting.refresh_from_db()
    assert posting.stopped_at is None


@pytest.mark.parametrize("who", ["employer", "seeker"])
def test_a_company_user_and_a_seeker_cannot(client, request, reported, who):
    posting, complaint = reported
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.post(stop_url(complaint), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    with pytest.raises(PermissionDenied):
        services.complaint_posting_stop(user=user, complaint=complaint, reason=REASON)
    with pytest.raises(PermissionDenied):
        jobs_services.posting_stop(user=user, posting=posting, reason=REASON)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.stopped_at is None
    assert not OutboxMessage.objects.filter(subject__contains="掲載を停止").exists()


def test_the_company_cannot_publish_it_again_but_the_operator_can(client, operator, employer, reported):
    posting, complaint = reported
    services.complaint_posting_stop(user=operator, complaint=complaint, reason=REASON)
    posting.refresh_from_db()
    with pytest.raises(jobs_services.PostingInvalid) as refused:
        jobs_services.posting_publish(user=employer, posting=posting)
    assert "BOナビ運営が掲載を停止しました" in str(refused.value.errors) and REASON in str(
        refused.value.errors
    )
    assert jobs_services.publish_refusal(posting)  # the company's preview offers no 公開する
    client.force_login(employer)
    preview = client.get(reverse("jobs:employer_preview", args=[posting.pk]))
    assert preview.status_code == 200 and "運営が掲載を停止しました" in preview.content.decode()
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED

    # The company may fix it meanwhile; the operator's publish still passes the compliance gate and lifts the stop.
    jobs_services.posting_update(user=employer, posting=posting, data={"title": "経理スタッフ"})
    posting.refresh_from_db()
    with pytest.raises(jobs_services.PostingInvalid):
        jobs_services.posting_publish(
            user=employer, posting=posting
        )  # fixed, still not the company's to publish
    jobs_services.posting_publish(user=operator, posting=posting)
    posting.refresh_from_db()
    assert (
        posting.status == PostingStatus.PUBLISHED and posting.stopped_at is None and posting.stop_reason == ""
    )
