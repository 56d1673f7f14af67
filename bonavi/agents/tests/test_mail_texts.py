"""What the agency's mails say, read as their recipients would: a link to act on, and dates with their 曜日."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from bonavi.agents import services
from bonavi.agents.models import Stage
from bonavi.agents.tests.factories import offer_as_posted, place, private_order
from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://bonavi.example.jp")
def test_the_adviser_told_of_a_stage_change_gets_the_candidates_page(setup, referral, employer):
    OutboxMessage.objects.all().delete()
    services.referral_move(user=employer, referral=referral, to_stage=Stage.DOCUMENT)
    to_adviser = OutboxMessage.objects.get(to_email=setup.ca.email)
    body = to_adviser.body_text
    candidate_url = f"https://bonavi.example.jp/agent/candidates/{referral.proposal.candidate_id}/"
    assert candidate_url in body.splitlines()
    # No empty 連絡事項 line left where the employer wrote none.
    assert "：推薦 → 書類選考\n\n" + candidate_url in body


def test_the_offer_answer_deadline_is_mailed_with_its_weekday(setup, referral, employer, seeker):
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    services.referral_move(
        user=employer,
        referral=referral,
        to_stage=Stage.OFFER,
        answer_by=dt.date(2027, 1, 8),
        offer=offer_as_posted(referral),
    )
    to_seeker = OutboxMessage.objects.filter(to_email=seeker.email, subject__contains="内定").get()
    assert "企業が設定した回答期限：2027年1月8日（金）" in to_seeker.body_text


def test_the_six_month_check_reminder_dates_read_naturally(setup, candidate, employer):
    place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=dt.date(2024, 5, 1),
    )
    OutboxMessage.objects.all().delete()
    assert services.follow_ups_remind(today=dt.date(2024, 11, 1)) == 1
    body = OutboxMessage.objects.filter(to_email=setup.ca.email).get().body_text
    assert "2024年5月1日（水）に入社した" in body and "定着確認の期日（2024年11月1日（金））です。" in body


def test_the_reminder_and_the_withdrawal_notice_go_to_the_same_people(setup, candidate, seeker, employer):
    """The advisers and the office's 責任者: active logins only, each once (a 責任者 who is also her adviser), in
    the same order for both mails."""
    place(
        setup,
        candidate,
        private_order(setup, employer.organization).posting_id,
        joined_on=dt.date(2024, 5, 1),
    )
    candidate.advisers.add(setup.boss.agency_staff, setup.ra.agency_staff)
    setup.ra.is_active = False
    setup.ra.save()
    OutboxMessage.objects.all().delete()
    services.follow_ups_remind(today=dt.date(2024, 11, 1))
    reminded = list(OutboxMessage.objects.order_by("pk").values_list("to_email", flat=True))
    OutboxMessage.objects.all().delete()
    services.candidate_withdraw(user=seeker, candidate=candidate)
    told = OutboxMessage.objects.filter(subject__endswith="さんが同意を撤回しました").order_by("pk")
    expected = sorted([setup.ca, setup.boss], key=lambda u: u.pk)
    assert reminded == [m.to_email for m in told] == [u.email for u in expected]


def test_only_the_candidate_is_told_that_seekers_pay_no_fee(setup, referral, employer, seeker):
    """「求職者の方から料金をいただくことはありません。」 closed every agency mail, the employer's and the adviser's
    too, where it reads as if they were the ones not charged."""
    note = "求職者の方から料金をいただくことはありません。"
    to_employer = [m.body_text for m in OutboxMessage.objects.filter(to_email=employer.email)]
    assert to_employer and all(note not in body for body in to_employer)  # the 推薦 itself
    OutboxMessage.objects.all().delete()
    services.referral_move(user=employer, referral=referral, to_stage=Stage.INTERVIEW1)
    mails = {m.to_email: m.body_text for m in OutboxMessage.objects.all()}
    assert note in mails[seeker.email]
    assert note not in mails[setup.ca.email]
