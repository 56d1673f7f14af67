"""Form fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms

from .text import nfkc


class EmailField(forms.EmailField):
    """An e-mail address typed with the IME on (ｓｅｅｋｅｒ＠ｅｘａｍｐｌｅ．ｊｐ) is the same address: full-width
    letters, digits and ＠ are folded to ASCII before validation instead of being refused."""

    default_error_messages = {"invalid": "メールアドレスの形式が正しくありません（例：name@example.jp）。"}

    def to_python(self, value: Any) -> str:
        return str(super().to_python(nfkc(value) if isinstance(value, str) else value))
