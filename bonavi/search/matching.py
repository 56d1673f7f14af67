"""In-memory matching of postings against many saved searches (for e-mail digests).

Stable contract (saved searches and digests build on it):
    posting_terms(posting) -> frozenset[str]
    compile_params(params) -> Matcher;  Matcher.matches(terms, posting) -> bool
    MatcherIndex: add(key, matcher) / matching(posting) — finds the saved searches a posting matches without
    trying every one (each matcher is filed under one rare term it requires).

Semantics equal the backends' for anonymous/seeker access: the same Plan (query.build_plan) is evaluated over
the same terms (terms.index_doc). Phrases use adjacent-pair terms ("a b", with a space, which no index term
contains) and, for phrases of three or more terms, an exact check of the posting's term sequences.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from bonavi.core.clock import today_jst

from . import terms as T
from .params import SearchParams
from .query import Plan, build_plan
from .synonyms import Phrase
from .terms import IndexDoc, index_doc

QUAL_PREFIX = "q:"


def _pairs(seq: list[str], prefix: str = "") -> set[str]:
    return {f"{prefix}{a} {b}" for a, b in itertools.pairwise(seq)}


def doc_terms(doc: IndexDoc) -> frozenset[str]:
    text = (
        set(doc.title)
        | set(doc.body)
        | set(doc.qual)
        | _pairs(doc.title)
        | _pairs(doc.body)
        | _pairs(doc.qual)
    )
    qual = {QUAL_PREFIX + t for t in doc.qual} | _pairs(doc.qual, QUAL_PREFIX)
    return frozenset(text | qual | set(doc.filters))


def posting_terms(posting: Any) -> frozenset[str]:
    """The posting's index terms (text terms, filter terms, and the pair/qualification forms used here)."""
    return doc_terms(index_doc(posting))


def _contains_run(seq: list[str], phrase: Phrase) -> bool:
    n = len(phrase)
    return any(tuple(seq[i : i + n]) == phrase for i in range(len(seq) - n + 1))


@dataclass(frozen=True)
class _Alt:
    required: frozenset[str]  # terms + adjacent pairs the phrase needs
    phrase: Phrase
    column: str

    def hit(self, terms: frozenset[str], seqs: Any) -> bool:
        if not self.required <= terms:
            return False
        if len(self.phrase) >= 3:  # pairs can all be present without the whole run: check the sequences
            doc = seqs()
            fields = [doc.qual] if self.column == "qual" else [doc.title, doc.body, doc.qual]
            return any(_contains_run(f, self.phrase) for f in fields)
        return True


def _alt(phrase: Phrase, column: str) -> _Alt:
    prefix = QUAL_PREFIX if column == "qual" else ""
    req = {prefix + t for t in phrase} | _pairs(list(phrase), prefix)
    return _Alt(frozenset(req), phrase, column)


class Matcher:
    def __init__(self, plan: Plan, params: SearchParams) -> None:
        self.params = params
        self.plan = plan
        self.required = frozenset(plan.required)
        self.any_of = [frozenset(g) for g in plan.any_of]
        self.positive = [[_alt(p, c.column) for p in c.alternatives] for c in plan.positive]
        self.negative = [[_alt(p, c.column) for p in c.alternatives] for c in plan.negative]
        self.posted_within = params.posted_within
        self.key_min = plan.key_min

    @property
    def rare_terms(self) -> list[frozenset[str]]:
        """Sets of which the posting must contain at least one: required terms, then each any-of group."""
        out = [frozenset([t]) for t in self.required]
        out += self.any_of
        for clause in self.positive:
            if len(clause) == 1:
                out += [frozenset([t]) for t in clause[0].required if " " not in t]
            else:  # any alternative needs its own first term, so one of the first terms must be there
                out.append(
                    frozenset(
                        sorted(a.required)[0]
                        if not a.phrase
                        else ((QUAL_PREFIX if a.column == "qual" else "") + a.phrase[0])
                        for a in clause
                    )
                )
        return out

    def matches(self, terms: frozenset[str], posting: Any, *, today: dt.date | None = None) -> bool:
        # Cheapest checks first: set operations in C, then per-posting values, then phrase sequences.
        if T.RESTRICTED in terms or not self.required <= terms:
            return False
        for group in self.any_of:
            if group.isdisjoint(terms):
                return False
        cache: list[IndexDoc] = []

        def seqs() -> IndexDoc:
            if not cache:
                cache.append(index_doc(posting))
            return cache[0]

        for clause in self.positive:
            if not any(a.hit(terms, seqs) for a in clause):
                return False
        for clause in self.negative:
            if any(a.hit(terms, seqs) for a in clause):
                return False
        if posting.valid_through is not None and posting.valid_through < (today or today_jst()):
            return False
        if self.key_min is not None:
            posted = T.posted_at(posting)
            if T.key_floor_for(posted) < self.key_min:
                return False
            if self.plan.posted_after is not None and posted <= self.plan.posted_after:
                return False
        if self.plan.wage_exact:
            unit, _floor, amount = self.plan.wage_exact
            if posting.wage_unit != unit or (posting.wage_min or 0) < amount:
                return False
        return True


def compile_params(params: SearchParams, *, posted_after: dt.datetime | None = None) -> Matcher:
    return Matcher(build_plan(params, posted_after=posted_after), params)


class MatcherIndex:
    """Saved searches filed under one term each, so a posting is only tested against searches that can match.

    Each matcher is filed under its rarest required group of terms, rarest by the document frequencies given
    (`for_batch` counts them over the very postings about to be matched: a search whose rarest term does not
    occur in the batch at all is never tried). Without frequencies a built-in guess is used. Measured: see
    docs/benchmarks.md (検索 → 保存検索の照合).
    """

    @classmethod
    def for_batch(cls, batch_terms: Iterable[frozenset[str]]) -> MatcherIndex:
        df: dict[str, int] = defaultdict(int)
        for terms in batch_terms:
            for t in terms:
                df[t] += 1
        return cls(dict(df), batch=True)

    def __init__(self, df: dict[str, int] | None = None, *, batch: bool = False) -> None:
        self.df = df or {}
        self.batch = batch  # df is exact for the postings to come: a term absent there can never match
        # first term → second term ("" when the matcher has a single group) → matchers
        self._by_term: dict[str, dict[str, list[tuple[Hashable, Matcher]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._always: list[tuple[Hashable, Matcher]] = []

    def _weight(self, group: frozenset[str]) -> float:
        def one(t: str) -> float:
            if t in self.df:
                return float(self.df[t])
            if self.batch:
                return 0.0
            if not t.startswith("_"):
                return 1.0
            if t.startswith(("_m", "_s", "_o")):
                return 2.0
            if t.startswith("_p"):
                return 3.0
            return 10.0

        return sum(one(t) for t in group)

    def add(self, key: Hashable, matcher: Matcher) -> None:
        groups = matcher.rare_terms
        if not groups:
            self._always.append((key, matcher))
            return
        ranked = sorted(set(groups), key=self._weight)
        best = ranked[0]
        if self.batch and self._weight(best) == 0:
            return  # needs a term no posting in this batch has
        second = ranked[1] if len(ranked) > 1 else frozenset([""])
        for t in best:
            for u in second:
                self._by_term[t][u].append((key, matcher))

    def matching(
        self, posting: Any, terms: frozenset[str] | None = None, *, today: dt.date | None = None
    ) -> list[Hashable]:
        terms = terms if terms is not None else posting_terms(posting)
        today = today or today_jst()
        out: list[Hashable] = []
        seen: set[int] = set()
        candidates: Iterable[tuple[Hashable, Matcher]]
        for t in terms:
            level = self._by_term.get(t)
            if not level:
                continue
            seconds = [u for u in level if u == "" or u in terms]
            for u in seconds:
                for key, m in level[u]:
                    if id(m) in seen:
                        continue
                    seen.add(id(m))
                    if m.matches(terms, posting, today=today):
                        out.append(key)
        candidates = self._always
        for key, m in candidates:
            if m.matches(terms, posting, today=today):
                out.append(key)
        return out
