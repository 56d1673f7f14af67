"""面接の日程 of a direct application (ADR 0102): set with the move to 面接 or afterwards, changed, cancelled,
each change logged and mailed once; the .ics for the two sides only; the day-before reminder sent once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import services
from bonavi.seekers.models import Application, ApplicationEvent, Interview

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 14) -> dt.datetime:
    day = clock.today_jst() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=JST)


def _values(**over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "starts_at": _at(7),
        "ends_at": _at(7, 15),
        "format": "in_person",
        "place": "東京都千代田区丸の内1-1 本社5階 受付",
        "url": "",
        "notes": "筆記用具をお持ちください",
    }
    values.update(over)
    return values


def _form(prefix: str, **over: object) -> dict[str, str]:
    out = {}
    for key, value in _values(**over).items():
        text = value.astimezone(JST).strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else value
        out[f"{prefix}-{key}"] = "" if text is None else str(text)
    return out


@pytest.fixture
def at_interview(employer: User, application: Application) -> Application:
    services.application_move(user=employer, application=application, to_status="interview")
    return application


def _mails(to: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=to).order_by("pk"))


def test_move_to_interview_with_the_date_stores_it_and_mails_once(
    employer: User, application: Application, profiled_seeker: User
) -> None:
    before = len(_mails(profiled_seeker.email))
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/applicants/{application.pk}/", {"status": "interview", "note": "", **_form("iv")}
    )
    assert response.status_code == 302
    interview = Interview.objects.get(application=application)
    assert interview.starts_at == _at(7) and interview.place.startswith("東京都千代田区")
    mails = _mails(profiled_seeker.email)[before:]
    # One mail: the status notice carries the date, not a second notice beside it.
    assert len(mails) == 1 and "面接" in mails[0].subject
    assert (
        "日時：" in mails[0].body_text
        and "筆記用具" in mails[0].body_text
        and "interview.ics" in mails[0].body_text
    )


def test_move_to_interview_without_a_date_stays_possible(employer: User, application: Application) -> None:
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/applicants/{application.pk}/", {"status": "interview", "note": "", "iv-format": "in_person"}
    )
    application.refresh_from_db()
    assert response.status_code == 302 and application.status == "interview"
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"starts_at": _at(-1)}, "starts_at", "面接の開始日時が過ぎています"),
        ({"ends_at": _at(7, 13)}, "ends_at", "終了日時は開始日時より後にしてください"),
        ({"format": "online", "url": "javascript:alert(1)"}, "url", "http:// または https://"),
        ({"format": "online", "url": "ftp://example.com/x"}, "url", "http:// または https://"),
        ({"format": "online", "url": ""}, "url", "参加するURLを入力してください"),
        ({"place": ""}, "place", "場所（住所・建物・階など）を入力してください"),
        ({"notes": "<script>x</script>"}, "notes", "HTMLタグ"),
    ],
)
def test_bad_input_is_refused_in_japanese_and_nothing_is_stored(
    employer: User, application: Application, over: dict[str, object], field: str, message: str
) -> None:
    client = Client()
    client.force_login(employer)
    mails = OutboxMessage.objects.count()
    response = client.post(
        f"/applicants/{application.pk}/", {"status": "interview", "note": "", **_form("iv", **over)}
    )
    page = response.content.decode()
    application.refresh_from_db()
    assert response.status_code == 422 and message in page
    assert f'id="id_iv-{field}_error"' in page  # beside its field
    # Nothing: neither the move nor the interview nor a mail.
    assert application.status == "applied" and not Interview.objects.exists()
    assert OutboxMessage.objects.count() == mails


def test_set_change_cancel_each_logged_and_mailed_once(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    before = len(_mails(profiled_seeker.email))
    first = services.interview_set(user=employer, application=at_interview, values=_values())
    assert first.sequence == 0
    # The same values again: no news, no mail, no event.
    services.interview_set(user=employer, application=at_interview, values=_values())
    changed = services.interview_set(
        user=employer, application=at_interview, values=_values(starts_at=_at(8), ends_at=None)
    )
    assert changed.pk == first.pk and changed.sequence == 1
    cancelled = services.interview_cancel(user=employer, application=at_interview)
    assert cancelled.sequence == 2 and cancelled.is_cancelled
    subjects = [m.subject for m in _mails(profiled_seeker.email)[before:]]
    assert len(subjects) == 3
    assert "面接の日程のお知らせ" in subjects[0]
    assert "面接の日程が変更されました" in subjects[1]
    assert "面接の日程が取り消されました" in subjects[2]
    notes = list(
        ApplicationEvent.objects.filter(
            application=at_interview, from_status="interview", to_status="interview"
        ).values_list("note", flat=True)
    )
    assert [n.split("：")[0] for n in notes] == [
        "面接の日程を設定しました",
        "面接の日程を変更しました",
        "面接の日程を取り消しました（予定していた日時",
    ]


def test_only_at_interview_and_only_the_posting_company(
    employer: User, other_employer: User, application: Application
) -> None:
    with pytest.raises(services.SeekerInvalid) as refused:
        services.interview_set(user=employer, application=application, values=_values())
    assert "「面接」のときに設定できます" in refused.value.errors["__all__"][0]
    services.application_move(user=employer, application=application, to_status="interview")
    client = Client()
    client.force_login(other_employer)
    assert client.post(f"/applicants/{application.pk}/interview/", _form("sched")).status_code == 404
    assert client.post(f"/applicants/{application.pk}/interview/cancel/").status_code == 404
    assert not Interview.objects.exists()


def test_the_employer_page_sets_then_changes_and_refuses_a_past_date(
    employer: User, at_interview: Application
) -> None:
    client = Client()
    client.force_login(employer)
    url = f"/applicants/{at_interview.pk}/interview/"
    assert client.post(url, _form("sched")).status_code == 302
    refused = client.post(url, _form("sched", starts_at=_at(-2), ends_at=None))
    assert refused.status_code == 422 and "面接の開始日時が過ぎています" in refused.content.decode()
    assert Interview.objects.get().starts_at == _at(7)
    page = client.get(f"/applicants/{at_interview.pk}/").content.decode()
    assert "面接の日程を変更する" in page and "カレンダーに追加（.ics）" in page


def _ics(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    return response.content.decode()


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_ics_content_uid_stable_sequence_bumped_and_cancel(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    seeker = Client()
    seeker.force_login(profiled_seeker)
    url = f"/me/applications/{at_interview.pk}/interview.ics"
    assert seeker.get(url).status_code == 404  # no interview yet
    services.interview_set(
        user=employer,
        application=at_interview,
        values=_values(format="online", place="", url="https://meet.example.com/abc;def"),
    )
    first = _unfold(_ics(seeker, url))
    assert all(line.endswith("\r") or not line for line in first.split("\n")[:-1])  # CRLF
    assert "METHOD:PUBLISH" in first and "STATUS:CONFIRMED" in first and "SEQUENCE:0" in first
    # 14:00 in Tokyo is 05:00 UTC.
    assert f"DTSTART:{_at(7):%Y%m%d}T050000Z" in first
    assert "https://meet.example.com/abc\\;def" in first  # TEXT escaped
    uid = re.search(r"^UID:(.+)\r$", first, re.M)
    assert uid is not None and uid.group(1).startswith(f"application-interview-{Interview.objects.get().pk}@")
    services.interview_set(
        user=employer, application=at_interview, values=_values(starts_at=_at(9, 10), ends_at=None)
    )
    second = _unfold(_ics(seeker, url))
    assert f"UID:{uid.group(1)}" in second and "SEQUENCE:1" in second
    assert f"DTSTART:{_at(9):%Y%m%d}T010000Z" in second and f"DTEND:{_at(9):%Y%m%d}T020000Z" in second
    services.interview_cancel(user=employer, application=at_interview)
    third = _unfold(_ics(seeker, url))
    assert f"UID:{uid.group(1)}" in third and "SEQUENCE:2" in third
    # core.ics's one rule: PUBLISH + STATUS:CANCELLED (METHOD:CANCEL without ORGANIZER is refused by strict clients).
    assert "METHOD:PUBLISH" in third and "STATUS:CANCELLED" in third and "METHOD:CANCEL" not in third
    # The employer's staff read the same entry from their side.
    staff = Client()
    staff.force_login(employer)
    assert f"UID:{uid.group(1)}" in _unfold(_ics(staff, f"/applicants/{at_interview.pk}/interview.ics"))


def test_ics_is_404_for_everyone_else(
    employer: User, other_employer: User, other_seeker: User, at_interview: Application
) -> None:
    services.interview_set(user=employer, application=at_interview, values=_values())
    for user in (other_employer, other_seeker):
        client = Client()
        client.force_login(user)
        assert client.get(f"/me/applications/{at_interview.pk}/interview.ics").status_code == 404
        assert client.get(f"/applicants/{at_interview.pk}/interview.ics").status_code == 404
    anonymous = Client().get(f"/me/applications/{at_interview.pk}/interview.ics")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


def test_the_seeker_page_shows_the_interview_with_the_url_and_the_calendar_link(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    services.interview_set(
        user=employer,
        application=at_interview,
        values=_values(format="online", place="", url="https://meet.example.com/room-1"),
    )
    client = Client()
    client.force_login(profiled_seeker)
    page = client.get(f"/me/applications/{at_interview.pk}/").content.decode()
    assert "面接の日程" in page and "https://meet.example.com/room-1" in page
    assert f"{_at(7).month}月{_at(7).day}日" in page and "14:00〜15:00" in page
    assert f"/me/applications/{at_interview.pk}/interview.ics" in page


def _remind_at(interview_start: dt.datetime, hour: int = 9) -> dt.datetime:
    day = interview_start.astimezone(JST).date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=JST)


def test_reminder_the_day_before_sent_once_through_smtp(
    employer: User,
    at_interview: Application,
    profiled_seeker: User,
    smtp_inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview = services.interview_set(user=employer, application=at_interview, values=_values())
    outbox_drain()
    smtp_inbox.wait_for(1)
    smtp_inbox.clear()
    # Two days before: not yet.
    monkeypatch.setattr(clock, "now", lambda: _remind_at(interview.starts_at) - dt.timedelta(days=1))
    assert services.interview_reminders_send() == 0
    monkeypatch.setattr(clock, "now", lambda: _remind_at(interview.starts_at))
    call_command("seekers_interview_remind")
    call_command("seekers_interview_remind")
    outbox_drain()
    messages = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(messages) == 1 and "明日は面接です" in str(messages[0]["Subject"])
    assert messages[0]["To"] == profiled_seeker.email and "本社5階" in text_of(messages[0])


def test_a_changed_time_is_reminded_again_a_cancelled_or_past_one_never(
    employer: User, at_interview: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    interview = services.interview_set(user=employer, application=at_interview, values=_values())
    run_at = _remind_at(interview.starts_at)
    assert services.interview_reminders_send(now=run_at) == 1
    moved = services.interview_set(
        user=employer, application=at_interview, values=_values(starts_at=_at(9), ends_at=None)
    )
    assert services.interview_reminders_send(now=_remind_at(moved.starts_at)) == 1
    services.interview_cancel(user=employer, application=at_interview)
    Interview.objects.update(reminder_sent_at=None)
    assert services.interview_reminders_send(now=_remind_at(moved.starts_at)) == 0
    # Set again: the hourly run just after midnight the day before waits for the morning (08:00 Japan time).
    again = services.interview_set(
        user=employer, application=at_interview, values=_values(starts_at=_at(3), ends_at=None)
    )
    assert not again.is_cancelled
    night = _remind_at(again.starts_at, hour=0) + dt.timedelta(minutes=5)
    assert services.interview_reminders_send(now=night) == 0
    assert services.interview_reminders_send(now=_remind_at(again.starts_at, hour=7)) == 0
    assert services.interview_reminders_send(now=_remind_at(again.starts_at, hour=8)) == 1
    # A closed application (不採用) is not reminded of either.
    Interview.objects.update(reminder_sent_at=None)
    services.application_move(user=employer, application=at_interview, to_status="rejected")
    assert services.interview_reminders_send(now=_remind_at(again.starts_at)) == 0


def _json_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_move_with_interview_then_change_cancel_and_both_sides_read_it(
    employer: User, application: Application, profiled_seeker: User, other_employer: User
) -> None:
    staff = _json_client(employer)
    base = f"/api/v1/employer/applications/{application.pk}"
    body = {
        "status": "interview",
        "interview": {
            "starts_at": _at(7).isoformat(),
            "format": "online",
            "url": "https://meet.example.com/x",
        },
    }
    assert staff.post(f"{base}/status", body, content_type="application/json").status_code == 200
    seen = _json_client(profiled_seeker).get(f"/api/v1/me/applications/{application.pk}").json()["interview"]
    assert seen["url"] == "https://meet.example.com/x" and seen["format_label"] == "オンライン"
    assert seen["ics"] == f"/me/applications/{application.pk}/interview.ics" and not seen["cancelled"]
    changed = staff.put(
        f"{base}/interview",
        {"starts_at": _at(8).isoformat(), "format": "phone", "place": "こちらからお電話します"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["sequence"] == 1
    # Refused in Japanese, nothing stored: a past date, an unknown field (StrictIn), another company.
    past = staff.put(
        f"{base}/interview",
        {"starts_at": _at(-1).isoformat(), "format": "phone"},
        content_type="application/json",
    )
    assert past.status_code == 422 and "過ぎています" in past.json()["errors"]["starts_at"][0]
    extra = staff.put(
        f"{base}/interview",
        {"starts_at": _at(9).isoformat(), "format": "phone", "room": "A"},
        content_type="application/json",
    )
    assert extra.status_code == 422
    other = _json_client(other_employer).put(
        f"{base}/interview",
        {"starts_at": _at(9).isoformat(), "format": "phone"},
        content_type="application/json",
    )
    assert other.status_code == 404
    assert Interview.objects.get().starts_at == _at(8)
    cancelled = staff.post(f"{base}/interview/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["cancelled"] is True
    assert staff.get(base).json()["interview"]["sequence"] == 2


def test_api_move_with_a_bad_interview_moves_nothing(employer: User, application: Application) -> None:
    staff = _json_client(employer)
    response = staff.post(
        f"/api/v1/employer/applications/{application.pk}/status",
        {
            "status": "interview",
            "interview": {"starts_at": _at(7).isoformat(), "format": "online", "url": "ftp://x.example"},
        },
        content_type="application/json",
    )
    application.refresh_from_db()
    assert response.status_code == 422 and "https://" in response.json()["errors"]["url"][0]
    assert application.status == "applied" and not Interview.objects.exists()


def test_the_interview_is_in_mydata_and_goes_at_deletion(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    """マイデータ carries the interview as the company set it; 退会 deletes it with the thread, so its notes (which may
    name the person) and its reminder do not outlive the account."""
    from bonavi.seekers import mydata

    services.interview_set(user=employer, application=at_interview, values=_values())
    exported = mydata.mydata_export(user=profiled_seeker)["applications"][0]["interview"]
    assert exported["format"] == "対面" and exported["notes"] == "筆記用具をお持ちください"
    assert dt.datetime.fromisoformat(exported["starts_at"]) == _at(7) and exported["cancelled_at"] is None
    mydata.account_delete(user=profiled_seeker)
    assert not Interview.objects.filter(application=at_interview).exists()
    assert Application.objects.filter(
        pk=at_interview.pk
    ).exists()  # kept, anonymised, for the company's counts


# Review mends (session 10) ----------------------------------------------------------------------------------------


def _ics_text(user: User, application: Application) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/me/applications/{application.pk}/interview.ics")
    assert response.status_code == 200
    return response.content.decode().replace("\r\n ", "")


@pytest.mark.parametrize("to_status", ["rejected", "offer"])
def test_leaving_interview_calls_off_the_interview_still_to_come_in_the_moves_one_mail(
    employer: User, at_interview: Application, profiled_seeker: User, to_status: str
) -> None:
    services.interview_set(user=employer, application=at_interview, values=_values())
    before = len(_mails(profiled_seeker.email))
    services.application_move(user=employer, application=at_interview, to_status=to_status)
    interview = Interview.objects.get()
    assert interview.is_cancelled and interview.sequence == 1
    assert "STATUS:CANCELLED" in _ics_text(profiled_seeker, at_interview)  # her calendar can drop it
    (mail,) = _mails(profiled_seeker.email)[before:]  # the move's own mail says so: no second one
    assert "応募状況のお知らせ" in mail.subject
    assert f"取り消された面接の日時：{interview.when_display}" in mail.body_text
    assert f"/me/applications/{at_interview.pk}/interview.ics" in mail.body_text


def test_the_seekers_withdrawal_calls_it_off_and_the_employer_hears_so(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    services.interview_set(user=employer, application=at_interview, values=_values())
    services.application_withdraw(user=profiled_seeker, application=at_interview)
    interview = Interview.objects.get()
    assert interview.is_cancelled
    (mail,) = OutboxMessage.objects.filter(subject__contains="応募が辞退されました")
    assert f"予定していた面接（{interview.when_display}）は取り消しました" in mail.body_text


def test_a_past_interview_is_not_called_off_by_the_move(employer: User, at_interview: Application) -> None:
    services.interview_set(user=employer, application=at_interview, values=_values())
    Interview.objects.update(starts_at=clock.now() - dt.timedelta(hours=2), ends_at=None)
    services.application_move(user=employer, application=at_interview, to_status="offer")
    assert not Interview.objects.get().is_cancelled  # it took place: the calendar keeps it


def test_a_cancelled_interview_offers_its_ics_on_the_card_and_in_the_mail(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    services.interview_set(user=employer, application=at_interview, values=_values())
    services.interview_cancel(user=employer, application=at_interview)
    mail = _mails(profiled_seeker.email)[-1]
    assert "面接の日程が取り消されました" in mail.subject
    assert f"/me/applications/{at_interview.pk}/interview.ics" in mail.body_text
    client = Client()
    client.force_login(profiled_seeker)
    page = client.get(f"/me/applications/{at_interview.pk}/").content.decode()
    assert "取り消されました" in page and f"/me/applications/{at_interview.pk}/interview.ics" in page
    assert "新しい日程が決まるとお知らせします" in page
    staff = Client()
    staff.force_login(employer)
    own = staff.get(f"/applicants/{at_interview.pk}/").content.decode()
    # The company made the change: it is not told it will be told of it.
    assert f"/applicants/{at_interview.pk}/interview.ics" in own and "お知らせします。</p>" not in own
    assert "応募者と貴社の採用担当だけに表示されます" in own


def test_a_malformed_end_is_named_without_its_optional_label(
    employer: User, at_interview: Application
) -> None:
    client = Client()
    client.force_login(employer)
    response = client.post(
        f"/applicants/{at_interview.pk}/interview/", {**_form("sched"), "sched-ends_at": "あした"}
    )
    page = response.content.decode()
    assert response.status_code == 422 and "終了日時の形式が正しくありません" in page
    assert "終了日時（任意）の形式" not in page


def test_after_her_withdrawal_the_page_offers_the_cancelled_ics(
    employer: User, at_interview: Application, profiled_seeker: User
) -> None:
    """She gets no mail for her own 辞退, so her page is where the cancelled entry's .ics is: the card stays, says the
    interview was called off, promises no new date, and the file says CANCELLED."""
    services.interview_set(user=employer, application=at_interview, values=_values())
    services.application_withdraw(user=profiled_seeker, application=at_interview)
    client = Client()
    client.force_login(profiled_seeker)
    html = client.get(f"/me/applications/{at_interview.pk}/").content.decode()
    assert "この面接の日程は取り消されました" in html and "新しい日程が決まるとお知らせします" not in html
    assert f"/me/applications/{at_interview.pk}/interview.ics" in html
    ics = client.get(f"/me/applications/{at_interview.pk}/interview.ics").content.decode()
    assert "STATUS:CANCELLED" in ics
