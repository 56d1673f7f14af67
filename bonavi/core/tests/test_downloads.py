"""core.downloads.attachment: one way to answer a file as a download, its name quoted by Django."""

from __future__ import annotations

from urllib.parse import unquote

from bonavi.core.downloads import attachment


def test_an_ascii_name_is_quoted_and_a_japanese_one_is_percent_encoded() -> None:
    csv = attachment("a,b\n", filename='bonavi "postings".csv', content_type="text/csv; charset=utf-8")
    assert csv["Content-Type"] == "text/csv; charset=utf-8" and csv.content == b"a,b\n"
    assert csv["Content-Disposition"] == r'attachment; filename="bonavi \"postings\".csv"'

    pdf = attachment(b"%PDF-1.7", filename="職務経歴書.pdf", content_type="application/pdf")
    header = pdf["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''")
    assert unquote(header.split("''", 1)[1]) == "職務経歴書.pdf"
