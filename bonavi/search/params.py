"""Everything a search is made of, as one value: keywords, filters, sort and page.

The URL holds the whole query (`to_querystring()` is canonical, so two equal searches have equal URLs), which is
what lets a search be shared, bookmarked, and saved for e-mail alerts. Parsing is lenient: a bad value is dropped
and explained in Japanese in `errors`; it never raises.

Stable contract (saved searches and digests build on it): SearchParams, from_querydict, to_querystring, describe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Final
from urllib.parse import urlencode

from bonavi.core.prefectures import PREFECTURES
from bonavi.core.text import nfkc, strip_control
from bonavi.jobs.catalog import FAMILIES, SUBROLE_BY_CODE
from bonavi.jobs.models import EmploymentType

from .terms import HOLIDAY_LADDER, OVERTIME_LADDER, WAGE_UNIT_LABEL

MAX_QUERY_CHARS: Final = 200
MAX_PAGE: Final = 50  # 1,000 results; nobody pages further, and deep pages are what make engines slow
PAGE_SIZE: Final = 20
SORTS: Final[dict[str, str]] = {"relevance": "関連度順", "newest": "新着順", "salary": "給与の高い順"}
REMOTE: Final[dict[str, str]] = {"any": "在宅勤務あり", "full": "フルリモート"}
POSTED_WITHIN: Final[list[int]] = [1, 3, 7, 14, 30]
ETYPES: Final[dict[str, str]] = dict(EmploymentType.choices)
MAX_SALARY: Final[dict[str, int]] = {
    "hour": 100_000,
    "day": 500_000,
    "month": 10_000_000,
    "year": 100_000_000,
}


@dataclass(frozen=True)
class IntParam:
    label: str  # named in the parser's Japanese message
    minimum: int
    maximum: int


# The bounds of the numeric and free-text parameters, defined once: the parser below enforces them and the API's
# OpenAPI document (search/api.py) states them, so a client generated from the document sends what is accepted.
# `page` above MAX_PAGE is not an error: it is capped (and said so when the result is longer than the cap).
INT_PARAMS: Final[dict[str, IntParam]] = {
    "salary_min": IntParam(
        "給与の下限", 1, max(MAX_SALARY.values())
    ),  # the parser uses the unit's own ceiling
    "holidays": IntParam("年間休日", 0, 365),
    "overtime": IntParam("月平均残業時間", 0, 100),
    "days": IntParam("掲載開始からの日数", 1, 365),
    "page": IntParam("ページ", 1, MAX_PAGE),
}
MAX_CHARS: Final[dict[str, int]] = {"q": MAX_QUERY_CHARS, "city": 60, "qual": 60}

# Query-string names, in canonical order.
_KEYS: Final = [
    "q",
    "family",
    "subrole",
    "pref",
    "city",
    "emp",
    "salary_unit",
    "salary_min",
    "inexp",
    "edu",
    "qual",
    "noqual",
    "remote",
    "weekend",
    "holidays",
    "overtime",
    "days",
    "sort",
    "page",
]


@dataclass
class SearchParams:
    q: str = ""
    families: list[str] = field(default_factory=list)  # 職種（大分類）
    subroles: list[str] = field(default_factory=list)  # 職種
    prefectures: list[str] = field(default_factory=list)  # JIS codes
    municipality: str = ""
    employment_types: list[str] = field(default_factory=list)
    salary_unit: str = ""  # hour / day / month / year: compared only with postings paid in the same unit
    salary_min: int | None = None  # yen; the posting's lower bound must reach it
    inexperienced: bool = False  # 未経験歓迎
    education_not_required: bool = False  # 学歴不問
    qualification: str = ""  # words that must appear among the posting's required/preferred qualifications
    no_qualification_required: bool = False  # 資格不問（必須資格なし）
    remote: str = ""  # "" / any / full
    weekends_off: bool = False  # 土日祝休み
    holidays_min: int | None = None  # 年間休日 N 日以上
    overtime_max: int | None = None  # 月平均残業 N 時間以内
    posted_within: int | None = None  # days
    sort: str = "relevance"
    page: int = 1
    errors: list[str] = field(default_factory=list, compare=False)
    page_capped: bool = field(default=False, compare=False)  # a page beyond MAX_PAGE was asked for
    # The page asked for, before the cap: the API answers it, with no results, instead of page MAX_PAGE.
    page_asked: int = field(default=1, compare=False)

    # Parsing ------------------------------------------------------------------------------------------------
    @classmethod
    def from_querydict(cls, qd: Mapping[str, Any]) -> SearchParams:
        """From request.GET (a QueryDict) or a plain dict of str / list[str]. Never raises."""
        p = cls()
        errors = p.errors

        def getlist(key: str) -> list[str]:
            if hasattr(qd, "getlist"):
                raw = qd.getlist(key)
            else:
                v = qd.get(key)
                raw = v if isinstance(v, list | tuple) else ([] if v is None else [v])
            out: list[str] = []
            for item in raw:
                for part in str(item).split(","):
                    part = strip_control(nfkc(part)).strip()
                    if part and part not in out:
                        out.append(part)
            return out

        def get(key: str) -> str:
            # A single value is not split at commas as lists are: 「1,200」 is one amount (1200), not 1 and 200.
            raw = qd.getlist(key) if hasattr(qd, "getlist") else qd.get(key)
            for item in raw if isinstance(raw, list | tuple) else [raw]:
                value = strip_control(nfkc(str(item or ""))).strip()
                if value:
                    return value
            return ""

        def get_int(key: str, hi: int | None = None) -> int | None:
            bound = INT_PARAMS[key]
            label, lo, hi = bound.label, bound.minimum, bound.maximum if hi is None else hi
            raw = get(key).replace(",", "")
            if not raw:
                return None
            try:
                value = int(raw)
            except ValueError:
                errors.append(f"{label}は数字で指定してください（「{raw[:20]}」は使えません）。")
                return None
            if not lo <= value <= hi:
                errors.append(f"{label}は{lo:,}〜{hi:,}の範囲で指定してください。")
                return None
            return value

        def flag(key: str) -> bool:
            return get(key).lower() in {"1", "true", "on", "yes"}

        q = strip_control(get_raw_q(qd))
        if len(q) > MAX_CHARS["q"]:
            errors.append(f"キーワードが長すぎるため、先頭の{MAX_CHARS['q']}文字で検索しました。")
            q = q[: MAX_CHARS["q"]]
        p.q = " ".join(q.split())

        for value in getlist("family"):
            if value in FAMILIES:
                p.families.append(value)
            else:
                errors.append(f"職種の分類「{value[:20]}」はありません。{_choose(FAMILIES.values())}")
        for value in getlist("subrole"):
            if value in SUBROLE_BY_CODE:
                p.subroles.append(value)
            else:
                # Too many to list: the form's own select is named instead.
                errors.append(
                    f"詳しい職種「{value[:20]}」はありません。『詳しい職種』の一覧から選んでください。"
                )
        for value in getlist("pref"):
            code = value.zfill(2) if value.isdigit() else value
            if code in PREFECTURES:
                p.prefectures.append(code)
            else:
                names = list(PREFECTURES.values())
                errors.append(
                    f"都道府県「{value[:20]}」はありません。『{names[0]}』〜『{names[-1]}』の一覧から選んでください。"
                )
        p.municipality = get("city")[: MAX_CHARS["city"]]
        for value in getlist("emp"):
            if value in ETYPES:
                p.employment_types.append(value)
            else:
                errors.append(f"雇用形態「{value[:20]}」はありません。{_choose(ETYPES.values())}")

        unit = get("salary_unit")
        amount_raw = get("salary_min")
        if unit and unit not in WAGE_UNIT_LABEL:
            errors.append(f"給与の単位「{unit[:20]}」はありません。{_choose(WAGE_UNIT_LABEL.values())}")
        elif unit or amount_raw:
            if not unit:
                errors.append("給与で絞り込むには単位（時給・日給・月給・年収）も指定してください。")
            else:
                amount = get_int("salary_min", MAX_SALARY[unit])
                if amount is not None:
                    p.salary_unit, p.salary_min = unit, amount
                elif not amount_raw:
                    p.salary_unit = unit  # a unit alone: "paid by the month"

        p.inexperienced = flag("inexp")
        p.education_not_required = flag("edu")
        # Words, however people separate them: 「簿記 TOEIC」「簿記,TOEIC」「簿記、TOEIC」.
        words = get("qual").replace(",", " ").replace("、", " ").split()
        p.qualification = " ".join(words)[: MAX_CHARS["qual"]]
        p.no_qualification_required = flag("noqual")
        remote = get("remote")
        if remote in REMOTE:
            p.remote = remote
        elif remote:
            errors.append(f"在宅勤務の指定「{remote[:20]}」はありません。{_choose(REMOTE.values())}")
        p.weekends_off = flag("weekend")
        p.holidays_min = get_int("holidays")
        p.overtime_max = get_int("overtime")
        p.posted_within = get_int("days")
        sort = get("sort")
        if sort in SORTS:
            p.sort = sort
        elif sort:
            errors.append(f"並び順「{sort[:20]}」はありません。{_choose(SORTS.values())}")
        page = get_int("page", 10**9)  # accepted beyond MAX_PAGE, then capped
        if page is not None:
            p.page_asked = page
            if page > MAX_PAGE:
                # Said only when the result really is longer than the cap (search_postings); a short result
                # explains itself with its own last page.
                p.page_capped = True
                page = MAX_PAGE
            p.page = page
        return p

    # Output -------------------------------------------------------------------------------------------------
    def to_pairs(self, *, with_page: bool = True) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []

        def add(key: str, value: Any) -> None:
            if value in ("", None, False, [], 0) and not (key in {"holidays", "overtime"} and value == 0):
                return
            if isinstance(value, list):
                for v in sorted(value):
                    pairs.append((key, v))
            elif value is True:
                pairs.append((key, "1"))
            else:
                pairs.append((key, str(value)))

        add("q", self.q)
        add("family", self.families)
        add("subrole", self.subroles)
        add("pref", self.prefectures)
        add("city", self.municipality)
        add("emp", self.employment_types)
        add("salary_unit", self.salary_unit)
        add("salary_min", self.salary_min)
        add("inexp", self.inexperienced)
        add("edu", self.education_not_required)
        add("qual", self.qualification)
        add("noqual", self.no_qualification_required)
        add("remote", self.remote)
        add("weekend", self.weekends_off)
        add("holidays", self.holidays_min)
        add("overtime", self.overtime_max)
        add("days", self.posted_within)
        if self.sort != "relevance":
            add("sort", self.sort)
        if with_page and self.page > 1:
            add("page", self.page)
        return pairs

    def to_querystring(self, *, with_page: bool = True) -> str:
        """Canonical query string (fixed key order, sorted lists, defaults left out), without a leading "?"."""
        return urlencode(self.to_pairs(with_page=with_page))

    def filter_parts(self) -> list[tuple[str, dict[str, Any]]]:
        """Each active filter as (its Japanese label, the changes that drop it). One list serves describe() (alert
        names, mail subjects), the chips above the results and the no-results help, so a chip says 「東京都・大阪府
        ✕」 rather than a bare 「勤務地 ✕」, in the same words as the saved search's name. Several values of one
        filter are joined with 「、」 where the names hold a 「・」 themselves (経理・財務、人事・労務 is two jobs, not
        four; パート・アルバイト is one kind), with 「・」 for prefectures."""
        out: list[tuple[str, dict[str, Any]]] = []
        jobs = [FAMILIES[f] for f in self.families if f in FAMILIES]
        jobs += [SUBROLE_BY_CODE[s].name for s in self.subroles if s in SUBROLE_BY_CODE]
        if jobs:
            out.append(("、".join(jobs), {"families": [], "subroles": []}))
        pref = "・".join(PREFECTURES[c] for c in self.prefectures if c in PREFECTURES)
        if pref or self.municipality:
            town = self.municipality
            where = pref + (town if len(self.prefectures) <= 1 or not town else f"（{town}）")
            out.append((where, {"prefectures": [], "municipality": ""}))
        if kinds := [ETYPES[e] for e in self.employment_types if e in ETYPES]:
            out.append(("、".join(kinds), {"employment_types": []}))
        if self.salary_unit:
            label = WAGE_UNIT_LABEL[self.salary_unit]
            pay = f"{label}{yen_short(self.salary_min)}以上" if self.salary_min else f"{label}の求人"
            out.append((pay, {"salary_unit": "", "salary_min": None}))
        for attr, words in (("inexperienced", "未経験歓迎"), ("education_not_required", "学歴不問")):
            if getattr(self, attr):
                out.append((words, {attr: False}))
        if self.qualification:
            out.append((f"資格：{self.qualification}", {"qualification": ""}))
        if self.no_qualification_required:
            out.append(("資格不問", {"no_qualification_required": False}))
        if self.remote:
            out.append((REMOTE[self.remote], {"remote": ""}))
        if self.weekends_off:
            out.append(("土日祝休み", {"weekends_off": False}))
        if self.holidays_min is not None:
            out.append((f"年間休日{self.holidays_min}日以上", {"holidays_min": None}))
        if self.overtime_max is not None:
            overtime = "残業なし" if self.overtime_max == 0 else f"残業月{self.overtime_max}時間以内"
            out.append((overtime, {"overtime_max": None}))
        if self.posted_within:
            out.append((f"{self.posted_within}日以内に掲載", {"posted_within": None}))
        return out

    def describe(self) -> str:
        """A short Japanese summary for alert lists and e-mail subjects, e.g. 「経理 ／ 東京都 ／ 月給20万円以上」."""
        parts = [self.q] if self.q else []
        parts += [label for label, _ in self.filter_parts()]
        return " ／ ".join(parts) if parts else "すべての求人"

    @property
    def has_filters(self) -> bool:
        blank = SearchParams()
        return any(
            getattr(self, f.name) != getattr(blank, f.name)
            for f in fields(self)
            if f.name not in {"q", "sort", "page", "page_asked", "errors"}
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def _choose(labels: Iterable[str]) -> str:
    """「『A』か『B』から選んでください。」 (three or more: 「『A』、『B』、『C』から…」) naming the choices as the
    search form shows them: a bad value in the URL (a hand-edited link, an old bookmark) is explained in the
    person's words, not in the codes the URL holds (any, full, relevance), which the API's OpenAPI document lists
    for developers."""
    names = [f"『{label}』" for label in labels]
    listed = f"{names[0]}か{names[1]}" if len(names) == 2 else "、".join(names)
    return f"{listed}から選んでください。"


def get_raw_q(qd: Mapping[str, Any]) -> str:
    v: Any = qd.getlist("q") if hasattr(qd, "getlist") else qd.get("q")
    if isinstance(v, list | tuple):
        v = " ".join(str(x) for x in v)
    return nfkc(str(v or ""))


def yen_short(amount: int | None) -> str:
    if amount is None:
        return ""
    if amount >= 10_000 and amount % 10_000 == 0:
        return f"{amount // 10_000:,}万円"
    if amount >= 10_000 and amount % 1_000 == 0:
        return f"{amount / 10_000:g}万円"
    return f"{amount:,}円"


__all__ = ["HOLIDAY_LADDER", "OVERTIME_LADDER", "PAGE_SIZE", "SearchParams"]
