from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared" / "eval" / "resume"


def load(name: str) -> dict[str, Any]:
    return json.loads((SHARED / name).read_text(encoding="utf-8"))


@pytest.fixture
def clean_doc() -> dict[str, Any]:
    return copy.deepcopy(load("clean.json"))


@pytest.fixture
def mistakes_doc() -> dict[str, Any]:
    return copy.deepcopy(load("mistakes.json"))
