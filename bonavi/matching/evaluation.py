"""Measuring the occupation classifier on jobtag's task statements (ADR 0060).

Queries: one task → is its occupation in the top 5?; three tasks (consecutive, non-overlapping, of one
occupation) → is its occupation first? Three protocols, all over the same code path, with the baseline
(character-bigram TF-IDF) beside each:
- "no-tasks": no profile has any task statement (the strictest).
- "own-tasks-out" (the issue's wording): the queried occupation's profile has none of its own tasks; every other
  occupation keeps its tasks.
- "held-out-sim": only the queried task statements are left out of their occupation's profile; its other tasks
  stay. This is the situation of the held-out set: new task statements against profiles built from the shared
  subset. (IDF is computed over all rows, a negligible leak across 556 occupations.)
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .classifier import LEXICAL_WEIGHT, SEMANTIC_WEIGHT, LexicalIndex, SemanticIndex, _standardise
from .indexing import EmbeddingCache
from .profiles import read_jobtag
from .terms import content_terms


@dataclass
class Figures:
    method: str
    protocol: str
    one_top1: float
    one_top5: float
    three_top1: float
    three_top5: float
    n_one: int
    n_three: int


def bigrams(text: str) -> list[str]:
    t = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return [t[i : i + 2] for i in range(len(t) - 1)]


def _rank(scores: np.ndarray, target: int) -> int:
    return int((scores > scores[target]).sum())


def evaluate(folder: Path, *, embedder: Any = None, progress: Any = None) -> list[Figures]:
    occupations, rows = read_jobtag(folder)
    n = len(occupations)
    occ = np.array([r.occupation for r in rows])
    is_task = np.array([r.kind == "task" for r in rows])
    tasks_of: dict[int, list[int]] = defaultdict(list)
    for j, r in enumerate(rows):
        if r.kind == "task":
            tasks_of[r.occupation].append(j)
    one = [(r.occupation, [j]) for j, r in enumerate(rows) if r.kind == "task"]
    three = [(o, js[s : s + 3]) for o, js in tasks_of.items() for s in range(0, len(js) - 2, 3)]
    terms = [content_terms(r.text) for r in rows]
    grams = [bigrams(r.text) for r in rows]
    pvec = qvec = None
    if embedder is not None:
        cache = EmbeddingCache()
        started = time.perf_counter()
        pvec = cache.embed(embedder, [r.text for r in rows], kind="p", progress=progress)
        qvec = cache.embed(
            embedder, [rows[j].text for j in np.where(is_task)[0]], kind="q", progress=progress
        )
        qrow = {int(j): i for i, j in enumerate(np.where(is_task)[0])}
        if progress:
            progress(-1, int(time.perf_counter() - started))
    out: list[Figures] = []
    for protocol in ("no-tasks", "own-tasks-out", "held-out-sim"):
        keep = ~is_task if protocol == "no-tasks" else np.ones(len(rows), bool)
        idx = np.where(keep)[0]
        no_task = np.zeros(len(idx), bool)
        lex = LexicalIndex(
            [terms[j] for j in idx], occ[idx], is_task[idx] if len(idx) == len(rows) else no_task, n
        )
        big = LexicalIndex(
            [grams[j] for j in idx], occ[idx], is_task[idx] if len(idx) == len(rows) else no_task, n
        )
        sem = (
            SemanticIndex(pvec[idx], occ[idx], is_task[idx] if len(idx) == len(rows) else no_task, n)
            if pvec is not None
            else None
        )
        ranks: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for name, queries in (("one", one), ("three", three)):
            for target, js in queries:
                ql = lex.query_vector([t for j in js for t in terms[j]])
                qb = big.query_vector([g for j in js for g in grams[j]])
                if protocol == "no-tasks":
                    s_lex, s_big = lex.scores(ql), big.scores(qb)
                elif protocol == "own-tasks-out":
                    s_lex = lex.scores(ql, leave_out_tasks_of=target)
                    s_big = big.scores(qb, leave_out_tasks_of=target)
                else:
                    s_lex = lex.scores_without(
                        ql, occ=target, removed_terms=[t for j in js for t in terms[j]]
                    )
                    s_big = big.scores_without(
                        qb, occ=target, removed_terms=[g for j in js for g in grams[j]]
                    )
                ranks["bigram"][name].append(_rank(s_big, target))
                ranks["lexical"][name].append(_rank(s_lex, target))
                if sem is not None and qvec is not None:
                    sims = qvec[[qrow[j] for j in js]] @ sem.emb.T
                    if protocol == "held-out-sim":
                        sims[:, js] = -1.0  # the queried rows themselves are not in the profile
                    leave = target if protocol == "own-tasks-out" else None
                    s_sem = np.mean(
                        [sem.occupation_scores(s, leave_out_tasks_of=leave) for s in sims], axis=0
                    )
                    ranks["e5"][name].append(_rank(s_sem, target))
                    comb = LEXICAL_WEIGHT * _standardise(s_lex) + SEMANTIC_WEIGHT * _standardise(s_sem)
                    ranks["combined"][name].append(_rank(comb, target))
        for method, by in ranks.items():
            r1, r3 = np.array(by["one"]), np.array(by["three"])
            out.append(
                Figures(
                    method,
                    protocol,
                    float((r1 < 1).mean()),
                    float((r1 < 5).mean()),
                    float((r3 < 1).mean()),
                    float((r3 < 5).mean()),
                    len(r1),
                    len(r3),
                )
            )
    return out
