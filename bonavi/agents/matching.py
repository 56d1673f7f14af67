"""The agency's view of matching: a hearing sheet as PersonFacts, jobs for a candidate (public + own
非公開求人), candidates for a job. Only the hearing's allowed fields are read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from bonavi.jobs.models import JobPosting
from bonavi.matching.facts import PersonFacts, person_facts_from
from bonavi.matching.match import GROW_TOPIC, MatchResult, Reason
from bonavi.matching.services import rank_people, rank_pool

from . import selectors
from .models import Candidate, CandidateStatus, HearingSheet, Staff

POOL = 2000


def person_facts_from_hearing(sheet: HearingSheet | None) -> PersonFacts:
    if sheet is None:
        return PersonFacts()
    return person_facts_from(
        {
            "prefectures": list(sheet.desired_prefectures or []),
            "telework": sheet.telework or "any",
            "pay_floor": sheet.pay_floor,
            "pay_unit": sheet.pay_unit or "month",
            "employment_types": list(sheet.employment_types or []),
            "available_from": sheet.available_from,
            # 希望職種 is a wish: the classifier reads it, the evidence of what the candidate did does not.
            "experience_text": sheet.experience,
            "wish_text": sheet.desired_occupations,
            "skills": sheet.skills,
            "qualifications": sheet.qualifications,
            "years_experience": sheet.years_experience,
        }
    )


def candidate_facts(candidate: Candidate, evidence: selectors.CareerEvidence | None = None) -> PersonFacts:
    """Her hearing sheet as PersonFacts, its experience followed by the evidence of her saved 棚卸し when her consent
    covers it (`evidence`, read by the caller through selectors.career_evidence). The adviser's summary of her
    experience left out what her own text said — 「合宿の予算表の作成」, the 棚卸し's 資金管理 — and the match then
    said 資金管理 could not be read from her experience (ADR 0141): both now read the same words."""
    facts = person_facts_from_hearing(getattr(candidate, "hearing", None))
    if evidence is None or not evidence.spans:
        return facts
    said = "。".join(s.rstrip("。") for s in evidence.spans) + "。"
    return replace(facts, experience_text="\n".join(t for t in (facts.experience_text, said) if t))


def jobs_for_candidate(
    staff: Staff,
    candidate: Candidate,
    *,
    limit: int = 20,
    evidence: selectors.CareerEvidence | Literal["read"] | None = "read",
) -> list[tuple[JobPosting, MatchResult]]:
    """The jobs to propose to her, best first. Every caller (her page, the proposals' stored match, the API) ranks
    on the same evidence: her saved 棚卸し's is read here ("read") unless the caller read it already (her page shows
    it)."""
    if evidence == "read":
        evidence = selectors.career_evidence(candidate)
    facts = candidate_facts(candidate, evidence)
    postings = selectors.postings_for_staff(staff).order_by("-date_posted", "-id")
    return rank_pool(facts, postings, pool=POOL, limit=limit)


def candidates_for_job(
    user: Any, posting: JobPosting, *, limit: int = 20
) -> list[tuple[Candidate, MatchResult]]:
    candidates = list(
        selectors.candidates_visible_to(user).filter(status=CandidateStatus.ACTIVE).select_related("hearing")
    )
    evidence = selectors.careers_evidence(candidates)  # one query for all, as on her own page
    people = [(c, candidate_facts(c, evidence.get(c.pk))) for c in candidates]
    return rank_people(posting, people, limit=limit)


def grow_said_once(
    matches: list[tuple[JobPosting, MatchResult]],
) -> tuple[list[tuple[JobPosting, MatchResult]], Reason | None]:
    """The candidate page's list says 「伸ばすスキル」 once when every job has the same one: it is about her evidence,
    and twenty cards repeated the same line (ADR 0125, s15). Returns the matches without it (copies: a result is
    not changed in place) and the reason; the matches unchanged and None when any job's differs or lacks it."""
    grow = [[r for r in result.stretch if r.topic == GROW_TOPIC] for _, result in matches]
    if len(matches) < 2 or any(len(g) != 1 for g in grow) or len({g[0] for g in grow}) != 1:
        return matches, None
    said = grow[0][0]
    return [(p, replace(r, stretch=[x for x in r.stretch if x != said])) for p, r in matches], said
