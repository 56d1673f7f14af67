"""Normalisation that keeps track of where each character came from (bonavi.core.normtext)."""

import unicodedata

from bonavi.core.normtext import normalize


def test_spans_map_back_to_the_original_characters() -> None:
    text = "経理アシスタント（未経験歓迎）ｴｸｾﾙ、ｶﾞｲﾄﾞ㈱"
    norm = normalize(text)
    assert norm.text == unicodedata.normalize("NFKC", text)
    i = norm.text.index("エクセル")
    assert norm.original_slice(i, i + 4) == "ｴｸｾﾙ"
    j = norm.text.index("ガ")
    assert norm.original_slice(j, j + 1) == "ｶﾞ"  # one normalised character from two half-width ones
    k = norm.text.index("(株)")
    assert norm.original_slice(k, k + 3) == "㈱"


def test_extra_folds_apply_only_when_asked() -> None:
    assert normalize("9時〜18時").text == "9時〜18時"
    assert normalize("9時〜18時", {"〜": "~"}).text == "9時~18時"
