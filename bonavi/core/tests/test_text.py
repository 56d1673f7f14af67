"""Normalisation that keeps track of where each character came from."""

import unicodedata

from bonavi.core.text import nfkc_with_offsets


def test_offsets_map_back_to_the_original_characters() -> None:
    text = "経理アシスタント（未経験歓迎）ｴｸｾﾙ、ｶﾞｲﾄﾞ㈱"
    normalised, spans = nfkc_with_offsets(text)
    assert normalised == unicodedata.normalize("NFKC", text)
    assert len(spans) == len(normalised)
    i = normalised.index("エクセル")
    assert text[spans[i][0] : spans[i + 3][1]] == "ｴｸｾﾙ"
    j = normalised.index("ガイド")
    assert text[spans[j][0] : spans[j][1]] == "ｶﾞ"  # one normalised character from two half-width ones
    k = normalised.index("(株)")
    assert text[spans[k][0] : spans[k + 2][1]] == "㈱"
