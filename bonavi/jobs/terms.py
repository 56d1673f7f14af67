"""A fixed term's bounds and wording, without Django: the posting model, the placement (agents) and the JSON import
format (compliance, which knows no Django model) all read them from here, so a term is bounded and said one way."""

from __future__ import annotations

# The longest term given in months (5 years: the 有期労働契約's longest, 労基法14条's exceptions included).
CONTRACT_MONTHS_MAX = 60
# The longest term given in days: 31 days is never under one month, so a longer term is given in months.
CONTRACT_DAYS_MAX = 30
CONTRACT_DAYS_RANGE = f"契約期間（日）は1〜{CONTRACT_DAYS_MAX}日で入力してください。1か月以上の契約は契約期間（か月）で入力します。"


def contract_term_text(months: int | None, days: int | None) -> str:
    """A fixed term as people say it: 「6か月」, 「14日」; "" when not given."""
    if months:
        return f"{months}か月"
    return f"{days}日" if days else ""
