"""Outbox retention (ADR 0044): finished mail loses its personal data after the retention period; pending mail,
Message-IDs and what the digest pass needs to avoid repeats are kept; a second run changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.jobs.models import PostingStatus
from bonavi.notifications import services
from bonavi.notifications.digests import digests_prepare
from bonavi.notifications.models import DigestSection, MessageKind, MessageStatus, OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.retention import outbox_retention
from bonavi.notifications.tests.helpers import due_search, posted
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.notifications.worker import duties

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _mail(user: User, *, status: str, age: dt.timedelta, error: str = "") -> OutboxMessage:
    m = services.message_queue(
        kind=MessageKind.APPLICATION,
        to_email=user.email,
        subject="応募状況のお知らせ",
        body="山田 花子 様\n書類選考に進みました。",
        user=user,
    )
    when = timezone.now() - age
    OutboxMessage.objects.filter(pk=m.pk).update(
        status=status,
        created_at=when,
        sent_at=when if status == MessageStatus.SENT else None,
        last_error=error,
    )
    m.refresh_from_db()
    return m


def _personal(m: OutboxMessage) -> tuple[str, str, str, str]:
    m.refresh_from_db()
    return (m.to_email, m.subject, m.body_text, m.last_error)


def test_finished_mail_past_retention_is_blanked_and_the_rest_kept(seeker: User) -> None:
    old_sent = _mail(seeker, status=MessageStatus.SENT, age=31 * DAY)
    old_failed = _mail(
        seeker,
        status=MessageStatus.FAILED,
        age=40 * DAY,
        error=f"SMTPRecipientsRefused: {{'{seeker.email}': (550, b'no such user')}}",
    )
    old_cancelled = _mail(seeker, status=MessageStatus.CANCELLED, age=31 * DAY)
    recent_sent = _mail(seeker, status=MessageStatus.SENT, age=29 * DAY)
    # Queued long ago and still waiting (e.g. the mail server has been down): accepted mail is never touched.
    old_pending = _mail(seeker, status=MessageStatus.PENDING, age=90 * DAY)

    report = outbox_retention(days=30)

    assert report.messages == 3
    for m in (old_sent, old_failed, old_cancelled):
        assert _personal(m) == ("", "", "", "")
        after = OutboxMessage.objects.get(pk=m.pk)
        assert (after.message_id, after.status, after.kind, after.user_id) == (
            m.message_id,
            m.status,
            m.kind,
            m.user_id,
        )
    assert _personal(recent_sent) == (seeker.email, "応募状況のお知らせ", recent_sent.body_text, "")
    assert _personal(old_pending) == (seeker.email, "応募状況のお知らせ", old_pending.body_text, "")
    assert OutboxMessage.objects.get(pk=old_pending.pk).status == MessageStatus.PENDING


def test_second_run_changes_nothing(seeker: User) -> None:
    m = _mail(seeker, status=MessageStatus.SENT, age=60 * DAY)
    assert outbox_retention(days=30).messages == 1
    again = outbox_retention(days=30)
    assert (again.messages, again.sections) == (0, 0)
    assert _personal(m) == ("", "", "", "")
    assert OutboxMessage.objects.count() == 1


def test_period_comes_from_settings_and_must_be_positive(seeker: User, settings) -> None:
    m = _mail(seeker, status=MessageStatus.SENT, age=8 * DAY)
    settings.OUTBOX_RETENTION_DAYS = 10
    assert outbox_retention().messages == 0
    settings.OUTBOX_RETENTION_DAYS = 7
    assert outbox_retention().messages == 1
    assert _personal(m)[0] == ""
    with pytest.raises(ValueError):
        outbox_retention(days=0)


def test_worker_runs_retention_hourly() -> None:
    duty = {d.name: d for d in duties()}["outbox_retention"]
    assert duty.every == 3600 and duty.run is outbox_retention


def test_stripped_digest_still_prevents_a_repeat(
    smtp_inbox: Inbox, employer: User, seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest pass reads old sections to avoid announcing a republished posting twice: retention blanks a
    section's name and query but keeps its saved search, window and posting ids."""
    org = employer.organization
    assert org is not None
    due_search(seeker, "q=経理&pref=13", name="東京の経理")
    posting = posted(org, title="経理スタッフ（再掲載）")
    digests_prepare()
    outbox_drain()
    assert posting.title in text_of(smtp_inbox.wait_for(1)[0])

    report = outbox_retention(now=timezone.now() + 31 * DAY, days=30)
    assert (report.messages, report.sections) == (1, 1)
    section = DigestSection.objects.get()
    assert (section.name, section.query, section.posting_ids) == ("", "", [posting.pk])
    assert OutboxMessage.objects.get().to_email == ""

    posting.status = PostingStatus.CLOSED
    posting.save()
    posting.status = PostingStatus.PUBLISHED
    posting.date_posted = timezone.now()
    posting.save()
    fresh = posted(org, title="経理スタッフ（新着）", ago=dt.timedelta(seconds=0))
    later = timezone.now() + dt.timedelta(minutes=2)
    monkeypatch.setattr(clock, "now", lambda: later)
    digests_prepare(now=later)
    outbox_drain()
    msgs = smtp_inbox.wait_for(2)
    assert len(msgs) == 2
    body = text_of(msgs[1])
    assert fresh.title in body and posting.title not in body


def test_command_reports_in_japanese(seeker: User) -> None:
    from io import StringIO

    from django.core.management import call_command

    _mail(seeker, status=MessageStatus.SENT, age=45 * DAY)
    out = StringIO()
    call_command("outbox_retention", "--days", "30", stdout=out)
    assert "保存期間 30日を過ぎたメール 1件" in out.getvalue()


def test_a_retention_period_under_one_day_is_refused_in_japanese(db) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="メールの保存期間は1日以上にしてください（指定：0日"):
        call_command("outbox_retention", "--days", "0")
