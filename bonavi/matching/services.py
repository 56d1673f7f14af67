"""Matching entry points: posting features, person profiles, ranking both ways, 「おすすめ求人」.

Postings are read only through `bonavi.jobs.selectors` (public) or a queryset the caller has already
permission-checked (an agency's own 非公開求人 via `bonavi.agents.selectors`).
"""

from __future__ import annotations

import functools
import heapq
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError

from bonavi.jobs.models import JobPosting

from .classifier import default_classifier
from .facts import JobFacts, PersonFacts, person_facts_from
from .match import MatchResult, PersonProfile, match, quick_score, shown_score
from .terms import content_terms

CANDIDATE_POOL = (
    1000  # 「おすすめ求人」 ranks the newest public postings, bounded (ARCHITECTURE.md: never unbounded)
)
_SUBROLE_PRIOR = 0.6
_QUAL_SPLIT = re.compile(r"[、,，/／・\n]|および|又は|または")
_cache: dict[tuple[int, Any], JobFacts] = {}
_lock = threading.Lock()


def _quals(text: str) -> tuple[str, ...]:
    return tuple(q.strip() for q in _QUAL_SPLIT.split(text or "") if len(q.strip()) >= 2)


def job_facts(posting: JobPosting) -> JobFacts:
    """A posting's features; cached per (id, updated_at) so a ranking touches each posting's text once."""
    key = (posting.pk, posting.updated_at)
    found = _cache.get(key)
    if found is not None:
        return found
    clf = default_classifier()
    text = f"{posting.title}。{posting.duties}"
    full_text = f"{text} {posting.required_experience}"
    occupations: dict[int, float] = {}
    for jobtag_id in clf.by_code.get(posting.mhlw_code, [])[:2]:
        occupations[jobtag_id] = _SUBROLE_PRIOR / max(1, len(clf.by_code.get(posting.mhlw_code, [])[:2]))
    for o in clf.classify(text, top=3, semantic=False):
        occupations[o.jobtag_id] = occupations.get(o.jobtag_id, 0.0) + (1 - _SUBROLE_PRIOR) * o.score
    facts = JobFacts(
        posting_id=posting.pk,
        title=posting.title,
        prefecture=posting.prefecture,
        location=posting.location_display,
        telework=posting.telework,
        employment_type=posting.employment_type,
        employment_label=posting.get_employment_type_display(),
        wage_unit=posting.wage_unit,
        wage_min=posting.wage_min,
        wage_max=posting.wage_max,
        occupations=sorted(occupations.items(), key=lambda kv: -kv[1])[:4],
        required_qualifications=_quals(posting.required_qualifications),
        preferred_qualifications=_quals(posting.preferred_qualifications),
        experience_required=bool(posting.required_experience) and not posting.inexperienced_welcome,
        inexperienced_welcome=posting.inexperienced_welcome,
        terms=frozenset(t for t in content_terms(full_text) if len(t) >= 2),
        text=full_text,
        is_private=posting.visibility == "private",
        family=posting.family,
    )
    if facts.occupations:
        top = facts.occupations[0][0]
        facts.key_skills = occupation_key_skills(top)
        facts.key_skills_of = (occ.title if (occ := clf.occupation(top)) else "") if facts.key_skills else ""
    with _lock:
        if len(_cache) > 50_000:
            _cache.clear()
        _cache[key] = facts
    return facts


def person_profile(facts: PersonFacts, *, semantic: bool = True, ref: Any = None) -> PersonProfile:
    """Occupation weights from the person's (scrubbed) experience text and stated wishes. `ref`: the careers
    reference, when the caller profiles many people and has looked it up once."""
    clf = default_classifier()
    weights: dict[int, float] = {}
    text = facts.cleaned_text()
    if text:
        for o in clf.classify(text, top=5, semantic=semantic):
            weights[o.jobtag_id] = weights.get(o.jobtag_id, 0.0) + 0.7 * o.score
    wished = [i for i in facts.desired_occupations if clf.occupation(i) is not None]
    for jobtag_id in wished:
        weights[jobtag_id] = weights.get(jobtag_id, 0.0) + (0.3 if text else 1.0) / len(wished)
    titles = {i: (occ.title if (occ := clf.occupation(i)) else "") for i in weights}
    terms = frozenset(t for t in content_terms(text) if len(t) >= 2)
    families, skills = translator_evidence(text, ref=ref)
    return PersonProfile(
        facts=facts,
        occupations=weights,
        occupation_titles=titles,
        terms=terms,
        text=text,
        qualifications=tuple(facts.qualifications),
        families=families,
        skills_shown=skills,
    )


def translator_evidence(text: str, *, ref: Any = None) -> tuple[dict[str, tuple[float, str]], frozenset[str]]:
    """The careers experience translator on the text: its job families (share ≥ 0.25, with its words) and the
    jobtag skill / knowledge keys its quoted evidence shows."""
    if not text.strip():
        return {}, frozenset()
    from bonavi.careers.textcheck import TextRejected
    from bonavi.careers.translator import translate

    try:
        result = translate(text, ref=ref)
    except TextRejected:
        return {}, frozenset()
    except DatabaseError:  # the careers reference tables are not migrated (e.g. a bare benchmark database)
        return {}, frozenset()
    families = {
        f["family"]: (float(f["score"]), f"{f['name']}：{f['why']}")
        for f in result.get("families", [])
        if float(f.get("score", 0)) >= 0.25
    }
    skills = frozenset(e["skill"] for e in result.get("evidence", []) if e.get("skill"))
    return families, skills


def _careers_reference() -> Any:
    from bonavi.careers.reference import get_reference

    try:
        return get_reference()
    except DatabaseError:  # not migrated: translator_evidence then finds nothing, as before
        return None


def occupation_key_skills(jobtag_id: int) -> tuple[tuple[str, str], ...]:
    """(key, Japanese label) of the skills and knowledge jobtag rates distinctly high for the occupation — the
    careers gap rule with nothing covered: rated at least the careers floor and ≥ 0.5 SD above the average of all
    occupations, most distinctive first (ADR 0033). Empty without the careers reference."""
    try:
        return _key_skills(jobtag_id)
    except DatabaseError:
        return ()  # not migrated yet; an exception is not cached, so the skills appear once it is


@functools.lru_cache(maxsize=1024)
def _key_skills(jobtag_id: int) -> tuple[tuple[str, str], ...]:
    # Cached per process (matching asks once per posting scored); a new jobtag release is read after a restart.
    from bonavi.careers.gaps import gaps_for_evidence
    from bonavi.careers.reference import get_reference

    ref = get_reference()
    occupation = ref.get(jobtag_id)
    if occupation is None:
        return ()
    return tuple((row["key"], row["label"]) for row in gaps_for_evidence(set(), occupation, ref)[:4])


def rank(profile: PersonProfile, jobs: Iterable[JobFacts], *, limit: int = 20) -> list[MatchResult]:
    """Best `limit` postings, explained. Scores every posting cheaply, explains only the ones returned."""
    best = heapq.nlargest(
        limit, ((quick_score(profile, j), -j.posting_id, j) for j in jobs), key=lambda t: t[:2]
    )
    return [match(profile, j) for _, _, j in best]


def rank_postings(
    facts: PersonFacts, postings: Iterable[JobPosting], *, limit: int = 20
) -> list[MatchResult]:
    profile = person_profile(facts)
    return rank(profile, (job_facts(p) for p in postings), limit=limit)


def rank_people(
    posting: JobPosting, people: Iterable[tuple[Any, PersonFacts]], *, limit: int = 20
) -> list[tuple[Any, MatchResult]]:
    """Candidates for one job: (who, explanation) best first. `who` is passed through untouched."""
    j = job_facts(posting)
    ref = _careers_reference()  # looked up once, not once per person (it costs a query each time)
    profiles = [(who, person_profile(facts, semantic=False, ref=ref)) for who, facts in people]
    # Sorted by the score as shown (ties keep their order), then only the ones returned are explained.
    profiles.sort(key=lambda t: -shown_score(quick_score(t[1], j)))
    return [(who, match(profile, j)) for who, profile in profiles[:limit]]


def person_facts_from_seeker(profile: Any) -> PersonFacts:
    """PersonFacts from a seekers.SeekerProfile. Reads only the wish and skill fields, by name; the profile's
    生年月日・性別 are never read (ADR 0061)."""
    unit = profile.desired_pay_unit or "month"
    floor = profile.desired_pay_min
    if not floor and profile.desired_annual_income:
        floor, unit = profile.desired_annual_income * 10_000, "year"
    remote = {"partial": "partial", "full": "full"}.get(profile.remote_preference or "", "any")
    quals = [q.name for q in profile.qualifications.all()]
    history = " ".join(h.text for h in profile.history.all() if h.kind == "work")
    return person_facts_from(
        {
            "prefectures": list(profile.desired_prefectures or []),
            "telework": remote,
            "pay_floor": floor,
            "pay_unit": unit,
            "employment_types": list(profile.desired_employment_types or []),
            "desired_families": list(profile.desired_families or []),
            "available_from": profile.available_from,
            "experience_text": f"{profile.experience}\n{history}".strip(),
            "skills": [k for k, v in (profile.pc_skills or {}).items() if v],
            "qualifications": quals,
        }
    )


def candidate_postings() -> list[JobPosting]:
    """The postings 「おすすめ求人」 ranks: the newest CANDIDATE_POOL public ones."""
    from bonavi.jobs.selectors import public_postings

    return list(
        public_postings().select_related("organization").order_by("-date_posted", "-id")[:CANDIDATE_POOL]
    )


def has_wishes(profile: Any) -> bool:
    """Whether the seeker said anything of what she wants (プロフィールの希望条件): 職種, 勤務地, 雇用形態, 給与 or
    在宅. Without any, 「おすすめ求人」 asks for them rather than ranking every public job in Japan on the words
    of a part-time job (入社可能日 alone does not say which jobs)."""
    return bool(
        profile.desired_families
        or profile.desired_prefectures
        or profile.desired_employment_types
        or profile.desired_pay_min
        or profile.desired_annual_income
        or profile.remote_preference
    )


def place_unknown(profile: Any) -> bool:
    """No 希望勤務地 and no full-remote wish: the list comes from the whole country, and the page says so."""
    return not profile.desired_prefectures and profile.remote_preference != "full"


@dataclass(frozen=True)
class Recommendations:
    """「おすすめ求人」 for one person, and what the page says of how they were chosen."""

    items: list[tuple[JobPosting, MatchResult]] = field(default_factory=list)
    ask_wishes: bool = True  # not a seeker who has given 希望条件 (has_wishes): nothing was ranked
    place_unknown: bool = False  # ranked from the whole country (see place_unknown)
    applied_left_out: bool = False  # a posting she applied to was among the candidates and was left out


def recommended_for_seeker(user: Any, *, limit: int = 10) -> Recommendations:
    """「おすすめ求人」: public postings only, the newest CANDIDATE_POOL of them, explained; none until the user
    is a seeker who has given 希望条件 (has_wishes).

    Postings she has already applied to are left out, whatever became of the application: one cannot apply
    twice, so the entry would only take one of the few places from a job she has not seen (her 応募 page lists
    those); her own applications are read through the seekers selector, which checks it is her."""
    profile = getattr(user, "seeker_profile", None)
    if not getattr(user, "is_seeker", False) or profile is None or not has_wishes(profile):
        return Recommendations()
    from bonavi.seekers.selectors import applications_of_seeker

    applied = set(applications_of_seeker(user=user).values_list("posting_id", flat=True))
    facts = person_facts_from_seeker(profile)
    candidates = candidate_postings()
    postings = [p for p in candidates if p.pk not in applied]
    by_id = {p.pk: p for p in postings}
    results = rank_postings(facts, postings, limit=limit)
    return Recommendations(
        items=[(by_id[r.posting_id], r) for r in results],
        ask_wishes=False,
        place_unknown=place_unknown(profile),
        applied_left_out=len(postings) < len(candidates),
    )
