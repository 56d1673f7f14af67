"""The seeker's profile ⇄ JSON Resume. Filled in once the seekers app's models are committed (see the report)."""

from __future__ import annotations

from typing import Any


def profile_available(user: Any) -> bool:
    return False


def resume_json_from_profile(user: Any) -> dict[str, Any] | None:
    return None
