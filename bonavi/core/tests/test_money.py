from __future__ import annotations

import pytest

from bonavi.core.money import YenError, parse_yen


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("1260000", 1_260_000),
        ("1,260,000", 1_260_000),
        ("１２６００００", 1_260_000),  # typed with the IME on
        ("１，２６０，０００円", 1_260_000),
        (" 1260000 円 ", 1_260_000),
        ("¥1,260,000", 1_260_000),
        ("￥250000", 250_000),
        ("126万", 1_260_000),
        ("126万円", 1_260_000),
        ("１２６万円", 1_260_000),
        ("25.5万", 255_000),
        ("126万5000円", 1_265_000),
        ("0", 0),
        ("1000000000000", 10**12),
    ],
)
def test_amounts_as_people_write_them(text: str, yen: int) -> None:
    assert parse_yen(text) == yen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("abc", "unreadable"),
        ("5千円", "unreadable"),  # 千 is refused, not guessed
        ("1億", "unreadable"),
        ("1e6", "unreadable"),
        ("25万〜", "unreadable"),  # a lower bound is the spreadsheet's business, not an amount
        ("1.5万5000", "unreadable"),
        ("126万円円", "unreadable"),
        ("-1", "negative"),
        ("−5000", "negative"),
        ("▲5000", "negative"),
        ("1000.5", "fraction"),
        ("25.00001万", "fraction"),
        ("1000000000001", "too_large"),
        ("9" * 5000, "too_large"),  # refused before it becomes a number
    ],
)
def test_what_is_not_an_amount_says_why(text: str, reason: str) -> None:
    with pytest.raises(YenError) as caught:
        parse_yen(text)
    assert caught.value.reason == reason and str(caught.value).endswith("。")
    assert isinstance(caught.value, ValueError)
