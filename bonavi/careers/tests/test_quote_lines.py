"""A quote of the translator read as a line of its own (a 職務経歴書's 業務内容): kept as written where it ends
like a line, cut back to the noun before a trailing する, refused where it hangs on the clause after it."""

from __future__ import annotations

import pytest

from bonavi.careers.translator import quote_as_line, translate


@pytest.mark.parametrize(
    "quote, line",
    [
        # clauses of a longer sentence, cut at 「、」 by the translator, that end in a noun
        ("レジ締めと売上日報の作成", "レジ締めと売上日報の作成"),
        ("新人5名の教育を担当", "新人5名の教育を担当"),
        ("部費の集金と、合宿費の精算", "部費の集金と、合宿費の精算"),
        # a finished predicate
        ("毎月400件の受注データを入力しました", "毎月400件の受注データを入力しました"),
        ("新人5名の教育も任されました", "新人5名の教育も任されました"),
        ("備品を管理する", "備品を管理する"),
        ("伝票整理など", "伝票整理など"),
        # a trailing する that only linked the clause to the next one goes; what is left is her words
        ("部費20万円を管理し", "部費20万円を管理"),
        ("レジ締めをして", "レジ締め"),
        ("受注データを入力しており", "受注データを入力"),
        # hangs on what followed: broken Japanese on a line of its own
        ("参加者の名簿をExcelで作り", None),
        ("売上を日報にまとめ", None),
        ("書類を受け付け", None),
        ("収支報告を行い", None),
        ("部費の集金と", None),
        ("当日の受付もし", None),
    ],
)
def test_a_quote_reads_as_a_line_or_is_not_offered(quote: str, line: str | None) -> None:
    text = f"（前置き）{quote}、ほかのこともしました。"
    start = text.index(quote)
    assert quote_as_line(text, start, start + len(quote)) == line


def test_every_line_is_a_slice_of_the_persons_text(ref) -> None:
    """Whatever the translator quotes, the line offered is her own text from the quote's start: no character is
    added or changed."""
    text = (
        "カフェのホールスタッフとして3年間、レジ締めと売上日報の作成を担当し、新人5名の教育も任されました。"
        "大学では軽音サークルの会計係として部費20万円を管理し、収支報告を行いました。"
    )
    lines = []
    for ev in translate(text, target=430, ref=ref)["evidence"]:
        line = quote_as_line(text, ev["start"], ev["end"])
        if line is not None:
            assert text[ev["start"] : ev["start"] + len(line)] == line
            lines.append(line)
    assert "軽音サークルの会計係として部費20万円を管理" in lines and "レジ締めと売上日報の作成" in lines
