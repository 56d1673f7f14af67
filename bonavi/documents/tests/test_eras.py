import datetime as dt

import pytest

from bonavi.documents.eras import (
    ERA_BY_NAME,
    NoSuchEraMonth,
    era_month_exists,
    parse_wareki_ym,
    wareki_date,
    wareki_ym,
)
from bonavi.documents.layout import CV_CELL_CHARS_PER_LINE, cv_entry_lines, fmt_ym, milestone_lines, year_cell
from bonavi.documents.model import DateStyle, Milestone, Work, YearMonth


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2023, 3, 1), "令和5年3月1日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
    ],
)
def test_era_boundaries_by_day(day, expected):
    assert wareki_date(day) == expected


def test_month_dates_print_in_the_era_in_force_at_month_end():
    """1989年1月 had both eras; a 履歴書 row prints it as 平成元年1月. April 2019 is still 平成31."""
    assert wareki_ym(1989, 1) == "平成元年1月"
    assert wareki_ym(1988, 12) == "昭和63年12月"
    assert wareki_ym(2019, 4) == "平成31年4月"
    assert wareki_ym(2019, 5) == "令和元年5月"
    assert wareki_ym(2020, 4) == "令和2年4月"
    assert year_cell(YearMonth(2019, 5), DateStyle.JAPANESE) == "令和元"
    assert year_cell(YearMonth(2019, 5), DateStyle.WESTERN) == "2019"
    assert fmt_ym(YearMonth(2021, 3), DateStyle.JAPANESE) == "令和3年3月"
    assert fmt_ym(YearMonth(2021, 3), DateStyle.WESTERN) == "2021年3月"


def test_which_era_months_exist():
    showa, heisei, reiwa = ERA_BY_NAME["昭和"], ERA_BY_NAME["平成"], ERA_BY_NAME["令和"]
    assert era_month_exists(showa, 64, 1)  # 1989-01-01..07
    assert not era_month_exists(showa, 64, 2)
    assert era_month_exists(heisei, 1, 1)  # from 1989-01-08
    assert era_month_exists(heisei, 31, 4)
    assert not era_month_exists(heisei, 31, 5)  # 令和 from 2019-05-01
    assert not era_month_exists(reiwa, 1, 4)
    assert era_month_exists(reiwa, 1, 5)
    assert not era_month_exists(reiwa, 0, 5)


def test_meiji_dates_print_instead_of_failing():
    """Months from 1900 are accepted; before 大正 (1912-07-30) a 和暦 document raised and its PDF was a 500."""
    assert wareki_date(dt.date(1912, 7, 29)) == "明治45年7月29日"
    assert wareki_date(dt.date(1912, 7, 30)) == "大正元年7月30日"
    assert wareki_ym(1905, 4) == "明治38年4月"
    assert wareki_ym(1912, 7) == "大正元年7月"
    assert year_cell(YearMonth(1900, 4), DateStyle.JAPANESE) == "明治33"


def test_a_cv_entry_counts_its_milestones_as_printed_in_the_date_style():
    """The 職務経歴書 counted each 昇格・異動 line in the western form whatever the style printed: a line that fits
    as 「令和元年5月　…」 was counted as wrapping, and an entry that fits on a page could be let break."""
    text = "あ" * (CV_CELL_CHARS_PER_LINE - len("令和元年5月　"))  # exactly one line in 和暦, two in 西暦
    work = Work(name="株式会社例", milestones=[Milestone(YearMonth(2019, 5), text)])
    assert milestone_lines(work, DateStyle.JAPANESE) == [("令和元年5月", text)]
    assert cv_entry_lines(work, DateStyle.JAPANESE) == 1
    assert cv_entry_lines(work, DateStyle.WESTERN) == 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("令和3年4月", (2021, 4)),
        ("平成元年12月", (1989, 12)),
        ("r3.4", (2021, 4)),
        ("H31/4", (2019, 4)),
        ("明治45-7", (1912, 7)),
        ("2021年4月", None),
    ],
)
def test_a_typed_wareki_month_is_read_into_the_western_year(typed, expected):
    assert parse_wareki_ym(typed) == expected


def test_a_month_its_era_never_had_is_refused_with_the_eras_span():
    with pytest.raises(
        NoSuchEraMonth, match=r"^平成32年1月はありません（平成は1989年1月8日から2019年4月30日まで）。$"
    ):
        parse_wareki_ym("平成32年1月")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("令和6年13月", "令和6年13月はありません。"),
        ("r6.13", "令和6年13月はありません。"),
        ("平成元年0月", "平成元年0月はありません。"),
    ],
)
def test_a_wareki_month_13_or_0_is_named_as_no_month(typed, message):
    """「令和6年13月」 was no 和暦 month to the reader (None), so the box said 「読めません…"2021-04" のように」; it now
    says the month does not exist, as 「2026年13月はありません。」 does (ADR 0137)."""
    with pytest.raises(NoSuchEraMonth, match=f"^{message}$"):
        parse_wareki_ym(typed)
