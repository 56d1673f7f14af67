"""A fixed term's bounds and wording, without Django: the posting model, the placement (agents) and the JSON import
format (compliance, which knows no Django model) all read them from here, so a term is bounded and said one way."""

from __future__ import annotations

# The longest term given in months (5 years: the 有期労働契約's longest, 労基法14条's exceptions included).
CONTRACT_MONTHS_MAX = 60
# The longest term given in days: 31 days is never under one month, so a longer term is given in months.
CONTRACT_DAYS_MAX = 30


# The refusals of a term, said of a 契約 (the posting) or of a 雇用 (the placement, agents), from one template each.
def months_range(noun: str = "契約") -> str:
    return f"{noun}期間（か月）は1〜{CONTRACT_MONTHS_MAX}で入力してください。"


def days_range(noun: str = "契約") -> str:
    return f"{noun}期間（日）は1〜{CONTRACT_DAYS_MAX}日で入力してください。1か月以上の{noun}は{noun}期間（か月）で入力します。"


# The posting's field validators' words (jobs migration 0011 holds this text: it must not change).
CONTRACT_DAYS_RANGE = days_range()


def term_length_problems(
    months: int | None,
    days: int | None,
    *,
    noun: str = "契約",
    lead: str = "有期契約の場合は",
    bounded: bool = False,
) -> dict[str, str]:
    """A fixed term's length: given, in months or (under a month) in days, never both — 「3か月」 and 「14日」 would
    leave the report not knowing which it is (ADR 0115). The one check of the posting (`noun` 契約) and of the
    placement (agents' placement_record: 雇用, led by 「期間の定めありの場合は」), by field. `bounded`: each length
    within its bounds too, for the placement; a posting's bounds are its model fields' validators, said once."""
    if not months and not days:
        return {
            "contract_months": f"{lead}{noun}期間（か月）を入力してください（1か月未満の{noun}は{noun}期間（日）に入力）。"
        }
    if months and days:
        return {
            "contract_days": f"{noun}期間は「か月」か「日」のどちらか一方に入力してください（1か月未満の{noun}だけ日数で）。"
        }
    if bounded and months is not None and not 1 <= months <= CONTRACT_MONTHS_MAX:
        return {"contract_months": months_range(noun)}
    if bounded and days is not None and not 1 <= days <= CONTRACT_DAYS_MAX:
        return {"contract_days": days_range(noun)}
    return {}


def contract_term_text(months: int | None, days: int | None) -> str:
    """A fixed term as people say it: 「6か月」, 「14日」; "" when not given."""
    if months:
        return f"{months}か月"
    return f"{days}日" if days else ""
