"""How employer and agent screens name a seeker: the profile's 姓 名 when she gave them, the account's display
name otherwise — one rule, so one person does not appear as 「デモ 求職者」 to her agency and 「見本 さくら」 on her own
pages. No model import here: the agents app's models and the events app's services call it.
"""

from __future__ import annotations

from typing import Any

from bonavi.core.text import one_line


def person_name(user: Any) -> str:
    """The seeker's name for another party's screen; "" when neither is known. Reads `user.seeker_profile`, so a
    list should select_related("…user__seeker_profile") (one query then, not one per row)."""
    if user is None:
        return ""
    profile = getattr(user, "seeker_profile", None)  # RelatedObjectDoesNotExist is an AttributeError
    full = profile.full_name if profile is not None else ""
    return one_line(full or getattr(user, "display_name", "") or "")
