"""A company's 「面接のご案内」 printed by the documents renderer (letters.py; ADR 0051, addendum): a real one-page A4
PDF with its fonts embedded and every line of the guide as text, its values escaped, and reached by seekers only
through its DocumentSource."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bonavi.documents.letters import interview_guide_pdf
from bonavi.documents.render.base import default_renderer
from bonavi.seekers.attachments import InterviewGuide, document_source

GUIDE = InterviewGuide(
    company="株式会社みなと会計",
    when="2026年12月1日（火）18:30〜19:30",
    where="東京都港区芝5-1-1 株式会社みなと会計 3階受付",
    notes="持ち物：筆記用具、職務経歴書（印刷したもの）。",
    contact="株式会社みなと会計 採用担当（03-1234-5678）",
    dated=dt.date(2026, 11, 25),
)


def _read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))  # embedded
            names.add(str(font["/BaseFont"]))
    return names


def test_the_guide_is_one_a4_page_with_every_line_as_text_in_the_documents_fonts() -> None:
    reader = _read(interview_guide_pdf(GUIDE))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
    text = page.extract_text()
    for needle in (
        "面接のご案内",
        "2026年11月25日",
        "日時",
        "2026年12月1日（火）18:30〜19:30",
        "東京都港区芝5-1-1 株式会社みなと会計 3階受付",
        "持ち物：筆記用具、職務経歴書（印刷したもの）。",
        "株式会社みなと会計 採用担当（03-1234-5678）",
        "応募のメッセージでお知らせください",
    ):
        assert needle in text, needle
    assert any("IPAexMincho" in name for name in _embedded_fonts(reader))  # as the 履歴書 (_fonts.css)


def test_the_guide_prints_markup_as_text_and_leaves_out_an_empty_row() -> None:
    guide = InterviewGuide(
        company="<b>株式会社&テスト</b>",
        when="2026年12月1日（火）18:30〜",
        where="オンライン",
        notes="",
        contact="採用担当",
        dated=dt.date(2026, 11, 25),
    )
    text = _read(interview_guide_pdf(guide)).pages[0].extract_text()
    assert "<b>株式会社&テスト</b>" in text  # escaped by the template, not read as HTML
    assert "持ち物・備考" not in text


def test_the_renderer_prints_only_the_documents_pdf_templates() -> None:
    with pytest.raises(ValueError, match="PDF のテンプレート"):
        default_renderer().render_letter("seekers/application_detail.html", {})


def test_seekers_reaches_the_guide_through_the_document_source() -> None:
    source = document_source()
    assert source is not None and source.interview_guide is interview_guide_pdf
