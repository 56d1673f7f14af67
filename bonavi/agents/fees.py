"""The most an agency may charge for one placement under its fee rules (docs/AGENTS.md §1.3, ADR 0116).

- 届出制手数料 with a 手数料率 recorded: the notified table's rate of the 予定年収 (e.g. 30% of 4,200,000円 is
  1,260,000円).
- 上限制手数料: 11.0% (10% and 消費税) of the wages paid for the employment, up to six months' wages: 予定年収 ÷ 12 ×
  6 when the hire is open-ended or for six months or more, ÷ 12 × its months when shorter, ÷ 365 × its days when
  under a month (a 14-day hire at 3,000,000円 is 115,068円 of wages, so at most 12,657円 — not 165,000円).
- 届出制手数料 without a rate (a flat or tiered table the rate does not describe): not checked; the place form and the
  records page say so.

Yen are whole: the wages and the limit are each rounded down to the yen, so a fee exactly at the limit
shown is accepted and one yen more is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .models import Agency, FeeSystem

# The 上限制's cap: 10% of six months' wages plus 10% 消費税. A tax-exempt agency's cap is 10.3%, which the agency
# record does not say; the higher figure is checked (ADR 0116).
CAPPED_RATE_PERCENT = Decimal("11.0")
CAPPED_MONTHS = 6
DAYS_IN_YEAR = 365  # a term in days is that share of the 予定年収


@dataclass(frozen=True)
class Term:
    """The hire's 雇用期間 as the placement records it (ADR 0115): open-ended, or a length in months, or (under a
    month) in days. The 上限制's wages are those of this term, up to six months."""

    open_ended: bool
    contract_months: int | None = None
    contract_days: int | None = None

    def capped_wages(self, expected_annual_pay: int) -> tuple[int, str]:
        """The wages the 上限制 cap is a share of, rounded down to the yen, and how they were reckoned in words
        (「就職後6か月分の賃金（予定年収4,200,000円÷12×6＝2,100,000円）」)."""
        pay = f"予定年収{expected_annual_pay:,}円"
        if not self.open_ended and self.contract_days is not None:
            days = self.contract_days
            wages = expected_annual_pay * days // DAYS_IN_YEAR
            return wages, f"雇用期間{days}日分の賃金（{pay}÷{DAYS_IN_YEAR}×{days}＝{wages:,}円）"
        months = CAPPED_MONTHS
        if not self.open_ended and self.contract_months is not None and self.contract_months < CAPPED_MONTHS:
            months = self.contract_months
        wages = expected_annual_pay * months // 12
        what = f"就職後{months}か月分" if months == CAPPED_MONTHS else f"雇用期間{months}か月分"
        return wages, f"{what}の賃金（{pay}÷12×{months}＝{wages:,}円）"


def percent_display(rate: Decimal) -> str:
    """「30」「10.5」: a rate as the fee table writes it, without trailing zeros (30.00 is stored for 30%)."""
    return format(rate.normalize(), "f")


@dataclass(frozen=True)
class FeeRule:
    """The agency's fee rule as the placement check reads it."""

    system: str
    rate_percent: Decimal | None  # 届出制's 手数料率; None when not recorded (and always for 上限制)

    @property
    def checked(self) -> bool:
        """Whether a placement's fee is checked at all."""
        return self.system == FeeSystem.CAPPED or self.rate_percent is not None

    @property
    def summary(self) -> str:
        """The limit in one line, for the place form and the records page."""
        if self.system == FeeSystem.CAPPED:
            # Said before the term is settled on the form, so it says how the term sets the period.
            return (
                f"上限制手数料：雇用期間の賃金（{CAPPED_MONTHS}か月を超える雇用・期間の定めなしは就職後"
                f"{CAPPED_MONTHS}か月分。予定年収÷12×月数、1か月未満は÷{DAYS_IN_YEAR}×日数）の"
                f"{CAPPED_RATE_PERCENT}%（消費税込み）まで"
            )
        if self.rate_percent is not None:
            return f"届出制手数料：予定年収の{percent_display(self.rate_percent)}%まで"
        return "届出制手数料：手数料率が登録されていないため、手数料表との照合はしていません"

    def limit(self, expected_annual_pay: int, term: Term) -> int | None:
        """The highest fee in yen for this 予定年収 and 雇用期間; None when the rule is not checked."""
        if self.system == FeeSystem.CAPPED:
            base, rate = term.capped_wages(expected_annual_pay)[0], CAPPED_RATE_PERCENT
        elif self.rate_percent is not None:
            base, rate = expected_annual_pay, self.rate_percent
        else:
            return None
        return int((Decimal(base) * rate / 100).to_integral_value(rounding=ROUND_FLOOR))

    def problem(self, *, expected_annual_pay: int, fee: int, term: Term) -> str:
        """Why `fee` is above the limit for `expected_annual_pay` and `term` ("" when it is not), naming the limit
        in yen and, for the 上限制, the period whose wages it is a share of."""
        limit = self.limit(expected_annual_pay, term)
        if limit is None or fee <= limit:
            return ""
        if self.system == FeeSystem.CAPPED:
            wages = term.capped_wages(expected_annual_pay)[1]
            return (
                f"手数料（{fee:,}円）が上限制手数料の上限を超えています。{wages}の{CAPPED_RATE_PERCENT}%"
                f"（消費税込み）、{limit:,}円までです。"
            )
        assert self.rate_percent is not None  # for mypy: limit() was not None
        return (
            f"手数料（{fee:,}円）が手数料表の上限を超えています。届出制手数料の手数料率は予定年収の"
            f"{percent_display(self.rate_percent)}%のため、予定年収{expected_annual_pay:,}円では{limit:,}円までです。"
        )


def fee_rule(agency: Agency) -> FeeRule:
    """The rule the agency's record states now: the 上限制 ignores a rate (the law sets it)."""
    if agency.fee_system == FeeSystem.CAPPED:
        return FeeRule(FeeSystem.CAPPED, None)
    rate = agency.fee_rate_percent
    return FeeRule(agency.fee_system, Decimal(rate) if rate is not None else None)
