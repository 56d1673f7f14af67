"""The matcher's inputs as plain data: what a person wants and can do, and what a posting offers.

`PersonFacts` is an allowlist (AGENTS.md §4, JAPAN-RULES §3, §4, §7): it has no field for age, birth date, sex,
nationality, 本籍・出生地, family, housing, health, beliefs or unions, and `person_facts_from()` copies only
the allowed keys from whatever mapping it is given (a seeker profile, a hearing sheet), so such data cannot
reach the score even by mistake. Free text is also scrubbed of sentences that state such things, so a work
history that mentions 「35歳」「既婚」 ranks exactly as one that does not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal

from bonavi.core.protected import mask_work_terms

from .terms import words_as_written

TeleworkWish = Literal["any", "partial", "full"]
WageUnit = Literal["hour", "day", "month", "year"]

# Sentences mentioning any of these are dropped from free text before matching. Each names a protected
# attribute or a stand-in for one (a birth year is age; 出身 is 本籍/出生地; 子供・配偶者 are family).
_PROTECTED = re.compile(
    r"(\d+\s*(歳|才|代)|年齢|生年月日|昭和|平成\s*\d+\s*年\s*生|生まれ|男性|女性|男子|女子|性別|"
    r"主婦|主夫|ママ|パパ|既婚|未婚|独身|結婚|離婚|配偶者|夫|妻|子ども|子供|育児中|妊娠|家族|両親|親の|"
    r"国籍|外国籍|日本人|出身|本籍|出生地|人種|民族|宗教|信仰|支持政党|政党|思想|信条|労働組合|組合活動|"
    r"持ち家|賃貸|住宅|資産|年収の家族|容姿|身長|体重|病歴|障害)"
)
_SENTENCE = re.compile(r"(?<=[。！？!?\n])")
_NO_SPACE = re.compile(r"\s+")


def scrub_protected(text: str) -> str:
    """`text` without the sentences that mention a protected attribute."""
    if not text:
        return ""
    # Work terms that contain a protected word (工夫, 固定資産, 配偶者控除, システム障害 …) are masked for the test only.
    kept = [s for s in _SENTENCE.split(text) if s.strip() and not _PROTECTED.search(mask_work_terms(s))]
    return "".join(kept).strip()


@dataclass(frozen=True)
class PersonFacts:
    """What matching may know about a person. Nothing here says who they are, only what they want and can do."""

    prefectures: tuple[str, ...] = ()  # JIS codes where they can work; empty = anywhere
    telework: TeleworkWish = "any"  # the least telework they need
    pay_floor: int | None = None  # yen, in pay_unit
    pay_unit: WageUnit = "month"
    employment_types: tuple[str, ...] = ()  # acceptable 雇用形態 codes; empty = any
    available_from: dt.date | None = None  # earliest start date
    experience_text: str = ""  # work history, duties done (free text)
    skills: tuple[str, ...] = ()
    qualifications: tuple[str, ...] = ()
    desired_occupations: tuple[int, ...] = ()  # jobtag ids they want to do
    desired_families: tuple[
        str, ...
    ] = ()  # BOナビ job families they chose (accounting, hr_labor, …); empty = any
    years_experience: int | None = None  # in the kind of work wanted (skill, not status: 職安法3条)
    # What they want to do, in their own words (a hearing's 希望職種): read for occupation fit only, never as
    # evidence of what they did — the agent page quoted 「経理事務」 from it as a shared word of experience.
    wish_text: str = ""

    def cleaned_text(self) -> str:
        """Everything the occupation classifier reads: experience, skills and the wish (経験・希望)."""
        parts = [
            scrub_protected(self.experience_text),
            " ".join(self.skills),
            scrub_protected(self.wish_text),
        ]
        return "\n".join(p for p in parts if p)

    def reads_beyond_evidence(self) -> bool:
        """Whether the classifier's text (cleaned_text) holds more than what she did: a stated wish (wish_text) or
        a sentence of the experience that done_only drops (「経理に挑戦したい」)."""
        if self.wish_text.strip():
            return True
        experience = scrub_protected(self.experience_text)
        return _NO_SPACE.sub("", done_only(experience)) != _NO_SPACE.sub("", experience)

    def evidence_text(self) -> str:
        """What the person did, and nothing else: the experience without its sentences that state a wish or a
        lack of experience (「経理に挑戦したい」 is not evidence of 経理), then the skills. The words an
        explanation quotes as the person's and the skills it says are shown are read from this text only."""
        return "\n".join(
            p for p in [done_only(scrub_protected(self.experience_text)), " ".join(self.skills)] if p
        )


def done_only(text: str) -> str:
    """`text` without the sentences the experience translator reads as a wish or as no experience."""
    from bonavi.careers.translator import states_wish_or_none

    return "".join(s for s in _SENTENCE.split(text) if s.strip() and not states_wish_or_none(s)).strip()


ALLOWED_PERSON_KEYS = frozenset(f.name for f in fields(PersonFacts))


def _tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in re.split(r"[、,，\n]", value) if v.strip())
    if isinstance(value, Iterable):
        return tuple(value)
    return (value,)


def person_facts_from(data: Mapping[str, Any]) -> PersonFacts:
    """PersonFacts from any mapping, keeping only the allowed keys (everything else is ignored, not stored)."""
    kept = {k: v for k, v in data.items() if k in ALLOWED_PERSON_KEYS and v not in (None, "")}
    for key in (
        "prefectures",
        "employment_types",
        "skills",
        "qualifications",
        "desired_occupations",
        "desired_families",
    ):
        if key in kept:
            kept[key] = _tuple(kept[key])
    if "desired_occupations" in kept:
        kept["desired_occupations"] = tuple(int(x) for x in kept["desired_occupations"])
    return PersonFacts(**kept)


@dataclass
class JobFacts:
    """A posting's features, precomputed once per posting so ranking thousands is cheap."""

    posting_id: int
    title: str
    prefecture: str
    location: str
    telework: str  # none / partial / full
    employment_type: str
    employment_label: str
    wage_unit: str
    wage_min: int
    wage_max: int | None
    start_by: dt.date | None = None  # the employer's wanted start date, when known (job orders)
    occupations: list[tuple[int, float]] = field(default_factory=list)  # (jobtag id, weight) top few
    required_qualifications: tuple[str, ...] = ()
    preferred_qualifications: tuple[str, ...] = ()
    experience_required: bool = False
    inexperienced_welcome: bool = False
    terms: frozenset[str] = frozenset()  # content words of title + duties + requirements
    text: str = ""  # that text, read again for `words` only when a result is explained
    is_private: bool = False
    family: str = ""  # BOナビ job family (accounting, hr_labor, …)
    # jobtag's distinctly high skills / knowledge of the posting's main occupation: (key, label), and its title
    key_skills: tuple[tuple[str, str], ...] = ()
    key_skills_of: str = ""
    posted: float = 0.0  # date_posted as a timestamp: breaks ties between equal scores, the newer job first

    @cached_property
    def words(self) -> dict[str, str]:
        """The text's whole words as written (normalised → surface), for quoting: read the first time an
        explanation asks (a ranking explains its top few of thousands), then kept with the cached facts."""
        return words_as_written(self.text)
