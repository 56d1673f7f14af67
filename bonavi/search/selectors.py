"""Search reads, with the same entitlement rules as bonavi.jobs.selectors.

Stable contract (saved searches and digests build on it):
    search_postings(*, user, params, posted_after=None) -> SearchResult
(`widen=True` is the search page's alone: the API, alerts and feeds answer exactly what was asked.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bonavi.core.money import YenError, parse_yen
from bonavi.core.pagination import page_count
from bonavi.core.prefectures import PREFECTURES
from bonavi.jobs.catalog import FAMILIES
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import postings_visible_to

from . import terms as T
from .analyzer import get_analyzer
from .backends import get_backend
from .params import ETYPES, MAX_PAGE, MAX_SALARY, PAGE_SIZE, SearchParams, yen_short
from .query import Access, Clause, Plan, build_plan
from .synonyms import Phrase, get_synonyms, reading_for_romaji
from .typos import homophone_fixes, kana_fixes, romaji_as_kana, romaji_fixes

FacetValue = tuple[str, str, int]  # (value, label, count)
SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Fallback:
    """A keyword that found nothing, answered on the search page by a wider reading of it that finds postings: a
    compound (経理担当者) by its leading part (経理; kind "part", ADR 0020 addendum), or words typed in romaji
    (keiri tantou) as the kana they spell (けいり たんとう; kind "kana", ADR 0122)."""

    kind: str  # "part" or "kana"
    typed: str  # the words as typed that were replaced (the compound; the romaji words)
    shown: str  # what was searched in their place (the part; the kana)
    # The search shown: the keyword with the replacement, every other condition (and parameter error) kept.
    params: SearchParams
    # The search as written, the replaced words quoted so that they are searched as is and never replaced.
    exact_qs: str


@dataclass
class SearchResult:
    total: int
    results: list[JobPosting]
    facets: dict[str, list[FacetValue]]  # "family" / "pref" / "emp" → [(value, label, count)], count desc
    highlights: dict[int, dict[str, SafeString]] = field(default_factory=dict)  # id → {"title", "snippet"}
    messages: list[str] = field(default_factory=list)
    facets_approximate: bool = False  # large results: facet counts estimated from the newest matches
    total_approximate: bool = (
        False  # very large results on PostgreSQL: the total is an estimate (「約」, ADR 0025)
    )
    # (what to drop, querystring, count) for the "no results" help
    # (label, querystring, count, count is an estimate)
    relaxations: list[tuple[str, str, int, bool]] = field(default_factory=list)
    suggestions: list[tuple[str, str, int, bool]] = field(default_factory=list)  # (word, querystring, …)
    # A condition typed as a keyword (残業なし, 年収400万以上), offered as the filter: (label, querystring, …)
    conditions: list[tuple[str, str, int, bool]] = field(default_factory=list)
    # 「もしかして」: the keyword with a homophone kanji slip mended (経里 → 経理): (keyword, querystring, …)
    typos: list[tuple[str, str, int, bool]] = field(default_factory=list)
    # Set when this is the search of a wider reading of the keyword (a compound's leading part, romaji as kana),
    # answered in place of the search asked for, which found nothing (search_postings(widen=True)).
    fallback: Fallback | None = None
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, page_count(self.total, self.page_size))


def _facets(hist: dict[int, int]) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, int]] = {"family": {}, "pref": {}, "emp": {}}
    for key, n in hist.items():
        pref, family, etype = T.facet_key_parts(key)
        for name, value in (("family", family), ("pref", pref), ("emp", etype)):
            if value:
                counts[name][value] = counts[name].get(value, 0) + n
    labels = {"family": FAMILIES, "pref": PREFECTURES, "emp": ETYPES}
    return {
        name: sorted(((v, labels[name].get(v, v), n) for v, n in c.items()), key=lambda x: (-x[2], x[0]))
        for name, c in counts.items()
    }


def _marked_spans(text: str, phrases: set[Phrase]) -> list[tuple[int, int]]:
    """Where in `text` (its own offsets) one of `phrases` stands: the morphemes of each run of terms equal to a
    phrase, touching ones joined into one span. Terms follow each other as the index holds them (punctuation has
    none), so a phrase is marked exactly where the search found it; a term of a phrase standing alone is not."""
    from bonavi.core.normtext import normalize

    # Analyse the normalised text, but mark and show the person's own characters.
    norm = normalize(text)
    analysed = get_analyzer().morphemes(norm.text)
    terms = [(term, k) for k, (m, ts) in enumerate(analysed) if m.end > m.begin for term in ts]
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    marked: set[int] = set()
    for at, (term, _k) in enumerate(terms):
        for phrase in by_first.get(term, ()):
            run = terms[at : at + len(phrase)]
            if tuple(t for t, _k in run) == phrase:
                marked.update(k for _t, k in run)
    spans: list[tuple[int, int]] = []
    for k in sorted(marked):
        b, e = norm.span(analysed[k][0].begin, analysed[k][0].end)
        if spans and spans[-1][1] == b:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((b, e))
    return spans


def _highlight(
    text: str, wanted: set[Phrase], *, snippet: bool = False, spans: list[tuple[int, int]] | None = None
) -> SafeString:
    """`text` escaped, with each place where one of the query's phrases stands in <mark> (_marked_spans; `spans`:
    those already found)."""
    if not wanted or not text:
        return mark_safe(
            escape(text[:SNIPPET_CHARS] + ("…" if snippet and len(text) > SNIPPET_CHARS else ""))
        )
    if spans is None:
        spans = _marked_spans(text, wanted)
    start, end = 0, len(text)
    if snippet:
        first = spans[0][0] if spans else 0
        start = max(0, first - 20)
        end = min(len(text), start + SNIPPET_CHARS)
    out: list[str] = []
    pos = start
    for b, e in spans:
        if b < start or e > end:
            continue
        out.append(escape(text[pos:b]))
        out.append(f"<mark>{escape(text[b:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    s = "".join(out)
    if snippet:
        s = ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")
    return mark_safe(s)  # every piece above is escaped


def _relax_options(params: SearchParams) -> list[tuple[str, str, SearchParams]]:
    """Each active filter (and the keyword) with the params that drop it, for the "no results" help."""
    out = []

    def drop(label: str, **changes: Any) -> None:
        p = variant(params, **changes)
        out.append((label, p.to_querystring(), p))

    if params.q:
        drop(f"キーワード「{params.q}」", q="")
    for label, changes in params.filter_parts():
        drop(label, **changes)
    return out


def search_postings(
    *,
    user: Any,
    params: SearchParams,
    posted_after: dt.datetime | None = None,
    widen: bool = False,
) -> SearchResult:
    """One page of postings `user` may see that match `params`, with total, facets and highlights; when there are
    none, the help (relaxations, もしかして, parts, conditions).

    `widen` (the search page): when page 1 finds nothing and a wider reading of the keyword finds postings — the
    romaji words read as kana (keiri tantou → けいり たんとう), or a compound's leading part (経理担当者 → 経理) —
    answer that search instead, with `fallback` saying so; the help of the empty search stops there, as nobody
    would see it."""
    access = Access.for_user(user)
    plan = build_plan(params, posted_after=posted_after)
    result = _page(user, params, plan, access)
    if result.total == 0:
        fallback = _no_results_help(result, params, plan, access, stop=widen and params.page == 1)
        if fallback is not None:
            result = _page(
                user, fallback.params, build_plan(fallback.params, posted_after=posted_after), access
            )
            result.fallback = fallback
    return result


def _page(user: Any, params: SearchParams, plan: Plan, access: Access) -> SearchResult:
    backend = get_backend()
    raw = backend.search(plan, access, sort=params.sort, offset=params.offset, limit=PAGE_SIZE)
    # Defence in depth: the page is read back through the jobs app's own entitlement rules, so even an index
    # that went stale can never show a posting this person may not see.
    found = {p.pk: p for p in postings_visible_to(user).filter(pk__in=raw.ids).select_related("organization")}
    results = [found[i] for i in raw.ids if i in found]
    messages = list(params.errors) + plan.notes
    if params.page_capped and raw.total > MAX_PAGE * PAGE_SIZE:
        messages.insert(0, f"表示できるのは{MAX_PAGE}ページ目までです。条件を絞り込んでください。")
    for clause in plan.positive:
        if clause.typed and len(clause.alternatives) > 1 and clause.column == "":
            messages += [note] if (note := _synonym_note(clause.typed, clause.alternatives[0])) else []
    result = SearchResult(
        total=raw.total,
        results=results,
        facets=_facets(raw.histogram),
        messages=messages,
        page=params.page,
        facets_approximate=raw.facets_approximate,
        total_approximate=raw.total_approximate,
    )
    wanted = plan.highlight_phrases()
    for p in results:
        result.highlights[p.pk] = {
            "title": _highlight(p.title, wanted),
            "snippet": _snippet(p, wanted),
        }
    return result


def _snippet(p: Any, wanted: set[Phrase]) -> SafeString:
    """A result's snippet, cut from 業務内容 unless the keyword stands only in the company's own words (仕事の魅力・
    職場の様子, 求める人物像; searched since ADR 0128) — then from that text, so the result shows why it was found.
    Each text is analysed once, and the others only when 業務内容 has no match."""
    if not wanted:
        return _highlight(p.duties, wanted, snippet=True)
    duties_spans = _marked_spans(p.duties, wanted) if p.duties else []
    if not duties_spans:
        for text in (p.appeal, p.ideal_candidate):
            if text and (spans := _marked_spans(text, wanted)):
                return _highlight(text, wanted, snippet=True, spans=spans)
    return _highlight(p.duties, wanted, snippet=True, spans=duties_spans)


SYNONYM_NOTE_WORDS = 4  # words the note names; more are said as 「など」


def _synonym_note(typed: str, phrase: tuple[str, ...]) -> str:
    """「「X」は同じ意味の「A」と、関連する「B」「C」なども含めて検索しました。」: the words the keyword also found,
    two-way synonyms as the same meaning and one-way targets (経理 => 会計ソフト) as related, at most
    SYNONYM_NOTE_WORDS of them, 「など」 when there are more; "" when there are none."""
    syn = get_synonyms()
    found = syn.expand(phrase)
    same = [w for p, w in found if syn.same_meaning(phrase, p)]
    related = [w for p, w in found if not syn.same_meaning(phrase, p)]
    shown_same = same[:SYNONYM_NOTE_WORDS]
    shown_related = related[: SYNONYM_NOTE_WORDS - len(shown_same)]
    parts = [
        f"{label}「" + "」「".join(words) + "」"
        for label, words in (("同じ意味の", shown_same), ("関連する", shown_related))
        if words
    ]
    if not parts:
        return ""
    more = "など" if len(found) > len(shown_same) + len(shown_related) else ""
    return f"「{typed}」は" + "と、".join(parts) + f"{more}も含めて検索しました。"


MAX_HELP_WORDS = 5  # keyword words tried one by one in the "no results" help (each costs a count)


def variant(params: SearchParams, **changes: Any) -> SearchParams:
    """The search with some conditions changed, from its first page: what each hint of the help links to. The
    lists are replaced, never changed in place, so sharing the others with `params` is safe."""
    return replace(params, page=1, **changes)


def _no_results_help(
    result: SearchResult, params: SearchParams, plan: Plan, access: Access, *, stop: bool
) -> Fallback | None:
    """Fill in the help of a search that found nothing. With `stop`, stop as soon as a wider reading of the keyword
    (romaji as kana, a compound's leading part) finds postings and return it; None when the help was filled in."""
    backend = get_backend()
    # Romaji first: read as kana, its words are Japanese words, and the other hints work on them.
    kana = _kana_suggestion(result, params, plan, access, stop=stop)
    if isinstance(kana, Fallback):
        return kana
    # The typos next: a word mended is not cut into parts (経里事務 is offered as 経理事務, not as 事務).
    mended = _typo_suggestions(result, params, plan, access, base=kana) | set(kana.changed)
    if head := _part_suggestions(result, params, plan, access, mended=mended, stop_at_head=stop):
        typed, part, wider = head
        return Fallback("part", typed, part, wider, _as_typed_qs(params, {typed}))
    words = params.q.split()
    # Several words that find nothing together (英語 TOEIC, 情シス ヘルプデスク): what each word's removal gives, before
    # dropping the whole keyword — one word is usually the one the postings do not use.
    if len(words) > 1:
        for clause in [c for c in plan.clauses if c.column == ""][:MAX_HELP_WORDS]:
            word = ("-" if clause.negated else "") + clause.typed
            if word not in words:  # a quoted phrase or an OR group: not one word of the box
                continue
            if _condition_for(word) is not None:  # 残業なし: offered as its filter below, not dropped
                continue
            rest = list(words)
            rest.remove(word)
            p = variant(params, q=" ".join(rest))
            n, approximate = backend.count_estimate(build_plan(p), access, bounded=True)
            if n:
                result.relaxations.append((f"キーワード「{word}」", p.to_querystring(), n, approximate))
    for label, qs, p in _relax_options(params):
        n, approximate = backend.count_estimate(build_plan(p), access)
        if n:
            result.relaxations.append((label, qs, n, approximate))
    _condition_suggestions(result, params, access)
    # No "similar words" from the synonym dictionary: the search already found each word's synonyms (its clause's
    # alternatives), so the word swapped for one of them asks for a part of what just found nothing.
    return None


MAX_TYPO_FIXES = 2  # mended keywords counted per search: the longest job word is nearly always the one meant


@dataclass
class _Budget:
    """How many more counts one kind of hint may spend (each try is one bounded count)."""

    left: int

    def spend(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def _as_typed_qs(params: SearchParams, typed: set[str]) -> str:
    """The query string of 「…のまま検索する」: the box's words in `typed` quoted whole, so the search takes them as
    typed (no romaji reading, no cutting into parts). Quoting by whole word, not by substring, so a word that also
    occurs inside an earlier word (事務 in 経理事務) is the one quoted."""
    q = " ".join(f'"{w}"' if w in typed else w for w in params.q.split())
    return variant(params, q=q).to_querystring()


def _box_clauses(plan: Plan, words: list[str]) -> list[Clause]:
    """The keyword clauses a hint may replace in place: one word of the box as typed, not a column search, a
    quoted phrase or an OR group."""
    return [c for c in plan.positive if not c.column and c.typed in words]


def _first_that_finds(
    params: SearchParams, access: Access, words: list[str], typed: str, candidates: list[str], budget: _Budget
) -> tuple[str, str, str, int, bool] | None:
    """The first of `candidates` that, in place of the box's word `typed`, finds postings: (candidate, keyword,
    query string, count, approximate); None when none does or the budget runs out first."""
    for candidate in candidates:
        if not budget.spend():
            return None
        q = " ".join(candidate if w == typed else w for w in words)
        found = _count_keyword(params, access, q)
        if found is not None:
            return (candidate, q, *found)
    return None


def _count_keyword(params: SearchParams, access: Access, q: str) -> tuple[str, int, bool] | None:
    """(query string, count, approximate) of the search with the keyword `q`, or None when it finds nothing."""
    p = variant(params, q=q)
    n, approximate = get_backend().count_estimate(build_plan(p), access, bounded=True)
    return (p.to_querystring(), n, approximate) if n else None


@dataclass(frozen=True)
class _KanaWords:
    """The keyword's words with those typed in romaji as the kana they spell (typos.romaji_as_kana)."""

    words: list[str]  # every word of the box, in order
    changed: dict[str, str]  # romaji word as typed → its kana


def _kana_suggestion(
    result: SearchResult, params: SearchParams, plan: Plan, access: Access, *, stop: bool
) -> Fallback | _KanaWords:
    """Words typed in romaji (keiri tantou, jinji tantou) read as the kana they spell, when that finds postings:
    with `stop` (page 1 of the search page) the search to show in place of this one, else offered as 「もしかして」.
    Returns the words as kana otherwise, for the other hints to work on (sousmu たんとう → 総務 たんとう).
    One count, and only when a word reads as kana that the search did not already try: keiri alone was searched
    as 経理 (query.parse), so its kana would find nothing more (ADR 0122)."""
    words = params.q.split()
    changed = {
        c.typed: kana for c in _box_clauses(plan, words) if (kana := romaji_as_kana(c.typed)) is not None
    }
    as_kana = _KanaWords([changed.get(w, w) for w in words], changed)
    if all(reading_for_romaji(w) for w in changed):
        return as_kana
    q = " ".join(as_kana.words)
    found = _count_keyword(params, access, q)
    if found is None:
        return as_kana
    typed = [w for w in words if w in changed]
    if stop:
        return Fallback(
            "kana",
            " ".join(typed),
            " ".join(changed[w] for w in typed),
            variant(params, q=q),
            _as_typed_qs(params, set(typed)),
        )
    result.typos.append((q, *found))
    return as_kana


def _typo_suggestions(
    result: SearchResult, params: SearchParams, plan: Plan, access: Access, *, base: _KanaWords
) -> set[str]:
    """A word typed with the wrong kanji of the same sound (経里, 社会保健労務士), a katakana word with a keyboard
    slip (ヘルプデクス), or romaji one keystroke from a job word's reading (sousmu): the keyword with it mended,
    when that finds postings. The other words are as in `base` (romaji as kana). Returns the words mended, whose
    compound parts are then not offered: 経里事務's part would be 事務 beside 「もしかして：経理事務」, and 経里's 経
    (typos.py)."""
    words = base.words
    budget = _Budget(MAX_TYPO_FIXES)
    mended: set[str] = set()
    first_fixes: dict[str, str] = {}
    for clause in _box_clauses(plan, words):
        fixes = homophone_fixes(clause.typed) or kana_fixes(clause.typed) or romaji_fixes(clause.typed)
        if fixes and len(first_fixes) < MAX_TYPO_FIXES:
            first_fixes[clause.typed] = fixes[0]
        if found := _first_that_finds(params, access, words, clause.typed, fixes, budget):
            _fixed, q, qs, n, approximate = found
            result.typos.append((q, qs, n, approximate))
            mended.add(clause.typed)
    # Two slips in one keyword (経里 総無): each word mended alone still has the other slip and finds nothing. One
    # more count, of every slipped word mended at once; offered first, as the likeliest meaning.
    if len(first_fixes) > 1:
        q = " ".join(first_fixes.get(w, w) for w in words)
        # (never one of the single mends above: it changes at least two words, each of them one)
        if counted := _count_keyword(params, access, q):
            result.typos.insert(0, (q, *counted))
            mended.update(first_fixes)
    return mended


def _part_suggestions(
    result: SearchResult,
    params: SearchParams,
    plan: Plan,
    access: Access,
    *,
    mended: set[str],
    stop_at_head: bool,
) -> tuple[str, str, SearchParams] | None:
    """A compound found nowhere as written (経理担当者, 人事労務) is searched as a phrase of its parts; postings say
    経理事務担当 or 人事・労務. Offer its longest leading part and its longest trailing part that find postings
    (経理担当者 → 経理), each as a word of at least two characters. Not for a word already mended as a typo.
    With `stop_at_head`, returns the first leading part that finds postings, (typed, part, its search), at once."""
    words = params.q.split()
    budget = _Budget(MAX_HELP_WORDS)
    for clause in _box_clauses(plan, words):
        if len(clause.alternatives[0]) < 2 or clause.typed in mended:
            continue
        # 残業なし is offered as its filter (below); its part 残業 would find postings with overtime.
        if _condition_for(clause.typed):
            continue
        surfaces = [m.surface for m, _terms in get_analyzer().morphemes(clause.typed)]
        prefixes = ["".join(surfaces[:i]) for i in range(len(surfaces) - 1, 0, -1)]
        suffixes = ["".join(surfaces[i:]) for i in range(1, len(surfaces))]
        for candidates in (prefixes, suffixes):
            offered = {w for w, *_ in result.suggestions}
            parts = [part for part in candidates if len(part) >= 2 and part not in offered]
            if found := _first_that_finds(params, access, words, clause.typed, parts, budget):
                part, q, qs, n, approximate = found
                result.suggestions.append((part, qs, n, approximate))
                # The head of a Japanese compound carries its meaning (経理担当者 is a kind of 経理), its tail
                # rarely does (担当者): only a leading part is searched in place of the word.
                if candidates is prefixes and stop_at_head:
                    return clause.typed, part, variant(params, q=q)
    return None


# Conditions people type into the keyword box. Postings hold them as facts (a number of hours, an amount), not as
# words, so the keyword finds nothing; the help offers the filter instead.
_NO_OVERTIME = re.compile(r"残業(なし|無し|ゼロ|0時間|0h?)")
_WAGE = re.compile(r"(年収|月給|日給|時給)([0-9][0-9,.]*万?[0-9]*)円?(以上|~|〜)?")
_HOLIDAYS = re.compile(r"年間休日([0-9]{2,3})日?(以上)?")
_UNITS = {"年収": "year", "月給": "month", "日給": "day", "時給": "hour"}
_FLAGS = {
    "学歴不問": ("education_not_required", "学歴不問"),
    "資格不問": ("no_qualification_required", "資格不問"),
}


def _condition_for(word: str) -> tuple[str, dict[str, Any]] | None:
    """(label, params changes) for a keyword word that is a search condition, or None."""
    if _NO_OVERTIME.fullmatch(word):
        return "残業なし", {"overtime_max": 0}
    if word in _FLAGS:
        attr, label = _FLAGS[word]
        return label, {attr: True}
    if m := _HOLIDAYS.fullmatch(word):
        days = int(m.group(1))
        return (f"年間休日{days}日以上", {"holidays_min": days}) if days <= 365 else None
    if m := _WAGE.fullmatch(word):
        unit = _UNITS[m.group(1)]
        try:
            amount = parse_yen(m.group(2))
        except YenError:
            return None
        if not 0 < amount <= MAX_SALARY[unit]:
            return None
        return f"{m.group(1)}{yen_short(amount)}以上", {"salary_unit": unit, "salary_min": amount}
    return None


def _condition_suggestions(result: SearchResult, params: SearchParams, access: Access) -> None:
    words = params.q.split()
    for word in words[:MAX_HELP_WORDS]:
        found = _condition_for(word)
        if found is None:
            continue
        label, changes = found
        p = variant(params, q=" ".join(w for w in words if w != word), **changes)
        n, approximate = get_backend().count_estimate(build_plan(p), access, bounded=True)
        if n:
            result.conditions.append((label, p.to_querystring(), n, approximate))
