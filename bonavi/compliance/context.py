"""What every rule receives: the facts, the check date, the text scanner, and helpers that build findings."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from .catalog import BY_ID
from .facts import PostingFacts
from .findings import Finding, Severity
from .scan import Hit, Scan


class Context:
    def __init__(self, facts: PostingFacts, on: dt.date) -> None:
        self.facts = facts
        self.on = on

    @cached_property
    def scan(self) -> Scan:
        return Scan(self.facts.texts)

    @property
    def text_mode(self) -> bool:
        """Checking a pasted ad (facts read by the parser) rather than a structured posting."""
        return bool(self.facts.sources) or set(self.facts.texts) == {"text"}

    def finding(
        self,
        rule: str,
        message: str,
        *,
        severity: Severity | None = None,
        item: str = "",
        suggestion: str = "",
        field: str = "",
        hit: Hit | None = None,
        source: str | None = None,
    ) -> Finding:
        """A finding located at a text hit, at the place a structured fact was read (`source`), or at a field."""
        sev: Severity = severity or BY_ID[rule].severity
        if hit is not None:
            return Finding(
                rule=rule,
                severity=sev,
                message=message,
                item=item,
                evidence=hit.evidence,
                suggestion=suggestion,
                field=hit.field,
                start=hit.start,
                end=hit.end,
            )
        start = end = -1
        evidence = ""
        if source is not None and source in self.facts.sources:
            key, start, end = self.facts.sources[source]
            evidence = self.facts.texts.get(key, "")[start:end]
        return Finding(
            rule=rule,
            severity=sev,
            message=message,
            item=item,
            evidence=evidence,
            suggestion=suggestion,
            field=field or (source or ""),
            start=start,
            end=end,
        )
