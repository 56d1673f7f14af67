"""A direct 内定 with its 回答期限, 入社予定日 and the company's 内定の条件 (ADR 0129). Before, the company moved her to
内定 with nothing but a status: no deadline, no start date, nothing of what was offered, and she accepted against
the posting's current conditions alone. Now the move to 内定 (page and API) may carry the three; bad input is
refused by field with nothing changed and nothing mailed; her card, lists, the 内定 mail, the company's page and
応募者 list show them; the day before the deadline she is reminded once, unless she has answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from bonavi.seekers.models import Application, ApplicationEvent

pytestmark = pytest.mark.django_db

TERMS = "提示月給：250,000円（固定残業代なし）\n配属先：本社 経理課（月次決算チーム）"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _day(days: int) -> dt.date:
    return clock.today_jst() + dt.timedelta(days=days)


def _mails_to(email: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to_email=email).order_by("id"))


def _post_offer(employer: User, application: Application, **over: str) -> Any:
    data = {
        "status": "offer",
        "note": "",
        "answer_by": _day(3).isoformat(),
        "start_on": _day(40).isoformat(),
        "offer_terms": TERMS.replace("\n", "\r\n"),  # as a browser posts a textarea
    }
    data.update(over)
    return _client(employer).post(f"/applicants/{application.pk}/", data)


@pytest.fixture
def offered(employer: User, application: Application) -> Application:
    services.application_move(
        user=employer,
        application=application,
        to_status="offer",
        answer_by=_day(3),
        start_on=_day(40),
        offer_terms=TERMS,
    )
    application.refresh_from_db()
    return application


def test_the_move_to_offer_stores_them_and_the_one_mail_gives_them(
    employer: User, application: Application, profiled_seeker: User
) -> None:
    before = len(_mails_to(profiled_seeker.email))
    response = _post_offer(employer, application)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "offer"
    assert (application.offer_answer_by, application.offer_start_on) == (_day(3), _day(40))
    assert application.offer_terms == TERMS  # the browser's CR LF stored as LF
    mails = _mails_to(profiled_seeker.email)[before:]
    assert len(mails) == 1 and "内定" in mails[0].subject
    body = mails[0].body_text
    assert f"回答期限：{clock.date_ja(_day(3))}まで（この日までに回答すれば足ります）" in body
    assert f"入社予定日：{clock.date_ja(_day(40))}" in body
    assert "配属先：本社 経理課（月次決算チーム）" in body and "労働条件通知書" in body


def test_without_them_the_offer_says_no_deadline_and_stores_none(
    employer: User, application: Application, profiled_seeker: User
) -> None:
    response = _post_offer(employer, application, answer_by="", start_on="", offer_terms="")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "offer" and application.offer_answer_by is None
    assert application.offer_start_on is None and application.offer_terms == ""
    assert "回答期限：企業からの指定はありません" in _mails_to(profiled_seeker.email)[-1].body_text
    page = _client(profiled_seeker).get(f"/me/applications/{application.pk}/").content.decode()
    assert 'id="answer-by"' not in page and 'id="offer-given"' not in page


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        (
            {"answer_by": "past"},
            "answer_by",
            "が過去の日付です。今日以降の日付で指定してください。",
        ),
        ({"answer_by": "far"}, "answer_by", "が先すぎます。回答期限は今日から60日以内"),
        ({"answer_by": "2026-02-30"}, "answer_by", "回答期限：2026年2月30日はありません。"),
        ({"start_on": "today", "answer_by": ""}, "start_on", "は明日以降の日付で指定してください。"),
        ({"start_on": "far"}, "start_on", "が1年より先です。日付を確かめてください。"),
        (
            {"answer_by": "+10", "start_on": "+5"},
            "start_on",
            "入社予定日は回答期限の日以降にしてください。",
        ),
        (
            {"offer_terms": "あ" * 1001},
            "offer_terms",
            "内定の条件は1,000文字以内で入力してください（入力は1,001文字）。",
        ),
        (
            {"offer_terms": "提示月給25万円。30歳以下の方に限ります。"},
            "offer_terms",
            "内定の条件：「30歳以下」は年齢制限です。",
        ),
        (
            {"offer_terms": "入社時にご家族の職業を教えてください。"},
            "offer_terms",
            "内定の条件：「ご家族の職業」は応募者から原則として集めてはいけない個人情報です",
        ),
        (
            {"status": "screening"},
            "answer_by",
            "回答期限・入社予定日・内定の条件は、選考状況を「内定」にするときだけ指定できます。"
            "内定以外に進める場合は、回答期限・入社予定日・内定の条件の入力を消してください。",
        ),
    ],
)
def test_each_bad_input_is_refused_beside_its_box_and_nothing_changes(
    employer: User,
    application: Application,
    profiled_seeker: User,
    over: dict[str, str],
    field: str,
    message: str,
) -> None:
    words = {
        "past": _day(-1).isoformat(),
        "far": (_day(61) if "answer_by" in over and over["answer_by"] == "far" else _day(367)).isoformat(),
        "today": _day(0).isoformat(),
        "+10": _day(10).isoformat(),
        "+5": _day(5).isoformat(),
    }
    data = {key: words.get(value, value) for key, value in over.items()}
    before_mails = len(OutboxMessage.objects.all())
    before_events = ApplicationEvent.objects.filter(application=application).count()
    response = _post_offer(employer, application, **data)
    assert response.status_code == 422
    page = response.content.decode()
    box = page.split(f'id="field-{field}"', 1)[1].split("</div>", 3)
    assert message in "".join(box[:3])  # said beside the box it is about
    application.refresh_from_db()
    assert application.status == "applied" and application.offer_answer_by is None
    assert application.offer_start_on is None and application.offer_terms == ""
    assert ApplicationEvent.objects.filter(application=application).count() == before_events
    assert len(OutboxMessage.objects.all()) == before_mails


def test_her_card_shows_the_deadline_and_what_was_offered_above_the_conditions(
    offered: Application, profiled_seeker: User
) -> None:
    seeker = _client(profiled_seeker)
    page = seeker.get(f"/me/applications/{offered.pk}/").content.decode()
    card = page[page.index('id="offer"') : page.index("<h2>経過</h2>")]
    deadline = f"回答期限：{clock.month_day_ja(_day(3))}まで"
    assert deadline in card and "あと3日" in card and "この日までに回答すれば足ります" in card
    assert clock.date_ja(_day(40)) in card and "配属先：本社 経理課（月次決算チーム）" in card
    assert (
        card.index('id="answer-by"') < card.index('id="offer-given"') < card.index("労働条件（求人票の内容）")
    )
    for url in ("/me/applications/", "/me/"):
        listed = seeker.get(url).content.decode()
        assert f"{deadline}（あと3日）" in listed, url


def test_past_the_deadline_she_may_still_answer_and_the_company_is_told(
    offered: Application, profiled_seeker: User, employer: User
) -> None:
    Application.objects.filter(pk=offered.pk).update(offer_answer_by=_day(-1))
    seeker = _client(profiled_seeker)
    page = seeker.get(f"/me/applications/{offered.pk}/").content.decode()
    assert "期限を過ぎています" in page and "企業が選考を終えるまでは承諾・辞退を回答できます" in page
    assert "内定を承諾する</button>" in page
    theirs = _client(employer).get("/applicants/").content.decode()
    assert f"内定（回答待ち・期限切れ {clock.month_day_ja(_day(-1))}）" in theirs
    before = len(_mails_to(employer.email))
    accept = {"confirm": "on", "offer_version": "1"}
    assert seeker.post(f"/me/applications/{offered.pk}/offer/accept/", accept).status_code == 302
    offered.refresh_from_db()
    assert offered.offer_accepted_at is not None
    mail = _mails_to(employer.email)[before:]
    assert len(mail) == 1
    assert f"回答期限の{clock.date_ja(_day(-1))}を過ぎてからの承諾です" in mail[0].body_text


def test_the_company_sees_the_deadline_and_whether_she_answered(
    offered: Application, profiled_seeker: User, employer: User
) -> None:
    hr = _client(employer)
    page = hr.get(f"/applicants/{offered.pk}/").content.decode()
    facts = page[page.index('id="offer-facts"') : page.index('class="page-parts"')]
    assert f"回答期限：{clock.month_day_ja(_day(3))}まで" in facts and "あと3日" in facts
    assert "配属先：本社 経理課" in facts and clock.date_ja(_day(40)) in facts
    listed = hr.get("/applicants/").content.decode()
    assert f"内定（回答待ち・{clock.month_day_ja(_day(3))}まで）" in listed
    services.application_offer_accept(user=profiled_seeker, application=offered)
    page = hr.get(f"/applicants/{offered.pk}/").content.decode()
    assert f"回答期限：{clock.date_ja(_day(3))}まで（回答済み：承諾）" in page
    assert "内定（承諾済み）" in hr.get("/applicants/").content.decode()


def _remind_at(deadline: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(deadline - dt.timedelta(days=1), dt.time(hour), tzinfo=JST)


def test_reminder_the_day_before_sent_once_through_smtp(
    offered: Application, profiled_seeker: User, smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox_drain()
    smtp_inbox.wait_for(2)
    smtp_inbox.clear()
    deadline = _day(3)
    # Two days before, and the day before until 08:00 Japan time: not yet.
    assert services.offer_answer_reminders_send(now=_remind_at(deadline) - dt.timedelta(days=1)) == 0
    assert services.offer_answer_reminders_send(now=_remind_at(deadline, hour=7)) == 0
    monkeypatch.setattr(clock, "now", lambda: _remind_at(deadline))
    call_command("seekers_offer_answer_remind")
    call_command("seekers_offer_answer_remind")
    outbox_drain()
    messages = smtp_inbox.wait_for(2, timeout=1.0)
    assert len(messages) == 1 and "内定の回答期限は明日です" in str(messages[0]["Subject"])
    text = text_of(messages[0])
    assert messages[0]["To"] == profiled_seeker.email
    assert f"回答期限は、明日（{clock.date_ja(deadline)}）です" in text and "配属先：本社 経理課" in text
    offered.refresh_from_db()
    assert offered.offer_reminded_at is not None


def test_no_reminder_after_an_answer(offered: Application, profiled_seeker: User) -> None:
    run = _remind_at(_day(3))
    services.application_offer_accept(user=profiled_seeker, application=offered)
    assert services.offer_answer_reminders_send(now=run) == 0
    # Declined (辞退 moves it away from 内定): none either.
    Application.objects.filter(pk=offered.pk).update(offer_accepted_at=None)
    services.application_withdraw(user=profiled_seeker, application=offered)
    assert services.offer_answer_reminders_send(now=run) == 0
    assert Application.objects.get(pk=offered.pk).offer_reminded_at is None


def test_api_move_with_them_refusals_and_who_reads_them(
    employer: User,
    application: Application,
    profiled_seeker: User,
    other_seeker: User,
    other_employer: User,
) -> None:
    hr = _client(employer)
    url = f"/api/v1/employer/applications/{application.pk}/status"
    before = len(OutboxMessage.objects.all())
    for body, field in (
        ({"status": "offer", "answer_by": _day(-2).isoformat()}, "answer_by"),
        ({"status": "offer", "answer_by": _day(70).isoformat()}, "answer_by"),
        ({"status": "offer", "start_on": _day(0).isoformat()}, "start_on"),
        ({"status": "offer", "offer_terms": "い" * 1001}, "offer_terms"),
        ({"status": "offer", "offer_terms": "35歳以下の方に限ります"}, "offer_terms"),
        ({"status": "rejected", "answer_by": _day(3).isoformat()}, "answer_by"),
    ):
        refused = hr.post(url, body, content_type="application/json")
        assert refused.status_code == 422, body
        assert list(refused.json()["errors"]) == [field], refused.json()
    application.refresh_from_db()
    assert application.status == "applied" and len(OutboxMessage.objects.all()) == before

    done = hr.post(
        url,
        {
            "status": "offer",
            "answer_by": _day(5).isoformat(),
            "start_on": _day(30).isoformat(),
            "offer_terms": TERMS,
        },
        content_type="application/json",
    )
    assert done.status_code == 200
    assert done.json()["offer_answer_by"] == _day(5).isoformat()
    assert done.json()["offer_terms"] == TERMS
    detail = hr.get(f"/api/v1/employer/applications/{application.pk}").json()
    assert detail["offer_start_on"] == _day(30).isoformat()
    mine = _client(profiled_seeker).get(f"/api/v1/me/applications/{application.pk}").json()
    assert (mine["offer_answer_by"], mine["offer_start_on"], mine["offer_terms"]) == (
        _day(5).isoformat(),
        _day(30).isoformat(),
        TERMS,
    )
    listed = _client(profiled_seeker).get("/api/v1/me/applications").json()
    assert listed[0]["offer_terms"] == TERMS
    # Nobody else reaches them: another seeker's and another company's reads are the 404 of no application.
    assert _client(other_seeker).get(f"/api/v1/me/applications/{application.pk}").status_code == 404
    assert _client(other_seeker).get(f"/me/applications/{application.pk}/").status_code == 404
    other = _client(other_employer)
    assert other.get(f"/api/v1/employer/applications/{application.pk}").status_code == 404
    assert other.get(f"/applicants/{application.pk}/").status_code == 404
    assert TERMS not in str(other.get("/api/v1/employer/applications").json())


@pytest.mark.parametrize("days", [0, 1])
def test_a_deadline_of_today_or_tomorrow_given_with_the_offer_is_told_once(
    employer: User,
    application: Application,
    profiled_seeker: User,
    monkeypatch: pytest.MonkeyPatch,
    days: int,
) -> None:
    """The 内定 mail of a deadline tomorrow is its own reminder, as a change to tomorrow's is: the hourly run sent
    「回答期限は明日です」 within the hour of the 内定 mail that gave the same day (s16 read of s15)."""
    ten = dt.datetime.combine(clock.today_jst(), dt.time(10), tzinfo=JST)
    monkeypatch.setattr(clock, "now", lambda: ten)
    before = len(_mails_to(profiled_seeker.email))
    services.application_move(user=employer, application=application, to_status="offer", answer_by=_day(days))
    assert services.offer_answer_reminders_send(now=ten + dt.timedelta(minutes=30)) == 0
    assert services.offer_answer_reminders_send(now=ten.replace(hour=23)) == 0
    mails = _mails_to(profiled_seeker.email)[before:]
    assert len(mails) == 1 and "内定" in mails[0].subject
    said = (
        "回答期限は今日です。"
        if days == 0
        else "回答期限は明日です（前日のリマインドメールは、このメールが兼ねます）。"
    )
    assert said in mails[0].body_text


def test_a_later_deadline_given_with_the_offer_is_reminded_the_day_before(
    employer: User, application: Application, profiled_seeker: User
) -> None:
    services.application_move(user=employer, application=application, to_status="offer", answer_by=_day(2))
    assert (
        "期限の前日に、リマインドのメールをお送りします。" in _mails_to(profiled_seeker.email)[-1].body_text
    )
    assert services.offer_answer_reminders_send(now=_remind_at(_day(2))) == 1
