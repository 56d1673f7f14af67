"""The ad-text parser reads headings of every common style, money in every common notation, and the work place."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.checker import check_facts
from bonavi.compliance.numbers import wage_mentions, yen
from bonavi.compliance.textparse import parse_ad
from bonavi.compliance.wages import to_hourly

DAY = dt.date(2026, 11, 15)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250,000円", 250_000),
        ("25万円", 250_000),
        ("25.5万円", 255_000),
        ("25万5,000円", 255_000),
        ("1100円", 1_100),
    ],
)
def test_yen_amounts(text: str, value: int) -> None:
    assert yen(text) == value


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("時給1,100円〜1,300円", "hour", 1100, 1300),
        ("月給25万〜30万円", "month", 250_000, 300_000),
        ("月給200,000~250,000円", "month", 200_000, 250_000),
        ("日給8,000円", "day", 8000, None),
        ("年収300万円〜450万円", "year", 3_000_000, 4_500_000),
        ("年俸：500万円", "year", 5_000_000, None),
    ],
)
def test_wage_mentions(text: str, unit: str, low: int, high: int | None) -> None:
    [m] = wage_mentions(text)
    assert (m.unit, m.low, m.high) == (unit, low, high)


def test_full_width_digits_and_colons() -> None:
    ad = parse_ad(
        "給与：時給１，２５０円\n勤務時間：９：００〜１７：００（休憩６０分）\n勤務地：大阪府大阪市北区梅田1-1"
    )
    f = ad.facts
    assert (f.wage_unit, f.wage_min) == ("hour", 1250)
    assert (f.start_time, f.end_time, f.break_minutes) == (dt.time(9), dt.time(17), 60)
    assert f.prefecture_code == "27"


STYLES = {
    "brackets": "【仕事内容】経理事務\n（変更の範囲）会社の定める業務\n【勤務地】東京都港区1-1\n（変更の範囲）変更なし\n",
    "squares": "■仕事内容\n経理事務\n（変更の範囲）会社の定める業務\n■勤務地\n東京都港区1-1\n（変更の範囲）変更なし\n",
    "colons": "仕事内容：経理事務\n変更の範囲：会社の定める業務\n勤務地：東京都港区1-1\n変更の範囲：変更なし\n",
    "marks": "●仕事内容●経理事務（変更の範囲）会社の定める業務\n●勤務地●東京都港区1-1（変更の範囲）変更なし\n",
    "bare": "仕事内容\n経理事務\n（変更の範囲）会社の定める業務\n勤務地\n東京都港区1-1\n（変更の範囲）変更なし\n",
    "markdown": "## 仕事内容\n経理事務\n業務の変更の範囲：会社の定める業務\n## 就業場所\n東京都港区1-1\n就業場所の変更の範囲：変更なし\n",
}


@pytest.mark.parametrize("style", list(STYLES))
def test_heading_styles_and_change_scopes(style: str) -> None:
    f = parse_ad(STYLES[style]).facts
    assert f.duties and "経理事務" in f.duties
    assert f.duties_change_scope and "会社の定める業務" in f.duties_change_scope
    assert f.work_place_change_scope and "変更なし" in f.work_place_change_scope
    assert f.prefecture_code == "13"


def test_change_scope_belongs_to_the_item_above_it() -> None:
    f = parse_ad("【仕事内容】経理事務\n【勤務地】東京都港区1-1\n（変更の範囲）変更なし\n").facts
    assert f.duties_change_scope is None
    assert f.work_place_change_scope


def test_prefecture_from_city_when_the_address_omits_it() -> None:
    assert parse_ad("勤務地：横浜市西区みなとみらい2-2-1").facts.prefecture_code == "14"


def test_monthly_hours_fallback_chain() -> None:
    stated = parse_ad("給与：月給20万円（月平均所定労働時間160時間）").facts
    assert to_hourly("month", 200_000, stated).value == pytest.approx(1250)
    from_holidays = parse_ad(
        "給与：月給20万円\n勤務時間：9:00〜17:00（休憩60分）\n休日：土日祝（年間休日125日）"
    ).facts
    assert from_holidays.daily_hours == 7
    assert to_hourly("month", 200_000, from_holidays).value == pytest.approx(200_000 / ((365 - 125) * 7 / 12))
    nothing = parse_ad("給与：月給20万円").facts
    assert to_hourly("month", 200_000, nothing).value == pytest.approx(200_000 / 173.8)
    assert to_hourly("year", 2_400_000, nothing).value == pytest.approx(200_000 / 173.8)
    assert to_hourly("day", 8_000, nothing).value == pytest.approx(1000)  # 8 hours when not stated


def test_minimum_wage_uses_the_work_place_and_the_check_date() -> None:
    ad = "勤務地：北海道札幌市中央区1-1\n給与：時給1,050円\n"
    rules_now = {x.rule for x in check_facts(parse_ad(ad).facts, on=DAY)}
    rules_before = {x.rule for x in check_facts(parse_ad(ad).facts, on=dt.date(2025, 9, 1))}
    assert "minimum-wage" in rules_now  # 1,075円 since 2025-10-04
    assert "minimum-wage" not in rules_before  # 1,010円 then
    tokyo = check_facts(parse_ad("勤務地：東京都千代田区1-1\n給与：時給1,200円\n").facts, on=DAY)
    assert any(x.rule == "minimum-wage" and "東京都" in x.message for x in tokyo)


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = "【募集職種】営業マン（正社員）\n【給与】時給９００円\n【勤務地】東京都千代田区1-1"
    findings = check_facts(parse_ad(text).facts, on=DAY)
    for f in findings:
        if f.start >= 0:
            assert text[f.start : f.end] == f.evidence
    assert {"gendered-title", "minimum-wage"} <= {f.rule for f in findings}
    wage = next(f for f in findings if f.rule == "minimum-wage")
    assert wage.evidence == "時給９００円"


def test_missing_items_are_named() -> None:
    items = {
        f.item
        for f in check_facts(parse_ad("【仕事内容】経理事務").facts, on=DAY)
        if f.rule == "missing-disclosure"
    }
    for name in (
        "業務の変更の範囲",
        "契約期間",
        "試用期間",
        "就業場所",
        "始業・終業時刻",
        "休憩",
        "休日",
        "時間外労働",
        "賃金",
        "社会保険",
        "募集者の名称",
        "受動喫煙対策",
    ):
        assert any(name in item for item in items), name
    assert not any(item == "業務内容" for item in items)


@pytest.mark.parametrize(
    ("term", "written", "months"),
    [
        ("6か月", "6か月", 6),
        ("６箇月", "6箇月", 6),  # 箇月 and full-width digits
        ("1年", "1年", 12),
        ("90日", "90日", 3),
        ("60日", "60日", 2),  # days round up to 31-day months: over two months only when surely so
        ("2026年12月31日まで", "2026年12月31日まで", None),  # an end date, not 24,312 months
        ("2026年4月1日〜2027年3月31日", "2026年4月1日~2027年3月31日", None),  # as normalised
        ("2026年4月1日から1年間", "1年", 12),
    ],
)
def test_the_contract_term_is_read_as_written_and_as_a_length(
    term: str, written: str, months: int | None
) -> None:
    f = parse_ad(f"【雇用形態】契約社員\n【契約期間】{term}\n").facts
    assert f.fixed_term is True and f.contract_term == written and f.contract_months == months


def test_a_full_time_contract_until_a_date_is_not_taken_for_a_long_one() -> None:
    """「2026年12月31日まで」 was read as 2,026 years (24,312 months) and warned as long-term work without 健康保険."""
    from bonavi.compliance.service import check_text

    def rules(term: str, renewal: str) -> set[str]:
        ad = (
            f"【雇用形態】契約社員\n【契約期間】{term}\n【契約更新】{renewal}\n【勤務時間】9:00〜18:00（休憩60分）\n"
            "【社会保険】雇用保険・労災保険\n"
        )
        return {x.rule for x in check_text(ad, on=DAY).findings}

    assert "social-insurance" not in rules("2026年12月31日まで", "更新なし")
    assert "social-insurance" in rules("6箇月", "更新なし")
    assert "social-insurance" in rules("2026年12月31日まで", "更新する場合があります")


@pytest.mark.parametrize(
    ("body", "renewal"),
    [
        ("なし", "none"),
        ("無し（契約満了で終了）", "none"),
        ("更新なし", "none"),
        ("あり（勤務成績による）", "possible"),
    ],
)
def test_a_renewal_heading_with_a_bare_no_is_no_renewal(body: str, renewal: str) -> None:
    """「【契約更新】なし」 was read as 'renewal possible' (any body under the heading was), which now also makes a
    short contract count as long-term work."""
    assert parse_ad(f"【雇用形態】契約社員\n【契約期間】6か月\n【契約更新】{body}\n").facts.renewal == renewal


def test_huge_text_is_parsed_in_linear_time() -> None:
    """A pathology guard, not a speed target (that is `bonavi benchmark_compliance`): ten times the text may take
    about ten times as long, measured against the smaller text in the same run; a rule that backtracks
    quadratically would take a hundred times as long."""
    import time

    line = "【仕事内容】経理事務、20代の方が活躍中。時給1,500円。東京都千代田区。\n"

    def seconds(lines: int) -> float:
        text = line * lines
        start = time.perf_counter()
        check_facts(parse_ad(text).facts, on=DAY)
        return time.perf_counter() - start

    small = min(seconds(2_000) for _ in range(2))
    assert seconds(20_000) < 30 * small + 0.5
