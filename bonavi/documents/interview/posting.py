"""Questions drawn from a chosen posting's duties and requirements.

Works on plain values (`PostingText`) so it can be tested and reused without the database; `from_posting` adapts
a JobPosting read through the jobs app's permission-checked selectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .bank import Question

_SPLIT = re.compile(r"[\n。]|(?:^|\s)[・●■◆\-－*]\s*")
_TRIM = re.compile(r"^[\s・●■◆\-－*①-⑳0-9０-９.．、)）]+|[\s、。]+$")


@dataclass(frozen=True)
class PostingText:
    pk: int
    title: str
    family: str
    duties: str
    required_experience: str = ""
    required_qualifications: str = ""
    preferred_qualifications: str = ""
    inexperienced_welcome: bool = False


def from_posting(posting: Any) -> PostingText:
    return PostingText(
        pk=posting.pk,
        title=posting.title,
        family=posting.family,
        duties=posting.duties,
        required_experience=posting.required_experience,
        required_qualifications=posting.required_qualifications,
        preferred_qualifications=posting.preferred_qualifications,
        inexperienced_welcome=posting.inexperienced_welcome,
    )


def _items(text: str, limit: int) -> list[str]:
    seen: list[str] = []
    for part in _SPLIT.split(text or ""):
        item = _TRIM.sub("", part)
        if 4 <= len(item) <= 60 and item not in seen:
            seen.append(item)
        if len(seen) == limit:
            break
    return seen


def _names(text: str) -> list[str]:
    return [
        n
        for n in (_TRIM.sub("", p) for p in re.split(r"[、,，/／\n・]|および|または|又は|及び", text or ""))
        if 2 <= len(n) <= 40
    ][:3]


def posting_questions(p: PostingText) -> list[Question]:
    out: list[Question] = []

    def add(theme: str, text: str, frame: str, *points: str) -> None:
        out.append(
            Question(f"posting-{p.pk}-{len(out) + 1:02d}", p.family, theme, text, frame, tuple(points))
        )

    for duty in _items(p.duties, 5):
        add(
            "求人の業務",
            f"この求人の業務「{duty}」について、近い経験があれば具体的に教えてください。経験がなければ、どう身につけますか。",
            "STAR",
            "近い経験",
            "件数・期間などの数字",
            "入社後の進め方",
        )
    for exp in _items(p.required_experience, 2):
        add(
            "必要な経験",
            f"応募条件の「{exp}」について、あなたの経験を具体的に説明してください。",
            "STAR",
            "期間",
            "担当範囲",
            "成果",
        )
    for name in _names(p.required_qualifications):
        add(
            "資格",
            f"必須の資格「{name}」について、取得した時期と、実務でどう活かしてきたかを教えてください。",
            "STAR",
            "取得年月",
            "実務での使い方",
        )
    for name in _names(p.preferred_qualifications):
        add(
            "資格",
            f"歓迎される資格「{name}」について、取得済みか、学習の予定があれば教えてください。",
            "PREP",
            "現状",
            "学習計画",
        )
    if p.inexperienced_welcome:
        add(
            "未経験",
            f"「{p.title}」は未経験歓迎の求人です。これまでの経験のうち、この仕事に活かせるものは何ですか。",
            "PREP",
            "活かせる経験",
            "準備していること",
            "意欲の根拠",
        )
    add(
        "志望動機",
        f"「{p.title}」に応募した理由を、求人の内容に触れながら教えてください。",
        "PREP",
        "求人の中で惹かれた点",
        "自分の経験との接点",
        "入社後にしたいこと",
    )
    return out
