"""Matching entry points: posting features, person profiles, ranking both ways, 「おすすめ求人」.

Postings are read only through `bonavi.jobs.selectors` (public) or a queryset the caller has already
permission-checked (an agency's own 非公開求人 via `bonavi.agents.selectors`).
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import logging
import operator
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Case, QuerySet, Value, When

from bonavi.jobs.catalog import SUBROLE_BY_CODE
from bonavi.jobs.models import JobPosting, PostingStatus
from bonavi.seekers.catalog import PC_SKILL_NAMES

from . import features_store
from .classifier import default_classifier
from .facts import JobFacts, PersonFacts, person_facts_from
from .features_store import Derived
from .match import MatchResult, PersonProfile, match, quick_score, shown_score
from .models import PostingFeatures
from .terms import content_terms

logger = logging.getLogger(__name__)

CANDIDATE_POOL = (
    1000  # 「おすすめ求人」 ranks the newest public postings, bounded (ARCHITECTURE.md: never unbounded)
)
_SUBROLE_PRIOR = 0.6
_QUAL_SPLIT = re.compile(r"[、,，/／・\n]|および|又は|または")
# (id, updated_at) → (facts, recheck_at): see STALE_RECHECK for the second half.
_cache: dict[tuple[int, Any], tuple[JobFacts, float | None]] = {}
_lock = threading.Lock()


def _quals(text: str) -> tuple[str, ...]:
    return tuple(q.strip() for q in _QUAL_SPLIT.split(text or "") if len(q.strip()) >= 2)


def job_facts(posting: JobPosting, *, derived: Derived | None = None) -> JobFacts:
    """A posting's features; cached per (id, updated_at) so a ranking touches each posting's text once. `derived`:
    the classified part when the caller has it (a stored row, see pool_facts); computed otherwise."""
    found = _cache.get((posting.pk, posting.updated_at))
    if found is not None:
        return found[0]
    return _remember(posting, derived if derived is not None else derived_features(posting))


# Facts made from a stored row of older classifier data (pool_facts) are cached like any, but with a recheck_at,
# a time.monotonic(): after it pool_facts reads the row again, so a process picks up the row the worker has recomputed
# since instead of serving the older features until it restarts. Only pool_facts looks at it; job_facts serves
# them as they are (one posting, good features).
STALE_RECHECK = 300.0  # the worker's turn (BACKFILL_EVERY)


def _cached(key: tuple[int, Any], now: float) -> JobFacts | None:
    found = _cache.get(key)
    if found is None:
        return None
    facts, recheck_at = found
    if recheck_at is not None and recheck_at <= now:
        return None  # of older classifier data, and due for another look at its row
    return facts


def _remember(posting: JobPosting, derived: Derived, *, recheck_at: float | None = None) -> JobFacts:
    key = (posting.pk, posting.updated_at)
    key_skills = occupation_key_skills(derived.key_occupation) if derived.key_occupation is not None else ()
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
        occupations=list(derived.occupations),
        required_qualifications=_quals(posting.required_qualifications),
        preferred_qualifications=_quals(posting.preferred_qualifications),
        experience_required=bool(posting.required_experience) and not posting.inexperienced_welcome,
        inexperienced_welcome=posting.inexperienced_welcome,
        terms=derived.terms,
        text=_full_text(posting),
        is_private=posting.visibility == "private",
        family=posting.family,
        posted=posting.date_posted.timestamp() if posting.date_posted else 0.0,
        key_skills=key_skills,
        key_skills_of=derived.key_title if key_skills else "",
    )
    with _lock:
        if len(_cache) > 50_000:
            _cache.clear()
        _cache[key] = (facts, recheck_at)
    return facts


def _full_text(posting: JobPosting) -> str:
    return f"{posting.title}。{posting.duties} {posting.required_experience}"


# The posting fields derived_features reads (mhlw_code is the sub-role's).
DERIVED_FROM = ("id", "updated_at", "title", "duties", "required_experience", "subrole")


def derived_features(posting: JobPosting) -> Derived:
    """The part of job_facts that reads the posting's text with the classifier (≈ 1–3 ms): what is stored."""
    clf = default_classifier()
    text = f"{posting.title}。{posting.duties}"
    occupations: dict[int, float] = {}
    prior = subrole_occupations(posting.subrole, posting.mhlw_code)
    for jobtag_id in prior:
        occupations[jobtag_id] = _SUBROLE_PRIOR / len(prior)
    for jobtag_id, score in clf.lexical_top(text, top=3):
        occupations[jobtag_id] = occupations.get(jobtag_id, 0.0) + (1 - _SUBROLE_PRIOR) * score
    best = tuple(sorted(occupations.items(), key=lambda kv: -kv[1])[:4])
    top: int | None = None
    if best:
        # The key skills are those of the sub-role's own occupation when it has one (内部監査 → 内部監査人), not of
        # whichever occupation shares its MHLW code first (総務事務): the label names the job the seeker sees.
        top = prior[0] if len(prior) == 1 else best[0][0]
    return Derived(
        occupations=best,
        terms=frozenset(t for t in content_terms(_full_text(posting)) if len(t) >= 2),
        key_occupation=top,
        key_title=(occ.title if top is not None and (occ := clf.occupation(top)) else ""),
    )


def person_profile(facts: PersonFacts, *, semantic: bool = True, ref: Any = None) -> PersonProfile:
    """Occupation weights from the person's (scrubbed) experience text and stated wishes. `ref`: the careers
    reference, when the caller profiles many people and has looked it up once."""
    if ref is None:
        ref = _careers_reference()
    if ref is None:  # the careers tables cannot be read: profiled without their families, and not kept
        return _person_profile(facts, semantic=semantic, ref=None)
    key = (facts, semantic, ref.token)
    with _lock:
        found = _profiles.get(key)
        if found is not None:
            _profiles.move_to_end(key)
            return found
    made = _person_profile(facts, semantic=semantic, ref=ref)
    with _lock:
        _profiles[key] = made
        while len(_profiles) > PROFILE_CACHE_SIZE:
            _profiles.popitem(last=False)
    return made


# The classified profile of a person, keyed by everything it is computed from (PersonFacts is a frozen value:
# two equal facts give the same profile, and any change to the person's data is a different key, so a stale
# profile is never served). The careers reference is reloaded when a new jobtag release is imported, so its token
# (release id and digest) is in the key: a profile of the old release's families is not served after it. The
# classifier is read once per process. Bounded: an agency's candidates and the seekers active on one process fit
# many times over.
PROFILE_CACHE_SIZE = 512
_profiles: OrderedDict[tuple[PersonFacts, bool, tuple[int, str]], PersonProfile] = OrderedDict()


def _person_profile(facts: PersonFacts, *, semantic: bool, ref: Any) -> PersonProfile:
    clf = default_classifier()
    weights: dict[int, float] = {}
    text = facts.cleaned_text()
    if text:
        for o in clf.classify(text, top=5, semantic=semantic):
            weights[o.jobtag_id] = weights.get(o.jobtag_id, 0.0) + 0.7 * o.score
    wished = [i for i in facts.desired_occupations if clf.occupation(i) is not None]
    for jobtag_id in wished:
        weights[jobtag_id] = weights.get(jobtag_id, 0.0) + (0.3 if text else 1.0) / len(wished)
    # Whether she is 経験者 for a job is read from what she did: classified again without the wish, only when the
    # wish changed what the classifier read (a hearing's 希望職種, 「経理に挑戦したい」).
    experience: dict[int, float] | None = None
    if wished or facts.reads_beyond_evidence():
        experience = {}
        if evidence := facts.evidence_text():
            for o in clf.classify(evidence, top=5, semantic=semantic):
                experience[o.jobtag_id] = experience.get(o.jobtag_id, 0.0) + 0.7 * o.score
    titles = {i: (occ.title if (occ := clf.occupation(i)) else "") for i in weights}
    # The classifier reads the wish too (経験・希望); the words quoted as the person's, the families her
    # experience points to and the skills it shows come from what she did only (facts.evidence_text).
    done = facts.evidence_text()
    terms = frozenset(t for t in content_terms(done) if len(t) >= 2)
    families = translator_families(done, ref=ref)
    skills = skills_in_text(done)
    return PersonProfile(
        facts=facts,
        occupations=weights,
        occupation_titles=titles,
        terms=terms,
        text=done,
        qualifications=tuple(facts.qualifications),
        families=families,
        skills_shown=skills,
        experience_occupations=experience,
    )


def translator_families(text: str, *, ref: Any = None) -> dict[str, tuple[float, str]]:
    """The careers experience translator's job families for the text (share ≥ 0.25), with its words. (The skills
    the text shows are read by skills_in_text, from every lexicon phrase, not only the clauses quoted here.)"""
    if not text.strip():
        return {}
    from bonavi.careers.textcheck import TextRejected
    from bonavi.careers.translator import translate

    try:
        result = translate(text, ref=ref)
    except TextRejected:
        return {}
    except DatabaseError:  # the careers reference tables are not migrated (e.g. a bare benchmark database)
        return {}
    return {
        f["family"]: (float(f["score"]), f"{f['name']}：{f['why']}")
        for f in result.get("families", [])
        if float(f.get("score", 0)) >= 0.25
    }


# jobtag knowledge areas that back-office jobs name among their key skills but the careers lexicon (six
# back-office families) has no cue for: the person's own words for them, so 「アパレル販売…接客」 shows
# 「販売・マーケティング」「顧客サービス」 instead of being told they cannot be read from her text.
_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "sales_marketing": ("販売", "営業", "店頭", "売り場", "売場", "販促", "マーケティング", "商品提案"),
    "customer_personal_service": ("接客", "接遇", "お客様対応", "お客さま対応", "顧客対応", "カスタマー"),
}
# A cue's skill that shows a knowledge area too: service to customers (接客 → service_orientation) is the
# knowledge jobtag calls 顧客サービス・対人サービス.
_ALSO_SHOWS: dict[str, tuple[str, ...]] = {"service_orientation": ("customer_personal_service",)}


def skills_in_text(text: str) -> frozenset[str]:
    """The jobtag skill / knowledge keys the words of `text` show: every careers lexicon phrase in it (not only
    the few clauses the translator quotes: 「接客」 in a clause it did not pick is still her word), its sibling
    areas, and the areas named by _AREA_WORDS. `text` is what the person did (PersonFacts.evidence_text)."""
    if not text.strip():
        return frozenset()
    from bonavi.careers.translator import find_hits, fold
    from bonavi.core.text import widen_kana

    folded = fold(widen_kana(text))
    keys = {h.cue.skill for h in find_hits(folded)}
    keys |= {also for key in list(keys) for also in _ALSO_SHOWS.get(key, ())}
    keys |= {key for key, words in _AREA_WORDS.items() if any(w in folded for w in words)}
    return frozenset(keys)


def subrole_occupations(subrole: str, mhlw_code: str) -> list[int]:
    """The jobtag occupations a posting's sub-role stands for: the one named like it under its MHLW code
    (内部監査 → 内部監査人, 経理課長（管理職） → 経理課長), else the code's first two as before. Several sub-roles
    share a code (内部監査・総務事務・広報・PR are all 06-033-01), and the code's first occupation is then
    another job's."""
    clf = default_classifier()
    ids = clf.by_code.get(mhlw_code, [])
    sub = SUBROLE_BY_CODE.get(subrole)
    if sub is not None:
        name = re.sub(r"（.*?）", "", sub.name)
        named = [i for i in ids if (occ := clf.occupation(i)) is not None and name in occ.title]
        if named:
            return named[:1]
    return ids[:2]


def _careers_reference() -> Any:
    from bonavi.careers.reference import get_reference

    try:
        return get_reference()
    except DatabaseError:  # not migrated: translator_families then finds nothing, as before
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
    rows = [row for row in gaps_for_evidence(set(), occupation, ref) if row["target_level"] >= KEY_MIN_LEVEL]
    return tuple((row["key"], row["label"]) for row in rows[:4])


# jobtag rates skills and knowledge 0–5 (MIN_LEVEL in careers.gaps is 1.5 for knowledge). An area rated under 2
# is unusual for the occupation but not 「特に求められる」: 経理事務 rates 人事労務管理 1.53, and every 経理 job
# named it as a skill to grow into.
KEY_MIN_LEVEL = 2.0


def rank(profile: PersonProfile, jobs: Iterable[JobFacts], *, limit: int = 20) -> list[MatchResult]:
    """Best `limit` postings, explained. Scores every posting cheaply, explains only the ones returned; the choice
    is remembered for the person and this very pool (see _CHOICES), so a page opened again scores nothing again."""
    pool = list(jobs)
    best = _chosen_before(profile, pool, limit)
    if best is None:
        # Equal scores: the newer posting first (then the higher id), not the order the pool happened to be in.
        best = [
            j
            for *_, j in heapq.nlargest(
                limit,
                ((quick_score(profile, j), j.posted, j.posting_id, j) for j in pool),
                key=lambda t: t[:3],
            )
        ]
        with _lock:
            _choices[id(profile)] = (profile, pool, limit, best)
            _choices.move_to_end(id(profile))
            while len(_choices) > CHOICE_CACHE_SIZE:
                _choices.popitem(last=False)
    # Explained afresh each time (20 postings): a MatchResult is the caller's to change, a cached one would not be.
    return [match(profile, j) for j in best]


# The postings a ranking chose, per person profile: (the profile, the pool as ranked, limit, the chosen). Scoring a
# pool of 2,000 was a fifth of the adviser's candidate page and of its matches API, done again on every view of
# her (a form posted on the page comes back to it) for the same result. The choice is a pure function of the
# profile and the pool's JobFacts (quick_score reads nothing else: no clock, no database), and both are immutable
# values kept as the very objects: the profile cache gives equal facts the same profile object, and pool_facts the
# same JobFacts object while a posting's (id, updated_at) and its stored features are unchanged. So a choice is
# served only for the same profile object and a pool of the same objects in the same order: a posting changed,
# added, gone or re-read from newer features is another object, and the pool is scored again. Keyed by id() with
# the profile held, so an id is never reused while its entry lives. Bounded like the profiles.
CHOICE_CACHE_SIZE = 256
_choices: OrderedDict[int, tuple[PersonProfile, list[JobFacts], int, list[JobFacts]]] = OrderedDict()


def _chosen_before(profile: PersonProfile, pool: list[JobFacts], limit: int) -> list[JobFacts] | None:
    with _lock:
        found = _choices.get(id(profile))
    if found is None:
        return None
    held, ranked, held_limit, best = found
    same = held is profile and held_limit == limit and len(ranked) == len(pool)
    if not same or not all(map(operator.is_, ranked, pool)):
        return None
    with _lock:
        if id(profile) in _choices:
            _choices.move_to_end(id(profile))
    return best


# At most this many postings of a pool are classified during the request (≈ 0.6–3 ms each): those without a
# current stored row. Normally a handful (saved while the database could not be written); the rest of an unusual
# many wait for the worker's next turn (ADR 0106, addendum).
INLINE_CLASSIFY = 50


def pool_facts(postings: QuerySet[JobPosting], *, pool: int) -> list[JobFacts]:
    """Features of the first `pool` postings of `postings` (an ordered, permission-checked queryset, not sliced).
    Only ids and update times are read for the whole pool: a posting whose features are cached (job_facts) is
    not loaded again — loading 2,000 full rows on every view was half of the agent's candidate page. The others
    are loaded with their stored features (one query per 1,000) and served from a current row — a fresh one, or
    one of older classifier data, which the worker recomputes (ADR 0106, addendum). Only postings without a
    current row (none stored, or the posting changed since) are classified: the newest INLINE_CLASSIFY of them,
    whose rows are then written; the others are left out of this pool until the worker has stored theirs — a
    request never classifies a large pool, and never ranks a changed posting on its old text."""
    keys = list(postings.values_list("pk", "updated_at")[:pool])
    now = time.monotonic()
    found = {pk: _cached((pk, updated), now) for pk, updated in keys}
    missing = [pk for pk, f in found.items() if f is None]
    unclassified: list[JobPosting] = []
    for start in range(0, len(missing), 1000):
        chunk = postings.filter(pk__in=missing[start : start + 1000])
        for posting in chunk.select_related("organization", "matching_features"):
            stored = features_store.stored_row(posting)
            if stored is None:
                unclassified.append(posting)
                continue
            row, fresh = stored
            recheck_at = None if fresh else now + STALE_RECHECK
            found[posting.pk] = _remember(posting, features_store.derived_of(row), recheck_at=recheck_at)
    if unclassified:
        order = {pk: i for i, pk in enumerate(found)}  # the pool's order: the newest first
        unclassified.sort(key=lambda p: order[p.pk])
        computed: list[tuple[int, Any, Derived]] = []
        for posting in unclassified[:INLINE_CLASSIFY]:
            derived = derived_features(posting)
            if posting.status == PostingStatus.PUBLISHED:  # only 公開中 postings have rows
                computed.append((posting.pk, posting.updated_at, derived))
            found[posting.pk] = _remember(posting, derived)
        if len(unclassified) > INLINE_CLASSIFY:
            logger.info(
                "マッチング：特徴量のない求人 %d 件はワーカーが計算するまで候補から外しました。",
                len(unclassified) - INLINE_CLASSIFY,
            )
        if computed:
            _rows_save_quietly(computed)
    return [f for f in found.values() if f is not None]


def _rows_save_quietly(computed: list[tuple[int, Any, Derived]]) -> None:
    """Store what a read computed, for the next process; a read must not fail for it (a locked SQLite file, a
    posting deleted meanwhile), so an error is logged and the row is simply computed again next time."""
    try:
        with transaction.atomic():
            features_store.rows_save(computed)
    except DatabaseError:
        logger.warning(
            "マッチング：求人 %d 件の特徴量を保存できませんでした（次回また計算します）。", len(computed)
        )


def features_refresh(*, ids: Iterable[int]) -> int:
    """Compute and store the features of these postings (published ones; the others are ranked by no one and
    are filled lazily if they ever are) unless a fresh row is stored, in the caller's transaction. Called when
    postings are bulk loaded (receivers.py); returns how many rows were written."""
    ids = list(ids)
    written = 0
    for start in range(0, len(ids), 1000):
        chunk = JobPosting.objects.filter(pk__in=ids[start : start + 1000], status=PostingStatus.PUBLISHED)
        written += features_store.rows_save(_derived_of_each(features_store.without_fresh_row(chunk)))
    return written


def _derived_of_each(postings: QuerySet[JobPosting]) -> list[tuple[int, Any, Derived]]:
    # Only what derived_features reads: a bulk load of 10,000 rows reads no more.
    return [(p.pk, p.updated_at, derived_features(p)) for p in postings.only(*DERIVED_FROM).order_by()]


def stale_feature_ids(*, limit: int | None = None) -> list[int]:
    """Published postings without a fresh stored row (none yet, the posting changed since, or other classifier
    data). Those without a current row first — rankings leave them out (pool_facts) — then those of older
    classifier data, which rankings serve meanwhile; newest first within each."""
    qs = (
        features_store.without_fresh_row(JobPosting.objects.filter(status=PostingStatus.PUBLISHED))
        .annotate(current=Case(When(features_store.current_q(), then=Value(1)), default=Value(0)))
        .order_by("current", "-date_posted", "-id")
        .values_list("pk", flat=True)
    )
    return list(qs[:limit] if limit is not None else qs)


def features_backfill(*, limit: int | None = None, batch: int = 500) -> int:
    """Fill the missing and stale rows of published postings, newest first, `batch` at a time (`bonavi
    matching_backfill`, the worker's matching_features duty). Returns the rows written. Each batch is classified
    outside any transaction and only its upsert is in one: on SQLite (transaction_mode IMMEDIATE) a transaction
    holds the database's write lock from its first statement, and classifying 500 postings in it (the first also
    loads the classifier) shut every other writer out for seconds. The ids were just found stale: not checked again."""
    written = 0
    ids = stale_feature_ids(limit=limit)
    for start in range(0, len(ids), batch):
        chunk = JobPosting.objects.filter(pk__in=ids[start : start + batch], status=PostingStatus.PUBLISHED)
        computed = _derived_of_each(chunk)
        with transaction.atomic():
            written += features_store.rows_save(computed)
    return written


# The worker's duty: at most BACKFILL_LIMIT postings a turn (≈ 2–6 s), so a turn never holds the worker long;
# after new classifier data every row is stale and a few turns refill them, the newest postings first.
BACKFILL_EVERY = 300.0
BACKFILL_LIMIT = 2000


def features_backfill_duty() -> int:
    features_prune()
    return features_backfill(limit=BACKFILL_LIMIT)


def features_prune() -> int:
    """Delete the rows of postings no longer 公開中, which no pool ranks (ADR 0106): closing a posting deletes its
    row (receivers.py), this catches a change that bypassed post_save (a queryset update). Returns the rows
    deleted."""
    deleted, _ = PostingFeatures.objects.exclude(posting__status=PostingStatus.PUBLISHED).delete()
    return deleted


def rank_pool(
    facts: PersonFacts, postings: QuerySet[JobPosting], *, pool: int, limit: int = 20
) -> list[tuple[JobPosting, MatchResult]]:
    """The best `limit` of the first `pool` postings of `postings` (see pool_facts), explained, with their
    postings; only the ones returned are loaded."""
    return _with_postings(postings, rank(person_profile(facts), pool_facts(postings, pool=pool), limit=limit))


def _with_postings(
    postings: QuerySet[JobPosting], results: list[MatchResult]
) -> list[tuple[JobPosting, MatchResult]]:
    shown = postings.filter(pk__in=[r.posting_id for r in results]).select_related("organization").in_bulk()
    return [(shown[r.posting_id], r) for r in results if r.posting_id in shown]


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
            # The skills by name as the profile page shows them (「Excel 関数（SUM・IF・VLOOKUP など）」), not
            # their codes: the text is read for evidence, and 「excel_functions」 is nobody's word.
            "skills": [PC_SKILL_NAMES.get(k, k) for k, v in (profile.pc_skills or {}).items() if v],
            "qualifications": quals,
        }
    )


def candidate_postings(prefectures: Iterable[str] = ()) -> QuerySet[JobPosting]:
    """The postings 「おすすめ求人」 ranks, newest first (the caller takes the first CANDIDATE_POOL): public ones,
    and with 希望勤務地 only those in her prefectures or fully remote — the newest thousand of the whole country
    left out the Tokyo jobs she had favourited, and filled the pool with jobs she can never be shown first."""
    from django.db.models import Q

    from bonavi.jobs.selectors import public_postings

    qs = public_postings()
    if prefs := list(prefectures):
        qs = qs.filter(Q(prefecture__in=prefs) | Q(telework="full"))
    return qs.order_by("-date_posted", "-id")


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


# A search's 在宅勤務 condition as the wish it states: the search's 「在宅勤務あり」 (remote=any: some telework or
# more) is the profile's own 「在宅勤務あり」 (partial), not "any" (no requirement at all).
_SEARCH_TELEWORK_WISH = {"any": "partial", "full": "full"}


def saved_search_wishes(user: Any) -> tuple[str, dict[str, Any]] | None:
    """(name, PersonFacts fields) of the user's most recently changed saved search that states any wish (職種,
    勤務地, 雇用形態, 在宅, 給与): only the fields it states; None when none does. A keyword alone is not a wish the
    matcher can weigh, so it is not used."""
    from django.http import QueryDict

    from bonavi.notifications.selectors import saved_searches_of
    from bonavi.search.params import SearchParams

    for saved in saved_searches_of(user=user).order_by("-updated_at", "-id")[:20]:
        params = SearchParams.from_querydict(QueryDict(saved.query))
        stated = {
            "desired_families": tuple(params.families),
            "prefectures": tuple(params.prefectures),
            "employment_types": tuple(params.employment_types),
            "telework": _SEARCH_TELEWORK_WISH.get(params.remote),
            "pay_floor": params.salary_min if params.salary_unit else None,
        }
        wishes: dict[str, Any] = {name: value for name, value in stated.items() if value}
        if wishes:
            if "pay_floor" in wishes:
                wishes["pay_unit"] = params.salary_unit
            return saved.name, wishes
    return None


@dataclass(frozen=True)
class Recommendations:
    """「おすすめ求人」 for one person, and what the page says of how they were chosen."""

    items: list[tuple[JobPosting, MatchResult]] = field(default_factory=list)
    ask_wishes: bool = True  # no 希望条件 in the profile nor in a saved search: nothing was ranked
    place_unknown: bool = False  # no 希望勤務地 and no wish for full remote: ranked from the whole country
    applied_left_out: bool = False  # a posting she applied to was among the candidates and was left out
    from_saved_search: str = ""  # the saved search whose conditions stood in for the profile's 希望条件


def recommended_for_seeker(user: Any, *, limit: int = 10) -> Recommendations:
    """「おすすめ求人」: public postings only, the newest CANDIDATE_POOL of them in her area, explained; none until
    the user is a seeker who has given 希望条件 (has_wishes) — or, until she has, saved a search that holds some:
    its conditions stand in for them, and the page says so.

    Postings she has already applied to are left out, whatever became of the application: one cannot apply
    twice, so the entry would only take one of the few places from a job she has not seen (her 応募 page lists
    those); her own applications are read through the seekers selector, which checks it is her."""
    profile = getattr(user, "seeker_profile", None)
    if not getattr(user, "is_seeker", False) or profile is None:
        return Recommendations()
    saved_name = ""
    facts = person_facts_from_seeker(profile)
    if not has_wishes(profile):
        saved = saved_search_wishes(user)
        if saved is None:
            return Recommendations()
        saved_name, wishes = saved
        facts = dataclasses.replace(facts, **wishes)
    from bonavi.seekers.selectors import applications_of_seeker

    applied = set(applications_of_seeker(user=user).values_list("posting_id", flat=True))
    postings = candidate_postings(facts.prefectures)
    pool = pool_facts(postings, pool=CANDIDATE_POOL)
    kept = [f for f in pool if f.posting_id not in applied]
    results = rank(person_profile(facts), kept, limit=limit)
    return Recommendations(
        items=_with_postings(postings, results),
        ask_wishes=False,
        place_unknown=not facts.prefectures and facts.telework != "full",
        applied_left_out=len(kept) < len(pool),
        from_saved_search=saved_name,
    )
