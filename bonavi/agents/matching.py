"""The agency's view of matching: a hearing sheet as PersonFacts, jobs for a candidate (public + own
非公開求人), candidates for a job. Only the hearing's allowed fields are read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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


def jobs_for_candidate(
    staff: Staff, candidate: Candidate, *, limit: int = 20
) -> list[tuple[JobPosting, MatchResult]]:
    facts = person_facts_from_hearing(getattr(candidate, "hearing", None))
    postings = selectors.postings_for_staff(staff).order_by("-date_posted", "-id")
    return rank_pool(facts, postings, pool=POOL, limit=limit)


def candidates_for_job(
    user: Any, posting: JobPosting, *, limit: int = 20
) -> list[tuple[Candidate, MatchResult]]:
    people = [
        (c, person_facts_from_hearing(getattr(c, "hearing", None)))
        for c in selectors.candidates_visible_to(user)
        .filter(status=CandidateStatus.ACTIVE)
        .select_related("hearing")
    ]
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
