"""core.downloads: one way to answer a file as a download, its name quoted by Django, and one rule for what the
name may hold (file_stem)."""

from __future__ import annotations

from urllib.parse import unquote

from bonavi.core.downloads import attachment, file_stem


def test_an_ascii_name_is_quoted_and_a_japanese_one_is_percent_encoded() -> None:
    csv = attachment("a,b\n", filename='bonavi "postings".csv', content_type="text/csv; charset=utf-8")
    assert csv["Content-Type"] == "text/csv; charset=utf-8" and csv.content == b"a,b\n"
    assert csv["Content-Disposition"] == r'attachment; filename="bonavi \"postings\".csv"'

    pdf = attachment(b"%PDF-1.7", filename="職務経歴書.pdf", content_type="application/pdf")
    header = pdf["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''")
    assert unquote(header.split("''", 1)[1]) == "職務経歴書.pdf"


def test_file_stem_is_one_plain_bounded_name() -> None:
    """The one rule a download named from what a person typed goes through (a message's attachment, a PDF)."""
    assert file_stem("議事録 2026/11/26", 80) == "議事録 2026_11_26"  # made 「_」: the words stay apart
    assert file_stem('a\\b:c*d?e"f<g>h|i', 80) == "a_b_c_d_e_f_g_h_i"
    assert file_stem("invoice\u202efdp\x00.exe", 80) == "invoicefdp.exe"  # control and format marks left out
    assert file_stem(" .hidden. ", 80) == "hidden"
    assert file_stem("...", 80) == ""
    assert file_stem("あ" * 50 + " .x", 50) == "あ" * 50
    assert file_stem("ab  .cd", 3) == "ab"  # cut, then no trailing space or dot
