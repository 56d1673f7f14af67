"""What the checker reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    item: str = ""  # the disclosure item or topic in Japanese, e.g. 「業務の変更の範囲」
    evidence: str = ""  # the words in the ad that triggered it, verbatim ("" for a missing item)
    suggestion: str = ""
    field: str = ""  # the PostingFacts field it concerns, so a form can show it beside that field
    start: int = -1  # character offsets of the evidence in the checked text (text mode), else -1
    end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def advice(self) -> str:
        """The message and the suggestion as one text for a form, a report or a refusal: Japanese sentences run on
        without a space; a message that does not end a sentence keeps one."""
        joiner = "" if self.message.endswith("。") else " "
        return (self.message + joiner + self.suggestion).strip()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
