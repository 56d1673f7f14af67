"""派遣 in her profile and documents (ADR 0150, s19): the profile import writes the 履歴書's words, several 派遣先
under one 派遣元 are one job (`work[].assignments`), and a 紹介予定派遣 stays one — also when the 派遣先 hired her."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from bonavi.documents.forms import WorkForm, doc_from_forms, initial_from_doc
from bonavi.documents.jsonresume import ResumeInputError, resume_from_json, resume_to_json, schema_errors
from bonavi.documents.layout import history_rows
from bonavi.documents.models import ProfileResume
from bonavi.documents.profile import history_rows as profile_rows
from bonavi.documents.profile import profile_import, resume_json_from_profile
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.review import review

ON = dt.date(2026, 11, 27)
PASONA = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん商事",
    "position": "経理事務",
    "employmentType": "派遣社員",
    "startDate": "2019-04",
    "endDate": "2021-03",
    "endReason": "契約期間満了により退職",
    "assignments": [{"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}],
}
CONTRACT = {
    "name": "みほん企画株式会社",
    "employmentType": "業務委託",
    "startDate": "2021-06",
    "endDate": "2022-05",
    "endReason": "契約期間満了により退職",
}
PLANNED = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん工業",
    "position": "営業事務",
    "employmentType": "紹介予定派遣",
    "startDate": "2022-07",
    "endDate": "2022-12",
    "endReason": "契約期間満了により退職",
}
HIRED = {
    "name": "株式会社みほん工業",
    "position": "営業事務",
    "employmentType": "正社員",
    "startDate": "2022-12",
}


def _doc(*work):
    return {"basics": {"name": "見本 さくら"}, "work": [dict(w) for w in work]}


def _rows(*work) -> list[tuple[str, str, str]]:
    return [(r.year, r.month, r.text) for r in history_rows(resume_from_json(_doc(*work)))]


def test_several_haken_saki_under_one_haken_moto_are_dated_rows_of_one_job():
    rows = _rows(PASONA)
    start = rows.index(("2019", "4", "株式会社スタッフみほんに派遣社員として登録"))
    assert rows[start : start + 4] == [
        ("2019", "4", "株式会社スタッフみほんに派遣社員として登録"),
        ("2019", "4", "株式会社みほん商事に派遣（経理事務）"),
        ("2020", "6", "株式会社みほん物産に派遣（一般事務）"),
        ("2021", "3", "派遣期間満了により退職"),
    ]
    # one 派遣先 stays as before: its line undated under the registration
    single = _rows({**PASONA, "assignments": []})
    assert ("", "", "株式会社みほん商事に派遣（経理事務）") in single


def test_the_json_keeps_old_documents_and_reads_a_list_of_every_haken_saki():
    old = resume_to_json(resume_from_json(_doc({**PASONA, "assignments": []})))
    assert old["work"][0]["dispatchedTo"] == "株式会社みほん商事" and "assignments" not in old["work"][0]
    written = resume_to_json(resume_from_json(_doc(PASONA)))["work"][0]
    assert written["dispatchedTo"] == "株式会社みほん商事"
    assert written["assignments"] == [
        {"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}
    ]
    assert schema_errors(resume_to_json(resume_from_json(_doc(PASONA)))) == []
    # another tool's file listing every 派遣先 in `assignments`, the first included: the same job
    listed = {
        **PASONA,
        "dispatchedTo": "",
        "position": "",
        "assignments": [
            {"name": "株式会社みほん商事", "position": "経理事務", "startDate": "2019-04"},
            *PASONA["assignments"],
        ],
    }
    assert resume_to_json(resume_from_json(_doc(listed)))["work"][0] == written


def test_a_later_haken_saki_without_its_month_is_named():
    bad = {**PASONA, "assignments": [{"name": "株式会社みほん物産"}]}
    with pytest.raises(ResumeInputError) as caught:
        resume_from_json(_doc(bad))
    assert any(
        path == "work[0].assignments[0].startDate" and "株式会社みほん物産" in message
        for path, message in caught.value.errors
    )


def test_the_profile_import_writes_what_the_rirekisho_prints():
    rows = [
        (r["year"], r["month"], r["text"]) for r in profile_rows(resume_from_json(_doc(PASONA, CONTRACT)))
    ]
    assert rows == [
        (2019, 4, "株式会社スタッフみほんに派遣社員として登録"),
        (2019, 4, "株式会社みほん商事に派遣（経理事務）"),
        (2020, 6, "株式会社みほん物産に派遣（一般事務）"),
        (2021, 3, "派遣期間満了により退職"),
        (2021, 6, "みほん企画株式会社と業務委託契約を締結"),
        (2022, 5, "契約満了"),
    ]
    assert not any("入社" in text for *_, text in rows)


def _round_trip(seeker, *work) -> list[dict]:
    """profile ⇄ document with the profile's rows alone: the stored extras are dropped, so what comes back is
    what the rows carry."""
    doc = _doc(*work)
    profile_import(user=seeker, resume=resume_from_json(doc), document=doc)
    ProfileResume.objects.filter(owner=seeker).delete()
    return resume_json_from_profile(seeker)["work"]


@pytest.mark.django_db
def test_profile_to_document_to_profile_keeps_the_job_its_haken_saki_position_and_end(seeker):
    back = _round_trip(seeker, PASONA, CONTRACT)
    assert back[0] == {
        "name": "株式会社スタッフみほん",
        "position": "経理事務",
        "employmentType": "派遣社員",
        "dispatchedTo": "株式会社みほん商事",
        "assignments": [{"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}],
        "startDate": "2019-04",
        "endDate": "2021-03",
        "endReason": "派遣期間満了により退職",
    }
    assert back[1]["employmentType"] == "業務委託" and back[1]["endReason"] == "契約満了"
    # and the 履歴書 made from it prints the rows it printed before
    assert _rows(*back) == _rows(PASONA, CONTRACT)


@pytest.mark.django_db
def test_a_shoukai_yotei_haken_stays_one_and_its_direct_hire_reads_as_a_new_job(seeker):
    back = _round_trip(seeker, PLANNED, HIRED)
    # (a plain 「入社」 is a 正社員's, which the rows leave unsaid)
    assert [w.get("employmentType") for w in back] == ["紹介予定派遣", None]
    assert back[0]["dispatchedTo"] == "株式会社みほん工業" and back[0]["endDate"] == "2022-12"
    assert back[1]["name"] == "株式会社みほん工業" and back[1]["startDate"] == "2022-12"
    rows = _rows(*back)
    start = rows.index(("2022", "7", "株式会社スタッフみほんに派遣社員として登録（紹介予定派遣）"))
    assert rows[start + 1 : start + 4] == [
        ("", "", "株式会社みほん工業に派遣（営業事務）"),
        ("2022", "12", "紹介予定派遣期間満了"),
        ("2022", "12", "株式会社みほん工業 入社"),
    ]
    assert not [h for h in review(resume_from_json(_doc(*back))) if h.path.endswith(".endReason")]
    # with no 派遣先 the row is 「…で派遣社員として就業（紹介予定派遣）」, and it too reads back as one
    alone = _round_trip(seeker, {**PLANNED, "dispatchedTo": ""})
    assert alone[0]["employmentType"] == "紹介予定派遣" and "dispatchedTo" not in alone[0]


def test_a_shoukai_yotei_haken_not_followed_by_the_hire_ends_as_any_haken():
    assert ("2022", "12", "派遣期間満了により退職") in _rows(PLANNED)
    elsewhere = {**HIRED, "name": "株式会社ほかの会社"}
    assert ("2022", "12", "派遣期間満了により退職") in _rows(PLANNED, elsewhere)


def test_the_review_names_a_haken_saki_outside_the_job_or_under_another_type():
    outside = {**PASONA, "assignments": [{"name": "株式会社みほん物産", "startDate": "2021-08"}]}
    hints = [h for h in review(resume_from_json(_doc(outside))) if h.path == "work[0].assignments"]
    assert hints and "登録期間の外" in hints[0].message
    employed = {**PASONA, "employmentType": "契約社員"}
    hints = [h for h in review(resume_from_json(_doc(employed))) if h.path == "work[0].assignments"]
    assert hints and "印刷されません" in hints[0].message
    assert not [h for h in review(resume_from_json(_doc(PASONA))) if h.path == "work[0].assignments"]


def test_the_editor_takes_later_haken_saki_one_a_line():
    basics, _edu, work, _certs = initial_from_doc(_doc(PASONA), "派遣")
    assert work[0]["assignments"] == "2020-06 株式会社みほん物産（一般事務）"
    form = WorkForm(
        data={**work[0], "assignments": "2020-06 株式会社みほん物産（一般事務）\n2020/9 株式会社みほん銀行"}
    )
    assert form.is_valid(), form.errors
    saved = doc_from_forms(basics, [], [form.cleaned_data], [])["work"][0]
    assert saved["assignments"] == [
        {"name": "株式会社みほん物産", "startDate": "2020-06", "position": "一般事務"},
        {"name": "株式会社みほん銀行", "startDate": "2020-09"},
    ]
    bad = WorkForm(data={**work[0], "assignments": "株式会社みほん物産"})
    assert not bad.is_valid() and "1行目" in bad.errors["assignments"][0]
    first_missing = WorkForm(data={**work[0], "dispatched_to": ""})
    assert not first_missing.is_valid() and "最初に派遣された会社" in first_missing.errors["dispatched_to"][0]


def _pdf_lines(kind: Kind, *work) -> list[str]:
    out = default_renderer().render(resume_from_json(_doc(*work)), kind=kind, on=ON)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)
    return [line.strip() for line in text.splitlines()]


def test_the_pdfs_print_each_haken_saki_with_its_month_and_period():
    lines = _pdf_lines(Kind.RIREKISHO, PASONA)
    start = lines.index("職歴")
    assert lines[start + 1 : start + 6] == [
        "2019 4 株式会社スタッフみほんに派遣社員として登録",
        "2019 4 株式会社みほん商事に派遣（経理事務）",
        "2020 6 株式会社みほん物産に派遣（一般事務）",
        "2021 3 派遣期間満了により退職",
        "以上",
    ]
    cv = "\n".join(_pdf_lines(Kind.SHOKUMUKEIREKISHO, PASONA))
    assert "2019年4月～2020年5月" in cv and "派遣先：株式会社みほん商事（経理事務）" in cv
    assert "2020年6月～2021年3月" in cv and "派遣先：株式会社みほん物産（一般事務）" in cv


@pytest.mark.django_db
def test_an_import_keeps_the_start_row_she_typed_but_not_a_haken_written_as_nyuusha(seeker):
    """Her own 「入社（アルバイト）」 stays as she typed it (the same job in the same 年月); a 派遣 typed 「入社（派遣社員）」
    says she joined a company she did not, so it is written in the 履歴書's words."""
    from bonavi.seekers import services as seekers
    from bonavi.seekers.models import SeekerProfile

    typed = [
        {"kind": "work", "year": 2017, "month": 4, "text": "株式会社みほんダイニング 入社（アルバイト）"},
        {"kind": "work", "year": 2019, "month": 3, "text": "一身上の都合により退職"},
        {"kind": "work", "year": 2019, "month": 4, "text": "株式会社スタッフみほん 入社（派遣社員）"},
    ]
    seekers.profile_update(user=seeker, data={"family_name": "見本", "given_name": "さくら"}, history=typed)
    part_time = {
        "name": "株式会社みほんダイニング",
        "employmentType": "アルバイト",
        "startDate": "2017-04",
        "endDate": "2019-03",
        "endReason": "一身上の都合により退職",
    }
    doc = _doc(part_time, PASONA)
    profile_import(user=seeker, resume=resume_from_json(doc), document=doc)
    texts = [h.text for h in SeekerProfile.objects.get(user=seeker).history.filter(kind="work")]
    assert texts[:4] == [
        "株式会社みほんダイニング 入社（アルバイト）",
        "一身上の都合により退職",
        "株式会社スタッフみほんに派遣社員として登録",
        "株式会社みほん商事に派遣（経理事務）",
    ]
