"""What the company may do with an interview that is over (ADR 0123, s15). A held interview (InterviewBase.is_held)
still offered 「面接の日程を変更する・取り消す」 on the applicant page, and interview_cancel accepted it, mailing her
「新しい日程が決まると、改めてお知らせします」 of a meeting that had taken place. Now the page offers 「次の面接の日程を
決める」 without 取り消す, the service refuses the cancel in words that say why (nothing changes, nobody is mailed), and a
date given after a held interview books the next one — a new row, so her calendar keeps the held entry — mailed
once as 「次の面接の日程のお知らせ」. Time is moved on with core.clock.now, as the pages read it."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.accounts.models import User
from bonavi.core.tests.interview_time import client_of, day_ja, move_now, page_of
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import Application, ApplicationEvent, Interview
from bonavi.seekers.tests.conftest import INTERVIEW_NOTES, INTERVIEW_PLACE

pytestmark = pytest.mark.django_db


def _mails(to: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=to).order_by("pk"))


def _fold(page: str) -> str:
    return page.split('id="interview-edit"', 1)[1].split("</details>", 1)[0]


def test_the_page_offers_the_next_interview_and_no_cancel_once_held(
    employer: User, booked: Application, starts: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_now(monkeypatch, starts, "before")
    ahead = _fold(page_of(employer, f"/applicants/{booked.pk}/"))
    assert "<summary>面接の日程を変更・取り消す</summary>" in ahead and 'id="interview-cancel"' in ahead

    # Ten minutes in it is under way, not held: still the booked interview's fold (a late start may move it).
    move_now(monkeypatch, starts, "under_way")
    assert 'id="interview-cancel"' in _fold(page_of(employer, f"/applicants/{booked.pk}/"))

    move_now(monkeypatch, starts, "after")
    fold = _fold(page_of(employer, f"/applicants/{booked.pk}/"))
    assert "<summary>次の面接の日程を決める</summary>" in fold
    assert "<h2>次の面接の日程を設定する</h2>" in fold
    assert f"{day_ja(starts)}の面接は済んでいます。" in fold
    assert "取り消す" not in fold and 'id="interview-cancel"' not in fold and "変更する" not in fold
    # The form starts from where the held one was, not from its time (a past time would only be refused).
    assert f'value="{INTERVIEW_PLACE}"' in fold
    assert 'name="sched-starts_at"' in fold and f'value="{starts:%Y-%m-%dT%H:%M}"' not in fold
    assert INTERVIEW_NOTES not in fold


def test_cancelling_a_held_interview_is_refused_changes_nothing_and_mails_nobody(
    employer: User,
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    move_now(monkeypatch, starts, "after")
    interview = Interview.objects.get(application=booked)
    events = ApplicationEvent.objects.filter(application=booked).count()
    mails = OutboxMessage.objects.count()

    with pytest.raises(services.SeekerInvalid) as refused:
        services.interview_cancel(user=employer, application=booked)
    assert refused.value.errors["__all__"] == [
        f"{day_ja(starts)}の面接は済んでいるため、取り消せません。次の面接を行う場合は、"
        "「次の面接の日程を決める」から新しい日程を設定してください（済んだ面接の記録は経過に残ります）。"
    ]

    # The page's post (a tab opened before the day) says the same and changes nothing either.
    posted = client_of(employer).post(f"/applicants/{booked.pk}/interview/cancel/", follow=True)
    assert "の面接は済んでいるため、取り消せません。" in posted.content.decode()

    after = Interview.objects.get(application=booked)
    assert (after.pk, after.cancelled_at, after.sequence) == (interview.pk, None, interview.sequence)
    assert ApplicationEvent.objects.filter(application=booked).count() == events
    assert OutboxMessage.objects.count() == mails
    assert not any("新しい日程が決まると" in m.body_text for m in _mails(profiled_seeker.email))


def test_a_date_after_a_held_interview_books_the_next_one_mailed_once(
    employer: User,
    profiled_seeker: User,
    booked: Application,
    starts: dt.datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = Interview.objects.get(application=booked)
    move_now(monkeypatch, starts, "after")
    before = len(_mails(profiled_seeker.email))
    second = starts + dt.timedelta(days=7)
    posted = client_of(employer).post(
        f"/applicants/{booked.pk}/interview/",
        {
            "sched-starts_at": f"{second:%Y-%m-%dT%H:%M}",
            "sched-ends_at": "",
            "sched-format": "in_person",
            "sched-place": INTERVIEW_PLACE,
            "sched-url": "",
            "sched-notes": "",
        },
    )
    assert posted.status_code == 302

    # A new interview (a new .ics UID: her calendar keeps the held entry), not the held one changed.
    next_one = Interview.objects.get(application=booked)
    assert next_one.pk != held.pk and next_one.starts_at == second
    assert (next_one.sequence, next_one.cancelled_at, next_one.reminder_sent_at) == (0, None, None)
    event = ApplicationEvent.objects.filter(application=booked).last()
    assert event is not None and event.note.startswith("次の面接の日程を設定しました：")
    # The held one's date stays in the 経過.
    assert ApplicationEvent.objects.filter(
        application=booked, note__startswith="面接の日程を設定しました：", note__contains=day_ja(starts)
    ).exists()

    mails = _mails(profiled_seeker.email)[before:]
    assert len(mails) == 1
    assert "次の面接の日程のお知らせ" in mails[0].subject
    assert "採用担当から次の面接の日程が届きました。" in mails[0].body_text
    assert day_ja(second) in mails[0].body_text
    assert "変更" not in mails[0].subject and "新しい日程が決まると" not in mails[0].body_text

    # The page now shows the next interview as booked: change and cancel are offered again, for this one.
    fold = _fold(page_of(employer, f"/applicants/{booked.pk}/"))
    assert "<summary>面接の日程を変更・取り消す</summary>" in fold and 'id="interview-cancel"' in fold
