"""The query language and its compilation into a backend-neutral plan.

Language (what people know from web search): words are ANDed; "…" is a phrase; -word excludes; OR between two
items means either. A word the analyser splits (経理事務 → 経理 事務) is searched as a phrase of its parts, so it
keeps its meaning. Synonyms from data/synonyms.txt are added as alternatives (会計 → 会計 OR 経理).

Anything the engine would treat as syntax (NEAR(, *, :, ^, SQL) is only ever data here: the user's text goes
through the analyser, which keeps letters and digits, and the backends quote every term they emit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from bonavi.core.clock import JST, today_jst
from bonavi.core.text import nfkc

from . import terms as T
from .analyzer import Analyzer, get_analyzer
from .params import SearchParams
from .synonyms import Phrase, Synonyms, get_synonyms, reading_for_romaji, word_for_reading

MAX_CLAUSES: Final = 10
MAX_PHRASE_TERMS: Final = 12
# Words that, right after a keyword, say the posting rules it out (「未経験不可」「未経験者NG」「未経験の方はお断り」).
# Such a posting still matches the keyword, but relevance ranks it after those that offer it.
REFUSING_SUFFIXES: Final = (
    "不可",
    "者不可",
    "NG",
    "者NG",
    "お断り",
    "の方は不可",
    "の方はお断り",
    "者はお断り",
)


@lru_cache(maxsize=1)
def _refusals() -> tuple[Phrase, ...]:
    a = get_analyzer()
    return tuple(p for p in (tuple(a.terms(s)) for s in REFUSING_SUFFIXES) if p)


@dataclass(frozen=True)
class Clause:
    """OR of phrases (each phrase a tuple of terms); negated clauses exclude. column "qual" = qualifications only."""

    alternatives: tuple[Phrase, ...]
    negated: bool = False
    column: str = ""
    typed: str = ""  # as the person wrote it (for messages and suggestions)


@dataclass(frozen=True)
class Access:
    """Who is searching: "public" (anonymous, seekers), "org" (an employer: plus own private), "all" (operators)."""

    kind: str = "public"
    org_id: int | None = None

    @classmethod
    def for_user(cls, user: Any) -> Access:
        if user is None or not getattr(user, "is_authenticated", False):
            return cls("public")
        if getattr(user, "is_operator", False):
            return cls("all")
        if getattr(user, "is_employer", False) and getattr(user, "organization_id", None):
            return cls("org", user.organization_id)
        return cls("public")


@dataclass
class Plan:
    clauses: list[Clause] = field(default_factory=list)  # text clauses
    required: list[str] = field(default_factory=list)  # filter terms that must all be present
    any_of: list[list[str]] = field(
        default_factory=list
    )  # groups of filter terms: one of each must be present
    facet_groups: dict[str, list[str]] = field(
        default_factory=dict
    )  # family / pref / emp → terms (also any_of)
    key_min: int | None = None  # sort key lower bound (posted within / posted after)
    posted_after: dt.datetime | None = None  # exact bound inside the key_min minute
    wage_exact: tuple[str, int, int] | None = (
        None  # (unit, ladder floor, amount) when amount is off the ladder
    )
    notes: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=today_jst)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]

    def highlight_phrases(self) -> set[Phrase]:
        """What a result marks: each alternative of each keyword, whole. A synonym phrase marks where all its terms
        stand together, as the search matched it (経理 => 管理会計 marks 管理会計, never 管理 alone)."""
        return {alt for c in self.positive for alt in c.alternatives}

    def refusing_phrases(self) -> list[Phrase]:
        """Each keyword followed by a refusal (未経験 → 「未経験不可」「未経験者NG」…), for relevance to rank last."""
        out: list[Phrase] = []
        for c in self.positive:
            if c.column:
                continue
            for alt in c.alternatives:
                for suffix in _refusals():
                    phrase = (alt + suffix)[:MAX_PHRASE_TERMS]
                    if phrase not in out:
                        out.append(phrase)
        return out


# Parsing ----------------------------------------------------------------------------------------------------
@dataclass
class _Item:
    text: str
    phrase: bool
    negated: bool


def _lex(q: str, notes: list[str]) -> list[_Item | str]:
    """Split into items and the OR operator; quotes group, a leading - negates."""
    q = nfkc(q).replace("“", '"').replace("”", '"').replace("＂", '"')
    out: list[_Item | str] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
            continue
        negated = False
        if c == "-" and i + 1 < n and not q[i + 1].isspace():
            negated, i = True, i + 1
            c = q[i]
        if c == '"':
            end = q.find('"', i + 1)
            if end < 0:
                notes.append('引用符（"）が閉じていないため、最後までを一つのフレーズとして検索しました。')
                end = n
            out.append(_Item(q[i + 1 : end], True, negated))
            i = end + 1
            continue
        j = i
        while j < n and not q[j].isspace() and q[j] != '"':
            j += 1
        word = q[i:j]
        i = j
        if word in ("OR", "|", "｜") and not negated:
            out.append("OR")
        else:
            out.append(_Item(word, False, negated))
    return out


def parse(
    q: str, *, analyzer: Analyzer | None = None, synonyms: Synonyms | None = None, column: str = ""
) -> tuple[list[Clause], list[str]]:
    a = analyzer or get_analyzer()
    syn = synonyms or get_synonyms()
    notes: list[str] = []
    groups: list[list[_Item]] = []
    pending_or = False
    ignored: list[str] = []
    for tok in _lex(q, notes):
        if tok == "OR":
            pending_or = bool(groups)
            continue
        assert isinstance(tok, _Item)
        if pending_or and groups and not tok.negated and not any(x.negated for x in groups[-1]):
            groups[-1].append(tok)
        else:
            groups.append([tok])
        pending_or = False
    clauses: list[Clause] = []
    for group in groups:
        alts: list[Phrase] = []
        typed = []
        for item in group:
            text = item.text
            as_typed: Phrase = ()
            if (reading_of := word_for_reading(text)) is not None:
                # Unconverted kana (けいり) means nothing to the analyser, or another word (こうほう → 工法).
                notes.append(f"「{text}」を「{reading_of}」として検索しました。")
                text = reading_of
            elif (romaji := reading_for_romaji(text)) is not None:
                # The same word typed in romaji (keiri, somu). Latin letters are real text in postings too (Excel,
                # an address keiri@…), so the word as typed stays one of the alternatives: reading it as the job
                # word only ever adds postings (ADR 0122).
                reading, reading_of = romaji
                notes.append(f"「{text}」を「{reading}」（{reading_of}）としても検索しました。")
                as_typed = tuple(a.terms(text))[:MAX_PHRASE_TERMS]
                text = reading_of
            phrase = tuple(a.terms(text))[:MAX_PHRASE_TERMS]
            if not phrase:
                if item.text.strip():
                    ignored.append(item.text.strip()[:20])
                continue
            typed.append(item.text)
            if phrase not in alts:
                alts.append(phrase)
            for other, _w in syn.expand(phrase):
                if other not in alts:
                    alts.append(other)
            if as_typed and as_typed not in alts:
                alts.append(as_typed)
        if alts:
            clauses.append(
                Clause(tuple(alts), negated=group[0].negated, column=column, typed=" OR ".join(typed))
            )
    if ignored:
        notes.append(
            "記号だけの語（"
            + "、".join(f"「{w}」" for w in ignored[:5])
            + "）は検索に使えないため無視しました。"
        )
    if len(clauses) > MAX_CLAUSES:
        notes.append(f"キーワードが多すぎるため、先頭の{MAX_CLAUSES}語で検索しました。")
        clauses = clauses[:MAX_CLAUSES]
    if clauses and all(c.negated for c in clauses):
        pass  # only exclusions: "everything except …" is a sensible reading
    return clauses, notes


def build_plan(
    params: SearchParams,
    *,
    posted_after: dt.datetime | None = None,
    now: dt.datetime | None = None,
    skip: set[str] | None = None,
) -> Plan:
    """Compile params into a plan. `skip` leaves out filters by name (for "relax this filter" counts)."""
    skip = skip or set()
    plan = Plan()
    if params.q and "q" not in skip:
        plan.clauses, plan.notes = parse(params.q)
    if params.qualification and "qual" not in skip:
        qual_clauses, qual_notes = parse(params.qualification, column="qual")
        plan.clauses += [c for c in qual_clauses if not c.negated]
        plan.notes += qual_notes

    def group(name: str, values: list[str], fn: Any, facet: bool = False) -> None:
        if values and name not in skip:
            g = [fn(v) for v in values]
            plan.any_of.append(g)
            if facet:
                plan.facet_groups[name] = g

    group("family", params.families, T.family_term, facet=True)
    group("subrole", params.subroles, T.subrole_term)
    group("pref", params.prefectures, T.pref_term, facet=True)
    group("emp", params.employment_types, T.etype_term, facet=True)
    if params.municipality and "city" not in skip:
        pref, city = T.municipality_query(params.municipality)
        plan.required.append(T.municipality_term(city))
        if pref:  # 「東京都渋谷区」: the prefecture typed in the box narrows like the 都道府県 filter
            plan.required.append(T.pref_term(pref))
    if params.salary_unit and "salary" not in skip:
        floor = T.wage_ladder_floor(params.salary_unit, params.salary_min) if params.salary_min else None
        plan.required.append(T.wage_term(params.salary_unit, floor))
        if params.salary_min and floor != params.salary_min:
            plan.wage_exact = (params.salary_unit, floor or 0, params.salary_min)
    flags = [
        ("inexp", params.inexperienced, T.FLAG_INEXPERIENCED),
        ("edu", params.education_not_required, T.FLAG_EDUCATION),
        ("noqual", params.no_qualification_required, T.FLAG_NO_QUALIFICATION),
        ("weekend", params.weekends_off, T.FLAG_WEEKENDS),
    ]
    for name, on, term in flags:
        if on and name not in skip:
            plan.required.append(term)
    if params.remote and "remote" not in skip:
        plan.required.append(T.FLAG_REMOTE_FULL if params.remote == "full" else T.FLAG_REMOTE_ANY)
    if params.holidays_min is not None and "holidays" not in skip:
        steps = [n for n in T.HOLIDAY_LADDER if n >= params.holidays_min]
        if params.holidays_min > T.HOLIDAY_LADDER[0] and (not steps or steps[0] != params.holidays_min):
            # Off-ladder values round up to the next step (stricter, never shows a posting below the ask).
            plan.notes.append(
                f"年間休日は{steps[0] if steps else T.HOLIDAY_LADDER[-1]}日以上で絞り込みました。"
            )
        if params.holidays_min > 0:
            plan.required.append(T.holidays_term(steps[0] if steps else T.HOLIDAY_LADDER[-1]))
    if params.overtime_max is not None and "overtime" not in skip:
        steps = [n for n in T.OVERTIME_LADDER if n <= params.overtime_max]
        step = steps[-1] if steps else 0
        if step != params.overtime_max:
            plan.notes.append(
                "残業なしで絞り込みました。" if step == 0 else f"残業は月{step}時間以内で絞り込みました。"
            )
        plan.required.append(T.overtime_term(step))
    bounds: list[dt.datetime] = []
    if params.posted_within and "days" not in skip:
        start_day = plan.today - dt.timedelta(days=params.posted_within)
        bounds.append(dt.datetime.combine(start_day, dt.time(0, 0), tzinfo=JST))
    if posted_after is not None:
        plan.posted_after = posted_after
        bounds.append(posted_after)
    if bounds:
        plan.key_min = T.key_floor_for(max(bounds))
    return plan
