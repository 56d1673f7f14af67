"""A near-empty document: the 添削 names each empty section, and the PDFs leave out what has nothing to print."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.services import version_create

ON = dt.date(2026, 11, 25)
# What the UX review found on the demo: a title, a name, 職務要約 0字, 職歴 0件 and a 自己PR of raw notes.
NEAR_EMPTY = {
    "basics": {"name": "山田 花子"},
    "x-bonavi": {"selfPr": ["コンビニ　バイト　3年\nサークル会計"]},
}


def pdf_lines(doc, kind):
    out = default_renderer().render(resume_from_json(doc), kind=kind, on=ON)
    reader = PdfReader(io.BytesIO(out.pdf))
    return [ln.strip() for page in reader.pages for ln in page.extract_text().splitlines()]


def test_the_cv_leaves_out_empty_sections_with_their_headings(clean_doc):
    full = pdf_lines(clean_doc, Kind.SHOKUMUKEIREKISHO)
    # the extraction sees the headings when they are printed
    assert "■職務要約" in full and "■職務経歴" in full
    lines = pdf_lines(NEAR_EMPTY, Kind.SHOKUMUKEIREKISHO)
    assert "■職務要約" not in lines and "■職務経歴" not in lines
    assert "■自己PR" in lines and "以上" in lines and lines[0].replace(" ", "") == "職務経歴書"
    # a summary alone prints under its heading; the empty 職務経歴 still stays out
    with_summary = {
        **NEAR_EMPTY,
        "basics": {"name": "山田 花子", "summary": "接客のアルバイトを3年続けました。"},
    }
    lines = pdf_lines(with_summary, Kind.SHOKUMUKEIREKISHO)
    assert "■職務要約" in lines and "■職務経歴" not in lines


def test_the_rirekisho_keeps_its_form_but_writes_no_empty_heading(clean_doc):
    """The 履歴書 is a fixed form: its 志望動機 box prints empty, as on paper (本人希望記入欄 says 貴社の規定に従います), and the history
    table keeps its lines; only the 「学歴」 heading, written over no school, is left out. 「職歴 なし」 stays."""
    full = pdf_lines(clean_doc, Kind.RIREKISHO)
    assert "学歴" in full
    lines = pdf_lines(NEAR_EMPTY, Kind.RIREKISHO)
    assert "学歴" not in lines
    assert lines.index("職歴") + 1 == lines.index("なし") and "以上" in lines
    assert "志望の動機、特技、好きな学科、アピールポイントなど" in lines
    assert any(ln.startswith("本人希望記入欄") for ln in lines)


@pytest.mark.django_db
def test_the_editor_of_a_near_empty_document_asks_for_each_section(client, seeker):
    version = version_create(owner=seeker, title="職務経歴書", data=NEAR_EMPTY)
    client.force_login(seeker)
    html = client.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert "指摘はありません" not in html
    for said in (
        "職歴が0件です",
        "学歴が0件です",
        "職務要約がありません",
        "自己PRがメモ書きのままです",
        "志望動機がありません",
        "本人希望記入欄が空欄のため",
    ):
        assert said in html, said
    # the 職務経歴書 text section's closed summary counts them, so a closed section still says so
    sec = html.split('id="sec-cv_text"', 1)[1].split("</summary>", 1)[0]
    assert "注意 2" in sec
    assert DocumentVersion.objects.filter(owner=seeker).count() == 1
