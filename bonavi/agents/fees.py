"""The most an agency may charge for one placement under its fee rules (docs/AGENTS.md §1.3, ADR 0116).

- 届出制手数料 with a 手数料率 recorded: the notified table's rate of the 予定年収 (e.g. 30% of 4,200,000円 is
  1,260,000円).
- 上限制手数料: 11.0% (10% and 消費税) of the wages of the first six months, which we take as 予定年収 ÷ 12 × 6.
- 届出制手数料 without a rate (a flat or tiered table the rate does not describe): not checked; the place form and the
  records page say so.

Yen are whole: the six months' wages and the limit are each rounded down to the yen, so a fee exactly at the limit
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
            return (
                f"上限制手数料：就職後{CAPPED_MONTHS}か月分の賃金（予定年収÷12×{CAPPED_MONTHS}）の"
                f"{CAPPED_RATE_PERCENT}%（消費税込み）まで"
            )
        if self.rate_percent is not None:
            return f"届出制手数料：予定年収の{percent_display(self.rate_percent)}%まで"
        return "届出制手数料：手数料率が登録されていないため、手数料表との照合はしていません"

    def six_months_wages(self, expected_annual_pay: int) -> int:
        return expected_annual_pay * CAPPED_MONTHS // 12

    def limit(self, expected_annual_pay: int) -> int | None:
        """The highest fee in yen for this 予定年収; None when the rule is not checked."""
        if self.system == FeeSystem.CAPPED:
            base, rate = self.six_months_wages(expected_annual_pay), CAPPED_RATE_PERCENT
        elif self.rate_percent is not None:
            base, rate = expected_annual_pay, self.rate_percent
        else:
            return None
        return int((Decimal(base) * rate / 100).to_integral_value(rounding=ROUND_FLOOR))

    def problem(self, *, expected_annual_pay: int, fee: int) -> str:
        """Why `fee` is above the limit for `expected_annual_pay` ("" when it is not), naming the limit in yen."""
        limit = self.limit(expected_annual_pay)
        if limit is None or fee <= limit:
            return ""
        if self.system == FeeSystem.CAPPED:
            six = self.six_months_wages(expected_annual_pay)
            return (
                f"手数料（{fee:,}円）が上限制手数料の上限を超えています。就職後{CAPPED_MONTHS}か月分の賃金"
                f"（予定年収{expected_annual_pay:,}円÷12×{CAPPED_MONTHS}＝{six:,}円）の{CAPPED_RATE_PERCENT}%"
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
