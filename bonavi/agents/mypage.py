"""The agents app's part of マイページ (/me/): proposals waiting for the seeker's answer, and 推薦 whose selection
is still open, registered into seekers.mypage (seekers never imports this app)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import OPEN_STAGES, ProposalStatus
from .selectors import proposals_for_candidate


def mypage_activity(user: Any) -> Any:
    from bonavi.seekers.mypage import ActivityRow, MyPageActivity, WaitingNotice

    # proposals_for_candidate: only her own proposals, of registrations she has not withdrawn (one query).
    proposals = list(proposals_for_candidate(user))
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
        )
        for p in proposals
        if (referral := getattr(p, "referral", None)) is not None and referral.stage in OPEN_STAGES
    ]
    notice = WaitingNotice(label="エージェントからの提案", url=reverse("agents:my_proposals"), items=waiting)
    return MyPageActivity(rows=rows, waiting=[notice])


def register() -> None:
    from bonavi.seekers.mypage import register_activity

    register_activity(mypage_activity)
