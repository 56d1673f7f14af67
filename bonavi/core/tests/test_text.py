"""Normalisation that keeps track of where each character came from (bonavi.core.normtext), and folding text to
one line (bonavi.core.text.one_line: names and mail subjects)."""

import unicodedata

import pytest

from bonavi.core.normtext import normalize
from bonavi.core.text import one_line


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


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        (
            "経理\r\nBcc: evil@example.net",
            "経理 Bcc: evil@example.net",
        ),  # CRLF: a header injection in a subject
        ("経理\rBcc\nCc", "経理 Bcc Cc"),
        (
            "経理\u2028事務\u2029担当\u0085募集",
            "経理 事務 担当 募集",
        ),  # Unicode line and paragraph separators, NEL
        ("山田\t\t太郎", "山田 太郎"),
        ("山田   太郎", "山田 太郎"),  # a run of spaces is one
        ("山田\u3000太郎", "山田 太郎"),  # so is a full-width space, as str.split() has always folded names
        ("株式会社\x0b\x0c商事", "株式会社 商事"),  # vertical tab and form feed are whitespace: a space
        ("株式\x00会社\x1b商\x7f事", "株式会社商事"),  # other control characters go (PostgreSQL refuses NUL)
        ("山田 \x01 太郎", "山田 太郎"),  # no double space where one went
        ("  \n 山田太郎 \r\n ", "山田太郎"),
        ("\n\t ", ""),
    ],
)
def test_one_line_folds_every_kind_of_break_and_space(typed: str, folded: str) -> None:
    assert one_line(typed) == folded


def test_too_long_names_the_field_the_limit_and_what_was_given() -> None:
    from bonavi.core.text import too_long

    assert too_long("推薦文", 4000) == "推薦文は4,000文字以内で入力してください。"
    assert too_long("内容", 4000, given=4001) == "内容は4,000文字以内で入力してください（入力は4,001文字）。"
    # A form's max_length message: Django fills in the count.
    assert (
        too_long("内容", 4000, given="%(show_value)s")
        == "内容は4,000文字以内で入力してください（入力は%(show_value)s文字）。"
    )


def test_a_subject_title_marks_a_cut_and_keeps_a_title_that_fits() -> None:
    from bonavi.core.mail import SUBJECT_TITLE_CHARS, subject_title

    assert subject_title("経理事務") == "経理事務"
    cut = subject_title("あ" * 100)
    assert len(cut) == SUBJECT_TITLE_CHARS and cut.endswith("あ…")


def test_unix_breaks_makes_every_line_break_lf() -> None:
    """A browser's CR LF and an old file's CR alike: counted and stored as the person reads them."""
    from bonavi.core.text import unix_breaks

    assert unix_breaks("一行目\r\n二行目\r三行目\n四行目") == "一行目\n二行目\n三行目\n四行目"
    assert unix_breaks("\r\n\r\n") == "\n\n"
