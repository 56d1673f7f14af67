"""Her direct 応募 to a job an agency proposed to her (ADR 0148), the reverse of ADR 0141.

Registered into `seekers.apply_notes` from AgentsConfig.ready (seekers imports nothing of agents). Read only from
her own proposals (`selectors.proposals_for_candidate`: her registrations she has not withdrawn), never another
candidate's:
- a proposal she accepted that the agency can recommend (an order in force), or one recommended already (whatever
  became of the selection) refuses the direct 応募, naming the agency and linking the proposal — the company would
  get her twice, and who introduced her (and whether a fee is due) would be disputed;
- a 推薦 proposal not answered yet is a notice: applying directly declines nothing, but the agency will not
  recommend her to it afterwards (ADR 0141's rule refuses it at send);
- a proposal she declined, or the agency withdrew, says nothing; information about a job the agency holds no order
  for (「ご案内」) says that she applies herself, as its card does.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bonavi.seekers.apply_notes import ApplyNote, register_apply_notes

from . import selectors
from .models import OPEN_STAGES, ProposalStatus

LINK_LABEL = "提案を見る"


def accepted_refusal(agency: str) -> str:
    return f"この求人は{agency}からの提案を承諾済みです。応募はエージェント経由で進みます。"


def her_proposal_notes(user: Any, posting_id: int) -> list[ApplyNote]:
    """What the apply page and `application_create` say about her proposals of `posting_id` (ADR 0148)."""
    if not getattr(user, "is_seeker", False):
        return []
    proposals = list(
        selectors.proposals_for_candidate(user)
        .filter(posting_id=posting_id)
        .exclude(status__in=[ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN])
    )
    kinds = selectors.proposal_kinds(proposals)
    notes: list[ApplyNote] = []
    for proposal in proposals:
        agency = proposal.candidate.agency.name
        url = reverse("agents:my_proposal", args=[proposal.pk])
        referral = getattr(proposal, "referral", None)
        recommendable = kinds[proposal.pk].key == "referral"
        if referral is not None and referral.stage in OPEN_STAGES:
            text, refuses = accepted_refusal(agency), True
            short = text
        elif referral is not None:
            # The company read her through the agency already; as ADR 0141 refuses the 推薦 of a job she applied to
            # whatever came of it, a 応募 after the 推薦 is refused whatever came of the selection.
            text = (
                f"この求人には{agency}から推薦済みです（選考：{referral.get_stage_display()}）。同じ求人への直接応募は"
                f"できません（二重応募の防止）。ご不明な点は{agency}の担当者にご相談ください。"
            )
            refuses = True
            short = f"この求人には{agency}から推薦済みのため、直接応募はできません。"
        elif proposal.status == ProposalStatus.ACCEPTED and recommendable:
            text, refuses = accepted_refusal(agency), True
            short = text
        elif proposal.status == ProposalStatus.ACCEPTED:
            # Accepted, but the agency's order has lapsed since: no 推薦 is coming, so nothing is held back.
            text = (
                f"{agency}からの提案を承諾していますが、{agency}はいまこの求人に推薦できません。"
                "この画面から直接応募できます。"
            )
            refuses = False
            short = f"{agency}からの提案を承諾していますが、この求人には直接応募できます。"
        elif recommendable:
            text = (
                f"{agency}からこの求人の提案が届いています（回答待ち）。ここで直接応募しても提案を辞退したことには"
                f"なりませんが、{agency}からこの求人に推薦されることはなくなります（同じ求人への二重応募の防止）。"
            )
            refuses = False
            short = (
                f"{agency}からこの求人の提案が届いています（回答待ち）。直接応募すると{agency}からの推薦は"
                "受けられなくなります。"
            )
        else:
            text = (
                f"この求人は{agency}からのご案内です。{agency}からの推薦はできない求人のため、"
                "応募はこの画面からご自身で行います。"
            )
            refuses = False
            short = f"この求人は{agency}からのご案内です。応募はご自身でこのページから行います。"
        notes.append(ApplyNote(text=text, url=url, link_label=LINK_LABEL, refuses=refuses, short=short))
    return notes


def register() -> None:
    register_apply_notes(her_proposal_notes)
