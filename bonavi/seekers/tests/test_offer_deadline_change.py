"""The company changes the 回答期限 of a direct 内定 she has not answered (ADR 0129 addendum). Before, the deadline
given with the move to 内定 could never change: a company that agreed to wait for her other results (内定承諾の保留)
or forgot to set one could only write a message, and the reminder came for the old day. Now its applicant page has a
form and the API an endpoint; a bad change is refused by name with nothing changed and nothing mailed; a good one
is an entry of the 経過, one mail to her, and the day-before reminder follows the new day. Her card links to the
thread to ask for it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import services
from bonavi.seekers.models import Application, ApplicationEvent

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _day(days: int) -> dt.date:
    return clock.today_jst() + dt.timedelta(days=days)


def _md(days: int) -> str:
    return clock.month_day_ja(_day(days))


@pytest.fixture
def offered(employer: User, application: Application) -> Application:
    services.application_move(
        user=employer, application=application, to_status="offer", answer_by=_day(3), start_on=_day(40)
    )
    application.refresh_from_db()
    return application


def _change(employer: User, application: Application, **data: str) -> Any:
    return _client(employer).post(f"/applicants/{application.pk}/offer/deadline/", data)


def _snapshot(application: Application) -> tuple[Any, ...]:
    """Everything a change may touch: the row's deadline and reminder, the 経過, the outbox."""
    row = Application.objects.get(pk=application.pk)
    return (
        row.status,
        row.offer_answer_by,
        row.offer_reminded_at,
        ApplicationEvent.objects.filter(application=application).count(),
        OutboxMessage.objects.count(),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"deadline-answer_by": "past"}, "が過去の日付です。今日以降の日付で指定してください。"),
        ({"deadline-answer_by": "far"}, "が先すぎます。回答期限は今日から60日以内"),
        ({"deadline-answer_by": "same"}, "です。変更する場合は、いまと違う日付を指定してください。"),
        ({"deadline-answer_by": "after-start"}, "回答期限は入社予定日までの日付で指定してください。"),
        ({"deadline-answer_by": "2026-02-30"}, "回答期限：2026年2月30日はありません。"),
        (
            {"deadline-answer_by": ""},
            "新しい回答期限の日付を入力してください。期限をなくす場合は「期限なしにする」",
        ),
    ],
)
def test_each_bad_change_is_refused_beside_the_box_and_nothing_changes(
    offered: Application, employer: User, data: dict[str, str], message: str
) -> None:
    words = {
        "past": _day(-1),
        "far": _day(61),
        "same": _day(3),
        "after-start": _day(41),  # the 入社予定日 is _day(40): the deadline may not pass it
    }
    sent = {k: (words[v].isoformat() if v in words else v) for k, v in data.items()}
    before = _snapshot(offered)
    response = _change(employer, offered, **sent)
    assert response.status_code == 422
    page = response.content.decode()
    box = page.split('id="field-deadline-answer_by"', 1)[1].split("</div>", 3)
    assert message in "".join(box[:3])
    assert 'id="answer-by-edit" open' in page  # the fold comes back open with its reason
    assert _snapshot(offered) == before


def test_no_deadline_twice_is_refused(employer: User, application: Application) -> None:
    services.application_move(user=employer, application=application, to_status="offer")
    before = _snapshot(application)
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_offer_deadline_change(user=employer, application=application, answer_by=None)
    assert refused.value.errors == {
        "answer_by": ["回答期限は既に「指定なし」です。期限を設ける場合は日付を指定してください。"]
    }
    assert _snapshot(application) == before


def test_not_at_offer_or_already_accepted_is_refused_and_the_form_is_gone(
    offered: Application, employer: User, application: Application, profiled_seeker: User
) -> None:
    hr = _client(employer)
    assert 'id="answer-by-edit"' in hr.get(f"/applicants/{offered.pk}/").content.decode()
    services.application_offer_accept(user=profiled_seeker, application=offered)
    before = _snapshot(offered)
    assert 'id="answer-by-edit"' not in hr.get(f"/applicants/{offered.pk}/").content.decode()
    # A page left open while she accepted: told at the top of the page it comes back to.
    response = hr.post(
        f"/applicants/{offered.pk}/offer/deadline/", {"deadline-answer_by": _day(10).isoformat()}
    )
    assert response.status_code == 302
    page = hr.get(response["Location"]).content.decode()
    assert "応募者は既に内定を承諾しているため、回答期限は変更できません。" in page
    api = hr.post(
        f"/api/v1/employer/applications/{offered.pk}/offer/deadline",
        {"answer_by": _day(10).isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"] == {
        "__all__": ["応募者は既に内定を承諾しているため、回答期限は変更できません。"]
    }
    assert _snapshot(offered) == before


def test_an_application_before_offer_is_refused(employer: User, application: Application) -> None:
    before = _snapshot(application)
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_offer_deadline_change(user=employer, application=application, answer_by=_day(5))
    assert "この応募は「応募済」のため、回答期限は変更できません" in refused.value.errors["__all__"][0]
    assert _snapshot(application) == before
    assert (
        'id="answer-by-edit"' not in _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    )


def test_nobody_else_can_change_it(
    offered: Application, other_employer: User, profiled_seeker: User, other_seeker: User
) -> None:
    before = _snapshot(offered)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/deadline"
    body = {"answer_by": _day(10).isoformat()}
    # Another company: the 404 of an application that does not exist, on the page and the API.
    assert _change(other_employer, offered, **{"deadline-answer_by": body["answer_by"]}).status_code == 404
    assert _client(other_employer).post(url, body, content_type="application/json").status_code == 404
    # The seeker herself (and any other seeker): not an employer's page or endpoint.
    for user in (profiled_seeker, other_seeker):
        assert _change(user, offered, **{"deadline-answer_by": body["answer_by"]}).status_code == 403
        assert _client(user).post(url, body, content_type="application/json").status_code == 403
        with pytest.raises(PermissionDenied):
            services.application_offer_deadline_change(user=user, application=offered, answer_by=_day(10))
    with pytest.raises(PermissionDenied):
        services.application_offer_deadline_change(
            user=other_employer, application=offered, answer_by=_day(10)
        )
    assert _snapshot(offered) == before


def _drained(smtp_inbox: Inbox) -> None:
    """Send what is queued so far (the application's and the 内定's mails) and forget it."""
    queued = OutboxMessage.objects.count()
    outbox_drain()
    smtp_inbox.wait_for(queued)
    smtp_inbox.clear()


def test_a_change_is_recorded_mailed_once_and_shown_on_both_sides(
    offered: Application, employer: User, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    _drained(smtp_inbox)
    response = _change(employer, offered, **{"deadline-answer_by": _day(10).isoformat()})
    assert response.status_code == 302 and response["Location"].endswith("#offer-facts")
    # A second press of the same form (a double click) is the same date now: refused, nothing sent twice.
    assert _change(employer, offered, **{"deadline-answer_by": _day(10).isoformat()}).status_code == 422
    offered.refresh_from_db()
    assert offered.offer_answer_by == _day(10)
    note = f"回答期限を{_md(3)}から{_md(10)}に変更しました"
    event = ApplicationEvent.objects.filter(application=offered).latest("pk")
    assert (event.from_status, event.to_status, event.note, event.actor_id) == (
        "offer",
        "offer",
        note,
        employer.pk,
    )
    outbox_drain()
    messages = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(messages) == 1 and messages[0]["To"] == profiled_seeker.email
    assert "内定の回答期限が変更されました" in str(messages[0]["Subject"])
    text = text_of(messages[0])
    assert f"変更前の回答期限：{clock.date_ja(_day(3))}まで" in text
    assert f"変更後の回答期限：{clock.date_ja(_day(10))}まで" in text and "期限の前日に、リマインド" in text
    theirs = _client(employer).get(f"/applicants/{offered.pk}/").content.decode()
    facts = theirs[theirs.index('id="offer-facts"') : theirs.index('class="page-parts"')]
    assert f"回答期限：{_md(10)}まで" in facts and "あと10日" in facts
    assert note in theirs[theirs.index('id="history"') :]
    assert f"内定（回答待ち・{_md(10)}まで）" in _client(employer).get("/applicants/").content.decode()
    hers = _client(profiled_seeker).get(f"/me/applications/{offered.pk}/").content.decode()
    card = hers[hers.index('id="offer"') : hers.index("<h2>経過</h2>")]
    assert f"回答期限：{_md(10)}まで" in card and "あと10日" in card
    assert note in hers


def test_removing_and_setting_a_deadline(offered: Application, employer: User, profiled_seeker: User) -> None:
    # 「期限なしにする」 wins over a day left in the box: the button says what was asked.
    response = _change(
        employer, offered, **{"deadline-answer_by": _day(9).isoformat(), "deadline-clear": "1"}
    )
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.offer_answer_by is None
    mail = OutboxMessage.objects.filter(to_email=profiled_seeker.email).latest("pk")
    assert "変更後の回答期限：指定なし" in mail.body_text
    page = _client(employer).get(f"/applicants/{offered.pk}/").content.decode()
    assert "回答期限：指定なし" in page and f"回答期限を指定なしにしました（これまでは{_md(3)}まで）" in page
    assert "期限なしにする</button>" not in page  # nothing to remove now
    # Set one again (the one it forgot): the API, null-free this time.
    hr = _client(employer)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/deadline"
    assert hr.post(url, {}, content_type="application/json").status_code == 422  # no silent default
    done = hr.post(url, {"answer_by": _day(7).isoformat()}, content_type="application/json")
    assert done.status_code == 200 and done.json()["offer_answer_by"] == _day(7).isoformat()
    event = ApplicationEvent.objects.filter(application=offered).latest("pk")
    assert event.note == f"回答期限を{_md(7)}に設定しました（これまでは指定なし）"
    assert hr.post(url, {"answer_by": None}, content_type="application/json").status_code == 200
    assert Application.objects.get(pk=offered.pk).offer_answer_by is None


def test_api_refusals_name_the_field_and_change_nothing(offered: Application, employer: User) -> None:
    hr = _client(employer)
    url = f"/api/v1/employer/applications/{offered.pk}/offer/deadline"
    before = _snapshot(offered)
    for day in (_day(-1), _day(61), _day(3), _day(41)):
        refused = hr.post(url, {"answer_by": day.isoformat()}, content_type="application/json")
        assert refused.status_code == 422, day
        assert list(refused.json()["errors"]) == ["answer_by"], refused.json()
    assert _snapshot(offered) == before


def _nine_am_before(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day - dt.timedelta(days=1), dt.time(9), tzinfo=JST)


def test_the_reminder_follows_the_new_date(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    """Reminded for the old day, then extended: a reminder is due again the day before the new day, once."""
    assert services.offer_answer_reminders_send(now=_nine_am_before(_day(3))) == 1
    services.application_offer_deadline_change(user=employer, application=offered, answer_by=_day(10))
    # The old day's run finds nothing (the day is not the deadline any more) …
    assert services.offer_answer_reminders_send(now=_nine_am_before(_day(3))) == 0
    # … and the new day's sends one, once.
    assert services.offer_answer_reminders_send(now=_nine_am_before(_day(10))) == 1
    assert services.offer_answer_reminders_send(now=_nine_am_before(_day(10))) == 0
    reminders = OutboxMessage.objects.filter(
        to_email=profiled_seeker.email, subject__contains="回答期限は明日"
    )
    assert [clock.date_ja(_day(3)) in m.body_text for m in reminders.order_by("pk")] == [True, False]
    assert f"明日（{clock.date_ja(_day(10))}）です" in reminders.latest("pk").body_text


def test_a_new_day_of_tomorrow_is_its_own_reminder(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    """Shortened (or set) to tomorrow: the change's mail says so, and no 「明日です」 follows within the hour."""
    services.application_offer_deadline_change(user=employer, application=offered, answer_by=_day(1))
    mail = OutboxMessage.objects.filter(to_email=profiled_seeker.email).latest("pk")
    assert "回答期限は明日です（前日のリマインドメールは、このメールが兼ねます）" in mail.body_text
    assert services.offer_answer_reminders_send(now=clock.now().replace(hour=23)) == 0
    assert services.offer_answer_reminders_send(now=_nine_am_before(_day(1))) == 0


def test_her_card_links_to_the_thread_with_a_first_line(
    offered: Application, employer: User, profiled_seeker: User
) -> None:
    seeker = _client(profiled_seeker)
    page = seeker.get(f"/me/applications/{offered.pk}/").content.decode()
    link = f'href="/me/applications/{offered.pk}/?ask=answer-by#messages">回答期限について相談する</a>'
    assert link in page
    asked = seeker.get(f"/me/applications/{offered.pk}/?ask=answer-by").content.decode()
    box = asked[asked.index('name="body"') :].split("</textarea>", 1)[0]
    assert f"回答期限（{_md(3)}）について、ご相談させてください。" in box
    # Only our own words: anything else in the address writes nothing.
    other = seeker.get(f"/me/applications/{offered.pk}/?ask=%E3%81%82").content.decode()
    assert "ご相談させてください" not in other[other.index('name="body"') :].split("</textarea>", 1)[0]
    # No deadline to ask about: no link, and no first line.
    services.application_offer_deadline_change(user=employer, application=offered, answer_by=None)
    page = seeker.get(f"/me/applications/{offered.pk}/?ask=answer-by").content.decode()
    assert "回答期限について相談する" not in page and "ご相談させてください" not in page


def test_a_get_of_the_form_address_goes_back_to_the_page(offered: Application, employer: User) -> None:
    response = _client(employer).get(f"/applicants/{offered.pk}/offer/deadline/")
    assert response.status_code == 302
    assert response["Location"] == f"/applicants/{offered.pk}/#answer-by-edit"
