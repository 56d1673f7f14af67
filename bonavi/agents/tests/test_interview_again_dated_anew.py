"""A 再面接 called off and then given a new date (ADR 0148): the row is the called-off 再面接 reused (ADR 0102), and its
mail and 経過 said 「面接の日程のお知らせ」／「面接の日程を設定しました」 as if it were the stage's first interview (ADR
0136, 「Consequences」). They now say 再面接 as the first booking of it did, and a change of a 再面接's date is named by
its attempt label 「1次面接（再面接）」. The mails are read from a real SMTP server."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.agents import interviews
from bonavi.agents.models import Referral, StageEvent
from bonavi.agents.tests.factories import interview_values
from bonavi.core import clock
from bonavi.core.tests.interview_time import day_ja, move_now
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of

pytestmark = pytest.mark.django_db


def _mails(inbox: Inbox, count: int) -> list:
    """The mails queued since the last call, sent now through the SMTP server (quiet hours skipped)."""
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    mails = inbox.wait_for(count + 1, timeout=1.0)  # one more than expected: a second mail would show
    inbox.clear()
    return mails


@pytest.fixture
def again_called_off(
    employer: User,
    booked_first: Referral,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
    smtp_inbox: Inbox,
) -> Referral:
    """The 1次 held (the day after it), a 再面接 booked three days later, then called off by the company; the mails
    of those steps sent and forgotten."""
    move_now(monkeypatch, starts, "after")
    interviews.referral_interview_set(
        user=employer,
        referral=booked_first,
        values=interview_values(starts + dt.timedelta(days=3)),
        stage="interview1",
        again=True,
    )
    interviews.referral_interview_cancel(user=employer, referral=booked_first, stage="interview1")
    OutboxMessage.objects.update(next_attempt_at=clock.now())
    outbox_drain()
    smtp_inbox.wait_for(OutboxMessage.objects.count(), timeout=1.0)
    smtp_inbox.clear()
    booked_first.refresh_from_db()
    return booked_first


def test_the_company_dating_the_called_off_again_anew_mails_a_reinterview(
    employer: User, seeker: User, setup, again_called_off: Referral, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    anew = starts + dt.timedelta(days=5)

    interview = interviews.referral_interview_set(
        user=employer, referral=again_called_off, values=interview_values(anew), stage="interview1"
    )

    assert (interview.attempt, interview.news) == (2, "again")
    mails = {m["To"]: m for m in _mails(smtp_inbox, 2)}
    assert set(mails) == {seeker.email, setup.ca.email}
    hers = mails[seeker.email]
    assert "再面接の日程のお知らせ" in str(hers["Subject"])
    body = text_of(hers)
    assert "企業から、1次面接をもう一度行う日程（再面接）が届きました。" in body
    assert f"{day_ja(starts)}の1次面接の記録は変わりません。" in body
    assert "企業から面接の日程が届きました。" not in body
    assert "再面接" in text_of(mails[setup.ca.email])
    event = StageEvent.objects.filter(referral=again_called_off).latest("pk")
    assert event.kind == StageEvent.Kind.INTERVIEW_AGAIN
    assert event.note.startswith(
        f"企業が1次面接の再面接の日程を設定しました（{day_ja(starts)}の1次面接は面接済み）："
    )


def test_the_agency_dating_it_anew_tells_the_company_it_is_a_reinterview(
    employer: User, setup, again_called_off: Referral, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    interviews.referral_interview_set(
        user=setup.ca,
        referral=again_called_off,
        values=interview_values(starts + dt.timedelta(days=5)),
        stage="interview1",
    )

    mails = {m["To"]: m for m in _mails(smtp_inbox, 2)}
    assert "再面接の日程のお知らせ" in str(mails[employer.email]["Subject"])
    assert "1次面接をもう一度行う日程（再面接）" in text_of(mails[employer.email])


def test_a_changed_reinterview_date_is_named_by_its_attempt_label(
    employer: User, seeker: User, again_called_off: Referral, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    interviews.referral_interview_set(
        user=employer,
        referral=again_called_off,
        values=interview_values(starts + dt.timedelta(days=5)),
        stage="interview1",
    )
    _mails(smtp_inbox, 2)

    interviews.referral_interview_set(
        user=employer,
        referral=again_called_off,
        values=interview_values(starts + dt.timedelta(days=6)),
        stage="interview1",
    )

    hers = next(m for m in _mails(smtp_inbox, 2) if m["To"] == seeker.email)
    assert "再面接の日程が変更されました" in str(hers["Subject"])
    assert "企業が1次面接（再面接）の日程を変更しました。" in text_of(hers)
    event = StageEvent.objects.filter(referral=again_called_off).latest("pk")
    assert event.note.startswith("企業が1次面接（再面接）の日程を変更しました：")


def test_a_first_interview_called_off_and_dated_anew_stays_a_first_interview(
    employer: User, seeker: User, booked_first: Referral, starts: dt.datetime, smtp_inbox: Inbox
) -> None:
    interviews.referral_interview_cancel(user=employer, referral=booked_first, stage="interview1")
    _mails(smtp_inbox, 3)

    interviews.referral_interview_set(
        user=employer, referral=booked_first, values=interview_values(starts), stage="interview1"
    )

    hers = next(m for m in _mails(smtp_inbox, 2) if m["To"] == seeker.email)
    assert "面接の日程のお知らせ" in str(hers["Subject"]) and "再面接" not in text_of(hers)
