"""Which jobtag occupations stand for each BOナビ job family.

The six families come from the jobs catalogue. Their members are chosen from jobtag titles and 厚生労働省編職業分類
codes (the catalogue's sub-roles use the same codes): `core` occupations are what a posting in the family
mostly is, and are averaged into the family's profile for 適職診断; `related` ones appear on roadmaps (a
management post, a specialist or independent destination) but do not shape the family profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bonavi.jobs.catalog import FAMILIES


@dataclass(frozen=True)
class FamilyMembers:
    family: str
    representative: int  # the default target occupation for gaps and the first step of the roadmap
    core: tuple[int, ...]
    related: tuple[int, ...]


FAMILY_MEMBERS: Final[dict[str, FamilyMembers]] = {
    "accounting": FamilyMembers("accounting", 430, core=(430, 538, 469), related=(90, 149)),
    "hr_labor": FamilyMembers("hr_labor", 432, core=(432, 537), related=(83, 364)),
    "legal_general_affairs": FamilyMembers(
        "legal_general_affairs", 433, core=(433, 446, 447, 536, 426), related=(425, 427)
    ),
    "pr_ir": FamilyMembers("pr_ir", 444, core=(444, 445), related=(363, 240)),
    "it_support": FamilyMembers("it_support", 320, core=(320, 319, 531), related=(318, 321)),
    "general_clerical": FamilyMembers(
        "general_clerical", 428, core=(428, 429, 431, 439), related=(443, 442, 441)
    ),
}
assert set(FAMILY_MEMBERS) == set(FAMILIES)

# Public-sector administration is office work too; it counts as back office in 診断 results, but no family
# roadmap leads there (postings on BOナビ are private-sector).
PUBLIC_ADMINISTRATION: Final = (138, 139, 149)

# Office occupations for "how many back-office occupations are in the top 10": every family's core, the
# clerical related ones, and public administration — not the professions a path may lead to (公認会計士,
# 社会保険労務士, consultants, engineers).
BACK_OFFICE_IDS: Final[frozenset[int]] = frozenset(
    {i for m in FAMILY_MEMBERS.values() for i in m.core}
    | {425, 427, 441, 442, 443}
    | set(PUBLIC_ADMINISTRATION)
)

FAMILY_OF: Final[dict[int, str]] = {i: f for f, m in FAMILY_MEMBERS.items() for i in (*m.core, *m.related)}


def family_name(family: str) -> str:
    return FAMILIES.get(family, family)


def all_member_ids() -> set[int]:
    return {i for m in FAMILY_MEMBERS.values() for i in (*m.core, *m.related)} | set(PUBLIC_ADMINISTRATION)
