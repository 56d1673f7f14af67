"""The typed document model that review rules and renderers read.

It is built from a JSON Resume document with BOナビ's Japanese extensions (see `jsonresume.py` and
docs/decisions/0050). Dates are kept as they were entered: months (`YearMonth`) for 学歴・職歴 and 資格, a day for
the birth date. Nothing here knows Django models, so the CLI, the API and the editor share it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import total_ordering


class DateStyle(StrEnum):
    WESTERN = "western"
    JAPANESE = "japanese"


class CvFormat(StrEnum):
    CHRONOLOGICAL = "chronological"  # 編年体
    REVERSE = "reverse"  # 逆編年体
    CAREER = "career"  # キャリア式


CV_FORMAT_LABELS = {
    CvFormat.CHRONOLOGICAL: "編年体（古い順）",
    CvFormat.REVERSE: "逆編年体（新しい順）",
    CvFormat.CAREER: "キャリア式（職務別）",
}
DATE_STYLE_LABELS = {DateStyle.WESTERN: "西暦（2024年4月）", DateStyle.JAPANESE: "和暦（令和6年4月）"}

EDUCATION_STATUSES = ("卒業", "卒業見込み", "修了", "修了見込み", "中途退学", "在学中")
EMPLOYMENT_TYPES = ("正社員", "契約社員", "派遣社員", "パート・アルバイト", "業務委託", "嘱託社員", "その他")
END_REASONS = ("一身上の都合により退職", "会社都合により退職", "契約期間満了により退職", "退職予定")


@total_ordering
@dataclass(frozen=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1900 <= self.year <= 2200 and 1 <= self.month <= 12):
            raise ValueError(f"年月が正しくありません: {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """YYYY-MM or YYYY-MM-DD (JSON Resume's ISO 8601 subset); the day, if any, is dropped."""
        parts = text.strip().split("-")
        if len(parts) not in (2, 3) or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
            raise ValueError(text)
        return cls(int(parts[0]), int(parts[1]))

    @classmethod
    def of(cls, day: dt.date) -> YearMonth:
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        """Months since year 0: differences of indexes are month counts."""
        return self.year * 12 + self.month - 1

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, YearMonth):
            return NotImplemented
        return self.index < other.index


@dataclass
class Address:
    postal_code: str = ""
    region: str = ""  # 都道府県
    city: str = ""
    address: str = ""  # 番地・建物名
    furigana: str = ""

    @property
    def full(self) -> str:
        return f"{self.region}{self.city}{self.address}"

    def is_empty(self) -> bool:
        return not (self.postal_code or self.full)


@dataclass
class Basics:
    name: str = ""
    furigana: str = ""
    birth_date: dt.date | None = None
    gender: str = ""  # optional free text; empty = not stated
    email: str = ""
    phone: str = ""
    location: Address = field(default_factory=Address)
    contact: Address = field(default_factory=Address)  # 連絡先 (only when it differs from 現住所)
    contact_phone: str = ""
    summary: str = ""  # 職務要約
    image: bytes | None = None  # processed JPEG (see photo.py)


@dataclass
class Education:
    institution: str
    area: str = ""  # 学部・学科
    study_type: str = ""  # 普通科, 学士 …
    start: YearMonth | None = None
    end: YearMonth | None = None
    status: str = "卒業"


@dataclass
class Milestone:
    """A dated 職歴 row under a job that is neither 入社 nor 退職 (「時間帯責任者に昇格」「渋谷店に異動」)."""

    date: YearMonth
    text: str


@dataclass
class Assignment:
    """A later 派遣先 of one 派遣 job (extension `work[].assignments`): she stays registered with the same 派遣元
    and is sent to another company from `start` (ADR 0150, s19). The first 派遣先 is `Work.dispatched_to`, from
    the job's start, with the job's position."""

    name: str
    start: YearMonth
    position: str = ""
    # 業務内容 at this 派遣先, one duty a line (extension `work[].assignments[].duties`): each 派遣先 of a 職務経歴書
    # is a block of its own with what she did there (ADR 0150, s19 assignment duties).
    duties: list[str] = field(default_factory=list)
    # 実績 at this 派遣先, one a line (extension `work[].assignments[].achievements`), printed in its block under
    # its duties (ADR 0150, s20).
    achievements: list[str] = field(default_factory=list)


@dataclass
class Work:
    name: str  # 会社名
    position: str = ""  # 部署・役職
    employment_type: str = ""
    # 派遣先 (extension `dispatchedTo`): for a 派遣 job the name is the 派遣元 she registered with, her employer;
    # the company she worked at goes here, and the 履歴書 prints it on a line of its own (ADR 0150).
    dispatched_to: str = ""
    # The 派遣先 she was sent to after the first, in date order, each from its own 年月 (several 派遣先 under one
    # 派遣元 are one job, not one job per 派遣先).
    assignments: list[Assignment] = field(default_factory=list)
    # 業務内容 at the first 派遣先 (`dispatched_to`), one duty a line (extension `work[].dispatchedDuties`); the
    # job's `summary` stays hers for what held at every 派遣先.
    dispatched_duties: list[str] = field(default_factory=list)
    # 実績 at the first 派遣先 (extension `work[].dispatchedAchievements`); `highlights` stay the job's own.
    dispatched_achievements: list[str] = field(default_factory=list)
    employees: int | None = None
    description: str = ""  # 事業内容
    start: YearMonth | None = None
    end: YearMonth | None = None  # None while employed
    end_reason: str = ""
    summary: str = ""  # 業務
    highlights: list[str] = field(default_factory=list)  # 実績
    function: str = ""  # キャリア式 grouping (extension); the position is used when empty
    # The profile's own 昇格・異動 rows under the job, with their 年月 (extension), so a profile export imported
    # back gives the same rows; the 履歴書 prints each as a dated row. The position never repeats their texts
    # (the reader takes them out: jsonresume._beyond_milestones).
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return self.end is None or self.end_reason == "退職予定"


@dataclass
class Certificate:
    name: str
    date: YearMonth | None = None
    issuer: str = ""


@dataclass
class Skill:
    name: str
    keywords: list[str] = field(default_factory=list)
    level: str = ""


@dataclass
class Resume:
    basics: Basics = field(default_factory=Basics)
    education: list[Education] = field(default_factory=list)
    work: list[Work] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    date_style: DateStyle = DateStyle.WESTERN
    cv_format: CvFormat = CvFormat.CHRONOLOGICAL
    self_pr: list[str] = field(default_factory=list)
    motivation: str = ""
    requests: str = ""
    desired_job: str = ""  # 希望職種 (optional line of the 本人希望記入欄)
    document_date: dt.date | None = None  # 「年 月 日現在」; today when absent
    # Fields found in the input that the law keeps out of hiring (本籍, 家族 …), kept only so that the
    # fair-hiring rule can point at them; they are never rendered or exported.
    unlawful_fields: list[tuple[str, str]] = field(default_factory=list)


def age_on(birth: dt.date, day: dt.date) -> int:
    """満年齢 (completed years) on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
