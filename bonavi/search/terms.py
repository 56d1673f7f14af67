"""What a posting puts into the index: text terms per field, and its filter values as terms.

Both backends and the in-memory matcher (matching.py) use these functions, so "what matches" is defined once.
Filter terms start with "_", which the analyser never produces (it keeps letters and digits only), so a word a
person types can never collide with a filter term.

Range filters (salary, 年間休日, 残業) become "at least / at most" ladder terms: a posting paying 月給 23万円 gets
_wmonth180000, _wmonth200000 and _wmonth220000, so "月給20万円以上" is one term lookup instead of a range scan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Final

from bonavi.core.prefectures import PREFECTURES
from bonavi.core.text import nfkc
from bonavi.jobs.catalog import FAMILIES, SUBROLE_BY_CODE
from bonavi.jobs.models import EmploymentType, HolidayPattern, PostingStatus, Telework, Visibility

from .analyzer import Analyzer, _clean, get_analyzer

WAGE_LADDER: Final[dict[str, list[int]]] = {
    "hour": [1000, 1100, 1200, 1300, 1400, 1500, 1700, 2000, 2500, 3000],
    "day": [8000, 10000, 12000, 15000, 20000],
    "month": [180000, 200000, 220000, 250000, 280000, 300000, 350000, 400000, 500000, 600000],
    "year": [3000000, 3500000, 4000000, 4500000, 5000000, 6000000, 7000000, 8000000, 10000000],
}
WAGE_UNIT_LABEL: Final[dict[str, str]] = {"hour": "時給", "day": "日給", "month": "月給", "year": "年収"}
# For the salary sort only: a rough yearly figure so that 時給 and 月給 postings can share one order.
ANNUAL_FACTOR: Final[dict[str, int]] = {"hour": 2000, "day": 250, "month": 12, "year": 1}
HOLIDAY_LADDER: Final[list[int]] = [100, 105, 110, 115, 120, 125, 130]
OVERTIME_LADDER: Final[list[int]] = [0, 10, 20, 30, 45]
SALARY_BAND_YEN: Final[int] = 500_000  # width of a salary-sort band (yearly equivalent)
SALARY_BAND_MAX: Final[int] = 40

FAMILY_CODES: Final[list[str]] = list(FAMILIES)
ETYPE_CODES: Final[list[str]] = [e.value for e in EmploymentType]

# Access terms. `_r` marks what anonymous people and seekers may not see (anything not published+public),
# `_np` anything not published (drafts, closed, expired), `_o<id>` the organisation. Search lists live postings
# only: public ones for everybody, plus an employer's own private ones, plus every private one for operators.
ALL: Final = "_all"
RESTRICTED: Final = "_r"
NOT_PUBLISHED: Final = "_np"

EPOCH: Final = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
ID_BITS: Final = 27  # posting ids up to 134 million
FKEY_BITS: Final = 11
DATE_SHIFT: Final = ID_BITS + FKEY_BITS


def org_term(org_id: int) -> str:
    return f"_o{org_id}"


def pref_term(code: str) -> str:
    return f"_p{code}"


def family_term(code: str) -> str:
    return f"_f{code}"


def subrole_term(code: str) -> str:
    return f"_s{code}"


def etype_term(code: str) -> str:
    return f"_e{code}"


def municipality_term(name: str) -> str:
    return "_m" + "".join(_clean(nfkc(name).strip().lower()))


# 「横浜市港北区」: a ward (区) of a designated city; 「西多摩郡瑞穂町」: a town or village of a district (郡).
_WARD_OF_CITY: Final = re.compile(r"^(.+?市)(.+区)$")
_TOWN_OF_DISTRICT: Final = re.compile(r"^.+?郡(.+[町村])$")


def municipality_terms(name: str) -> list[str]:
    """The terms a posting's 市区町村 is found by, for the ways people type a place into the 市区町村 box.

    Besides the full name: the designated city of a ward (「横浜市」 finds 横浜市港北区) and the ward alone, the
    town without its 郡, and each of these without its last 市・区・町・村 (「渋谷」 finds 渋谷区) when two or more
    characters are left. A query is one name, so it is matched against these as they stand.
    """
    name = nfkc(name).strip()
    names = [name]
    if m := _WARD_OF_CITY.match(name):
        names += [m.group(1), m.group(2)]
    elif m := _TOWN_OF_DISTRICT.match(name):
        names.append(m.group(1))
    names += [n[:-1] for n in list(names) if n[-1:] in "市区町村" and len(n) >= 3]
    return list(dict.fromkeys(municipality_term(n) for n in names))


def municipality_query(name: str) -> tuple[str | None, str]:
    """(JIS code, the rest) for a 市区町村 box that starts with a prefecture's full name, as an address does
    (「東京都渋谷区」 → ("13", "渋谷区")); (None, name) otherwise. Postings keep the prefecture in its own field, so
    the name alone would never match their 市区町村 terms."""
    name = nfkc(name).strip()
    for code, pref in PREFECTURES.items():
        if name.startswith(pref) and len(name) > len(pref):
            return code, name[len(pref) :]
    return None, name


def wage_term(unit: str, amount: int | None = None) -> str:
    return f"_w{unit}" if amount is None else f"_w{unit}{amount}"


def wage_ladder_floor(unit: str, amount: int) -> int | None:
    steps = [s for s in WAGE_LADDER.get(unit, []) if s <= amount]
    return steps[-1] if steps else None


def holidays_term(n: int) -> str:
    return f"_h{n}"


def overtime_term(n: int) -> str:
    return f"_ot{n}"


def band_term(band: int) -> str:
    return f"_wb{band}"


FLAG_INEXPERIENCED: Final = "_inexp"
FLAG_EDUCATION: Final = "_edu"
FLAG_NO_QUALIFICATION: Final = "_noqual"
FLAG_REMOTE_ANY: Final = "_twp"
FLAG_REMOTE_FULL: Final = "_twf"
FLAG_WEEKENDS: Final = "_wkend"


def minutes_since_epoch(when: dt.datetime) -> int:
    return max(0, int((when - EPOCH).total_seconds() // 60))


def facet_key(pref: str, family: str, etype: str) -> int:
    p = int(pref) if pref.isdigit() and 1 <= int(pref) <= 47 else 0
    f = FAMILY_CODES.index(family) if family in FAMILY_CODES else 7
    e = ETYPE_CODES.index(etype) if etype in ETYPE_CODES else 3
    return (p << 5) | (f << 2) | e


def facet_key_parts(key: int) -> tuple[str, str, str]:
    p, f, e = key >> 5, (key >> 2) & 7, key & 3
    return (f"{p:02d}" if p else "", FAMILY_CODES[f] if f < len(FAMILY_CODES) else "", ETYPE_CODES[e])


def sort_key(*, posted: dt.datetime, fkey: int, posting_id: int) -> int:
    """Date-major key: ordering by it is "newest first", and the facet key rides along for free."""
    return (
        (minutes_since_epoch(posted) << DATE_SHIFT) | (fkey << ID_BITS) | (posting_id & ((1 << ID_BITS) - 1))
    )


def id_of(key: int) -> int:
    return key & ((1 << ID_BITS) - 1)


def fkey_of(key: int) -> int:
    return (key >> ID_BITS) & ((1 << FKEY_BITS) - 1)


def key_floor_for(when: dt.datetime) -> int:
    """Smallest sort key of anything posted in the same minute as `when` or later."""
    return minutes_since_epoch(when) << DATE_SHIFT


@dataclass
class IndexDoc:
    posting_id: int
    key: int
    title: list[str]
    body: list[str]
    qual: list[str]
    filters: list[str]
    published: bool
    valid_through: int | None  # yyyymmdd
    posted_us: int  # microseconds since EPOCH, for exact "posted after" checks
    wage_unit: str
    wage_min: int
    annual_wage: int

    @property
    def all_terms(self) -> list[str]:
        return self.title + self.body + self.qual + self.filters


def posted_at(posting: Any) -> dt.datetime:
    return posting.date_posted or posting.created_at


def annual_wage(unit: str, amount: int) -> int:
    return amount * ANNUAL_FACTOR.get(unit, 1)


def filter_terms(posting: Any) -> list[str]:
    """Every filter value of `posting` as a term (see the module docstring)."""
    t = [ALL]
    published = posting.status == PostingStatus.PUBLISHED
    if not (published and posting.visibility == Visibility.PUBLIC):
        t.append(RESTRICTED)
    if not published:
        t.append(NOT_PUBLISHED)
    t.append(org_term(posting.organization_id))
    t += [
        pref_term(posting.prefecture),
        family_term(posting.family),
        subrole_term(posting.subrole),
        etype_term(posting.employment_type),
    ]
    if posting.municipality:
        t += municipality_terms(posting.municipality)
    unit, wage = posting.wage_unit, posting.wage_min or 0
    t.append(wage_term(unit))
    t += [wage_term(unit, s) for s in WAGE_LADDER.get(unit, []) if s <= wage]
    t.append(band_term(min(SALARY_BAND_MAX, annual_wage(unit, wage) // SALARY_BAND_YEN)))
    if posting.annual_holidays is not None:
        t += [holidays_term(n) for n in HOLIDAY_LADDER if posting.annual_holidays >= n]
    overtime = 0 if not posting.overtime_exists else posting.overtime_monthly_hours
    if overtime is not None:
        t += [overtime_term(n) for n in OVERTIME_LADDER if overtime <= n]
    if posting.inexperienced_welcome:
        t.append(FLAG_INEXPERIENCED)
    if posting.education_not_required:
        t.append(FLAG_EDUCATION)
    if not posting.required_qualifications.strip():
        t.append(FLAG_NO_QUALIFICATION)
    if posting.telework in (Telework.PARTIAL, Telework.FULL):
        t.append(FLAG_REMOTE_ANY)
    if posting.telework == Telework.FULL:
        t.append(FLAG_REMOTE_FULL)
    if posting.holiday_pattern == HolidayPattern.WEEKENDS:
        t.append(FLAG_WEEKENDS)
    return t


def body_text(posting: Any, org_name: str = "") -> list[str]:
    """The text fields searched besides the title, in a fixed order (positions matter for phrases)."""
    sub = SUBROLE_BY_CODE.get(posting.subrole)
    return [
        sub.name if sub else "",
        EmploymentType(posting.employment_type).label if posting.employment_type in ETYPE_CODES else "",
        posting.duties,
        posting.required_experience,
        f"{posting.prefecture_name}{posting.municipality}",
        posting.nearest_station,
        posting.employer_name or org_name,
        Telework(posting.telework).label
        if posting.telework in Telework.values and posting.telework != "none"
        else "",
        "土日祝休み" if posting.holiday_pattern == HolidayPattern.WEEKENDS else "",
        # The company's own words (ADR 0128), searchable like 業務内容. Last, so the positions of the texts before
        # them are those a posting without them has always had.
        posting.appeal,
        posting.ideal_candidate,
    ]


def index_doc(posting: Any, *, analyzer: Analyzer | None = None, org_name: str = "") -> IndexDoc:
    a = analyzer or get_analyzer()
    body: list[str] = []
    for text in body_text(posting, org_name):
        body.extend(a.terms(text))
    qual = a.terms(posting.required_qualifications) + a.terms(posting.preferred_qualifications)
    posted = posted_at(posting)
    fkey = facet_key(posting.prefecture, posting.family, posting.employment_type)
    vt = posting.valid_through
    unit, wage = posting.wage_unit, posting.wage_min or 0
    return IndexDoc(
        posting_id=posting.pk,
        key=sort_key(posted=posted, fkey=fkey, posting_id=posting.pk),
        title=a.terms(posting.title),
        body=body,
        qual=qual,
        filters=filter_terms(posting),
        published=posting.status == PostingStatus.PUBLISHED,
        valid_through=vt.year * 10000 + vt.month * 100 + vt.day if vt else None,
        posted_us=int((posted - EPOCH).total_seconds() * 1_000_000),
        wage_unit=unit,
        wage_min=wage,
        annual_wage=annual_wage(unit, wage),
    )


def date_int(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day
