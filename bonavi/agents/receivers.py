"""Signal receivers connected in AgentsConfig.ready (the jobs app knows nothing of agents)."""

from __future__ import annotations

from typing import Any


def posting_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created or raw:
        return  # a new posting has no proposals; fixtures load raw
    from .services import conditions_changed

    conditions_changed(posting=instance)
