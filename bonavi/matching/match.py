"""Posting ↔ person match that explains itself: met / missed / stretch lists with evidence, and one score.

Pure functions over `PersonFacts` and `JobFacts` (no database), so the same code ranks public postings for a
seeker's 「おすすめ求人」 and private ones for an agency, and the allowlist test can call it directly.

Score (0–100), ADR 0061: fit = 0.55 × occupation fit + 0.25 × qualification fit + 0.20 × word overlap, then
each missed hard condition multiplies it by 0.55 and each stretch by 0.9. Hard conditions that the person
did not state, or the posting does not say, are neither met nor missed.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bonavi.core.prefectures import prefecture_name
from bonavi.jobs.catalog import FAMILIES
from bonavi.jobs.models import WageUnit

from .facts import JobFacts, PersonFacts
from .terms import words_as_written

HARD_MISS_FACTOR = 0.55
STRETCH_FACTOR = 0.9
PAY_STRETCH = 0.9
FAMILY_BONUS = 0.1  # the translator's family share adds at most 10 points of fit
# A job in a family the person chose (経理・財務 …) adds this much fit; one outside them is a stretch, not a miss:
# someone wanting 経理 may still weigh an 一般事務 job, but it must rank below the ones she asked for.
WISH_BONUS = 0.15
# Share of the job's distinctive jobtag skills the person's evidence shows, worth at most this much fit.
SKILL_WEIGHT = 0.1
INEXPERIENCED_FLOOR = 0.35
INEXPERIENCED_KEEP = 0.3
_HOURS_PER_MONTH = 160.0
_DAYS_PER_MONTH = 20.0
# The units as postings and the hearing name them (a yearly wage is 年俸 there; 年収 here read as another thing).
_UNIT_LABEL: dict[str, str] = dict(WageUnit.choices)
_TELEWORK_RANK = {"none": 0, "partial": 1, "full": 2}
_TELEWORK_LABEL = {"none": "テレワークなし（出社）", "partial": "一部在宅可", "full": "フルリモート"}


# The stretch reason about skills her evidence does not show (one topic name: agents says it once for a list).
GROW_TOPIC = "伸ばすスキル"


@dataclass(frozen=True)
class Reason:
    """One line of the explanation: what it is about, and the evidence in words."""

    topic: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"topic": self.topic, "detail": self.detail}


@dataclass
class MatchResult:
    posting_id: int
    score: int
    met: list[Reason] = field(default_factory=list)
    missed: list[Reason] = field(default_factory=list)
    stretch: list[Reason] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "posting_id": self.posting_id,
            "score": self.score,
            "met": [r.as_dict() for r in self.met],
            "missed": [r.as_dict() for r in self.missed],
            "stretch": [r.as_dict() for r in self.stretch],
        }


@dataclass(frozen=True)
class PersonProfile:
    """What is derived from PersonFacts once per ranking: occupation weights and words."""

    facts: PersonFacts
    occupations: dict[int, float]  # jobtag id → weight (sums to ≤ 1)
    occupation_titles: dict[int, str]
    terms: frozenset[str]
    qualifications: tuple[str, ...]
    # careers' experience translator: job family → (share, its explanation); empty when unavailable
    families: dict[str, tuple[float, str]] = field(default_factory=dict)
    # jobtag skill / knowledge keys the translator's quoted evidence shows
    skills_shown: frozenset[str] = frozenset()
    text: str = ""  # the (scrubbed) experience text, read again for `words` only when a result is explained
    # Occupation weights from what she did only (facts.evidence_text), when her wish made `occupations` differ;
    # None: the same as `occupations`. Whether she is 経験者 for a job is judged on these: a wish is not experience.
    experience_occupations: dict[int, float] | None = None

    @cached_property
    def words(self) -> dict[str, str]:
        """The text's whole words as written (normalised → surface), for quoting; read once per profile, and only
        when an explanation asks (cached_property writes the instance's __dict__, which a frozen dataclass allows)."""
        return words_as_written(self.text)


# Words nearly every office job and every part-time job say: shared, they explain nothing (「共通する語：管理、担当」
# was the whole reason a 受付事務 job was shown to a convenience-store clerk). They still count in the score.
_TOO_COMMON_TO_QUOTE = frozenset(
    ["担当", "管理", "対応", "業務", "経験", "作成", "実施", "勤務", "求人", "募集", "事務"]
)
QUOTED_WORDS = 6


def common_words(person: PersonProfile, j: JobFacts) -> list[str]:
    """The shared words an explanation quotes, longest first. A shared term is quoted only when one side wrote it
    as a whole word, in that side's spelling (the person's first), and not when a longer quoted word contains it:
    the mode-A parts `terms` adds for recall made explanations read 「…ソフト、入力」 and 「会計ソフト、会計」."""
    quoted = {
        surface
        for term in person.terms & j.terms
        if term not in _TOO_COMMON_TO_QUOTE and (surface := person.words.get(term) or j.words.get(term))
    }
    ordered = sorted(quoted, key=lambda w: (-len(w), w))
    return [w for w in ordered if not any(w != longer and w in longer for longer in ordered)][:QUOTED_WORDS]


def monthly(amount: int, unit: str) -> float:
    """A wage in monthly terms, to compare a floor and an offer given in different units."""
    if unit == "hour":
        return amount * _HOURS_PER_MONTH
    if unit == "day":
        return amount * _DAYS_PER_MONTH
    if unit == "year":
        return amount / 12.0
    return float(amount)


def _norm(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("　", "").lower()


@functools.lru_cache(
    maxsize=8192
)  # few distinct qualification names; ranking asks the same pairs thousands of times
def qualification_held(required: str, held: tuple[str, ...]) -> str | None:
    """The held qualification that satisfies `required` (same name, or a higher grade of it), or None."""
    want = _norm(required)
    for q in held:
        have = _norm(q)
        if not have:
            continue
        if have == want or want in have or have in want:
            return q
        # 日商簿記2級 satisfies 日商簿記3級: same stem, smaller grade number.
        w_stem, w_grade = _grade(want)
        h_stem, h_grade = _grade(have)
        if w_stem and w_stem == h_stem and w_grade is not None and h_grade is not None and h_grade <= w_grade:
            return q
    return None


def _grade(text: str) -> tuple[str, int | None]:
    import re

    m = re.search(r"(\d)\s*級", text)
    if not m:
        return text, None
    return text[: m.start()], int(m.group(1))


def _hard_conditions(p: PersonFacts, j: JobFacts, res: MatchResult | None) -> tuple[int, int]:
    """Missed and stretched hard conditions; with `res`, also the reasons (their text is only built then)."""
    misses = stretches = 0
    # 勤務地
    if p.prefectures:
        if j.prefecture in p.prefectures:
            if res is not None:
                names = "・".join(prefecture_name(c) for c in p.prefectures)
                res.met.append(Reason("勤務地", f"希望の{names}内（{j.location}）"))
        elif j.telework == "full":
            # Workable without moving, but not where she asked (ADR 0098): a stretch, so that a job in her
            # prefecture ranks above an otherwise equal remote one elsewhere, and the line says what to check.
            stretches += 1
            if res is not None:
                res.stretch.append(
                    Reason("勤務地", f"フルリモートのため通勤不要（会社は{j.location}。出社の有無は確認を）")
                )
        else:
            misses += 1
            if res is not None:
                names = "・".join(prefecture_name(c) for c in p.prefectures)
                res.missed.append(Reason("勤務地", f"希望は{names}、この求人は{j.location}"))
    # 給与
    if p.pay_floor:
        floor = monthly(p.pay_floor, p.pay_unit)
        offer_low = monthly(j.wage_min, j.wage_unit)
        if offer_low >= floor:
            kind, note = "met", ""
        else:
            offer_top = monthly(j.wage_max or j.wage_min, j.wage_unit)
            if offer_top >= floor:
                kind, note = "stretch", "（上限なら届く・経験による）"
            elif offer_top >= floor * PAY_STRETCH:
                kind, note = "stretch", "（1割以内の差）"
            else:
                kind, note = "missed", ""
            if kind == "stretch":
                stretches += 1
            else:
                misses += 1
        if res is not None:
            offer = f"{_UNIT_LABEL.get(j.wage_unit, '')}{j.wage_min:,}円" + (
                f"〜{j.wage_max:,}円" if j.wage_max and j.wage_max != j.wage_min else ""
            )
            want = f"{_UNIT_LABEL.get(p.pay_unit, '')}{p.pay_floor:,}円以上"
            getattr(res, kind).append(Reason("給与", f"希望{want}に対し{offer}{note}"))
    # 雇用形態
    if p.employment_types:
        if j.employment_type in p.employment_types:
            if res is not None:
                res.met.append(Reason("雇用形態", f"希望どおり{j.employment_label}"))
        else:
            misses += 1
            if res is not None:
                res.missed.append(Reason("雇用形態", f"この求人は{j.employment_label}"))
    # 入社時期
    if p.available_from and j.start_by:
        if p.available_from <= j.start_by:
            if res is not None:
                res.met.append(
                    Reason(
                        "入社時期",
                        f"{p.available_from:%Y年%m月%d日}から可、求人は{j.start_by:%Y年%m月%d日}まで",
                    )
                )
        else:
            misses += 1
            if res is not None:
                res.missed.append(
                    Reason(
                        "入社時期",
                        f"入社可能日{p.available_from:%Y年%m月%d日}は求人の希望{j.start_by:%Y年%m月%d日}より後",
                    )
                )
    # テレワーク
    if p.telework != "any":
        need = _TELEWORK_RANK["full" if p.telework == "full" else "partial"]
        have = _TELEWORK_RANK.get(j.telework, 0)
        if have >= need:
            if res is not None:
                label = _TELEWORK_LABEL.get(j.telework, j.telework)
                res.met.append(Reason("テレワーク", f"希望を満たす（{label}）"))
        elif p.telework == "full" and have == 1:
            stretches += 1
            if res is not None:
                res.stretch.append(Reason("テレワーク", "フルリモート希望に対し一部在宅可"))
        else:
            misses += 1
            if res is not None:
                label = _TELEWORK_LABEL.get(j.telework, j.telework)
                res.missed.append(Reason("テレワーク", f"この求人は{label}"))
    return misses, stretches


def _skills(person: PersonProfile, j: JobFacts, res: MatchResult | None) -> float:
    """Share of the job's distinctive jobtag skills that the person's evidence shows; with `res`, also say which
    are shown (met) and which the text does not show (stretch: to grow into, not counted as a condition). Said
    only when the translator found some evidence at all, so an empty profile is not told it lacks everything."""
    if not j.key_skills or not person.skills_shown:
        return 0.0
    shown = [label for key, label in j.key_skills if key in person.skills_shown]
    if res is not None:
        rest = [label for key, label in j.key_skills if key not in person.skills_shown]
        if shown:
            labels = "・".join(f"「{x}」" for x in shown)
            res.met.append(
                Reason(
                    "スキル（jobtag）", f"{j.key_skills_of}で特に求められる{labels}は、経験に根拠があります"
                )
            )
        if rest:
            labels = "・".join(f"「{x}」" for x in rest)
            res.stretch.append(
                Reason(
                    GROW_TOPIC,
                    f"{j.key_skills_of}で特に求められる{labels}は、経験の記述からは読み取れません",
                )
            )
    return len(shown) / len(j.key_skills)


def _wished(p: PersonFacts, j: JobFacts) -> bool | None:
    """True/False: the job is / is not in a family the person chose; None when they chose none (or the job has
    no family), so the wish neither helps nor hurts."""
    if not p.desired_families or not j.family:
        return None
    return j.family in p.desired_families


def _occupation_fit(
    person: PersonProfile, j: JobFacts, *, weights: dict[int, float] | None = None
) -> tuple[float, int | None]:
    """How close the person's occupations (`weights`, by default the profile's, wish included) are to the job's."""
    mine = person.occupations if weights is None else weights
    best_id, best, total = None, 0.0, 0.0
    for jobtag_id, weight in j.occupations:
        w = mine.get(jobtag_id, 0.0)
        contrib = math.sqrt(w * weight)
        total += contrib
        if contrib > best:
            best, best_id = contrib, jobtag_id
    return min(total, 1.0), best_id


def _score(person: PersonProfile, j: JobFacts, res: MatchResult | None) -> float:
    """The score (0–100, unrounded), the one rule both entry points use. With `res` the reasons are collected
    as each criterion is decided; without it (ranking thousands) no text is built and the preferred
    qualifications stop at the first one held, since only whether any is held counts."""
    misses, stretches = _hard_conditions(person.facts, j, res)

    occ_fit, occ_id = _occupation_fit(person, j)
    family = person.families.get(j.family)
    wished = _wished(person.facts, j)
    if wished is False:
        stretches += 1
    if res is not None:
        if occ_id is not None and occ_fit >= 0.25:
            res.met.append(
                Reason("職種", f"経験・希望が「{person.occupation_titles.get(occ_id, '')}」に近い")
            )
        if family is not None:
            res.met.append(Reason("経験の活かし方", family[1]))
        if wished is True:
            res.met.append(Reason("希望職種", f"希望の「{FAMILIES.get(j.family, j.family)}」の求人"))
        elif wished is False:
            chosen = "、".join(FAMILIES.get(f, f) for f in person.facts.desired_families)
            res.stretch.append(
                Reason("希望職種", f"希望（{chosen}）以外の「{FAMILIES.get(j.family, j.family)}」の求人")
            )
    skill_fit = _skills(person, j, res)
    common = person.terms & j.terms
    overlap = min(len(common) / 6.0, 1.0)
    if res is not None and (quoted := common_words(person, j)):
        res.met.append(Reason("スキル・経験", "共通する語：" + "、".join(quoted)))

    # 資格
    qual_fit = 1.0
    for req in j.required_qualifications:
        held = qualification_held(req, person.qualifications)
        if held:
            if res is not None:
                res.met.append(Reason("必須資格", f"{req}（保有：{held}）"))
        else:
            misses += 1
            qual_fit -= 0.5
            if res is not None:
                res.missed.append(Reason("必須資格", f"{req}が必要"))
    pref_hits = 0
    for pref in j.preferred_qualifications:
        held = qualification_held(pref, person.qualifications)
        if held:
            pref_hits += 1
            if res is None:
                break
            res.met.append(Reason("歓迎資格", f"{pref}（保有：{held}）"))
    if j.preferred_qualifications and not pref_hits:
        qual_fit -= 0.2

    # 経験
    # 経験者 by what she did: the hearing's 希望職種 「経理事務」 raised occ_fit and hid 未経験可 on the agent's page only.
    done_fit = (
        occ_fit
        if person.experience_occupations is None
        else _occupation_fit(person, j, weights=person.experience_occupations)[0]
    )
    experienced = done_fit >= 0.25 or ((person.facts.years_experience or 0) >= 1 and overlap >= 0.3)
    if j.experience_required and not experienced:
        stretches += 1
        if res is not None:
            res.stretch.append(Reason("経験", "経験者募集：近い経験が見当たりません（業務経験を確認）"))
    elif res is not None:
        if j.inexperienced_welcome and not experienced:
            res.stretch.append(Reason("未経験可", "経験がなくても応募できます（未経験歓迎）"))
        elif j.experience_required and experienced:
            res.met.append(Reason("経験", "求める経験に近い経験あり"))

    fit = 0.55 * occ_fit + 0.25 * max(qual_fit, 0.0) + 0.20 * overlap
    fit += FAMILY_BONUS * (family[0] if family else 0.0)
    if j.inexperienced_welcome and not experienced:
        # 未経験可 is an open door: do not bury it under experienced matches. Lifted, not floored: a flat floor
        # gave every 未経験可 job the same score whatever else fitted (ten jobs all at 52).
        fit = max(fit, INEXPERIENCED_FLOOR + INEXPERIENCED_KEEP * fit)
    if wished is True:
        fit += WISH_BONUS
    fit += SKILL_WEIGHT * skill_fit
    factor = (HARD_MISS_FACTOR**misses) * (STRETCH_FACTOR**stretches)
    return 100 * min(fit, 1.0) * factor


def match(person: PersonProfile, j: JobFacts) -> MatchResult:
    """Explain and score one posting for one person."""
    res = MatchResult(posting_id=j.posting_id, score=0)
    res.score = shown_score(_score(person, j, res))
    return res


def shown_score(score: float) -> int:
    """The score as a result shows it: whole points, 0–100."""
    return max(0, min(100, round(score)))


def quick_score(person: PersonProfile, j: JobFacts) -> float:
    """The same score without building the explanation: used to rank thousands, then `match` the top ones."""
    return _score(person, j, None)
