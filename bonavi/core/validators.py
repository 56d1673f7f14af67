"""Validators for free text that people type or paste."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)


def reject_markup(value: str) -> None:
    """Postings are plain text: HTML or script in them is a paste accident or an attack, never content."""
    if value and _TAG.search(value):
        raise ValidationError(
            "HTMLタグやスクリプトは入力できません。文章だけを入力してください。", code="markup"
        )
