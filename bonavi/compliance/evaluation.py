"""Scoring the checker on labelled ads (the shared dev set format, and our own set in evaluation/cases.jsonl).

One case per JSON line: {"id", "date", "text", "expected": [rule ids], "item_keywords": [...], "note"}.
`expected` lists the rules the ad breaks. For a rule R:
- recall = cases expecting R where the checker reports R (any severity) / cases expecting R. For
  `missing-disclosure` a case counts only if every item keyword appears in a reported missing item.
- false-positive rate = cases not expecting R where the checker reports R / cases not expecting R, counted
  twice: any severity, and errors only (a warning asks a person to look; an error blocks publishing).
Clean ads (expected == []) must produce no error finding at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import RULES
from .findings import Finding
from .service import check_text

OWN_CASES = Path(__file__).resolve().parent / "evaluation" / "cases.jsonl"


@dataclass
class Case:
    id: str
    date: dt.date
    text: str
    expected: list[str]
    item_keywords: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Outcome:
    case: Case
    findings: list[Finding]

    @property
    def reported(self) -> set[str]:
        return {f.rule for f in self.findings}

    @property
    def reported_errors(self) -> set[str]:
        return {f.rule for f in self.findings if f.is_error}

    def hit(self, rule: str) -> bool:
        if rule not in self.reported:
            return False
        if rule == "missing-disclosure" and self.case.item_keywords:
            items = [f.item for f in self.findings if f.rule == rule]
            return all(any(kw in item for item in items) for kw in self.case.item_keywords)
        return True


@dataclass
class RuleScore:
    rule: str
    positives: int = 0
    hits: int = 0
    negatives: int = 0
    false_any: int = 0
    false_errors: int = 0

    @property
    def recall(self) -> float | None:
        return self.hits / self.positives if self.positives else None

    @property
    def fp_rate(self) -> float | None:
        return self.false_any / self.negatives if self.negatives else None

    @property
    def fp_error_rate(self) -> float | None:
        return self.false_errors / self.negatives if self.negatives else None


@dataclass
class Report:
    outcomes: list[Outcome]
    scores: dict[str, RuleScore]

    @property
    def clean_with_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.case.expected and o.reported_errors]

    @property
    def clean_cases(self) -> int:
        return sum(1 for o in self.outcomes if not o.case.expected)

    def misses(self) -> list[tuple[Outcome, str]]:
        return [(o, r) for o in self.outcomes for r in o.case.expected if not o.hit(r)]

    def false_positives(self) -> list[tuple[Outcome, str]]:
        return [(o, r) for o in self.outcomes for r in sorted(o.reported - set(o.case.expected))]


class CaseFormatError(ValueError):
    pass


def load_cases(path: str | Path) -> list[Case]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                cases.append(
                    Case(
                        id=str(d["id"]),
                        date=dt.date.fromisoformat(d["date"]),
                        text=d["text"],
                        expected=list(d.get("expected", [])),
                        item_keywords=list(d.get("item_keywords", [])),
                        note=d.get("note", ""),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise CaseFormatError(f"{path} の{n}行目を読めません：{exc}") from exc
    return cases


def evaluate(cases: Iterable[Case]) -> Report:
    outcomes = [Outcome(c, check_text(c.text, on=c.date, label=c.id).findings) for c in cases]
    rules = [r.id for r in RULES]
    scores = {r: RuleScore(r) for r in rules}
    for o in outcomes:
        for rule in rules:
            s = scores[rule]
            if rule in o.case.expected:
                s.positives += 1
                s.hits += o.hit(rule)
            else:
                s.negatives += 1
                s.false_any += rule in o.reported
                s.false_errors += rule in o.reported_errors
    return Report(outcomes, scores)
