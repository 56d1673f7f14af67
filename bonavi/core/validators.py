"""Validators for free text that people type or paste."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)
# Bidirectional embedding, override and isolate controls: pasted into a title they reorder what readers see
# (「…のみ」 shown as something else) while the compliance check reads the stored order. No Japanese text needs them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def reject_markup(value: str) -> None:
    """Postings are plain text: HTML or script in them is a paste accident or an attack, never content; so are
    the invisible controls that change the direction text is shown in."""
    if value and _TAG.search(value):
        raise ValidationError(
            "HTMLタグやスクリプトは入力できません。文章だけを入力してください。", code="markup"
        )
    if value and _BIDI_CONTROL.search(value):
        raise ValidationError(
            "文字の並ぶ向きを変える制御文字（U+202E など）は入力できません。貼り付けた文章を確かめてください。",
            code="bidi",
        )
