"""Scoring the translator against labelled cases (JSON lines with text, expected_families and gold evidence).

Definitions (ADR 0032):
- family top-1: the best family is one of `expected_families`; top-1 strict: it is the first one listed.
- family top-2: one of the two best families is expected; top-2 all: every expected family is in the two best.
- evidence verbatim: the span occurs in the text as written and has at most 40 characters.
- gold-span recall: a gold span counts as found when the predicted spans together cover at least half of
  its characters.
- span precision: a predicted span counts as correct when at least half of its characters lie inside gold
  spans (the mirror of recall).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .reference import Reference, get_reference
from .translator import MAX_SPAN, translate

# The labelled files use O*NET-style names for a few keys; jobtag's keys are the ones the translator emits.
SKILL_ALIASES = {
    "judgment_and_decision_making": "judgment_decision_making",
    "management_of_personnel_resources": "personnel_resources_management",
    "management_of_material_resources": "material_resources_management",
    "management_of_financial_resources": "financial_resources_management",
    "education_training": "education_training_kn",
}


@dataclass
class CaseResult:
    id: str
    expected: list[str]
    predicted: list[str]
    gold_found: int
    gold_total: int
    pred_correct: int
    pred_total: int
    verbatim: int
    skill_agree: int
    not_family_in_top2: bool
    ms: float
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _located(text: str, span: str) -> range | None:
    i = text.find(span)
    return range(i, i + len(span)) if i >= 0 else None


def score_case(case: dict[str, Any], ref: Reference) -> CaseResult:
    text = case["text"]
    started = time.perf_counter()
    result = translate(text, ref=ref)
    ms = (time.perf_counter() - started) * 1000
    predicted = [f["family"] for f in result["families"] if f["score"] > 0]
    evidence = result["evidence"]
    pred_ranges = []
    verbatim = 0
    for ev in evidence:
        r = _located(text, ev["span"])
        if r is not None and len(ev["span"]) <= MAX_SPAN:
            verbatim += 1
        if r is not None:
            pred_ranges.append((r, ev))
    covered = set().union(*(set(r) for r, _ in pred_ranges)) if pred_ranges else set()
    gold_chars: set[int] = set()
    found = 0
    agree = 0
    missed = []
    for gold in case.get("evidence", []):
        g = _located(text, gold["span"])
        if g is None:
            continue
        gold_chars |= set(g)
        if len(covered & set(g)) * 2 >= len(g):
            found += 1
            gold_skill = SKILL_ALIASES.get(gold.get("skill", ""), gold.get("skill", ""))
            if any(ev["skill"] == gold_skill for r, ev in pred_ranges if set(r) & set(g)):
                agree += 1
        else:
            missed.append(gold["span"])
    correct = 0
    wrong = []
    for r, ev in pred_ranges:
        if len(set(r) & gold_chars) * 2 >= len(r):
            correct += 1
        else:
            wrong.append(ev["span"])
    ranked = [f["family"] for f in result["families"]]
    return CaseResult(
        id=case.get("id", ""),
        expected=case["expected_families"],
        predicted=ranked,
        gold_found=found,
        gold_total=len(case.get("evidence", [])),
        pred_correct=correct,
        pred_total=len(evidence),
        verbatim=verbatim,
        skill_agree=agree,
        not_family_in_top2=bool(set(case.get("not_families", [])) & set(predicted[:2])),
        ms=ms,
        missed=missed,
        wrong=wrong,
    )


def read_cases(path: Path) -> list[dict[str, Any]]:
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                cases.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n} はJSONとして読めません（{exc.msg}）") from exc
    return cases


def evaluate(cases: Iterable[dict[str, Any]], ref: Reference | None = None) -> dict[str, Any]:
    ref = ref or get_reference()
    rows = [score_case(c, ref) for c in cases]
    n = len(rows) or 1

    def rate(k: float, d: float) -> float:
        return round(k / d, 4) if d else 0.0

    times = sorted(r.ms for r in rows)
    return {
        "cases": len(rows),
        "family_top1": rate(sum(r.predicted[0] in r.expected for r in rows), n),
        "family_top1_strict": rate(sum(r.predicted[0] == r.expected[0] for r in rows), n),
        "family_top2": rate(sum(bool(set(r.predicted[:2]) & set(r.expected)) for r in rows), n),
        "family_top2_all": rate(sum(set(r.expected[:2]) <= set(r.predicted[:2]) for r in rows), n),
        "not_family_in_top2": rate(sum(r.not_family_in_top2 for r in rows), n),
        "evidence_verbatim": rate(sum(r.verbatim for r in rows), sum(r.pred_total for r in rows)),
        "gold_span_recall": rate(sum(r.gold_found for r in rows), sum(r.gold_total for r in rows)),
        "span_precision": rate(sum(r.pred_correct for r in rows), sum(r.pred_total for r in rows)),
        "skill_agreement": rate(sum(r.skill_agree for r in rows), sum(r.gold_found for r in rows)),
        "ms_median": round(times[len(times) // 2], 1) if times else 0.0,
        "ms_max": round(times[-1], 1) if times else 0.0,
        "rows": rows,
    }
