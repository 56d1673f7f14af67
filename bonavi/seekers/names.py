"""How employer and agent screens name a seeker: the profile's 姓 名 when she gave them, the account's display
name otherwise — one rule, so one person does not appear as 「デモ 求職者」 to her agency and 「見本 さくら」 on her own
pages. No model import here: the agents app's models and the events app's services call it.
"""

from __future__ import annotations

import re
from typing import Any

from bonavi.core.text import one_line

# Kanji (with 々〆), hiragana, katakana and ー: the letters of a Japanese 姓 or 名.
_JAPANESE_NAME_PART = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ\u3041-\u3096\u30a1-\u30fa\u30fcー]{1,10}"
)


def person_name(user: Any) -> str:
    """The seeker's name for another party's screen; "" when neither is known. Reads `user.seeker_profile`, so a
    list should select_related("…user__seeker_profile") (one query then, not one per row)."""
    if user is None:
        return ""
    profile = getattr(user, "seeker_profile", None)  # RelatedObjectDoesNotExist is an AttributeError
    full = profile.full_name if profile is not None else ""
    return one_line(full or getattr(user, "display_name", "") or "")


def split_person_name(name: str) -> tuple[str, str] | None:
    """(姓, 名) from a name given at sign-up, when it looks like a person's name written the Japanese way: two parts
    split by a space (「山田 花子」「山田　花子」), each 1–10 kanji or kana. None for anything else — 「山田花子」
    (where 姓 ends is a guess), 「Hanako Yamada」 (the order is a guess), 「はなちゃん」, 「経理 がんばります 2026」 —
    so the profile is pre-filled only where it is very likely right; the seeker still sees it and saves it herself."""
    parts = one_line(name or "").split(" ")
    if len(parts) != 2 or not all(_JAPANESE_NAME_PART.fullmatch(part) for part in parts):
        return None
    return parts[0], parts[1]
