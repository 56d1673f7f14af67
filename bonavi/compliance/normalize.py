"""Compliance's normalised text: NFKC with offsets (bonavi.core.normtext), plus the range separators and
full-width space that NFKC leaves alone, folded so that the rule patterns stay short."""

from __future__ import annotations

from bonavi.core.normtext import NormText
from bonavi.core.normtext import normalize as _normalize

__all__ = ["NormText", "normalize"]

_EXTRA = {"〜": "~", "∼": "~", "−": "-", "‐": "-", "–": "-", "—": "-", "―": "-", "\u3000": " "}


def normalize(original: str) -> NormText:
    return _normalize(original, _EXTRA)
