"""Fixtures for the careers tests. The raw jobtag folder and the evaluation set come from ../shared, which CI
always has: tests that need it fail (never skip) when it is missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared"
JOBTAG_DIR = SHARED / "data" / "jobtag"
DEV_SET = SHARED / "eval" / "experience" / "dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def _require(path: Path) -> Path:
    assert path.exists(), f"{path} がありません（../shared が必要です）"
    return path


@pytest.fixture
def jobtag_dir() -> Path:
    return _require(JOBTAG_DIR)


@pytest.fixture
def dev_cases() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for line in _require(DEV_SET).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture
def ref(db):
    """The reference loaded from the committed snapshot (what a fresh installation gets)."""
    from bonavi.careers.reference import get_reference

    return get_reference()
