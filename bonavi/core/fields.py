"""Form fields shared by the apps."""

from __future__ import annotations

from typing import Any

from django import forms

from .contact import normalize_phone, normalize_postal_code
from .text import fold_number, nfkc


class EmailField(forms.EmailField):
    """An e-mail address typed with the IME on (ｓｅｅｋｅｒ＠ｅｘａｍｐｌｅ．ｊｐ) is the same address: full-width
    letters, digits and ＠ are folded to ASCII before validation instead of being refused."""

    default_error_messages = {"invalid": "メールアドレスの形式が正しくありません（例：name@example.jp）。"}

    def to_python(self, value: Any) -> str:
        return str(super().to_python(nfkc(value) if isinstance(value, str) else value))


class NumberTextField(forms.CharField):
    """A phone number or 郵便番号 typed with the IME on (０９０ー…, 〒１５０ー０００１) is folded to half-width before
    the length and format checks run, so the web form accepts what the API accepts."""

    def to_python(self, value: Any) -> str:
        return fold_number(str(super().to_python(value)))


class PhoneField(NumberTextField):
    """A Japanese phone number, checked and normalised by `contact.normalize_phone` (the rule every app uses)."""

    def to_python(self, value: Any) -> str:
        return normalize_phone(super().to_python(value))


class PostalCodeField(NumberTextField):
    """A 郵便番号, stored as 123-4567 (`contact.normalize_postal_code`)."""

    def to_python(self, value: Any) -> str:
        return normalize_postal_code(super().to_python(value))
