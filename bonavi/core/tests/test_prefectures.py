from __future__ import annotations

import pytest

from bonavi.core.prefectures import prefecture_code_in, prefecture_codes_in


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("東京都千代田区丸の内1-1", "13"),
        ("京都府京都市下京区", "26"),
        ("京都市下京区", "26"),  # the short form: 京都府 less its 府 (rstrip took 都 too, leaving 「京」)
        ("大阪", "27"),
        ("北海道札幌市", "01"),
        ("神奈川県横浜市", "14"),
        ("勤務地：大阪市、または東京", "27"),  # the first one named
        ("海外", None),
    ],
)
def test_prefecture_named_in_a_text_full_or_short(text: str, code: str | None) -> None:
    assert prefecture_code_in(text) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("京都府・東京都", {"26", "13"}),  # 京都府 less 「京」 left 東都, and the second one went unseen
        ("東京都、京都府", {"13", "26"}),
        ("東京都", {"13"}),  # not 京都 inside 東京都
        ("東京都東京", {"13"}),
        ("大阪または兵庫", {"27", "28"}),
        ("海外", set()),
    ],
)
def test_every_prefecture_named_in_a_text(text: str, codes: set[str]) -> None:
    assert prefecture_codes_in(text) == codes
