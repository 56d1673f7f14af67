"""The agents app's part of マイページ (/me/): proposals waiting for the seeker's answer, and 推薦 whose selection
is still open; and every 推薦 of hers on 応募の一覧 (/me/applications/). Registered into seekers.mypage (seekers
never imports this app)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from bonavi.seekers.mypage import (
    ActivityRow,
    MyPageActivity,
    OtherApplication,
    WaitingNotice,
    register_activity,
    register_applications,
)

from .interviews import row_line
from .models import OPEN_STAGES, ProposalStatus
from .selectors import proposals_for_candidate


def mypage_activity(user: Any) -> MyPageActivity | None:
    # proposals_for_candidate: only her own proposals, of registrations she has not withdrawn. Only those the page
    # shows are loaded (one query, whatever her history): waiting for her answer, or a 推薦 still in selection.
    proposals = list(
        proposals_for_candidate(user)
        .filter(Q(status=ProposalStatus.PROPOSED) | Q(referral__stage__in=OPEN_STAGES))
        .select_related(None)
        .select_related("candidate__agency__organization", "posting", "referral")
        # The interviews of each 推薦 (three at most), for the date under its stage: one query, not one a row.
        .prefetch_related("referral__interviews")
    )
    if not proposals:
        return None
    waiting = tuple(
        (p.posting.title, reverse("agents:my_proposal", args=[p.pk]))
        for p in proposals
        if p.status == ProposalStatus.PROPOSED
    )
    rows = [
        ActivityRow(
            title=p.posting.title,
            url=reverse("agents:my_proposal", args=[p.pk]),
            status=referral.get_stage_display(),
            via=f"{p.candidate.agency.name}経由",
            interview=row_line(referral),
        )
        for p in proposals
        if (referral := getattr(p, "referral", None)) is not None and referral.stage in OPEN_STAGES
    ]
    notice = WaitingNotice(label="エージェントからの提案", url=reverse("agents:my_proposals"), items=waiting)
    return MyPageActivity(rows=rows, waiting=[notice])


def referral_applications(user: Any) -> list[OtherApplication]:
    """Each 推薦 the agency sent for her, whatever its stage: 応募の一覧 said 「まだ応募していません」 while マイページ
    showed one at 1次面接. Only her own, of registrations she has not withdrawn (proposals_for_candidate); a proposal
    she has not yet agreed to is no application and stays on 「エージェントからの提案」."""
    proposals = (
        proposals_for_candidate(user)
        .filter(referral__isnull=False)
        .select_related(None)
        .select_related("candidate__agency__organization", "posting__organization", "referral")
        .prefetch_related("referral__interviews")
    )
    return [
        OtherApplication(
            title=p.posting.title,
            employer=p.posting.employer_display,
            url=reverse("agents:my_proposal", args=[p.pk]),
            kind=f"エージェント経由（{p.candidate.agency.name}）",
            date_label="推薦日",
            at=p.referral.sent_at,
            status=p.referral.get_stage_display(),
            updated_at=p.referral.updated_at,
            interview=row_line(p.referral),
        )
        for p in proposals
    ]


def register() -> None:
    register_activity(mypage_activity)
    register_applications(referral_applications)
