"""The one rule for Japanese phone numbers and 郵便番号 (company details, seeker profiles, 履歴書)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bonavi.core.contact import normalize_phone, normalize_postal_code


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("03-1234-5678", "03-1234-5678"),  # fixed line, Tokyo
        ("0466-12-3456", "0466-12-3456"),  # fixed line, 4-digit area code: the person's hyphens are kept
        ("０６－１２３４－５６７８", "06-1234-5678"),  # typed with the IME on
        ("03(1234)5678", "03-1234-5678"),
        ("090ー1234ー5678", "090-1234-5678"),  # mobile
        ("08012345678", "080-1234-5678"),  # mobile without hyphens, grouped the usual way
        ("06012345678", "060-1234-5678"),  # mobile in the newly opened 060 range
        ("050 1234 5678", "050-1234-5678"),  # IP phone
        ("0120123456", "0120-123-456"),  # toll-free
        ("0800-123-4567", "0800-123-4567"),  # toll-free, 11 digits
        ("0570-12-3456", "0570-123-456"),  # ナビダイヤル
        ("+81 (0)90-1234-5678", "090-1234-5678"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(given: str, stored: str) -> None:
    assert normalize_phone(given) == stored


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("abc", "使えない文字「a」「b」「c」"),
        ("1234567890", "「0」から入力"),
        ("090-1234-567", "携帯電話の番号は11桁です（入力は10桁）"),
        ("03-1234-56789", "固定電話の番号は10桁です（入力は11桁）"),
        ("050-1234-567", "IP電話の番号は11桁"),
        ("0120-123-4567", "フリーダイヤル（0120）の番号は10桁"),
        ("020-1234-5678", "「020」で始まる電話番号"),
        ("010-1234-5678", "「010」で始まる電話番号"),
        ("03-12-34-5678", "区切りが多すぎます"),
    ],
)
def test_a_number_that_is_not_one_is_refused_saying_why(given: str, says: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_phone(given)
    assert says in exc.value.messages[0] and "電話番号" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("given", "stored"),
    [("〒１５０ー０００１", "150-0001"), ("1500001", "150-0001"), ("150 0001", "150-0001"), ("", "")],
)
def test_postal_codes_are_normalised(given: str, stored: str) -> None:
    assert normalize_postal_code(given) == stored


@pytest.mark.parametrize(
    ("given", "says"),
    [("15a0001", "使えない文字「a」"), ("150001", "数字7桁です（入力は6桁）"), ("1500-001", "3桁目のあと")],
)
def test_a_postal_code_that_is_not_one_is_refused_saying_why(given: str, says: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalize_postal_code(given)
    assert says in exc.value.messages[0] and "郵便番号" in exc.value.messages[0]
