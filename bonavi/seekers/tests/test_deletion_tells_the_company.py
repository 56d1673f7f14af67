"""退会 with applications still open (ADR 0142): each one's company gets one mail saying that it ended as 辞退 and
what ended with it (承諾済みの内定, the interview still to come), never her name; a closed one and other companies get
none; the 経過 keeps the system-written lines of the 内定; and the 退会 page lists what will end, hers only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bonavi.accounts.models import User
from bonavi.core import clock
from bonavi.core.clock import JST
from bonavi.jobs.models import JobPosting
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.outbox import outbox_drain
from bonavi.notifications.tests.smtp import Inbox, text_of
from bonavi.seekers import mydata, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.tests.conftest import PROFILE

pytestmark = pytest.mark.django_db

HEADLINE = "応募者が退会しました（応募は辞退として終了しました）"


def _day(days: int) -> dt.date:
    return clock.today_jst() + dt.timedelta(days=days)


@pytest.fixture
def accepted(employer: User, application: Application, profiled_seeker: User) -> Application:
    """Her application to `employer`'s posting: 内定, accepted, 入社予定日 in 40 days."""
    services.application_move(
        user=employer,
        application=application,
        to_status="offer",
        note="山田さん、内定おめでとうございます",
        answer_by=_day(3),
        start_on=_day(40),
    )
    services.application_offer_accept(user=profiled_seeker, application=application)
    application.refresh_from_db()
    return application


@pytest.fixture
def interviewing(other_employer: User, profiled_seeker: User) -> Application:
    """Her application to another company's posting, at 面接 with a date a week ahead."""
    assert other_employer.organization is not None
    posting = make_posting(other_employer.organization, title="総務アシスタント")
    application = services.application_create(user=profiled_seeker, posting_id=posting.pk, message="")
    starts = dt.datetime.combine(_day(7), dt.time(14), tzinfo=JST)
    services.application_move(
        user=other_employer,
        application=application,
        to_status="interview",
        interview={"starts_at": starts, "format": "in_person", "place": "大阪本社", "notes": ""},
    )
    return Application.objects.select_related("interview").get(pk=application.pk)


@pytest.fixture
def withdrawn(employer: User, profiled_seeker: User) -> Application:
    """Her application to a second posting of `employer`, already 辞退 by her: closed."""
    assert employer.organization is not None
    posting: JobPosting = make_posting(employer.organization, title="給与計算スタッフ")
    application = services.application_create(user=profiled_seeker, posting_id=posting.pk, message="")
    return services.application_withdraw(user=profiled_seeker, application=application)


def test_each_open_application_mails_its_own_company_once_through_smtp(
    accepted: Application,
    interviewing: Application,
    withdrawn: Application,
    profiled_seeker: User,
    employer: User,
    other_employer: User,
    smtp_inbox: Inbox,
) -> None:
    outbox_drain()
    smtp_inbox.wait_for(99, timeout=0.5)
    smtp_inbox.clear()
    when = interviewing.interview.when_display
    mydata.account_delete(user=profiled_seeker)
    outbox_drain()
    messages = smtp_inbox.wait_for(3)
    to_company = [m for m in messages if HEADLINE in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in to_company) == sorted([employer.email, other_employer.email])
    by_to = {str(m["To"]): text_of(m) for m in to_company}
    offer_mail, interview_mail = by_to[employer.email], by_to[other_employer.email]
    assert "経理スタッフ（未経験歓迎）" in offer_mail and "総務アシスタント" not in offer_mail
    assert f"承諾済みの内定（入社予定日：{clock.date_ja(_day(40))}）も終了しています" in offer_mail
    assert "給与計算スタッフ" not in offer_mail  # already 辞退: nothing to tell
    assert (
        "総務アシスタント" in interview_mail
        and f"予定していた面接（{when}）は取り消しました" in interview_mail
    )
    for text in (offer_mail, interview_mail):
        assert "山田" not in text and "花子" not in text and profiled_seeker.email not in text
    # Her own confirmation, and nothing else.
    assert len(messages) == 3


def test_no_company_mail_without_an_open_application(
    withdrawn: Application, profiled_seeker: User, smtp_inbox: Inbox
) -> None:
    outbox_drain()
    smtp_inbox.wait_for(99, timeout=0.5)
    smtp_inbox.clear()
    mydata.account_delete(user=profiled_seeker)
    outbox_drain()
    messages = smtp_inbox.wait_for(2, timeout=1.0)
    assert [str(m["Subject"]).strip() for m in messages] == ["【BOナビ】退会手続きが完了しました"]


def test_the_timeline_keeps_the_system_written_offer_lines_and_drops_typed_notes(
    accepted: Application, profiled_seeker: User
) -> None:
    mydata.account_delete(user=profiled_seeker)
    notes = list(ApplicationEvent.objects.filter(application=accepted).values_list("to_status", "note"))
    assert ("offer", services.OFFER_ACCEPTED_NOTE) in notes
    assert all("山田" not in note for _, note in notes)
    assert ("withdrawn", "応募者の退会により辞退") in notes


def test_the_page_lists_her_open_applications_only(
    accepted: Application,
    interviewing: Application,
    withdrawn: Application,
    profiled_seeker: User,
    other_seeker: User,
    employer: User,
) -> None:
    assert employer.organization is not None
    others = make_posting(employer.organization, title="人事スタッフ（他の人の応募）")
    services.profile_update(
        user=other_seeker, data={**PROFILE, "family_name": "佐藤"}, history=[], qualifications=[]
    )
    services.application_create(user=other_seeker, posting_id=others.pk, message="")
    client = Client()
    client.force_login(profiled_seeker)
    page = client.get("/me/privacy/delete/").content.decode()
    assert "退会すると、これらの応募は辞退として終了し、企業に通知されます。" in page
    assert f'href="/me/applications/{accepted.pk}/"' in page
    assert f'href="/me/applications/{interviewing.pk}/"' in page
    assert f"入社予定日：{clock.date_ja(_day(40))}" in page
    assert f"予定の面接：{interviewing.interview.when_display}" in page
    assert "給与計算スタッフ" not in page and "人事スタッフ" not in page
    # The list comes before the password box.
    assert page.index("辞退として終了し") < page.index('type="password"')
    # Nothing open: no list.
    other = Client()
    other.force_login(other_seeker)
    mine = other.get("/me/privacy/delete/").content.decode()
    assert "人事スタッフ（他の人の応募）" in mine and "経理スタッフ" not in mine
