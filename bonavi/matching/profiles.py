"""Occupation profiles: what the classifier compares a text with, built from jobtag's occupation files.

A profile is a list of short rows per occupation: its title and aliases, the sentences of its description, the
lead sentence of its tasks, each task statement, the tools it names and its related qualifications. The raw
folder is read only by the committed build and evaluation commands; the product ships the processed index
(`data/occupation_index.json.gz` + embeddings) that `build_occupation_index` writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

JOBTAG_ATTRIBUTION = (
    "出典：独立行政法人労働政策研究・研修機構（JILPT）作成『職業情報データベース 簡易版数値系ダウンロードデータ "
    "ver.7.00』職業情報提供サイト（job tag）より2026年5月4日にダウンロード"
    "（https://shigoto.mhlw.go.jp/User/download）を加工して作成"
)

# Row kinds, in the order they are stored. "task" rows are the ones the evaluation leaves out.
KINDS = ("title", "desc", "lead", "task", "tools", "certs")
_SENTENCE = re.compile(r"[。\n]+")
_TOOLS_MARK = "◇"
# jobtag's skill dimensions that describe back-office fit; the person side is scored on the same names.
SKILL_KEYS = (
    "reading_comprehension",
    "writing",
    "speaking",
    "mathematics",
    "critical_thinking",
    "coordination",
    "negotiation",
    "instructing",
    "service_orientation",
    "programming",
    "time_management",
    "financial_resources_management",
    "personnel_resources_management",
    "systems_analysis",
    "foreign_language_reading",
)


@dataclass
class Occupation:
    jobtag_id: int
    title: str
    mhlw_code: str
    aliases: list[str] = field(default_factory=list)
    certs: list[str] = field(default_factory=list)
    skills: dict[str, float] = field(default_factory=dict)


@dataclass
class Row:
    occupation: int  # index into the occupation list
    kind: str
    text: str


def shared_jobtag_dir() -> Path:
    configured = getattr(settings, "JOBTAG_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "jobtag"


def _sentences(text: str) -> list[str]:
    return [s.strip("　 ") for s in _SENTENCE.split(text) if len(s.strip("　 ")) >= 6]


def profile_rows(raw: dict[str, Any], index: int) -> list[Row]:
    """The rows of one raw jobtag occupation file."""
    title = str(raw.get("title_ja") or "").strip()
    aliases = [str(a) for a in raw.get("aliases_ja") or []]
    head = title + (f"（{'、'.join(aliases)}）" if aliases else "")
    rows = [Row(index, "title", head)]
    description = str((raw.get("description") or {}).get("what_it_is_ja") or "")
    body, _, tools = description.partition(_TOOLS_MARK)
    rows += [Row(index, "desc", s) for s in _sentences(body)]
    lead = str(raw.get("tasks_lead_ja") or "").strip()
    if lead:
        rows.append(Row(index, "lead", lead))
    for task in raw.get("tasks") or []:
        text = str(task.get("description_ja") or "").strip()
        if text:
            rows.append(Row(index, "task", text))
    tools = tools.replace("よく使う道具、機材、情報技術等", "").strip("　 \n")
    if tools:
        rows.append(Row(index, "tools", "よく使う道具：" + " ".join(tools.split())))
    certs = [str(c) for c in raw.get("related_certs_ja") or []]
    if certs:
        rows.append(Row(index, "certs", "関連資格：" + "、".join(certs)))
    return rows


def read_jobtag(folder: Path) -> tuple[list[Occupation], list[Row]]:
    """All occupations and their rows from the raw folder, in id order."""
    files = sorted((folder / "occupations").glob("*.json"))
    if not files:
        raise FileNotFoundError(f"jobtag の職業ファイルが見つかりません: {folder / 'occupations'}")
    occupations: list[Occupation] = []
    rows: list[Row] = []
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        index = len(occupations)
        skills = raw.get("skills") or {}
        occupations.append(
            Occupation(
                jobtag_id=int(raw["id"]),
                title=str(raw["title_ja"]).strip(),
                mhlw_code=str((raw.get("classifications") or {}).get("mhlw_main") or "").replace("_", "-"),
                aliases=[str(a) for a in raw.get("aliases_ja") or []],
                certs=[str(c) for c in raw.get("related_certs_ja") or []],
                skills={k: round(float(skills[k]), 2) for k in SKILL_KEYS if skills.get(k) is not None},
            )
        )
        rows += profile_rows(raw, index)
    return occupations, rows
