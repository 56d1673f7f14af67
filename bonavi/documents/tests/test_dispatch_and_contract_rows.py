"""派遣 and 業務委託 in 職歴 as a 履歴書 writes them (ADR 0150): a 派遣 is a registration with the 派遣元 and a 派遣 to
the 派遣先, a 業務委託 is a contract 締結 and its 満了 — never 「入社（派遣社員）」「入社（業務委託）」. Asserted on the
text of the rendered PDFs."""

import datetime as dt
import io

from pypdf import PdfReader

from bonavi.documents.jsonresume import resume_from_json, resume_to_json
from bonavi.documents.layout import history_rows
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.review import review

ON = dt.date(2026, 11, 27)
DISPATCH = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん商事",
    "position": "経理事務",
    "employmentType": "派遣社員",
    "startDate": "2019-04",
    "endDate": "2021-03",
    "endReason": "契約期間満了により退職",
    "summary": "請求書の発行と入金消込",
}
CONTRACT = {
    "name": "みほん企画株式会社",
    "position": "経理代行",
    "employmentType": "業務委託",
    "startDate": "2021-06",
    "endDate": "2022-05",
    "endReason": "契約期間満了により退職",
    "summary": "記帳代行",
}


def _doc(*work):
    return {"basics": {"name": "見本 さくら"}, "work": list(work)}


def pdf_lines(data, kind: Kind) -> list[str]:
    out = default_renderer().render(resume_from_json(data), kind=kind, on=ON)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)
    return [line.strip() for line in text.splitlines()]


def test_a_dispatch_job_is_registered_with_the_haken_moto_and_sent_to_the_haken_saki():
    lines = pdf_lines(_doc(DISPATCH), Kind.RIREKISHO)
    body = "\n".join(lines)
    assert "入社" not in body
    registered = next(
        i for i, line in enumerate(lines) if "株式会社スタッフみほんに派遣社員として登録" in line
    )
    sent = next(i for i, line in enumerate(lines) if "株式会社みほん商事に派遣（経理事務）" in line)
    ended = next(i for i, line in enumerate(lines) if "派遣期間満了により退職" in line)
    assert registered < sent < ended
    assert "経理事務" not in body.replace("派遣（経理事務）", "")  # the job is in the 派遣 line, not repeated


def test_a_dispatch_job_with_one_company_name_says_what_is_true_of_either():
    """Without a 派遣先 the one name may be the 派遣元 or where she worked: neither 登録 nor 入社 is claimed."""
    rows = [r.text for r in history_rows(resume_from_json(_doc({**DISPATCH, "dispatchedTo": ""})))]
    assert "株式会社スタッフみほんで派遣社員として就業" in rows
    assert "　経理事務" in rows
    assert not any("入社" in r or "登録" in r for r in rows)


def test_a_contract_is_concluded_and_expires_never_joined_or_left():
    body = "\n".join(pdf_lines(_doc(CONTRACT), Kind.RIREKISHO))
    assert "みほん企画株式会社と業務委託契約を締結" in body
    assert body.index("業務委託契約を締結") < body.index("契約満了")
    assert "入社" not in body and "退職" not in body


def test_leaving_rows_keep_her_reason_in_each_types_words():
    def end(**job):
        rows = [r.text for r in history_rows(resume_from_json(_doc({**CONTRACT, **job})))]
        return rows[rows.index("以上") - 1]

    assert end(endReason="") == "契約終了"  # no reason given: none invented (not 契約満了)
    assert end(endReason="一身上の都合により退職") == "一身上の都合により契約終了"
    assert end(employmentType="契約社員") == "契約期間満了により退職"
    assert end(employmentType="契約社員", endReason="") == "退職"
    assert end(employmentType="派遣社員", endReason="一身上の都合により退職") == "一身上の都合により退職"


def test_the_shokumukeirekisho_names_the_haken_saki_and_the_contract_form():
    body = "\n".join(pdf_lines(_doc(DISPATCH, CONTRACT), Kind.SHOKUMUKEIREKISHO))
    assert "派遣先：株式会社みほん商事" in body and "雇用形態：派遣社員" in body
    assert "契約形態：業務委託" in body and "雇用形態：業務委託" not in body


def test_the_haken_saki_survives_a_round_trip_and_the_review_accepts_the_words():
    resume = resume_from_json(
        _doc({**DISPATCH, "endReason": "派遣期間満了により退職"}, {**CONTRACT, "endReason": "契約満了"})
    )
    assert resume_to_json(resume)["work"][0]["dispatchedTo"] == "株式会社みほん商事"
    assert not [h for h in review(resume) if h.path.endswith(".endReason")]


def test_the_editor_keeps_the_haken_saki():
    """The field is on the editor's 職歴 row, and a save gives back what was loaded."""
    from bonavi.documents.forms import WorkForm, doc_from_forms, initial_from_doc

    basics, _edu, work, _certs = initial_from_doc(_doc(DISPATCH), "派遣")
    form = WorkForm(data=work[0])
    assert form.is_valid(), form.errors
    assert form.fields["dispatched_to"].label == "派遣先（派遣社員のとき）"
    saved = doc_from_forms(basics, [], [form.cleaned_data], [])
    assert saved["work"][0]["dispatchedTo"] == "株式会社みほん商事"
