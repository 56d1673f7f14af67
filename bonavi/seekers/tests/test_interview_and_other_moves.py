"""An interview goes only with a move to 面接, and a move away from 面接 says beforehand that it calls the booked
interview off (ADR 0121).

Interview details typed with a move to 書類選考 were dropped without a word (the move succeeded, no date was stored):
now the page and the API refuse the move, keep what was typed and say why — one rule in the service. Moving 面接 →
内定 cancelled the booked interview with no warning to the employer and no line in either side's 経過: the move form
now says so beside the choice, and the calling off is an entry of the 経過 both sides read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage
from bonavi.seekers import services
from bonavi.seekers.models import ActorRole, Application, ApplicationEvent, Interview
from bonavi.seekers.tests.conftest import INTERVIEW_PLACE

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int = 14) -> dt.datetime:
    return dt.datetime.combine(clock.today_jst() + dt.timedelta(days=days), dt.time(hour), tzinfo=JST)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# F3: an interview typed with another move ----------------------------------------------------------------------


def test_the_page_refuses_a_date_typed_with_screening_and_keeps_it(
    employer: User, application: Application
) -> None:
    mails = OutboxMessage.objects.count()
    response = _client(employer).post(
        f"/applicants/{application.pk}/",
        {
            "status": "screening",
            "note": "書類を拝見します",
            "iv-starts_at": _at(7).strftime("%Y-%m-%dT%H:%M"),
            "iv-format": "in_person",
            "iv-place": INTERVIEW_PLACE,
        },
    )
    page = response.content.decode()
    application.refresh_from_db()
    assert response.status_code == 422
    assert "面接の日程は、選考状況を「面接」に進めるときだけ登録できます。「書類選考」に進める場合は" in page
    # Nothing happened: no move, no interview, no mail.
    assert application.status == "applied" and not Interview.objects.exists()
    assert OutboxMessage.objects.count() == mails
    # What was typed is still there, the 連絡事項 too.
    assert f'value="{INTERVIEW_PLACE}"' in page and "書類を拝見します" in page
    assert f'value="{_at(7).strftime("%Y-%m-%dT%H:%M")}"' in page


def test_a_half_typed_date_with_screening_gets_the_one_reason_not_its_fields_rules(
    employer: User, application: Application
) -> None:
    page = (
        _client(employer)
        .post(
            f"/applicants/{application.pk}/",
            {"status": "screening", "note": "", "iv-format": "in_person", "iv-notes": "筆記用具"},
        )
        .content.decode()
    )
    assert "「面接」に進めるときだけ登録できます" in page
    assert "面接の開始日時を入力してください" not in page  # the field rules of a date that is not wanted
    assert "筆記用具" in page
    application.refresh_from_db()
    assert application.status == "applied"


def test_the_api_refuses_it_in_the_same_words(employer: User, application: Application) -> None:
    response = _client(employer).post(
        f"/api/v1/employer/applications/{application.pk}/status",
        {
            "status": "offer",
            "interview": {"starts_at": _at(7).isoformat(), "format": "phone"},
        },
        content_type="application/json",
    )
    application.refresh_from_db()
    assert response.status_code == 422
    assert response.json()["errors"]["interview"] == [services.move_interview_refusal("offer", {})]
    assert "「内定」に進める場合は" in response.json()["errors"]["interview"][0]
    assert application.status == "applied" and not Interview.objects.exists()


def test_the_service_is_the_rule(employer: User, application: Application) -> None:
    with pytest.raises(services.SeekerInvalid) as refused:
        services.application_move(
            user=employer,
            application=application,
            to_status="screening",
            interview={"starts_at": _at(7), "format": "phone"},
        )
    assert list(refused.value.errors) == ["interview"]
    # Without a date, and with one moving to 面接, it goes through as before.
    services.application_move(user=employer, application=application, to_status="screening")
    services.application_move(
        user=employer,
        application=application,
        to_status="interview",
        interview={"starts_at": _at(7), "format": "phone"},
    )
    assert Interview.objects.get(application=application).starts_at == _at(7)


# F7: a move away from 面接 calls the interview off — said before, recorded after --------------------------------


def _status_help(page: str) -> str:
    found = re.search(r'<div class="help" id="id_status_helptext">(.*?)</div>', page, re.S)
    return found.group(1) if found else ""


def test_the_move_form_says_beside_the_choice_that_the_interview_goes(
    employer: User, booked: Application
) -> None:
    page = _client(employer).get(f"/applicants/{booked.pk}/").content.decode()
    interview = Interview.objects.get()
    help_text = _status_help(page)
    assert f"面接（{interview.when_display}）が予定されています" in help_text
    assert "「内定」「不採用」のどちらに進めても、この面接の日程は取り消され" in help_text
    # the choice points at it, so a screen reader reads it with the select
    assert re.search(r'<select[^>]*name="status"[^>]*aria-describedby="id_status_helptext"', page)


@pytest.mark.parametrize("when", ["none", "past", "cancelled"])
def test_no_warning_when_nothing_would_be_called_off(
    employer: User, application: Application, when: str
) -> None:
    services.application_move(user=employer, application=application, to_status="interview")
    if when != "none":
        services.interview_set(
            user=employer,
            application=application,
            values={"starts_at": _at(7), "format": "phone"},
        )
    if when == "past":
        Interview.objects.update(starts_at=clock.now() - dt.timedelta(hours=2))
    if when == "cancelled":
        services.interview_cancel(user=employer, application=application)
    page = _client(employer).get(f"/applicants/{application.pk}/").content.decode()
    assert "が予定されています" not in page


def test_both_sides_see_the_calling_off_in_the_record(
    employer: User, booked: Application, profiled_seeker: User
) -> None:
    interview = Interview.objects.get()
    response = _client(employer).post(f"/applicants/{booked.pk}/", {"status": "offer", "note": ""})
    assert response.status_code == 302
    line = f"選考状況が「内定」になったため、面接の日程を取り消しました（予定していた日時：{interview.when_display}）"
    events = list(ApplicationEvent.objects.filter(application=booked))
    # just before the move, by the employer, a step within 面接 (the pipeline's dates stay those of the moves)
    assert [(e.from_status, e.to_status, e.note) for e in events[-2:]] == [
        ("interview", "interview", line),
        ("interview", "offer", ""),
    ]
    assert events[-2].actor_role == ActorRole.EMPLOYER
    assert line in _client(employer).get(f"/applicants/{booked.pk}/").content.decode()
    assert line in _client(profiled_seeker).get(f"/me/applications/{booked.pk}/").content.decode()
    timeline = _client(profiled_seeker).get(f"/api/v1/me/applications/{booked.pk}").json()["timeline"]
    assert any(step["note"] == line for step in timeline)


def test_her_withdrawal_warns_first_and_is_recorded_as_hers(
    employer: User, booked: Application, profiled_seeker: User
) -> None:
    seeker = _client(profiled_seeker)
    interview = Interview.objects.get()
    page = seeker.get(f"/me/applications/{booked.pk}/").content.decode()
    assert f"予定している面接（{interview.when_display}）も取り消されます。" in page
    seeker.post(f"/me/applications/{booked.pk}/withdraw/", {"confirm": "on"})
    cancelled = ApplicationEvent.objects.filter(application=booked, to_status="interview").last()
    assert cancelled is not None and cancelled.actor_role == ActorRole.SEEKER
    assert cancelled.note.startswith("選考状況が「辞退」になったため、面接の日程を取り消しました")


def test_is_upcoming_is_the_one_test_of_a_booked_interview(employer: User, booked: Application) -> None:
    interview = Interview.objects.get()
    assert interview.is_upcoming(interview.starts_at - dt.timedelta(minutes=1))
    assert not interview.is_upcoming(interview.starts_at)  # begun: nothing left to call off
    interview.cancelled_at = clock.now()
    assert not interview.is_upcoming(interview.starts_at - dt.timedelta(days=1))


@pytest.mark.parametrize("when", ["past", "cancelled"])
def test_a_move_calls_off_only_what_the_form_warned_of(
    employer: User, booked: Application, when: str
) -> None:
    """The warning and the deed ask the same test: an interview already held, or already cancelled, is neither
    warned of nor called off by a move to 内定 (no line in the 経過, not cancelled again)."""
    if when == "past":
        Interview.objects.update(starts_at=clock.now() - dt.timedelta(hours=2))
    else:
        services.interview_cancel(user=employer, application=booked)
    before = Interview.objects.values_list("cancelled_at", "sequence").get()
    steps = ApplicationEvent.objects.filter(to_status="interview").count()
    assert services.interview_called_off_by_move(Application.objects.get(pk=booked.pk)) is None
    services.application_move(user=employer, application=booked, to_status="offer")
    assert Interview.objects.values_list("cancelled_at", "sequence").get() == before
    assert ApplicationEvent.objects.filter(to_status="interview").count() == steps
