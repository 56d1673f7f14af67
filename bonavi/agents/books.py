"""The statutory books (職業安定法32条の15), the yearly report figures (様式第8号) and the website disclosure
figures (32条の16③), all computed from the records — never typed in (docs/AGENTS.md §1.2, §1.5, §1.6).

Books are per 事業所 and kept two years past the end of a record's 有効期間 (or full fee collection); after that
`books_anonymise` replaces the person's name in them and blanks her 住所 and 生年月日. CSV exports are logged (ExportLog) and, where a
candidate's data is in them, written to that candidate's audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from bonavi.core.clock import JST, add_months, date_jst, today_jst
from bonavi.core.downloads import excel_csv

from . import selectors
from .models import (
    AuditAction,
    Candidate,
    Complaint,
    ComplaintReplyCorrection,
    ExitReason,
    ExportLog,
    FollowUp,
    JobOrder,
    JobOrderStatus,
    Office,
    Placement,
    Proposal,
    Referral,
    StaffTraining,
    Stage,
    audit_record,
)
from .rules import add_years

KEEP_YEARS = 2
ANONYMISED = "（保存期間経過により匿名化）"


def kept_until(candidate: Candidate) -> dt.date:
    """The last day the 求職管理簿 keeps a registration as it is: KEEP_YEARS after its 有効期間 ended (a withdrawal
    ends it that day); `books_anonymise` anonymises it after this day. What the withdrawn seeker is told, by mail
    and on her page."""
    return add_years(candidate.valid_until, KEEP_YEARS)


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """年度 (April–March) `year` → [start, end]."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def fiscal_year_of(day: dt.date) -> int:
    """The 年度 a day falls in (April–March): 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def published_fiscal_year(today: dt.date) -> int:
    """The year whose figures the public page shows: the last finished 年度 (the current one is still counting)."""
    return fiscal_year_of(today) - 1


def _outcome(stage: str) -> str:
    labels: dict[str, str] = {
        Stage.JOINED: "採用",
        Stage.OFFER_ACCEPTED: "採用（入社前）",
        Stage.REJECTED: "不採用",
        Stage.DECLINED: "辞退",
    }
    return labels.get(stage, "選考中")


def _referrals_of_office(office: Office) -> Any:
    # Only the columns the 求職管理簿's rows print: with every column of the posting (a hundred), the candidate and
    # the referral's texts, building 300 rows was most of the CSV's time (ADR 0162, s22). A column read here and
    # left out costs a query per row: agents/tests/test_book_columns.py pins two queries and the rows.
    return (
        Referral.objects.filter(proposal__candidate__office=office)
        .select_related("proposal__posting__organization", "placement")
        .only(
            "stage",
            "sent_at",
            "proposal__candidate_id",
            "proposal__posting__employer_name",
            "proposal__posting__organization__name",
            "placement__open_ended",
            "placement__joined_on",
            "placement__exit_on",
            "placement__exit_reason",
        )
    )


def job_book_rows(office: Office) -> list[list[str]]:
    """求人管理簿: one row per job order × introduction."""
    header = [
        "求人者名",
        "所在地",
        "連絡先（担当者・電話）",
        "受付年月日",
        "有効期間",
        "求人数",
        "職種",
        "就業場所",
        "賃金",
        "雇用期間の定め",
        "受理状況",
        "紹介日",
        "求職者氏名",
        "採否の顛末",
        "採用年月日",
    ]
    rows = [header]
    orders = list(
        JobOrder.objects.filter(office=office)
        .select_related("employer", "posting")
        .order_by("received_on", "pk")
    )
    # Every order's introductions in one query, not one per order (the book grows with the office's history).
    # Only this agency's: several agencies may hold orders for the same public posting (ADR 0111).
    referrals = list(
        Referral.objects.filter(
            proposal__posting__in={o.posting_id for o in orders if o.posting_id},
            proposal__candidate__agency_id=office.agency_id,
        )
        .select_related("proposal__candidate", "placement")
        .order_by("pk")
    )
    # Each introduction under the order it went through (selectors.orders_of_referrals, the 入社 form's rule), among
    # all the agency's orders: an expired order and its renewal do not both list it, nor do two offices' books
    # when each office took an order for the job — only the book of the office whose order it went through.
    went = selectors.orders_of_referrals(referrals, agency_id=office.agency_id)
    by_order: dict[int, list[Referral]] = defaultdict(list)
    for r in referrals:
        if (through := went[r.pk]) is not None and through.office_id == office.pk:
            by_order[through.pk].append(r)
    for order in orders:
        p = order.posting
        base = [
            order.employer.name,
            order.employer.address,
            f"{order.contact_person} {order.employer.phone}".strip(),
            f"{order.received_on:%Y-%m-%d}",
            f"{order.valid_until:%Y-%m-%d}まで",
            str(order.openings),
            f"{p.subrole_name}（{p.mhlw_code}）" if p else "",
            p.location_display if p else "",
            p.wage_display if p else "",
            ("定めあり" if p.fixed_term else "定めなし") if p else "",
            order.get_status_display()
            + ("（公開求人への申込み）" if order.submitted.get("public_posting") else "")
            + (("：" + " / ".join(order.refusal_reasons)) if order.refusal_reasons else ""),
        ]
        referrals = by_order.get(order.pk, [])
        if not referrals:
            rows.append([*base, "", "", "", ""])
        for r in referrals:
            placement = getattr(r, "placement", None)
            rows.append(
                [
                    *base,
                    f"{date_jst(r.sent_at):%Y-%m-%d}",
                    r.proposal.candidate.display_name,
                    _outcome(r.stage),
                    _joined(r, placement),
                ]
            )
    return rows


def _joined(referral: Referral, placement: Placement | None) -> str:
    """採用年月日: the placement's, else the 入社日 given with the move to 入社 (the employer's, before the adviser
    has recorded the placement)."""
    day = placement.joined_on if placement else referral.joined_on
    return f"{day:%Y-%m-%d}" if day else ""


def _collected(pl: Placement) -> str:
    if pl.fee_collected_on:
        return f"{pl.fee_collected_on:%Y-%m-%d}"
    if pl.fee_written_off_on:
        return f"徴収不能（{pl.fee_written_off_on:%Y-%m-%d} 貸倒れ処理）"
    return "未収"


# The candidate's columns the 求職管理簿 prints (the hearing's 希望職種 besides).
BOOK_COLUMNS = ("display_name", "book_address", "book_birth_date", "applied_on", "valid_until")


def seeker_book_rows(office: Office) -> list[list[str]]:
    """求職管理簿: one row per candidate × introduction (plus 6-month 離職 for open-ended hires)."""
    header = [
        "氏名",
        "住所",
        "生年月日",
        "希望職種",
        "受付年月日",
        "有効期間",
        "紹介時期",
        "紹介先",
        "採否の経緯",
        "無期雇用",
        "6か月以内の離職（解雇を除く）",
    ]
    rows = [header]
    # The office's introductions in one query, grouped by candidate (not one query per candidate and per row).
    by_candidate: dict[int, list[Referral]] = defaultdict(list)
    for r in _referrals_of_office(office).order_by("pk"):
        by_candidate[r.proposal.candidate_id].append(r)
    candidates = (
        Candidate.objects.filter(office=office)
        .select_related("hearing")
        .only(*BOOK_COLUMNS, "hearing__desired_occupations")
        .order_by("applied_on", "pk")
    )
    for c in candidates:
        hearing = getattr(c, "hearing", None)
        base = [
            c.display_name,
            # From her profile, kept current while she is registered and as it was after (ADR 0114).
            c.book_address,
            f"{c.book_birth_date:%Y-%m-%d}" if c.book_birth_date else "",
            hearing.desired_occupations if hearing else "",
            f"{c.applied_on:%Y-%m-%d}",
            f"{c.valid_until:%Y-%m-%d}まで",
        ]
        refs = by_candidate.get(c.pk, [])
        if not refs:
            rows.append([*base, "", "", "", "", ""])
        for r in refs:
            placement = getattr(r, "placement", None)
            rows.append(
                [
                    *base,
                    f"{date_jst(r.sent_at):%Y-%m-%d}",
                    r.proposal.posting.employer_display,
                    _outcome(r.stage),
                    ("はい" if placement.open_ended else "いいえ") if placement else "",
                    ("該当" if placement and left_within_six_months(placement) else "") if placement else "",
                ]
            )
    return rows


def fee_book_rows(office: Office) -> list[list[str]]:
    """手数料管理簿: payer, kind, amount, collected on, the placement it is for; 返戻金 as a negative line."""
    header = [
        "支払者",
        "手数料の種類",
        "金額（円）",
        "徴収年月日",
        "紹介した求職者",
        "採用年月日",
        "予定年収（円）",
    ]
    rows = [header]
    for pl in (
        Placement.objects.filter(office=office)
        .select_related("referral__proposal__posting__organization", "referral__proposal__candidate")
        .order_by("joined_on", "pk")
    ):
        payer = pl.referral.proposal.posting.organization.name
        who = pl.referral.proposal.candidate.display_name
        rows.append(
            [
                payer,
                "紹介手数料（求人者）",
                str(pl.fee),
                _collected(pl),
                who,
                f"{pl.joined_on:%Y-%m-%d}",
                str(pl.expected_annual_pay),
            ]
        )
        if pl.refund:
            rows.append(
                [
                    payer,
                    "返戻金",
                    str(-pl.refund),
                    f"{pl.exit_on:%Y-%m-%d}" if pl.exit_on else "",
                    who,
                    f"{pl.joined_on:%Y-%m-%d}",
                    str(pl.expected_annual_pay),
                ]
            )
    return rows


BOOKS = {
    "job": ("求人管理簿", job_book_rows),
    "seeker": ("求職管理簿", seeker_book_rows),
    "fee": ("手数料管理簿", fee_book_rows),
}


def _candidates_in_book(office: Office, kind: str) -> Any:
    if kind == "seeker":
        return Candidate.objects.filter(office=office)
    if kind == "job":
        return Candidate.objects.filter(
            agency_id=office.agency_id,
            proposals__referral__isnull=False,
            proposals__posting__job_orders__office=office,
        ).distinct()
    return Candidate.objects.filter(proposals__referral__placement__office=office).distinct()


def book_csv(*, user: Any, office: Office, kind: str) -> tuple[str, str]:
    """(file name, CSV text with BOM for Excel) of one book; the export is logged."""
    title, build = BOOKS[kind]
    rows = build(office)
    text = excel_csv(rows)
    with transaction.atomic():
        ExportLog.objects.create(
            agency=office.agency, office=office, actor=user, kind=kind, rows=len(rows) - 1
        )
        # Every book names candidates (求人管理簿: 紹介した求職者; 手数料管理簿: the placed person), so each
        # person in the file sees the export in their trail.
        audit_record(
            list(_candidates_in_book(office, kind).only("pk")),  # only whom to log
            actor=user,
            action=AuditAction.EXPORT,
            detail=f"{title}（{office.name}）をCSVで出力",
        )
    return f"{title}_{office.pk}_{today_jst():%Y%m%d}.csv", text


def left_within_six_months(pl: Placement) -> bool:
    """Open-ended hire who left within 6 months for any reason but dismissal (32条の16③)."""
    if not pl.open_ended or pl.exit_on is None or pl.exit_reason == ExitReason.DISMISSAL:
        return False
    return pl.exit_on < add_months(pl.joined_on, 6)


@dataclass
class Disclosure:
    fiscal_year: int
    placements: int = 0  # 就職者数
    open_ended: int = 0  # うち無期雇用
    left_within_6m: int = 0  # うち6か月以内に離職（解雇を除く）
    unknown: int = 0  # うち離職したかどうか不明
    fee_rates: list[tuple[str, float, int]] = field(default_factory=list)  # (職業分類, 平均手数料率%, 件数)
    fee_rates_exempt: bool = False  # 常用就職 ≤ 10 件なら公表不要
    as_of: dt.date | None = None  # 集計時点
    # Open-ended placements still inside their first six months on `as_of`, not known to have left: the
    # 6か月以内離職 figure can still grow (a March placement is settled only at the end of September).
    within_6m_pending: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "placements": self.placements,
            "open_ended": self.open_ended,
            "left_within_6_months_excluding_dismissal": self.left_within_6m,
            "unknown": self.unknown,
            "average_fee_rate_top5": [
                {"occupation_code": c, "average_fee_rate_percent": r, "placements": n}
                for c, r, n in self.fee_rates
            ],
            "fee_rates_exempt": self.fee_rates_exempt,
            "as_of": self.as_of,
            "within_6_months_pending": self.within_6m_pending,
        }


def _placements_of_year(agency: Any, fiscal_year: int) -> list[Placement]:
    """The agency's placements that joined in `fiscal_year`, with their 6か月確認 (the 実績 reads it)."""
    start, end = fiscal_year_bounds(fiscal_year)
    return list(
        Placement.objects.filter(
            office__agency=agency, joined_on__gte=start, joined_on__lte=end
        ).select_related("follow_up")
    )


def disclosure_figures(
    *, agency: Any, fiscal_year: int, as_of: dt.date | None = None, placements: list[Placement] | None = None
) -> Disclosure:
    """公開すべき実績 of `fiscal_year`'s placements, counted on `as_of` (today in Japan by default). `placements`:
    that year's, read already by the caller (yearly_report_lines) rather than read again."""
    as_of = as_of or today_jst()
    if placements is None:
        placements = _placements_of_year(agency, fiscal_year)
    d = Disclosure(fiscal_year=fiscal_year, placements=len(placements), as_of=as_of)
    by_code: dict[str, list[Placement]] = defaultdict(list)
    for pl in placements:
        if pl.open_ended:
            d.open_ended += 1
            if left_within_six_months(pl):
                d.left_within_6m += 1
            else:
                follow = getattr(pl, "follow_up", None)
                if follow is not None and follow.outcome == FollowUp.Outcome.UNKNOWN:
                    d.unknown += 1
                elif pl.exit_on is None and as_of < add_months(pl.joined_on, 6):
                    d.within_6m_pending += 1
        # 常用就職: the report's 常用 (placement_term_class), so the two pages never count it apart.
        if placement_term_class(pl) == REGULAR:
            by_code[pl.occupation_code].append(pl)
    regular = sum(len(v) for v in by_code.values())
    d.fee_rates_exempt = regular <= 10
    top = sorted(by_code.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:5]
    for code, items in top:
        # 徴収手数料: a fee written off was never collected.
        fee = sum(0 if p.fee_written_off_on else p.fee - p.refund for p in items)
        pay = sum(p.expected_annual_pay for p in items)
        d.fee_rates.append((code, round(fee / pay * 100, 1) if pay else 0.0, len(items)))
    return d


# The 職業紹介事業報告書 (様式第8号) ----------------------------------------------------------------------------------

# The 区分 of an employment's length in the report (docs/AGENTS.md §1.6).
REGULAR, TEMPORARY, DAILY = "常用", "臨時", "日雇"
TERMS = (REGULAR, TEMPORARY, DAILY)
DOMESTIC, OVERSEAS = "国内", "国外"

# The first year a report can be asked for: the form has had these items since the FY2018 report (§1.1), and BOナビ
# holds nothing older.
REPORT_FIRST_YEAR = 2018


def term_class(*, open_ended: bool, months: int | None, days: int | None) -> str:
    """常用: open-ended, or a term of 4 months and more; 臨時: 1 month to under 4; 日雇: under a month — a term given
    in days (ADR 0115). A fixed term of no stated length (none can be saved now) is 臨時, as it was counted before."""
    if open_ended:
        return REGULAR
    if days and not months:
        return DAILY
    return REGULAR if (months or 0) >= 4 else TEMPORARY


def posting_term_class(p: Any) -> str:
    return term_class(open_ended=not p.fixed_term, months=p.contract_months, days=p.contract_days)


def placement_term_class(pl: Placement) -> str:
    return term_class(open_ended=pl.open_ended, months=pl.contract_months, days=pl.contract_days)


def report_years(today: dt.date) -> range:
    """The years the report can be asked for: REPORT_FIRST_YEAR to the current year (still counting)."""
    return range(REPORT_FIRST_YEAR, fiscal_year_of(today) + 1)


def report_year_refusal(value: object, today: dt.date) -> str:
    """Why `value` is not a year the report can be asked for, naming it as given (cut short: it comes from a URL)."""
    years = report_years(today)
    return (
        f"年度「{str(value)[:20]}」の事業報告は表示できません。"
        f"{years[0]}〜{years[-1]}の西暦の年（4月始まりの年度、例：{published_fiscal_year(today)}）で指定してください。"
    )


@dataclass(frozen=True)
class ReportLine:
    """One figure of the report: its section on the page, its name (the form's words, also the API's key and the
    CSV's 項目) and its value; `yen` says the page writes it 「1,200,000円」 (the API and CSV keep the number)."""

    section: str
    label: str
    value: int | str
    yen: bool = False


def _split(counts: dict[tuple[str, bool], int], what: str) -> list[ReportLine]:
    """`what` by 区分, 国内 first then 国外, in the form's order."""
    return [
        ReportLine(what, f"{what}（{term}・{place}）", counts.get((term, abroad), 0))
        for abroad, place in ((False, DOMESTIC), (True, OVERSEAS))
        for term in TERMS
    ]


def yearly_report_lines(
    *, agency: Any, fiscal_year: int, disclosure: Disclosure | None = None
) -> list[ReportLine]:
    """様式第8号の数値（年度）, in the form's order (docs/AGENTS.md §1.6). `disclosure`: the year's 実績
    (disclosure_figures), when the caller has it already — the records page shows it beside the report."""
    if disclosure is not None and disclosure.fiscal_year != fiscal_year:
        raise ValueError(f"disclosure of {disclosure.fiscal_year} given for the report of {fiscal_year}")
    start, end = fiscal_year_bounds(fiscal_year)
    # An order counts in the year it was accepted (受理), whatever became of it since: one closed when it was taken
    # again after it expired was still an order of its year. Refused ones were never orders.
    taken = JobOrder.objects.filter(agency=agency).exclude(status=JobOrderStatus.REFUSED)
    orders: dict[tuple[str, bool], int] = defaultdict(int)
    planned_orders = 0
    for o in taken.filter(received_on__gte=start, received_on__lte=end).select_related("posting"):
        if o.posting is None:  # an accepted order always has its posting; nothing to classify otherwise
            continue
        # 求人延数 counts the people wanted (求人数), as the 求人管理簿 does, not the orders.
        orders[(posting_term_class(o.posting), o.overseas)] += o.openings
        if o.planned_dispatch:
            planned_orders += o.openings
    in_force = taken.filter(received_on__lte=end, valid_until__gte=end).aggregate(n=Sum("openings"))["n"] or 0
    # One read of the year's placements for the 就職件数, the fees and the 実績 alike.
    placements = _placements_of_year(agency, fiscal_year)
    placed: dict[tuple[str, bool], int] = defaultdict(int)
    for pl in placements:
        placed[(placement_term_class(pl), pl.overseas)] += 1
    if disclosure is None:
        disclosure = disclosure_figures(agency=agency, fiscal_year=fiscal_year, placements=placements)
    trainings = StaffTraining.objects.filter(office__agency=agency, held_on__gte=start, held_on__lte=end)
    candidates = Candidate.objects.filter(agency=agency)
    return [
        ReportLine("求人", "有効求人数（3月31日）", in_force),
        *_split(orders, "求人延数"),
        ReportLine(
            "求職",
            "有効求職者数（3月31日）",
            candidates.filter(applied_on__lte=end, valid_until__gte=end).exclude(status="withdrawn").count(),
        ),
        ReportLine(
            "求職", "新規求職申込件数", candidates.filter(applied_on__gte=start, applied_on__lte=end).count()
        ),
        *_split(placed, "就職件数"),
        ReportLine("就職件数", "無期雇用就職件数", disclosure.open_ended),
        ReportLine("就職件数", "6か月以内離職者数（解雇を除く）", disclosure.left_within_6m),
        ReportLine("手数料", "手数料の種類", agency.get_fee_system_display()),
        ReportLine("手数料", "手数料（紹介手数料）", sum(p.fee for p in placements), yen=True),
        ReportLine("手数料", "返戻金", sum(p.refund for p in placements), yen=True),
        ReportLine("手数料", "返戻金制度", "あり" if agency.refund_policy.strip() else "なし"),
        ReportLine("従業員教育", "従業員教育（実施回数）", trainings.count()),
        ReportLine(
            "従業員教育",
            "従業員教育（延べ受講者数）",
            StaffTraining.attendees.through.objects.filter(stafftraining__in=trainings).count(),
        ),
        ReportLine("紹介予定派遣", "紹介予定派遣（求人数）", planned_orders),
        ReportLine(
            "紹介予定派遣", "紹介予定派遣（就職件数）", sum(1 for p in placements if p.planned_dispatch)
        ),
    ]


def yearly_report(*, agency: Any, fiscal_year: int) -> dict[str, Any]:
    """様式第8号の数値（年度）: `fiscal_year` and each figure under the form's own name."""
    return {
        "fiscal_year": fiscal_year,
        **{line.label: line.value for line in yearly_report_lines(agency=agency, fiscal_year=fiscal_year)},
    }


def report_csv(*, user: Any, agency: Any, fiscal_year: int) -> tuple[str, str]:
    """(file name, CSV text with BOM for Excel) of the year's report: 項目,値 rows in the form's order. The export
    is logged like a book's; the figures name nobody, so no candidate's trail has it."""
    start, end = fiscal_year_bounds(fiscal_year)
    today = today_jst()
    lines = yearly_report_lines(agency=agency, fiscal_year=fiscal_year)
    rows = [
        ["項目", "値"],
        ["事業者", agency.name],
        ["許可番号", agency.license_number],
        ["年度", f"{fiscal_year}年度（{start:%Y-%m-%d}〜{end:%Y-%m-%d}）"],
        # The current year is still counting, and a 6か月以内離職 can still be learnt of later: the day says when.
        ["集計日", f"{today:%Y-%m-%d}"],
        *([line.label, str(line.value)] for line in lines),
    ]
    text = excel_csv(rows)
    ExportLog.objects.create(agency=agency, office=None, actor=user, kind=REPORT_EXPORT, rows=len(lines))
    return f"事業報告_{fiscal_year}年度_{today:%Y%m%d}.csv", text


# ExportLog.kind of the report's CSV (a book's is its BOOKS key).
REPORT_EXPORT = "yearly_report"


def fee_settled_on(pl: Placement) -> dt.date | None:
    """The day the 手数料管理簿's 2-year clock starts for this placement: full collection, or the day the fee was
    written off (貸倒れ); with no fee, the 入社日. A refund is a later line of the same book, so its day (the exit)
    counts when later. None while the fee is still 未収: the record is kept (ADR 0108)."""
    settled = pl.joined_on if pl.fee == 0 else (pl.fee_collected_on or pl.fee_written_off_on)
    if settled is None:
        return None
    if pl.refund and pl.exit_on and pl.exit_on > settled:
        return pl.exit_on
    return settled


def books_anonymise(*, today: dt.date | None = None) -> int:
    """Anonymise candidates whose registration ended more than two years ago and whose every fee was settled
    (collected or written off) more than two years ago: the 求職管理簿 and the 手数料管理簿 are both kept that long.
    Complaints resolved that long ago lose who made them and what was said. Returns the candidates anonymised."""
    day = today or today_jst()
    cutoff = add_years(day, -KEEP_YEARS)  # a plain replace() fails on 29 February
    # Placements are few beside candidates: the fee rule is read in Python, from one query.
    kept: set[int] = set()
    for pl in Placement.objects.filter(
        referral__proposal__candidate__valid_until__lt=cutoff,
        referral__proposal__candidate__anonymised_at__isnull=True,
    ).select_related("referral__proposal"):
        settled = fee_settled_on(pl)
        if settled is None or settled >= cutoff:
            kept.add(pl.referral.proposal.candidate_id)
    old = Candidate.objects.filter(valid_until__lt=cutoff, anonymised_at__isnull=True).exclude(pk__in=kept)
    done: list[int] = []
    with transaction.atomic():
        for c in old:
            c.display_name = ANONYMISED
            # 住所 and 生年月日 go with the name: kept for the book's period only (ADR 0114).
            c.book_address, c.book_birth_date = "", None
            c.anonymised_at = timezone.now()
            c.save(update_fields=["display_name", "book_address", "book_birth_date", "anonymised_at"])
            hearing = getattr(c, "hearing", None)
            if hearing is not None:
                hearing.delete()
            done.append(c.pk)
        # What an adviser wrote of her 求職の申出 is free text about her: it goes with her name.
        Proposal.objects.filter(candidate_id__in=done).exclude(request_note="").update(request_note="")
        # The complaint register (32条の14) is kept as long as the books: a complaint resolved more than KEEP_YEARS
        # ago keeps its dates and status, not who complained, how to reach them, what they said or the answer.
        resolved_before = dt.datetime.combine(cutoff, dt.time(), tzinfo=JST)
        # The replies a 訂正 replaced go with the reply in force.
        ComplaintReplyCorrection.objects.filter(complaint__resolved_at__lt=resolved_before).exclude(
            previous=""
        ).update(previous="")
        Complaint.objects.filter(resolved_at__lt=resolved_before).exclude(from_name=ANONYMISED).update(
            from_name=ANONYMISED, contact="", body="", resolution="", reply="", from_user=None, candidate=None
        )
    return len(done)
