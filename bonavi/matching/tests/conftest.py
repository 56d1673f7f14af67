"""Fixtures of the matching tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bonavi.matching import services


@pytest.fixture(autouse=True)
def fresh_matching_caches() -> Iterator[None]:
    """Each test starts with no cached person profile or posting features: a profile another test explained, or a
    posting's features kept under a reused (id, updated_at), would otherwise be served to this one."""
    services._profiles.clear()
    services._cache.clear()
    services._choices.clear()
    yield
