"""Operators handle complaints in the admin through the services; complaints are anonymised after KEEP_YEARS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from bonavi.core.clock import JST
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import text_of
from bonavi.notifications.worker import duties
from bonavi.support import services
from bonavi.support.models import Category, Complaint, Status

pytestmark = pytest.mark.django_db


def file(posting=None, **over):
    data = {
        "user": None,
        "client": "ip127.0.0.1",
        "category": Category.DISCRIMINATION,
        "posting": posting,
        "body": "「40歳まで」と書かれていました。",
        "reply_email": "reporter@example.jp",
        "name": "佐藤",
    }
    data.update(over)
    return services.complaint_file(**data)[0]


def change_url(c):
    return f"/admin/support/complaint/{c.pk}/change/"


def test_operator_resolves_in_admin_and_one_reply_is_mailed(client, operator, employer, smtp_inbox):
    posting = make_posting(employer.organization)
    complaint = file(posting)
    outbox_drain()
    smtp_inbox.clear()
    client.force_login(operator)
    page = client.get(change_url(complaint)).content.decode()
    assert complaint.body in page and "reporter@example.jp" in page
    assert f"/admin/jobs/jobposting/{posting.pk}/change/" in page

    response = client.post(
        change_url(complaint), {"response": "掲載企業に表現の修正を依頼し、修正されました。"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and complaint.resolved_at is None
    assert OutboxMessage.objects.filter(subject__contains="回答").count() == 0

    answer = "掲載企業に表現の修正を依頼し、修正を確認しました。ご報告ありがとうございました。"
    response = client.post(change_url(complaint), {"response": answer, "complete": "on"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.DONE and complaint.resolved_by == operator
    # Posting again (a second press, or a second operator) sends nothing more, and is no error either.
    again = client.post(change_url(complaint), {"response": "別の回答", "complete": "on"}, follow=True)
    assert [str(m) for m in again.context["messages"] if m.level == messages.ERROR] == []
    complaint.refresh_from_db()
    assert complaint.response == answer

    assert outbox_drain().sent == 1
    mails = smtp_inbox.wait_for(1)
    assert len(mails) == 1
    assert str(mails[0]["To"]) == "reporter@example.jp"
    assert answer in text_of(mails[0]) and complaint.reference in text_of(mails[0])
    # The posting's employer heard nothing of it.
    assert not OutboxMessage.objects.filter(to_email=employer.email).exists()


def test_complete_without_an_answer_is_refused_beside_the_field(client, operator):
    complaint = file()
    client.force_login(operator)
    response = client.post(change_url(complaint), {"response": "", "complete": "on"})
    assert response.status_code == 200
    assert "完了にする前に、対応内容（回答）を入力してください。" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_markup_in_the_answer_is_refused(client, operator):
    complaint = file()
    client.force_login(operator)
    response = client.post(change_url(complaint), {"response": "<script>x</script>", "complete": "on"})
    assert response.status_code == 200
    assert "HTMLタグやスクリプトは入力できません" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED and complaint.response == ""


def test_a_refusal_in_the_admin_is_the_only_message(client, operator, monkeypatch):
    """Another operator completed the complaint between this one opening it and pressing 保存: the service refuses,
    and the page says only that — not also Django's 「…を変更しました」 success message."""
    complaint = file()
    other = type(operator).objects.create_user(email="other-op@example.jp", password="x", role=operator.role)
    resolve = services.complaint_resolve

    def completed_meanwhile(**kwargs):
        resolve(user=other, complaint=complaint, response="先に回答しました。")
        return resolve(**kwargs)

    monkeypatch.setattr(services, "complaint_resolve", completed_meanwhile)
    client.force_login(operator)
    response = client.post(
        change_url(complaint), {"response": "後から回答します。", "complete": "on"}, follow=True
    )
    said = [(m.level, str(m)) for m in response.context["messages"]]
    assert said == [
        (messages.ERROR, f"{complaint.reference}：この苦情は既に完了しています。回答メールは送信済みです。")
    ]
    assert response.redirect_chain[-1][0] == change_url(complaint)  # back on the complaint, as it now stands
    complaint.refresh_from_db()
    assert complaint.response == "先に回答しました。" and complaint.resolved_by == other


def test_the_refusal_is_marked_on_its_request_only(client, operator, monkeypatch):
    """save_model tells response_change of a refusal on the request itself, not in a module-wide set of requests:
    the refused save comes back to the complaint; the next save, not refused, goes on as Django's usual save."""
    complaint = file()

    def refuse(**kwargs):
        raise services.ComplaintInvalid({"response": ["この苦情は既に完了しています。"]})

    client.force_login(operator)
    with monkeypatch.context() as patched:
        patched.setattr(services, "complaint_resolve", refuse)
        refused = client.post(change_url(complaint), {"response": "回答します。", "complete": "on"})
    assert refused.status_code == 302 and refused["Location"] == change_url(complaint)
    saved = client.post(change_url(complaint), {"response": "確認中です。"})
    assert saved.status_code == 302 and saved["Location"] != change_url(complaint)


def test_status_cannot_be_edited_directly(client, operator):
    complaint = file()
    client.force_login(operator)
    client.post(change_url(complaint), {"response": "", "status": Status.DONE})
    complaint.refresh_from_db()
    assert complaint.status != Status.DONE
    assert client.get("/admin/support/complaint/add/").status_code == 403


def test_only_operators_may_resolve(seeker, employer):
    complaint = file()
    for user in (seeker, employer):
        with pytest.raises(PermissionDenied):
            services.complaint_resolve(user=user, complaint=complaint, response="勝手に完了")


def test_changelist_filters_and_highlights_overdue(client, operator):
    old = file(body="古い苦情です。")
    Complaint.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - dt.timedelta(days=services.RESPONSE_DAYS + 2)
    )
    fresh = file(body="新しい苦情です。", category=Category.FEE)
    client.force_login(operator)
    html = client.get("/admin/support/complaint/").content.decode()
    assert html.count("回答期限超過") == 1
    assert old.reference in html and fresh.reference in html
    by_category = client.get("/admin/support/complaint/", {"category__exact": Category.FEE}).content.decode()
    assert fresh.reference in by_category and old.reference not in by_category
    done = client.get("/admin/support/complaint/", {"status__exact": Status.DONE}).content.decode()
    assert fresh.reference not in done
    services.complaint_resolve(user=operator, complaint=old, response="回答しました。")
    html = client.get("/admin/support/complaint/").content.decode()
    assert "回答期限超過" not in html  # answered, however late


def _received(complaint, when):
    Complaint.objects.filter(pk=complaint.pk).update(received_at=when)


def test_retention_anonymises_after_three_years_and_not_before(operator):
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=JST)
    kept = file(body="まだ保存期間内の苦情です。")
    gone = file(body="保存期間を過ぎた苦情です。", reply_email="old@example.jp")
    services.complaint_resolve(user=operator, complaint=gone, response="佐藤様には電話でも説明しました。")
    _received(kept, dt.datetime(2023, 11, 26, 9, 0, tzinfo=JST))  # exactly three years: kept
    _received(gone, dt.datetime(2023, 11, 25, 23, 0, tzinfo=JST))
    assert services.complaints_anonymise(now=now) == 1
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.body == "まだ保存期間内の苦情です。" and kept.reply_email and kept.anonymised_at is None
    assert gone.reply_email == "" and gone.name == "" and gone.response == "" and gone.fingerprint == ""
    assert gone.body == services.ANONYMISED and gone.anonymised_at == now
    # The record itself stays: reference, category, status and dates.
    assert gone.reference and gone.status == Status.DONE and gone.resolved_at is not None
    assert services.complaints_anonymise(now=now) == 0  # idempotent


def test_retention_runs_from_the_worker_and_a_command():
    from bonavi.notifications import retention

    # On the outbox's retention beat, not a copy of its number.
    assert {d.name: d.every for d in duties()}["support_retention"] == retention.EVERY_SECONDS
    old = file()
    _received(old, timezone.now() - dt.timedelta(days=365 * 3 + 2))
    call_command("support_retention")
    old.refresh_from_db()
    assert old.reply_email == ""


def test_the_due_date_is_written_the_japanese_way_with_its_weekday_in_the_mails_and_on_the_done_page(
    client, operator, monkeypatch
):
    from bonavi.core import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 1, 28, 3, 0, tzinfo=dt.UTC))  # 12:00 JST
    complaint = file()
    assert services.response_due(complaint) == dt.date(2026, 2, 4)
    texts = OutboxMessage.objects.values_list("body_text", flat=True)
    # 曜日 as every other deadline the site mails has it (core.clock.date_ja), to the reporter and the operators
    assert all("2026年2月4日（水）" in t for t in texts) and len(texts) == 2
    assert all("\n--\n" in t for t in texts)  # both signed (notifications.mail.signature)
    client.post(
        "/complaints/new/",
        {"category": Category.OTHER, "body": "ページの表示が崩れます。", "reply_email": "a@example.jp"},
    )
    page = client.get("/complaints/done/").content.decode()
    assert "原則2026年2月4日（水）までに" in page
