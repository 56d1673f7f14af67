"""An amount of yen as people type it, read the same way everywhere (a form field, a spreadsheet cell)."""

from __future__ import annotations

import re
from decimal import Decimal

from .text import nfkc

# 1兆円: far above any wage or fee we store; each caller has its own, lower, limit and message. The cap is here so
# that a cell of a thousand digits is refused at once rather than turned into a huge number. A caller whose own
# limit is higher (資本金) passes it as `limit`, so that the two never disagree.
PARSE_LIMIT = 10**12

# 「126万」「126万円」「25.5万」「126万5000円」「¥250000」「250000円」 (commas and spaces are gone by then). 千 and 億
# are refused: no wage or fee is written 「5千円」, and a stray 千 is more likely a typo than an amount to guess.
_YEN_RE = re.compile(r"^¥?(\d+(?:\.\d+)?)(?:(万)(\d{1,4})?)?円?$")
_NEGATIVE = ("-", "−", "ー", "▲", "△")


class YenError(ValueError):
    """Why `text` is not an amount of yen; `reason` is one of "empty", "unreadable", "negative", "fraction",
    "too_large", so a caller can say it in its own words (str() is a plain Japanese sentence)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def parse_yen(text: str, *, limit: int = PARSE_LIMIT) -> int:
    """The whole yen in `text`: full-width digits, commas, spaces, a leading ¥ and a trailing 円 are allowed, and
    万 multiplies (「126万」 = 1,260,000, 「25.5万」 = 255,000, 「126万5000円」 = 1,265,000). Above `limit`: too_large.
    Raises YenError."""
    compact = "".join(nfkc(text).replace(",", "").split())
    if not compact:
        raise YenError("empty", "金額が入力されていません。")
    if compact.startswith(_NEGATIVE):
        raise YenError("negative", "マイナスの金額は入力できません。")
    m = _YEN_RE.match(compact)
    if not m or (m.group(3) and "." in m.group(1)):  # 「1.5万5000」 is no way to write an amount
        raise YenError("unreadable", "金額として読み取れません。")
    if len(m.group(1).split(".")[0]) > len(str(limit)):
        raise YenError("too_large", "金額が大きすぎます。")
    amount = Decimal(m.group(1)) * (10_000 if m.group(2) else 1) + int(m.group(3) or 0)
    if amount != amount.to_integral_value():
        raise YenError("fraction", "円の金額は整数で入力してください。")
    if amount > limit:
        raise YenError("too_large", "金額が大きすぎます。")
    return int(amount)
