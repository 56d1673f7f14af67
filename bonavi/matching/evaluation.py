"""Measuring the occupation classifier on jobtag's task statements (ADR 0060).

Protocol "own-tasks-out" (the issue's): every occupation's profile is built without its task statements, then
- one task  → is its occupation in the top 5?
- three tasks (consecutive, non-overlapping, of one occupation) → is its occupation first?
The baseline is character-bigram TF-IDF over the same profiles, computed by the same code path.
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
    for protocol in ("own-tasks-out",):
        keep = ~is_task
        idx = np.where(keep)[0]
        lex = LexicalIndex([terms[j] for j in idx], occ[idx], np.zeros(len(idx), bool), n)
        big = LexicalIndex([grams[j] for j in idx], occ[idx], np.zeros(len(idx), bool), n)
        sem = SemanticIndex(pvec[idx], occ[idx], np.zeros(len(idx), bool), n) if pvec is not None else None
        ranks: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for name, queries in (("one", one), ("three", three)):
            for target, js in queries:
                ql = lex.query_vector([t for j in js for t in terms[j]])
                qb = big.query_vector([g for j in js for g in grams[j]])
                s_lex = lex.scores(ql)
                s_big = big.scores(qb)
                ranks["bigram"][name].append(_rank(s_big, target))
                ranks["lexical"][name].append(_rank(s_lex, target))
                if sem is not None and qvec is not None:
                    sims = qvec[[qrow[j] for j in js]] @ sem.emb.T
                    s_sem = np.mean([sem.occupation_scores(s) for s in sims], axis=0)
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
