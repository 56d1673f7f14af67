"""Reading jobtag's occupation folder into BOナビ's processed records, and the committed snapshot of them.

The raw folder (`occupations/NNNN.json`, `labels/*.ja-en.json`, `stats.json`) is never committed. What the
product uses is reduced to plain records (only the fields below), which `import_jobtag` writes into the
database and `build_jobtag_snapshot` writes as a gzip'd JSON file that ships with the code, so a fresh machine
without the raw folder still has the reference.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings

from .families import all_member_ids

SNAPSHOT_PATH = Path(__file__).resolve().parent / "data" / "jobtag_snapshot.json.gz"
SNAPSHOT_FORMAT = 1
LABEL_BLOCKS = ("interests", "work_values", "skills", "knowledge")
NUMERIC_BLOCKS = LABEL_BLOCKS
DISTRIBUTION_BLOCKS = {
    "education_distribution": "education",
    "experience": "experience",
    "training_pre": "training_pre",
}
DETAILED_IDS = frozenset(all_member_ids() | {64, 416})  # + the two source examples of the research notes
STATS_FIELDS = (
    "salary_man_yen",
    "workers",
    "monthly_hours",
    "average_age",
    "recruit_wage_man_yen",
    "recruit_ratio",
)


class JobtagFormatError(ValueError):
    """The folder is not in jobtag's format (missing files or fields); the message says what is wrong."""


def shared_jobtag_dir() -> Path:
    """Where the raw jobtag folder lives in development and CI (../shared/data/jobtag by default)."""
    configured = getattr(settings, "JOBTAG_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "jobtag"


def _round(value: Any) -> float:
    return round(float(value), 3)


def _numeric_block(raw: Any) -> dict[str, float]:
    # A block is complete or absent (never partly null) in IPD v7.00; an absent block means "no data", not 0.
    if not isinstance(raw, dict) or not raw or any(v is None for v in raw.values()):
        return {}
    return {str(k): _round(v) for k, v in raw.items()}


def _occupation_record(raw: dict[str, Any], stats: dict[str, Any]) -> dict[str, Any]:
    try:
        jobtag_id = int(raw["id"])
        title = str(raw["title_ja"]).strip()
    except (KeyError, TypeError, ValueError) as exc:
        raise JobtagFormatError(f"職業ファイルに id または title_ja がありません（{exc}）") from exc
    description = raw.get("description") or {}
    tasks = []
    for task in raw.get("tasks") or []:
        text = str(task.get("description_ja") or "").strip()
        if text:
            tasks.append(
                {
                    "text": text,
                    "importance": _round(task["importance"]) if task.get("importance") is not None else None,
                    "execution_rate": (
                        _round(task["execution_rate"]) if task.get("execution_rate") is not None else None
                    ),
                }
            )
    record: dict[str, Any] = {
        "jobtag_id": jobtag_id,
        "title": title,
        "aliases": [str(a) for a in raw.get("aliases_ja") or []],
        "mhlw_code": str((raw.get("classifications") or {}).get("mhlw_main") or ""),
        "url": str(raw.get("url") or ""),
        "summary": str(description.get("summary_ja") or ""),
        # The long texts are kept only where BOナビ shows or analyses them (its families' occupations);
        # every other occupation links to its jobtag page instead.
        "description": str(description.get("what_it_is_ja") or "") if jobtag_id in DETAILED_IDS else "",
        "how_to_become": str(description.get("how_to_become_ja") or "") if jobtag_id in DETAILED_IDS else "",
        "tasks_lead": str(raw.get("tasks_lead_ja") or ""),
        "tasks": tasks,
        "related_certs": [str(c) for c in raw.get("related_certs_ja") or []],
    }
    for block in NUMERIC_BLOCKS:
        record[block] = _numeric_block(raw.get(block))
    for source, field in DISTRIBUTION_BLOCKS.items():
        record[field] = _numeric_block(raw.get(source))
    row = stats.get(f"{jobtag_id:04d}") or {}
    for field in STATS_FIELDS:
        value = row.get(field)
        if value is None:
            record[field] = None
        elif field in ("workers", "monthly_hours"):
            record[field] = int(value)
        else:
            record[field] = float(value)
    return record


def _pay_groups(records: list[dict[str, Any]]) -> None:
    """Mark occupations that share one wage-survey row: same annual wage and same number of workers."""
    groups: dict[tuple[float, int], list[int]] = defaultdict(list)
    for rec in records:
        if rec["salary_man_yen"] is not None and rec["workers"] is not None:
            groups[(rec["salary_man_yen"], rec["workers"])].append(rec["jobtag_id"])
    for rec in records:
        key = (rec["salary_man_yen"], rec["workers"])
        members = groups.get(key, []) if None not in key else []
        rec["pay_group"] = sorted(members) if len(members) > 1 else []


def read_raw_folder(folder: Path) -> dict[str, Any]:
    """Read a jobtag folder into the processed form (the same structure as the snapshot)."""
    folder = Path(folder)
    occ_dir = folder / "occupations"
    if not occ_dir.is_dir():
        raise JobtagFormatError(
            f"{occ_dir} がありません。jobtagのフォルダ（occupations/, labels/, stats.json）を指定してください。"
        )
    stats_path = folder / "stats.json"
    stats = (
        json.loads(stats_path.read_text(encoding="utf-8")).get("occupations", {})
        if stats_path.exists()
        else {}
    )
    records = []
    retrieved: set[str] = set()
    versions: set[str] = set()
    for path in sorted(occ_dir.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise JobtagFormatError(f"{path.name} を読めません（{exc}）") from exc
        records.append(_occupation_record(raw, stats))
        dsv = raw.get("data_source_versions") or {}
        if dsv.get("ipd_retrieved_at"):
            retrieved.add(str(dsv["ipd_retrieved_at"]))
        if dsv.get("ipd_numeric"):
            versions.add(str(dsv["ipd_numeric"]).lstrip("v"))
    if not records:
        raise JobtagFormatError(f"{occ_dir} に職業ファイルがありません。")
    if len(retrieved) != 1 or len(versions) != 1:
        raise JobtagFormatError("職業ファイルのダウンロード日またはバージョンが1つに揃っていません。")
    records.sort(key=lambda r: r["jobtag_id"])
    _pay_groups(records)
    labels: dict[str, dict[str, list[str]]] = {}
    for block in LABEL_BLOCKS:
        path = folder / "labels" / f"{block}.ja-en.json"
        if not path.exists():
            raise JobtagFormatError(f"{path} がありません。")
        data = json.loads(path.read_text(encoding="utf-8"))
        labels[block] = {k: [v["ja"], v.get("en", "")] for k, v in data["labels"].items()}
    return {
        "format": SNAPSHOT_FORMAT,
        "release": {"version": versions.pop(), "retrieved_at": retrieved.pop()},
        "labels": labels,
        "occupations": records,
    }


def digest_of(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_snapshot(data: dict[str, Any], path: Path = SNAPSHOT_PATH) -> int:
    """Write the processed records; no file name and mtime=0 keep the bytes reproducible from the same input."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as fh,
        gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(payload)
    return path.stat().st_size


def read_snapshot(path: Path = SNAPSHOT_PATH) -> dict[str, Any]:
    with gzip.open(path, "rb") as fh:
        data: dict[str, Any] = json.loads(fh.read().decode("utf-8"))
    if data.get("format") != SNAPSHOT_FORMAT:
        raise JobtagFormatError(f"スナップショットの形式 {data.get('format')} には対応していません。")
    return data


def standardisation_constants(records: list[dict[str, Any]], digest: str) -> dict[str, Any]:
    """Mean and population SD of every numeric dimension across the occupations that have the block."""
    out: dict[str, Any] = {"version": f"ipd-{digest[:12]}"}
    for block in NUMERIC_BLOCKS:
        rows = [r[block] for r in records if r[block]]
        keys = list(rows[0]) if rows else []
        mean = {k: statistics.fmean(row[k] for row in rows) for k in keys}
        sd = {k: statistics.pstdev([row[k] for row in rows]) for k in keys}
        out[block] = {
            "n": len(rows),
            "mean": {k: round(v, 6) for k, v in mean.items()},
            "sd": {k: round(v, 6) for k, v in sd.items()},
        }
    return out


def attribution_text(version: str, retrieved_at: Any) -> str:
    """jobtag's required credit (terms of use, Art. 9), with the release's version and download date."""
    date = f"{retrieved_at.year}年{retrieved_at.month}月{retrieved_at.day}日"
    return (
        "出典：独立行政法人労働政策研究・研修機構（JILPT）作成『職業情報データベース 簡易版数値系ダウンロードデータ "
        f"ver.{version}』職業情報提供サイト（job tag）より{date}にダウンロード"
        "（https://shigoto.mhlw.go.jp/User/download）を加工して作成"
    )
