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


def _qualifications_for(key: str, target: Any) -> list[dict[str, str]]:
    """Qualifications that build the area; those jobtag lists for the target occupation come first."""
    keys = list(FOR_SKILL.get(key, ()))
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
    """Concrete next steps from the gaps: the qualifications that close them, then tasks of the target. With
    thin evidence (`build`), the family's first qualifications and those for the key skills come first."""
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
