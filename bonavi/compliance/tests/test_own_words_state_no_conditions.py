"""The company's own words (仕事の魅力・職場の様子, 求める人物像; ADR 0128) are not conditions. The checks that read a
condition out of the free texts — a working-time system that excuses a day over 8 hours, 無期雇用派遣 behind a
「正社員」 title — read the condition texts only: 「シフトの希望は毎月相談できます」 in 仕事の魅力 switched the 8-hour
finding off. 「完全週休2日」 is read everywhere: in the own words it excuses nothing and misleads as much."""

from __future__ import annotations

import datetime as dt

import pytest

from bonavi.compliance.facts import OWN_WORDS_KEYS
from bonavi.compliance.tests.test_rules import lawful, rules

LONG_DAY = {"end_time": dt.time(19)}  # 9:00–19:00, 60 minutes' break: 9 hours


@pytest.mark.parametrize("key", OWN_WORDS_KEYS)
@pytest.mark.parametrize(
    "words", ["シフトの希望は毎月相談できます。", "フレックスに働ける方を歓迎します。"], ids=["shift", "flex"]
)
def test_a_working_time_system_in_the_own_words_does_not_excuse_a_long_day(key: str, words: str) -> None:
    texts = {"title": "経理スタッフ", "duties": "仕訳入力と請求書の発行"}
    assert "scheduled-hours" in rules(lawful(**LONG_DAY, texts={**texts, key: words}))
    # The same words where conditions are stated do.
    assert "scheduled-hours" not in rules(lawful(**LONG_DAY, texts={**texts, "hours_note": words}))


@pytest.mark.parametrize("key", OWN_WORDS_KEYS)
def test_indefinite_dispatch_in_the_own_words_does_not_make_a_seishain_title_fit(key: str) -> None:
    title = "経理スタッフ（正社員）"
    said = "無期雇用派遣として、派遣先の経理を担当します。"
    base = {"title": title, "employment_type": "haken", "is_dispatch": True}
    own = rules(lawful(**base, texts={"title": title, "duties": "仕訳入力", key: said}))
    assert [f.field for f in own["inconsistent-employment-type"]] == ["title"]
    stated = rules(lawful(**base, texts={"title": title, "duties": f"仕訳入力。{said}"}))
    assert "inconsistent-employment-type" not in stated


@pytest.mark.parametrize("key", OWN_WORDS_KEYS)
def test_full_two_days_off_in_the_own_words_still_meets_the_annual_holidays(key: str) -> None:
    texts = {
        "title": "経理スタッフ",
        "duties": "仕訳入力と請求書の発行",
        key: "完全週休2日で、土日はしっかり休めます。",
    }
    found = rules(lawful(holidays_text="シフトによる", annual_holidays=100, texts=texts))
    assert [f.field for f in found["inconsistent-conditions"]] == ["annual_holidays"]
