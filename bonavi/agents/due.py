"""What is due in the agency's work, defined once (ADR 0110): the daily duties (services.referrals_stalled_remind,
follow_ups_remind, interviews.referral_interview_reminders_send) mail from these, and the adviser's 「今日やること」 on
/agent/ lists from them, so the page and the reminders can never disagree about what is due.

Each returns an unrestricted queryset: a caller narrows it to whom it may concern (the dashboard to the candidates
the staff member may see, `selectors.candidates_of`; a daily duty to nobody, it mails each row's advisers).
Only models are imported here, so services, interviews and selectors may all use it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, OuterRef, QuerySet

from .models import (
    OPEN_STAGES,
    CandidateStatus,
    Complaint,
    FollowUp,
    Proposal,
    ProposalStatus,
    Referral,
    ReferralInterview,
    Stage,
)

STALL_DAYS = 7  # a selection unmoved this long is stalled; the employer is asked for news
UNANSWERED_DAYS = 7  # a proposal unanswered this long: the adviser asks the candidate
INTERVIEW_AHEAD_DAYS = 7  # interviews the dashboard lists ahead


def referrals_stalled(now: dt.datetime) -> QuerySet[Referral]:
    """A selection that has not moved for STALL_DAYS, before 内定承諾 (from there the wait is the joining date), of
    a candidate whose consent stands. One waiting for the interview booked at its stage (ADR 0102) is not stalled:
    the company has given its news. (Whether its reminder was sent is the daily duty's own filter.)"""
    booked = ReferralInterview.objects.filter(
        referral=OuterRef("pk"), stage=OuterRef("stage"), cancelled_at__isnull=True, starts_at__gte=now
    )
    return Referral.objects.filter(
        stage__in=[s for s in OPEN_STAGES if s != Stage.OFFER_ACCEPTED],
        updated_at__lt=now - dt.timedelta(days=STALL_DAYS),
        proposal__candidate__status=CandidateStatus.ACTIVE,
    ).exclude(Exists(booked))


def follow_ups_due(day: dt.date) -> QuerySet[FollowUp]:
    """6か月定着確認 due on or before `day` and not yet answered (past the month's grace it becomes 不明 by itself:
    follow_ups_expire)."""
    return FollowUp.objects.filter(outcome=FollowUp.Outcome.PENDING, due_on__lte=day)


def interviews_between(start: dt.datetime, end: dt.datetime) -> QuerySet[ReferralInterview]:
    """Interviews not called off, starting in [start, end), of a referral still at that interview's stage and of a
    candidate whose consent stands."""
    return ReferralInterview.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gte=start,
        starts_at__lt=end,
        referral__stage=F("stage"),
        referral__proposal__candidate__status=CandidateStatus.ACTIVE,
    )


def proposals_to_refer() -> QuerySet[Proposal]:
    """Proposals the candidate answered 応募したい (accepted, with her document) and not yet sent as a 推薦."""
    return Proposal.objects.filter(
        status=ProposalStatus.ACCEPTED,
        referral__isnull=True,
        candidate__status=CandidateStatus.ACTIVE,
    )


def proposals_unanswered(now: dt.datetime) -> QuerySet[Proposal]:
    """Proposals the candidate has not answered for UNANSWERED_DAYS or more."""
    return Proposal.objects.filter(
        status=ProposalStatus.PROPOSED,
        created_at__lte=now - dt.timedelta(days=UNANSWERED_DAYS),
        candidate__status=CandidateStatus.ACTIVE,
    )


def offers_accepted_not_joined() -> QuerySet[Referral]:
    """内定承諾 with no 入社 recorded yet: no Placement, the row the books need (the company may have moved it to 入社
    itself; the adviser still records the date and the fee)."""
    return Referral.objects.filter(
        stage__in=[Stage.OFFER_ACCEPTED, Stage.JOINED],
        placement__isnull=True,
        proposal__candidate__status=CandidateStatus.ACTIVE,
    )


def complaints_open() -> QuerySet[Complaint]:
    """Complaints with no 対応結果 yet."""
    return Complaint.objects.filter(resolved_at__isnull=True)
