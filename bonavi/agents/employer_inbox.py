"""Referrals on the employer's 「応募者」 list (seekers.inbox) and their count beside each posting on 求人管理
(jobs.applicant_counts), in the list's shared words (ADR 0096).

A referral's stored stage and its pipeline are unchanged (推薦 → 書類選考 → 1次/2次/最終面接 → 内定 → 内定承諾 →
入社, or 不採用 / 辞退): the list only names each stage by the step it shares with a direct application, and keeps
the words only a referral has (which interview, an accepted offer) in brackets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from bonavi.core import clock
from bonavi.jobs.applicant_counts import PostingCount, count_per_posting, register_posting_count
from bonavi.seekers.inbox import (
    InboxKind,
    InboxRow,
    entry_columns,
    list_href,
    register_inbox_kind,
)
from bonavi.seekers.inbox import step_label as shared_step_label
from bonavi.seekers.models import ApplicationStatus

from .interviews import AGAIN_CALLED_OFF, current_interview, held_before_called_off
from .models import Referral, ReferralInterview, Stage
from .selectors import referrals_for_employer

KIND = "agent"
LABEL = "エージェント推薦"

# Each stage → (the shared step, the detail only a referral has).
STEP_OF: dict[str, tuple[str, str]] = {
    # 「応募済（推薦）」: the shared word, and the referral's own (ADR 0121).
    Stage.RECOMMENDED: (ApplicationStatus.APPLIED, "推薦"),
    Stage.DOCUMENT: (ApplicationStatus.SCREENING, ""),
    Stage.INTERVIEW1: (ApplicationStatus.INTERVIEW, "1次"),
    Stage.INTERVIEW2: (ApplicationStatus.INTERVIEW, "2次"),
    Stage.FINAL: (ApplicationStatus.INTERVIEW, "最終"),
    Stage.OFFER: (ApplicationStatus.OFFER, ""),
    Stage.OFFER_ACCEPTED: (ApplicationStatus.OFFER, "承諾済み"),
    Stage.JOINED: (ApplicationStatus.HIRED, ""),
    Stage.REJECTED: (ApplicationStatus.REJECTED, ""),
    Stage.DECLINED: (ApplicationStatus.WITHDRAWN, ""),
}


def stages_of(step: str) -> list[str]:
    return [stage for stage, (shared, _) in STEP_OF.items() if shared == step]


def step_label(
    stage: str, interview: ReferralInterview | None = None, *, now: dt.datetime | None = None
) -> str:
    """「面接（1次）」; with the interview of that stage, what the company looks for on the list, in Japan time: its
    day and time while it is to come, 「面接（1次・12月3日（木）14:00）」, its day once held, 「面接済み（1次・12月3日
    （木））」 (seekers.inbox.step_label, the direct application's format and test too)."""
    step, detail = STEP_OF[stage]
    return shared_step_label(step, detail, interview, now=now)


def referral_step_label(referral: Referral, *, now: dt.datetime | None = None) -> str:
    """The row's word for `referral` (its interviews prefetched, called-off ones included): step_label of its stage's
    interview; a 再面接 called off after a held one reads 「面接済み（1次・12月3日（木））・再面接は取消」 (ADR 0136) —
    the held one alone said 面接済み as if no 再面接 had been booked."""
    interview = current_interview(referral)  # its stage's, as on the referral's page
    if (held := held_before_called_off(referral, interview, now)) is not None:
        return f"{step_label(referral.stage, held, now=now)}・{AGAIN_CALLED_OFF}"
    return step_label(referral.stage, interview, now=now)


def _entries(user: Any, posting_id: int | None, step: str | None) -> QuerySet[Any]:
    qs = referrals_for_employer(user)
    if posting_id is not None:
        qs = qs.filter(proposal__posting_id=posting_id)
    if step is not None:
        qs = qs.filter(stage__in=stages_of(step))
    return entry_columns(qs.select_related(None).order_by(), kind=KIND, at="sent_at")


def _rows(user: Any, refs: list[int]) -> dict[int, InboxRow]:
    rows: dict[int, InboxRow] = {}
    # Up to a page of rows: the texts sent and the proposal's stored conditions are not shown here, and are large.
    shown = referrals_for_employer(user).filter(pk__in=refs)
    # The interviews, for the date beside 「面接」: one more query for the page, not one per row. Called-off ones
    # too: a called-off 再面接 is what tells the held one before it from "nothing happened since" (ADR 0136).
    now = clock.now()
    for r in shown.defer("document_text", "proposal__document_text", "proposal__snapshot").prefetch_related(
        "interviews"
    ):
        rows[r.pk] = InboxRow(
            kind_label=f"{LABEL}（{r.proposal.candidate.agency.name}）",
            name=r.proposal.candidate.name,
            posting_title=r.proposal.posting.title,
            date_label="推薦日",
            at=r.sent_at,
            step=STEP_OF[r.stage][0],
            step_label=referral_step_label(r, now=now),
            href=reverse("agents:employer_referral", args=[r.pk]),
        )
    return rows


def register() -> None:
    register_inbox_kind(InboxKind(kind=KIND, label=LABEL, entries=_entries, rows=_rows))
    register_posting_count(
        PostingCount(
            name="agent_total",
            label=LABEL,
            expression=lambda: count_per_posting(Referral.objects.all(), key="proposal__posting"),
            link=lambda pk: list_href(posting=pk, kind=KIND),
        )
    )
