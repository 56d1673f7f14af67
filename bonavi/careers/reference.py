"""The jobtag reference held in memory for the calculations (診断, translator, roadmaps).

The database is the source of truth; this module keeps one read-only copy per process and rebuilds it when
the release row changes (a new import) — one cheap query per call decides. When the database has no
reference yet (a fresh demo, a flushed test database) the committed snapshot is loaded first, so the tools
never depend on someone having run an import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError

from .jobtag import attribution_text
from .models import DimensionLabel, JobtagRelease, Occupation

RIASEC = ("R", "I", "A", "S", "E", "C")
RIASEC_KEYS = {
    "R": "realistic",
    "I": "investigative",
    "A": "artistic",
    "S": "social",
    "E": "enterprising",
    "C": "conventional",
}
# Plain words for the six interest types; jobtag's own labels (現実的, 慣習的…) read oddly to a beginner.
RIASEC_NAMES = {
    "R": "現実的（ものや道具を扱う）",
    "I": "研究的（調べて考える）",
    "A": "芸術的（表現する）",
    "S": "社会的（人を支える）",
    "E": "企業的（人を動かす）",
    "C": "慣習的（整理して正確に進める）",
}
RIASEC_SHORT = {"R": "現実的", "I": "研究的", "A": "芸術的", "S": "社会的", "E": "企業的", "C": "慣習的"}


@dataclass
class Reference:
    token: tuple[int, str]
    version: str
    retrieved_at: dt.date
    constants: dict[str, Any]
    attribution: str
    occupations: dict[int, Occupation]
    labels: dict[str, dict[str, str]]
    # z-scores across occupations, in RIASEC order / work-value key order; only occupations with the block.
    interest_z: dict[int, tuple[float, ...]] = field(default_factory=dict)
    value_keys: tuple[str, ...] = ()
    value_z: dict[int, tuple[float, ...]] = field(default_factory=dict)
    # jobtag_id → every occupation sharing its posted wage and 有効求人倍率 (one Hello Work group), for those in
    # a group of two or more; built with the rest, once per release, instead of by a pass over all per lookup.
    recruit_groups: dict[int, tuple[int, ...]] = field(default_factory=dict)

    @property
    def constants_version(self) -> str:
        return str(self.constants.get("version", ""))

    def label(self, key: str) -> str:
        """Japanese name of a skill or knowledge key (skills first: a few names exist in both blocks)."""
        for block in ("skills", "knowledge", "work_values", "interests"):
            if key in self.labels.get(block, {}):
                return self.labels[block][key]
        return key

    def z(self, block: str, occupation: Occupation, key: str) -> float:
        value = getattr(occupation, block).get(key)
        if value is None:
            return 0.0
        c = self.constants[block]
        sd = c["sd"].get(key) or 1.0
        return (value - c["mean"][key]) / sd

    def get(self, jobtag_id: int) -> Occupation | None:
        return self.occupations.get(jobtag_id)


_lock = threading.Lock()
_cache: Reference | None = None


def _zvector(values: dict[str, float], keys: tuple[str, ...], c: dict[str, Any]) -> tuple[float, ...]:
    return tuple((values[k] - c["mean"][k]) / (c["sd"][k] or 1.0) for k in keys)


def _build(release: JobtagRelease) -> Reference:
    occupations = {o.jobtag_id: o for o in Occupation.objects.all()}
    labels: dict[str, dict[str, str]] = {}
    for lab in DimensionLabel.objects.all():
        labels.setdefault(lab.block, {})[lab.key] = lab.ja
    constants = release.constants
    ref = Reference(
        token=(release.pk, release.digest),
        version=release.version,
        retrieved_at=release.retrieved_at,
        constants=constants,
        attribution=attribution_text(release.version, release.retrieved_at),
        occupations=occupations,
        labels=labels,
    )
    ikeys = tuple(RIASEC_KEYS[s] for s in RIASEC)
    ref.value_keys = tuple(constants["work_values"]["mean"].keys())
    for oid, occ in occupations.items():
        if occ.interests:
            ref.interest_z[oid] = _zvector(occ.interests, ikeys, constants["interests"])
        if occ.work_values:
            ref.value_z[oid] = _zvector(occ.work_values, ref.value_keys, constants["work_values"])
    by_figures: dict[tuple[float, float], list[int]] = {}
    for oid, occ in occupations.items():
        if occ.recruit_wage_man_yen is not None and occ.recruit_ratio is not None:
            by_figures.setdefault((occ.recruit_wage_man_yen, occ.recruit_ratio), []).append(oid)
    for members in by_figures.values():
        if len(members) > 1:
            group = tuple(sorted(members))
            ref.recruit_groups.update(dict.fromkeys(members, group))
    return ref


def get_reference() -> Reference:
    global _cache
    release = JobtagRelease.objects.order_by("-id").first()
    if release is None:
        from .services import reference_import_snapshot

        # IntegrityError: another request loaded it at the same moment.
        with _lock, contextlib.suppress(IntegrityError):
            reference_import_snapshot()
        release = JobtagRelease.objects.order_by("-id").first()
        if release is None:  # pragma: no cover - the import above either succeeded or another one did
            raise RuntimeError("jobtagの参照データを読み込めませんでした。")
    cached = _cache
    if cached is not None and cached.token == (release.pk, release.digest):
        return cached
    with _lock:
        if _cache is None or _cache.token != (release.pk, release.digest):
            _cache = _build(release)
        return _cache


def current_attribution() -> str:
    """jobtag's credit for the release in use, from its row alone: a page that only shows the credit (the
    documents editor beside the translator's appeal points) need not build the reference above, which reads
    every occupation and label (a fresh worker's first editor page doubled in time and allocated 12 MB)."""
    release = JobtagRelease.objects.only("version", "retrieved_at").order_by("-id").first()
    if release is None:  # nothing imported yet: load it as the tools would, and credit what they will use
        return get_reference().attribution
    return attribution_text(release.version, release.retrieved_at)


def pearson(a: tuple[float, ...] | list[float], b: tuple[float, ...] | list[float]) -> float | None:
    """Correlation of two profiles: both centred, so only their shape counts. None when one is flat."""
    n = len(a)
    ma = sum(a) / n
    mb = sum(b) / n
    da = [x - ma for x in a]
    db = [y - mb for y in b]
    num = sum(x * y for x, y in zip(da, db, strict=True))
    den = math.sqrt(sum(x * x for x in da) * sum(y * y for y in db))
    if den < 1e-12:
        return None
    return num / den
