"""core.text.widen_kana / widen_with_offsets: one definition of a half-width katakana unit (a letter with its
voiced marks) for names and for texts whose offsets are handed back to a caller."""

from __future__ import annotations

from bonavi.core.text import widen_kana, widen_with_offsets


def test_half_width_katakana_widen_with_voiced_marks_joined_and_the_rest_kept():
    assert widen_kana("ﾔﾏﾀﾞ ﾊﾟｰﾄ㈱Ａ") == "ヤマダ パート㈱Ａ"


def test_offsets_map_every_position_of_the_widened_text_back_to_the_text_as_sent():
    sent = "ｶﾞｽ代とﾊﾟｰﾄのﾚｼﾞ締め"
    wide, origin = widen_with_offsets(sent)
    assert wide == widen_kana(sent) == "ガス代とパートのレジ締め"
    assert len(origin) == len(wide) + 1 and origin[-1] == len(sent)
    start = wide.index("レジ締め")
    end = start + len("レジ締め")
    assert sent[origin[start] : origin[end]] == "ﾚｼﾞ締め"
