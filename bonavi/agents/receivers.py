"""Signal receivers connected in AgentsConfig.ready (the jobs app knows nothing of agents)."""

from __future__ import annotations

from typing import Any


def posting_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created or raw:
        return  # a new posting has no proposals; fixtures load raw
    from .services import conditions_changed

    conditions_changed(posting=instance)


def seeker_profile_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Her profile saved (created too: she may register before writing one): the 求職管理簿 of each agency she is
    registered with takes its 住所 and 生年月日 (ADR 0114). seekers knows nothing of agents, so agents listens."""
    if raw:
        return  # fixtures load raw
    from .services import candidate_book_details_sync

    candidate_book_details_sync(profile=instance)
