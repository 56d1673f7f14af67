"""Japanese phone numbers and 郵便番号: one rule for company details, seeker profiles and 履歴書 contact.

Both are typed with the IME on as often as not (０９０ー１２３４…, 〒１５０ー０００１), so input is folded with
`text.fold_number` first; hyphens are optional. A refused number gets a message that says what is wrong with
it (a letter, the digit count for its kind, a prefix no Japanese line uses), not just "invalid".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from django.core.exceptions import ValidationError

from .text import fold_number

_EXAMPLES: Final = "例：03-1234-5678、090-1234-5678"


@dataclass(frozen=True)
class _Kind:
    label: str
    digits: int
    groups: tuple[int, ...] | None  # the usual grouping; None = the area code's length varies (fixed lines)
    example: str


# Prefixes that fix the kind of line (総務省の電話番号計画). Longest first so that 0120 wins over a fixed 01x.
_KINDS: Final[tuple[tuple[str, _Kind], ...]] = (
    ("0120", _Kind("フリーダイヤル（0120）の番号", 10, (4, 3, 3), "0120-123-456")),
    ("0800", _Kind("フリーダイヤル（0800）の番号", 11, (4, 3, 4), "0800-123-4567")),
    ("0570", _Kind("ナビダイヤル（0570）の番号", 10, (4, 3, 3), "0570-123-456")),
    # 060 is being opened to mobile lines after 070/080/090 run out; accept it rather than refuse a real number.
    ("060", _Kind("携帯電話の番号", 11, (3, 4, 4), "090-1234-5678")),
    ("070", _Kind("携帯電話の番号", 11, (3, 4, 4), "090-1234-5678")),
    ("080", _Kind("携帯電話の番号", 11, (3, 4, 4), "090-1234-5678")),
    ("090", _Kind("携帯電話の番号", 11, (3, 4, 4), "090-1234-5678")),
    ("050", _Kind("IP電話の番号", 11, (3, 4, 4), "050-1234-5678")),
)
_FIXED: Final = _Kind("固定電話の番号", 10, None, "03-1234-5678")
# 00 (international), 010 (国際), 020 (M2M), 030/040 (unassigned): not a number a person or company answers.
_NOT_IN_USE: Final = re.compile(r"0(0|[1-4]0)")
_SEPARATORS: Final = re.compile(r"[\s()]+")


def normalize_phone(value: str) -> str:
    """The number in half-width digits with hyphens ("" stays ""); ValidationError with a Japanese message.

    Mobile, IP and toll-free numbers are regrouped the usual way (09012345678 → 090-1234-5678); a fixed line keeps
    the person's hyphens, because its area code is 2 to 5 digits long and only they know where it ends."""
    text = fold_number(value or "")
    if not text:
        return ""
    if text.startswith("+81"):
        # An international form (+81 3-1234-5678, +81 (0)90-…): the national number has the trunk 0 in front.
        text = "0" + re.sub(r"^[\s-]*(\(0\))?", "", text[3:]).lstrip("0")
    bad = sorted({ch for ch in text if not (ch.isascii() and ch.isdigit()) and ch not in "-() \t"})
    if bad:
        shown = "」「".join(bad[:3])
        raise ValidationError(
            f"電話番号に使えない文字「{shown}」が入っています。数字とハイフンで入力してください（{_EXAMPLES}）。",
            code="phone",
        )
    # 03(1234)5678 and 03 1234 5678 are the same number as 03-1234-5678.
    groups = [g for g in re.split(r"-+", _SEPARATORS.sub("-", text)) if g]
    digits = "".join(groups)
    if not digits.startswith("0"):
        raise ValidationError(
            f"電話番号は市外局番などの「0」から入力してください（{_EXAMPLES}）。", code="phone"
        )
    if _NOT_IN_USE.match(digits):
        raise ValidationError(
            f"「{digits[:3]}」で始まる電話番号は、固定電話・携帯電話・IP電話・フリーダイヤルのどれでもありません。"
            f"番号を確かめてください（{_EXAMPLES}）。",
            code="phone",
        )
    kind = next((k for prefix, k in _KINDS if digits.startswith(prefix)), _FIXED)
    if len(digits) != kind.digits:
        raise ValidationError(
            f"電話番号の桁数が合いません。{kind.label}は{kind.digits}桁です（入力は{len(digits)}桁）。"
            f"{kind.example} のように入力してください。",
            code="phone",
        )
    if len(groups) > 3:
        raise ValidationError(
            f"電話番号の区切りが多すぎます。{kind.example} のように3つに区切るか、区切らずに入力してください。",
            code="phone",
        )
    if kind.groups is None:
        return "-".join(groups)
    out, at = [], 0
    for size in kind.groups:
        out.append(digits[at : at + size])
        at += size
    return "-".join(out)


_POSTAL: Final = re.compile(r"([0-9]{3})-?([0-9]{4})")


def normalize_postal_code(value: str) -> str:
    """The 郵便番号 as 123-4567 ("" stays ""); ValidationError with a Japanese message."""
    text = _SEPARATORS.sub("", fold_number(value or ""))
    if not text:
        return ""
    found = _POSTAL.fullmatch(text)
    if found:
        return f"{found.group(1)}-{found.group(2)}"
    bad = sorted({ch for ch in text if not (ch.isascii() and ch.isdigit()) and ch != "-"})
    if bad:
        shown = "」「".join(bad[:3])
        raise ValidationError(
            f"郵便番号に使えない文字「{shown}」が入っています。数字7桁で入力してください（例：150-0001）。",
            code="postal_code",
        )
    count = sum(ch.isdigit() for ch in text)
    if count != 7:
        raise ValidationError(
            f"郵便番号は数字7桁です（入力は{count}桁）。150-0001 のように入力してください。",
            code="postal_code",
        )
    raise ValidationError(
        "郵便番号のハイフンは、3桁目のあとに1つだけ入れます（例：150-0001）。", code="postal_code"
    )


def validate_phone(value: str) -> None:
    """Model-field validator: the stored value must be a number `normalize_phone` accepts."""
    normalize_phone(value)


def validate_postal_code(value: str) -> None:
    normalize_postal_code(value)
