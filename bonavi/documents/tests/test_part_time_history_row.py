"""A part-time job on the 履歴書: 「…でアルバイトとして勤務」, never 「入社（アルバイト）」 (ADR 0139)."""

import datetime as dt
import io

from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.layout import history_rows
from bonavi.documents.render.base import Kind, default_renderer


def _student(doc):
    doc["work"] = [
        {
            "name": "カフェ・ブルーム 新宿東口店",
            "employmentType": "アルバイト",
            "startDate": "2023-05",
            "summary": "売上と現金の日次照合",
        }
    ]
    return doc


def test_the_rirekisho_pdf_says_she_worked_there_as_a_part_timer(clean_doc):
    """The walk printed 「カフェ・ブルーム 新宿東口店 入社（アルバイト）」: 入社 is for an employee taken on; a アルバイト
    is written as where she worked and as what. The row she entered is printed, not left out."""
    out = default_renderer().render(
        resume_from_json(_student(clean_doc)), kind=Kind.RIREKISHO, on=dt.date(2026, 11, 27)
    )
    body = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)
    assert "カフェ・ブルーム 新宿東口店でアルバイトとして勤務" in body
    assert "入社（アルバイト）" not in body and "現在に至る" in body


def test_a_part_time_job_that_ended_keeps_its_leaving_row_and_other_types_keep_joining(clean_doc):
    doc = clean_doc
    doc["work"][0].update(employmentType="パート")
    rows = [r.text for r in history_rows(resume_from_json(doc))]
    assert "株式会社ミナト食品でパートとして勤務" in rows
    assert "一身上の都合により退職" in rows
    assert "株式会社ソラ会計サービス 入社（契約社員）" in rows
