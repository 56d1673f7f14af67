"""agents_daily runs in the worker and from cron, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from bonavi.agents import books, services
from bonavi.agents.daily import agents_daily
from bonavi.agents.models import Candidate, FollowUp, Placement, Stage
from bonavi.agents.tests.factories import make_agency, place, private_order, refer, register
from bonavi.core.clock import JST
from bonavi.notifications.models import OutboxMessage
from bonavi.notifications.worker import duties

pytestmark = pytest.mark.django_db


def _placed(setup, candidate, order, joined_on):
    return place(setup, candidate, order.posting_id, joined_on=joined_on)


def test_the_worker_runs_agents_daily_hourly():
    duty = {d.name: d for d in duties()}["agents_daily"]
    assert duty.every == 3600 and duty.run is agents_daily


def test_daily_reminds_once_marks_unknown_anonymises_and_is_idempotent(db, seeker, employer):
    setup = make_agency()
    candidate = register(setup, seeker)
    placement = _placed(setup, candidate, private_order(setup, employer.organization), dt.date(2024, 5, 1))
    Placement.objects.filter(pk=placement.pk).update(fee_collected_on=dt.date(2024, 6, 30))
    due = placement.follow_up.due_on  # 2024-11-01

    assert agents_daily(today=due - dt.timedelta(days=1)) == {
        "stalled": 0,
        "reminded": 0,
        "unknown": 0,
        "anonymised": 0,
        "invitations_deleted": 0,
    }
    assert agents_daily(today=due) == {
        "stalled": 0,
        "reminded": 1,
        "unknown": 0,
        "anonymised": 0,
        "invitations_deleted": 0,
    }
    reminders = OutboxMessage.objects.filter(subject__contains="6か月定着確認")
    assert {m.to_email for m in reminders} == {setup.ca.email, setup.boss.email}
    assert agents_daily(today=due) == {
        "stalled": 0,
        "reminded": 0,
        "unknown": 0,
        "anonymised": 0,
        "invitations_deleted": 0,
    }
    assert reminders.count() == 2  # no second reminder

    later = due + dt.timedelta(days=40)
    assert agents_daily(today=later)["unknown"] == 1
    assert agents_daily(today=later)["unknown"] == 0
    assert FollowUp.objects.get().outcome == FollowUp.Outcome.UNKNOWN

    far = candidate.valid_until + dt.timedelta(days=2 * 366 + 1)
    assert agents_daily(today=far)["anonymised"] == 1
    snapshot = list(Candidate.objects.values())
    assert agents_daily(today=far) == {
        "stalled": 0,
        "reminded": 0,
        "unknown": 0,
        "anonymised": 0,
        "invitations_deleted": 0,
    }
    assert list(Candidate.objects.values()) == snapshot
    assert Candidate.objects.get().display_name == books.ANONYMISED


def test_command_prints_the_counts(db):
    out = StringIO()
    call_command("agents_daily", stdout=out)
    assert "選考の停滞：0件" in out.getvalue() and "匿名化：0人" in out.getvalue()


def test_29_february_does_not_break_the_daily_run_or_the_two_year_lock(db, seeker, employer):
    from bonavi.agents.rules import add_years

    assert add_years(dt.date(2028, 2, 29), -2) == dt.date(2026, 2, 28)
    assert agents_daily(today=dt.date(2028, 2, 29)) == {
        "stalled": 0,
        "reminded": 0,
        "unknown": 0,
        "anonymised": 0,
        "invitations_deleted": 0,
    }
    setup = make_agency()
    candidate = register(setup, seeker)
    placement = _placed(setup, candidate, private_order(setup, employer.organization), dt.date(2024, 2, 29))
    Placement.objects.filter(pk=placement.pk).update(joined_on=dt.date.today().replace(month=2, day=28))
    assert services.placement_lock_until(candidate) is not None
    Placement.objects.filter(pk=placement.pk).update(joined_on=dt.date(2024, 2, 29))
    assert services.placement_lock_until(candidate) is None  # ended 2026-02-28


def test_demo_agency_makes_the_demo_adviser_a_working_responsible(db, client):
    from bonavi.accounts.models import Role, User
    from bonavi.agents.models import Agency, Staff

    agent = User.objects.create_user(email="agent@example.com", password="pw-Long-enough-1", role=Role.AGENT)
    for _ in range(2):
        call_command("agents_demo", stdout=StringIO())
    assert Agency.objects.count() == 1 and Staff.objects.get().user == agent
    client.force_login(agent)
    assert client.get("/agent/").status_code == 200
    assert "基準を満たしています" in client.get("/agent/offices/").content.decode()
    assert client.get("/agent/agencies/bonavi-career/").status_code == 200


def test_a_stalled_selection_is_chased_once_per_stall(db, seeker, employer):
    from django.utils import timezone

    from bonavi.agents.models import Referral

    setup = make_agency()
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    today = timezone.localdate()
    assert agents_daily(today=today + dt.timedelta(days=3))["stalled"] == 0
    week = today + dt.timedelta(days=8)
    assert agents_daily(today=week)["stalled"] == 1
    assert agents_daily(today=week)["stalled"] == 0  # once per stall
    chase = OutboxMessage.objects.filter(subject__contains="選考状況のご連絡のお願い")
    assert [m.to_email for m in chase] == [employer.email]
    assert (
        OutboxMessage.objects.filter(to_email=setup.ca.email, subject__contains="動いていません").count() == 1
    )
    # a move starts a new stall clock
    services.referral_move(user=employer, referral=referral, to_stage=Stage.DOCUMENT)
    moved = dt.datetime.combine(week + dt.timedelta(days=1), dt.time(10), tzinfo=JST)  # after the reminder
    Referral.objects.filter(pk=referral.pk).update(updated_at=moved)
    assert agents_daily(today=week + dt.timedelta(days=5))["stalled"] == 0
    assert agents_daily(today=week + dt.timedelta(days=9))["stalled"] == 1


def test_the_stall_reminder_says_which_job_and_since_when(db, seeker, employer):
    from bonavi.agents.models import Referral

    setup = make_agency()
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    moved = dt.datetime(2026, 11, 2, 10, 0, tzinfo=JST)  # a Monday
    Referral.objects.filter(pk=referral.pk).update(updated_at=moved)
    assert agents_daily(today=dt.date(2026, 11, 10))["stalled"] == 1
    chase = OutboxMessage.objects.get(to_email=employer.email, subject__contains="選考状況のご連絡のお願い")
    adviser = OutboxMessage.objects.get(to_email=setup.ca.email, subject__contains="動いていません")
    assert f"求人：{referral.proposal.posting.title}" in chase.body_text
    for mail in (chase, adviser):
        assert "最後に選考状況が更新された日：2026年11月2日（月）" in mail.body_text


def test_interview_preparation_does_not_put_off_the_stall_reminder(db, seeker, employer):
    """The adviser preparing the candidate is not the employer's selection moving: the employer is still asked
    for news a week after the last move."""
    from django.utils import timezone

    setup = make_agency()
    candidate = register(setup, seeker)
    referral = refer(setup, candidate, private_order(setup, employer.organization).posting_id)
    from bonavi.agents.models import Referral

    Referral.objects.filter(pk=referral.pk).update(updated_at=timezone.now() - dt.timedelta(days=5))
    referral.refresh_from_db()
    services.referral_interview_prep(user=setup.ca, referral=referral, text="1次面接は経理課長です。")
    # three days on, the selection has not moved for eight
    assert agents_daily(today=timezone.localdate() + dt.timedelta(days=3))["stalled"] == 1


def test_a_private_posting_past_its_listing_date_leaves_the_agencys_pool_at_once(setup, candidate, employer):
    """Before the expiry duty runs, a 非公開求人 past its 掲載期限 was still in the staff's pool (matching and new
    proposals), while a public one past it is gone from every list: one rule for both (jobs.models.live_q)."""
    from bonavi.agents import selectors
    from bonavi.core.clock import today_jst
    from bonavi.jobs.models import JobPosting

    order = private_order(setup, employer.organization)
    staff = selectors.staff_of(setup.ca)
    assert order.posting_id in set(selectors.postings_for_staff(staff).values_list("pk", flat=True))
    JobPosting.objects.filter(pk=order.posting_id).update(valid_through=today_jst() - dt.timedelta(days=1))
    assert order.posting_id not in set(selectors.postings_for_staff(staff).values_list("pk", flat=True))
    with pytest.raises(services.AgentError):
        services.proposal_create(user=setup.ca, candidate=candidate, posting_id=order.posting_id)
