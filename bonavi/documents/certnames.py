"""Common shorthand for qualifications and the official names a 履歴書 should carry.

Each entry: a pattern over the NFKC-folded name (with `grade` captured where the exam has grades), a test that the
name is already official, and a function that builds the official name. Used by the cert-name rule and by the
inconsistent rule (a qualification mentioned in free text must be one of the listed certificates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from bonavi.core.text import nfkc

_GRADE = r"(?P<grade>準?[1-4一二三四]|準[12])\s*級"
_KANJI_DIGIT = str.maketrans("一二三四", "1234")


def _grade(m: re.Match[str]) -> str:
    g = m.groupdict().get("grade") or ""
    return g.translate(_KANJI_DIGIT)


@dataclass(frozen=True)
class CertName:
    key: str
    shorthand: re.Pattern[str]
    official: re.Pattern[str]
    build: Callable[[re.Match[str]], str]


CERT_NAMES: Final[tuple[CertName, ...]] = (
    CertName(
        "boki",
        re.compile(r"(?:日商\s*)?簿記(?:検定)?\s*" + _GRADE),
        re.compile(r"日本商工会議所簿記検定試験|全国経理教育協会|全国商業高等学校協会|全経|全商"),
        lambda m: f"日本商工会議所簿記検定試験{_grade(m)}級",
    ),
    CertName(
        "zenkei-boki",
        re.compile(r"全経\s*簿記(?:検定)?\s*(?P<grade>上級|[1-3])\s*級?"),
        re.compile(r"全国経理教育協会"),
        lambda m: (
            f"全国経理教育協会簿記能力検定試験{m.group('grade')}{'' if m.group('grade') == '上級' else '級'}"
        ),
    ),
    CertName(
        "driving",
        re.compile(
            r"^(?:普通(?:自動車)?免許|(?:自動車)?運転免許(?:証)?|普免|普通運転免許)(?P<at>\s*[(（]?AT限定[)）]?)?$"
        ),
        re.compile(r"第[一二]種"),
        lambda m: "普通自動車第一種運転免許" + ("（AT限定）" if m.group("at") else ""),
    ),
    CertName(
        "eiken",
        re.compile(r"英検\s*" + _GRADE),
        re.compile(r"実用英語技能検定"),
        lambda m: f"実用英語技能検定{_grade(m)}級",
    ),
    CertName(
        "kanken",
        re.compile(r"漢検\s*" + _GRADE),
        re.compile(r"日本漢字能力検定"),
        lambda m: f"日本漢字能力検定{_grade(m)}級",
    ),
    CertName(
        "hisho",
        re.compile(r"秘書検定?\s*" + _GRADE),
        re.compile(r"秘書技能検定"),
        lambda m: f"秘書技能検定{_grade(m)}級",
    ),
    CertName(
        "toeic",
        re.compile(r"TOEIC(?!\s*(?:L\s*&\s*R|Listening))[^0-9]{0,6}(?P<score>[0-9]{2,3})\s*点"),
        re.compile(r"Listening\s*&\s*Reading|L\s*&\s*R"),
        lambda m: f"TOEIC Listening & Reading Test {m.group('score')}点",
    ),
    CertName(
        "fp",
        re.compile(r"FP\s*(?:技能士)?\s*(?P<grade>[1-3])\s*級|(?P<grade2>[1-3])\s*級\s*FP"),
        re.compile(r"ファイナンシャル・?プランニング技能士"),
        lambda m: f"{m.group('grade') or m.group('grade2')}級ファイナンシャル・プランニング技能士",
    ),
    CertName(
        "takken",
        re.compile(r"宅建(?:士)?"),
        re.compile(r"宅地建物取引"),
        lambda m: "宅地建物取引士資格試験",
    ),
    CertName(
        "sharoushi",
        re.compile(r"社労士"),
        re.compile(r"社会保険労務士"),
        lambda m: "社会保険労務士試験",
    ),
    CertName(
        "eisei",
        re.compile(r"^(?P<kind>[12一二]種)?\s*衛生管理者$"),
        re.compile(r"^第[一二]種衛生管理者"),
        lambda m: f"第{(m.group('kind') or '一種')[0].translate(str.maketrans('12', '一二'))}種衛生管理者",
    ),
    CertName(
        "it-passport",
        re.compile(r"ITパス(?!ポート試験)(?:ポート)?"),
        re.compile(r"ITパスポート試験"),
        lambda m: "ITパスポート試験",
    ),
    CertName(
        "fe",
        re.compile(r"基本情報(?!技術者試験)(?:技術者)?"),
        re.compile(r"基本情報技術者試験"),
        lambda m: "基本情報技術者試験",
    ),
    CertName(
        "bizhou",
        re.compile(r"(?:ビジ法|ビジネス法務|ビジネス実務法務(?!検定試験)(?:検定)?)\s*" + _GRADE),
        re.compile(r"ビジネス実務法務検定試験"),
        lambda m: f"ビジネス実務法務検定試験{_grade(m)}級",
    ),
    CertName(
        "kyuyo",
        re.compile(r"給与計算(?:検定|実務能力検定)?\s*" + _GRADE),
        re.compile(r"給与計算実務能力検定"),
        lambda m: f"給与計算実務能力検定{_grade(m)}級",
    ),
    CertName(
        "mos",
        re.compile(r"^MOS\b.*"),
        re.compile(r"Microsoft Office Specialist"),
        lambda m: "Microsoft Office Specialist " + (m.group(0)[3:].strip() or "Excel 365"),
    ),
)


def official_name(name: str) -> tuple[str, str] | None:
    """(key, official name) when `name` is a known shorthand; None when it is official or unknown."""
    text = nfkc(name).strip()
    for c in CERT_NAMES:
        if c.official.search(text):
            continue
        m = c.shorthand.search(text)
        if m:
            return c.key, c.build(m)
    return None


def canonical(name: str) -> str:
    """A comparison key for a qualification, official or not (簿記2級 and 日本商工会議所簿記検定試験2級 agree)."""
    text = nfkc(name).strip()
    found = official_name(text)
    return nfkc(found[1] if found else text).replace(" ", "").replace("合格", "").replace("取得", "")


def mentions(text: str) -> list[tuple[str, str]]:
    """Qualifications named in free text, as (matched text, canonical key)."""
    folded = nfkc(text)
    out = []
    for c in CERT_NAMES:
        if c.key in ("driving", "eisei", "mos"):
            continue  # anchored patterns: only whole certificate names
        for m in c.shorthand.finditer(folded):
            out.append((m.group(0), canonical(c.build(m))))
    return out
