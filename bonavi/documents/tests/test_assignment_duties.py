"""Each 派遣先 its own 業務内容 (ADR 0150, s19 assignment duties): `work[].dispatchedDuties` for the first 派遣先 and
`work[].assignments[].duties` for the later ones — read, written, edited one a line, reviewed and printed on the
職務経歴書 as a block per 派遣先."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.documents.forms import WorkForm, doc_from_forms, field_for_path, initial_from_doc
from bonavi.documents.jsonresume import ResumeInputError, resume_from_json, resume_to_json, schema_errors
from bonavi.documents.layout import assignment_blocks, assignment_periods, cv_entry_lines
from bonavi.documents.model import DateStyle
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.review import review

from .test_editor_sections import form_data

ON = dt.date(2026, 11, 27)
FIRST_DUTIES = ["請求書の発行（月200件）", "売掛金の入金消込"]
LATER_DUTIES = ["受発注データの入力", "来客・電話応対"]
PASONA: dict[str, Any] = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん商事",
    "position": "経理事務",
    "employmentType": "派遣社員",
    "startDate": "2019-04",
    "endDate": "2021-03",
    "endReason": "契約期間満了により退職",
    "summary": "派遣元の研修で簿記3級の範囲を学び、どの派遣先でも月次の締めを担当しました。",
    "dispatchedDuties": FIRST_DUTIES,
    "assignments": [
        {"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06", "duties": LATER_DUTIES}
    ],
}
NO_DUTIES = {
    **{k: v for k, v in PASONA.items() if k != "dispatchedDuties"},
    "assignments": [{"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}],
}


def _doc(*work):
    return {"basics": {"name": "見本 さくら"}, "work": [dict(w) for w in work]}


def test_each_haken_saki_is_a_block_with_its_period_and_duties():
    w = resume_from_json(_doc(PASONA)).work[0]
    assert w.dispatched_duties == FIRST_DUTIES and w.assignments[0].duties == LATER_DUTIES
    blocks = assignment_blocks(w, DateStyle.WESTERN)
    assert [(b.period, b.company, list(b.duties)) for b in blocks] == [
        ("2019年4月～2020年5月", "株式会社みほん商事（経理事務）", FIRST_DUTIES),
        ("2020年6月～2021年3月", "株式会社みほん物産（一般事務）", LATER_DUTIES),
    ]
    # its lines are counted, so a long 派遣 still breaks across pages instead of leaving blank ones
    assert cv_entry_lines(w, DateStyle.WESTERN) > cv_entry_lines(
        resume_from_json(_doc(NO_DUTIES)).work[0], DateStyle.WESTERN
    )
    # no 派遣先 with duties: the dated 派遣先 lines as before, no blocks
    plain = resume_from_json(_doc(NO_DUTIES)).work[0]
    assert assignment_blocks(plain, DateStyle.WESTERN) == []
    assert len(assignment_periods(plain, DateStyle.WESTERN)) == 2
    # one 派遣先 with duties of its own: one block over the job's whole period
    single = resume_from_json(_doc({**PASONA, "assignments": []})).work[0]
    assert [(b.period, list(b.duties)) for b in assignment_blocks(single, DateStyle.WESTERN)] == [
        ("2019年4月～2021年3月", FIRST_DUTIES)
    ]
    # duties under a job that is no 派遣 print no 派遣先 block
    employed = resume_from_json(_doc({**PASONA, "employmentType": "契約社員"})).work[0]
    assert assignment_blocks(employed, DateStyle.WESTERN) == []


def test_the_duties_go_through_the_json_and_back():
    written = resume_to_json(resume_from_json(_doc(PASONA)))
    assert schema_errors(written) == []
    job = written["work"][0]
    assert job["dispatchedDuties"] == FIRST_DUTIES
    assert job["assignments"][0]["duties"] == LATER_DUTIES
    assert resume_to_json(resume_from_json(written)) == written
    # old documents stay as they were: no empty keys
    assert "dispatchedDuties" not in resume_to_json(resume_from_json(_doc(NO_DUTIES)))["work"][0]
    # a file listing every 派遣先 in `assignments`: the first's duties are the first 派遣先's
    listed = {
        **NO_DUTIES,
        "dispatchedTo": "",
        "assignments": [
            {
                "name": "株式会社みほん商事",
                "position": "経理事務",
                "startDate": "2019-04",
                "duties": FIRST_DUTIES,
            },
            PASONA["assignments"][0],
        ],
    }
    assert resume_to_json(resume_from_json(_doc(listed)))["work"][0] == job


def test_duties_that_are_no_list_of_lines_are_named():
    bad = {
        **PASONA,
        "dispatchedDuties": "請求書の発行",
        "assignments": [{**PASONA["assignments"][0], "duties": [{"text": "入力"}]}],
    }
    with pytest.raises(ResumeInputError) as caught:
        resume_from_json(_doc(bad))
    paths = [path for path, _message in caught.value.errors]
    assert "work[0].dispatchedDuties" in paths and "work[0].assignments[0].duties[0]" in paths


def test_the_review_names_several_haken_saki_without_duties():
    hints = [h for h in review(resume_from_json(_doc(NO_DUTIES))) if h.path == "work[0].dispatchedDuties"]
    assert (
        len(hints) == 1 and "派遣先が2社" in hints[0].message and "株式会社スタッフみほん" in hints[0].message
    )
    assert not [h for h in review(resume_from_json(_doc(PASONA))) if h.path == "work[0].dispatchedDuties"]
    # duties at the later 派遣先 only are duties somewhere: nothing to name
    later_only = {k: v for k, v in PASONA.items() if k != "dispatchedDuties"}
    assert not [h for h in review(resume_from_json(_doc(later_only))) if h.path == "work[0].dispatchedDuties"]
    # one 派遣先: its job's 業務内容 is its own
    single = {**NO_DUTIES, "assignments": []}
    assert not [h for h in review(resume_from_json(_doc(single))) if h.path == "work[0].dispatchedDuties"]


def _post(work: dict, **changes) -> dict:
    """The editor's row as the browser posts it: every field, the duty boxes as the page showed them."""
    return {k: v for k, v in work.items() if v is not None} | changes


def test_the_editor_has_one_duty_box_per_haken_saki_and_saves_them():
    basics, _edu, work, _certs = initial_from_doc(_doc(PASONA), "派遣")
    shown = WorkForm(initial=work[0])
    assert "assignment_duties_0" in shown.fields and "株式会社みほん物産" in str(
        shown.fields["assignment_duties_0"].label
    )
    names = list(shown.fields)
    assert names.index("dispatched_duties") < names.index("assignment_duties_0") < names.index("employees")
    assert work[0]["dispatched_duties"] == "\n".join(FIRST_DUTIES)
    assert work[0]["assignment_duties_0"] == "\n".join(LATER_DUTIES)

    form = WorkForm(data=_post(work[0], assignment_duties_0="受発注データの入力\n\n在庫表の更新\n"))
    assert form.is_valid(), form.errors
    saved = doc_from_forms(basics, [], [form.cleaned_data], [])["work"][0]
    assert saved["dispatchedDuties"] == FIRST_DUTIES
    assert saved["assignments"] == [
        {
            "name": "株式会社みほん物産",
            "startDate": "2020-06",
            "position": "一般事務",
            "duties": ["受発注データの入力", "在庫表の更新"],
        }
    ]
    assert (
        resume_from_json({"basics": {"name": "見本 さくら"}, "work": [saved]}).work[0].assignments[0].duties
    )

    # a 派遣先 added above the one with duties: the duties stay with their company
    added = WorkForm(
        data=_post(work[0], assignments="2020-01 株式会社みほん銀行\n2020-06 株式会社みほん物産（一般事務）")
    )
    assert added.is_valid(), added.errors
    rows = doc_from_forms(basics, [], [added.cleaned_data], [])["work"][0]["assignments"]
    assert [(r["name"], r.get("duties")) for r in rows] == [
        ("株式会社みほん銀行", None),
        ("株式会社みほん物産", LATER_DUTIES),
    ]
    # its name corrected in place: the same 派遣先, its duties kept
    renamed = WorkForm(data=_post(work[0], assignments="2020-06 株式会社みほん物産販売（一般事務）"))
    assert renamed.is_valid(), renamed.errors
    assert renamed.cleaned_data["assignments"][0]["duties"] == LATER_DUTIES

    # the 派遣先 removed while its box still holds duties: named, nothing saved
    removed = WorkForm(data=_post(work[0], assignments=""))
    assert not removed.is_valid()
    assert "株式会社みほん物産" in removed.errors["assignment_duties_0"][0]
    too_many = WorkForm(data=_post(work[0], dispatched_duties="\n".join(f"業務{n}" for n in range(21))))
    assert not too_many.is_valid() and "20行まで" in too_many.errors["dispatched_duties"][0]


def test_a_hand_made_duty_list_is_ignored():
    _basics, _edu, work, _certs = initial_from_doc(_doc(NO_DUTIES), "派遣")
    assert [b["name"] for b in json.loads(work[0]["duty_for"])["later"]] == ["株式会社みほん物産"]
    form = WorkForm(data=_post(work[0], duty_for="{not json"))
    assert form.is_valid(), form.errors
    assert "assignment_duties_0" not in form.fields


def _cv_text(*work) -> str:
    out = default_renderer().render(resume_from_json(_doc(*work)), kind=Kind.SHOKUMUKEIREKISHO, on=ON)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)


def test_the_cv_prints_each_haken_saki_with_its_duty_lines_in_order():
    lines = [line.strip() for line in _cv_text(PASONA).splitlines() if line.strip()]

    def at(text: str) -> int:
        return next(i for i, line in enumerate(lines) if text in line)

    order = [
        at("派遣先：株式会社みほん商事（経理事務）"),
        at("請求書の発行（月200件）"),
        at("売掛金の入金消込"),
        at("派遣先：株式会社みほん物産（一般事務）"),
        at("受発注データの入力"),
        at("来客・電話応対"),
    ]
    assert order == sorted(order), lines
    assert "2019年4月～2020年5月" in lines[order[0]] and "2020年6月～2021年3月" in lines[order[3]]
    assert sum("【業務内容】" in line for line in lines) == 2
    # the job's own 業務内容, what held at every 派遣先, is still printed, above the blocks
    joined = "".join(lines)  # the summary wraps in its cell
    assert "月次の締めを担当しました" in joined
    assert joined.index("月次の締めを担当しました") < joined.index("派遣先：株式会社みほん商事（経理事務）")
    # no 派遣先 with duties: the 派遣先 lines and the job's 業務内容, no empty 【業務内容】 headings
    plain = "".join(line.strip() for line in _cv_text(NO_DUTIES).splitlines())
    assert "派遣先：株式会社みほん物産（一般事務）" in plain and "月次の締めを担当しました" in plain
    assert "【業務内容】" not in plain


@pytest.mark.django_db
def test_the_editor_page_shows_a_box_per_haken_saki_and_saves_it(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    upload = io.BytesIO(json.dumps(_doc(NO_DUTIES), ensure_ascii=False).encode())
    upload.name = "resume.json"
    client.post(reverse("documents:import"), {"title": "派遣の職務経歴書", "file": upload})
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client.get(url)
    html = page.content.decode()
    assert 'type="hidden" name="work-0-duty_for"' in html
    assert "2つ目の派遣先（株式会社みほん物産）での業務内容（1行に1つ）" in html
    assert 'name="work-0-dispatched_duties"' in html and 'name="work-0-assignment_duties_0"' in html

    data = form_data(page)
    data["work-0-dispatched_duties"] = "\n".join(FIRST_DUTIES)
    data["work-0-assignment_duties_0"] = "\n".join(LATER_DUTIES)
    response = client.post(url, data, follow=True)
    assert "保存しました" in response.content.decode()
    version.refresh_from_db()
    job = version.data["work"][0]
    assert job["dispatchedDuties"] == FIRST_DUTIES
    assert job["assignments"][0]["duties"] == LATER_DUTIES
    # shown again as saved, and a plain save keeps them
    client.post(url, form_data(client.get(url)), follow=True)
    version.refresh_from_db()
    assert version.data["work"][0] == job


def test_the_review_reads_the_duties_and_points_at_their_box():
    vague = {
        **PASONA,
        "assignments": [{**PASONA["assignments"][0], "duties": ["受発注データの入力", "色々な雑務"]}],
    }
    hints = [h for h in review(resume_from_json(_doc(vague))) if h.rule == "vague-achievement"]
    assert [h.path for h in hints] == ["work[0].assignments[0].duties[1]"]
    assert field_for_path(hints[0].path) == ("work", 0, "assignment_duties_0")
    assert field_for_path("work[0].dispatchedDuties[0]") == ("work", 0, "dispatched_duties")
