"""Skill-profile comparisons on jobtag data: gaps for a target occupation, and occupation → occupation.

Differences are divided by the skill's SD across occupations, so that a skill every job rates highly
(読解力, 傾聴力) does not crowd out the distinctive ones (資金管理 for 経理事務). For a translated text we do not
know the person's levels: a skill or knowledge area their evidence shows counts as covered, every other one
is assumed to be at the all-occupation average — so a gap is "how far above the average this target needs
it", in SDs (ADR 0033).
"""

from __future__ import annotations

from typing import Any, Final

from .families import FAMILY_OF, family_name
from .qualifications import FOR_SKILL, QUALIFICATIONS
from .reference import Reference
from .roadmaps import ROADMAPS

MIN_GAP_Z: Final = 0.5
MAX_GAPS: Final = 5
TRANSFERABLE_LEVEL: Final = 3.0
TRANSFERABLE_SLACK: Final = 0.3
MIN_TRANSFER_GAP: Final = 0.5
# A skill rated below this for the target is not worth naming as a gap however unusual it is.
MIN_LEVEL: Final = {"skills": 2.0, "knowledge": 1.5}
# The target's key skills: what jobtag rates highest for it, per block, whether or not other jobs need it as much
# (一般事務 is rated below the all-occupation average on nearly everything, so the SD-weighted gaps alone named
# nothing but 事務処理 and a student who wrote about a 受付 was told there was no big gap).
KEY_PER_BLOCK: Final = 3


def _on_road(family: str | None) -> set[str]:
    return (
        {k for stage in ROADMAPS[family].qualification_path for k in stage} if family in ROADMAPS else set()
    )


def _belongs(key: str, family: str | None) -> bool:
    """A qualification on another family's roadmap only is not this family's step: 給与計算実務能力検定 is 人事・労務's,
    and was the one next step a 経理事務 target got (for jobtag's 人事労務管理), never 日商簿記3級 (ADR 0139)."""
    if family not in ROADMAPS or key in _on_road(family):
        return True
    return not any(key in _on_road(other) for other in ROADMAPS)


def _qualifications_for(key: str, target: Any) -> list[dict[str, str]]:
    """Qualifications that build the area and belong to the target's family; those jobtag lists for the target
    occupation come first."""
    family = FAMILY_OF.get(target.jobtag_id)
    keys = [k for k in FOR_SKILL.get(key, ()) if _belongs(k, family)]
    certs = " ".join(target.related_certs)
    keys.sort(key=lambda k: 0 if QUALIFICATIONS[k].name[:4] in certs else 1)
    return [{"key": k, "name": QUALIFICATIONS[k].name} for k in keys]


def gaps_for_evidence(covered: set[str], target: Any, ref: Reference) -> list[dict[str, Any]]:
    rows = []
    for block in ("skills", "knowledge"):
        profile = getattr(target, block)
        for key, level in profile.items():
            if key in covered or level < MIN_LEVEL[block]:
                continue
            z = ref.z(block, target, key)
            if z >= MIN_GAP_Z:
                rows.append(
                    {
                        "key": key,
                        "label": ref.label(key),
                        "block": block,
                        "target_level": round(level, 2),
                        "average": round(ref.constants[block]["mean"][key], 2),
                        "weight": round(z, 2),
                        "qualifications": _qualifications_for(key, target),
                    }
                )
    rows.sort(key=lambda r: -r["weight"])
    return rows[:MAX_GAPS]


def key_skills(target: Any) -> list[tuple[str, str]]:
    """(block, key) of the skills and knowledge areas jobtag rates highest for the target, highest first."""
    keys: list[tuple[str, str]] = []
    for block in ("skills", "knowledge"):
        profile = getattr(target, block)
        keys += [(block, k) for k in sorted(profile, key=lambda k: -profile[k])[:KEY_PER_BLOCK]]
    return keys


def skills_to_build(
    covered: set[str], target: Any, ref: Reference, gap_rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """When the evidence shows fewer than half of the target's key skills, the honest answer is not "no big gap"
    but what to build first: the key skills without evidence, and the qualifications a beginner in the family
    starts with (the roadmap's first stage). None when the evidence covers enough, or jobtag has no profile."""
    keys = key_skills(target)
    if not keys:
        return None
    shown = [key for _, key in keys if key in covered]
    if len(shown) * 2 >= len(keys):
        return None
    in_gaps = {row["key"] for row in gap_rows}
    rows = [
        {
            "key": key,
            "label": ref.label(key),
            "block": block,
            "target_level": round(getattr(target, block)[key], 2),
            "qualifications": _qualifications_for(key, target),
        }
        for block, key in keys
        if key not in covered and key not in in_gaps
    ]
    family = FAMILY_OF.get(target.jobtag_id)
    first = ROADMAPS[family].qualification_path[0] if family in ROADMAPS else ()
    return {
        "key_total": len(keys),
        "covered": [ref.label(key) for key in shown],
        "rows": rows,
        "family": family,
        "family_name": family_name(family) if family else "",
        "first_qualifications": [{"key": k, "name": QUALIFICATIONS[k].name} for k in first],
    }


def next_steps(
    gap_rows: list[dict[str, Any]], target: Any, ref: Reference, build: dict[str, Any] | None = None
) -> list[str]:
    """Concrete next steps from the gaps: the qualifications of the target's family that close them, then tasks of
    the target. With thin evidence (`build`), or when no gap names a qualification of the family, the family's first
    qualifications (its roadmap's first stage: 日商簿記3級 for 経理) come first."""
    steps = []
    seen: set[str] = set()
    if build is not None:
        for q in build["first_qualifications"]:
            seen.add(q["key"])
            steps.append(
                f"{q['name']}の学習を始める（{build['family_name']}のロードマップで最初に挙げている資格）"
            )
        for row in build["rows"]:
            for q in row["qualifications"]:
                if q["key"] not in seen:
                    seen.add(q["key"])
                    steps.append(f"「{row['label']}」を伸ばすために{q['name']}の学習を始める")
                    break
    for row in gap_rows:
        for q in row["qualifications"]:
            if q["key"] not in seen:
                seen.add(q["key"])
                steps.append(f"「{row['label']}」を補うために{q['name']}の学習を始める")
                break
    family = FAMILY_OF.get(target.jobtag_id)
    if not steps and family in ROADMAPS:
        # No gap named a qualification of her family (the walk's 経理事務 student got 給与計算実務能力検定 for
        # jobtag's 人事労務管理, and never 日商簿記3級): the family's road leads. Not 「最初に挙げている資格」 as for thin
        # evidence — someone with real experience may hold it already, so the next stage is named too.
        path = ROADMAPS[family].qualification_path
        later = "・".join(QUALIFICATIONS[k].name for k in path[1]) if len(path) > 1 else ""
        for k in path[0]:
            steps.append(
                f"{QUALIFICATIONS[k].name}の学習を始める（{family_name(family)}のロードマップの順"
                + (f"。すでに持っていれば{later}へ）" if later else "）")
            )
    tasks = sorted(target.tasks, key=lambda t: -(t.get("importance") or 0))[:2]
    for task in tasks:
        steps.append(f"{target.title}の代表的な仕事（jobtag）：{task['text']}")
    return steps[:5]


def transfer(source: Any, target: Any, ref: Reference) -> dict[str, Any]:
    """Occupation → occupation on the 39 skills: what carries over, and the SD-weighted gaps."""
    transferable = []
    gap_rows = []
    sd = ref.constants["skills"]["sd"]
    for key, t_level in target.skills.items():
        s_level = source.skills.get(key)
        if s_level is None:
            continue
        if t_level >= TRANSFERABLE_LEVEL and s_level >= t_level - TRANSFERABLE_SLACK:
            transferable.append(
                {"key": key, "label": ref.label(key), "source_level": s_level, "target_level": t_level}
            )
        diff = t_level - s_level
        if diff >= MIN_TRANSFER_GAP:
            gap_rows.append(
                {
                    "key": key,
                    "label": ref.label(key),
                    "source_level": s_level,
                    "target_level": t_level,
                    "difference": round(diff, 2),
                    "weight": round(diff / (sd.get(key) or 1.0), 2),
                    "qualifications": _qualifications_for(key, target),
                }
            )
    transferable.sort(key=lambda r: -r["target_level"])
    gap_rows.sort(key=lambda r: -r["weight"])
    return {
        "source": {"jobtag_id": source.jobtag_id, "title": source.title},
        "target": {
            "jobtag_id": target.jobtag_id,
            "title": target.title,
            "family": FAMILY_OF.get(target.jobtag_id),
        },
        "transferable": transferable,
        "gaps": gap_rows[:8],
        "has_data": bool(source.skills and target.skills),
        "attribution": ref.attribution,
    }
