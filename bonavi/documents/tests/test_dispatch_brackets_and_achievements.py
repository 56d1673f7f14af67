"""派遣 in the documents, ADR 0150 (s20): a 部署・役職 or 派遣先 with brackets survives the editor's one-line 派遣先
format, each 派遣先 carries its own 実績, and 「プロフィールから作成」 carries her 業務内容・実績 per 派遣先."""

import copy
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.documents.forms import assignment_line, field_for_path, read_assignment_line
from bonavi.documents.jsonresume import ResumeInputError, resume_from_json, resume_to_json, schema_errors
from bonavi.documents.layout import assignment_blocks, cv_entry_lines
from bonavi.documents.model import DateStyle
from bonavi.documents.models import DocumentVersion
from bonavi.documents.profile import import_json_resume, resume_json_from_profile
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.review import review
from bonavi.seekers import services as seekers

from .test_editor_sections import form_data

ON = dt.date(2026, 11, 27)
FIRST_DUTIES = ["請求書の発行（月200件）", "売掛金の入金消込"]
FIRST_WINS = ["締め日の遅れを月3件から0件にした"]
LATER_DUTIES = ["受発注データの入力", "来客・電話応対"]
LATER_WINS = ["入力ミスを月10件から1件に減らした", "発注の手順書を作り、引き継ぎを2日短縮"]
HAKEN: dict[str, Any] = {
    "name": "株式会社スタッフみほん",
    "dispatchedTo": "株式会社みほん商事",
    "position": "経理事務",
    "employmentType": "派遣社員",
    "startDate": "2019-04",
    "endDate": "2021-03",
    "endReason": "契約期間満了により退職",
    "summary": "どの派遣先でも月次の締めを担当しました。",
    "highlights": ["2年間で無遅刻・無欠勤（24か月）"],
    "dispatchedDuties": FIRST_DUTIES,
    "dispatchedAchievements": FIRST_WINS,
    "assignments": [
        {
            "name": "株式会社みほん物産",
            "position": "一般事務",
            "startDate": "2020-06",
            "duties": LATER_DUTIES,
            "achievements": LATER_WINS,
        }
    ],
}


def _doc(*work: dict[str, Any]) -> dict[str, Any]:
    return {"basics": {"name": "見本 さくら"}, "work": [copy.deepcopy(w) for w in work]}


def _later(name: str, position: str = "") -> dict[str, Any]:
    return {
        **HAKEN,
        "assignments": [
            {"name": name, "startDate": "2020-06"} | ({"position": position} if position else {})
        ],
    }


# --- 1. brackets in the one-line 派遣先 format ------------------------------------------------------------------

TRICKY = [
    ("株式会社みほん物産", "経理部（連結チーム）"),  # full-width brackets in the position
    ("株式会社みほん物産", "総務課(庶務)"),  # half-width
    ("株式会社みほん物産", "経理部（連結(第2)チーム）"),  # nested, mixed widths
    ("みほん物産（株）", "一般事務"),  # brackets in the company name
    ("株式会社みほん物産（東京本社）", ""),  # a name ending in brackets, no position
    ("株式会社みほん物産（東京本社）", "人事部（採用課）"),
    ("株式会社みほん（東京", "一般事務"),  # an unclosed bracket in the name
    ("みほん)物産", ""),  # a stray closing bracket in the name
    ("(株)みほん物産", "受付（来客・電話）"),
]


@pytest.mark.parametrize(("name", "position"), TRICKY)
def test_the_line_written_reads_back_as_the_same_values(name: str, position: str) -> None:
    line = assignment_line("2020-06", name, position)
    assert read_assignment_line(line) == ("2020-06", name, position), line


def test_the_position_is_the_last_balanced_group_at_the_end() -> None:
    assert read_assignment_line("2020-06 株式会社みほん（東京本社）（経理部（連結チーム））") == (
        "2020-06",
        "株式会社みほん（東京本社）",
        "経理部（連結チーム）",
    )
    # full-width digits and the kept full-width brackets: her name is not rewritten into half-width
    assert read_assignment_line("２０２０年６月　株式会社Ａ（東京）（総務）") == (
        "2020-06",
        "株式会社Ａ（東京）",
        "総務",
    )
    for bad in (
        "2020-06 株式会社みほん物産一般事務）",
        "株式会社みほん物産（一般事務）",
        "2020-06 （一般事務）",
    ):
        with pytest.raises(ValueError):
            read_assignment_line(bad)


def test_an_unclosed_bracket_in_a_haken_saki_position_is_refused_on_import() -> None:
    with pytest.raises(ResumeInputError) as caught:
        resume_from_json(_doc(_later("株式会社みほん物産", "経理部（連結")))
    assert any(
        path == "work[0].assignments[0].position" and "（　）の数が合っていません" in message
        for path, message in caught.value.errors
    )


def _import(client: Client, seeker: User, doc: dict[str, Any]) -> tuple[DocumentVersion, str]:
    client.force_login(seeker)
    upload = io.BytesIO(json.dumps(doc, ensure_ascii=False).encode())
    upload.name = "resume.json"
    client.post(reverse("documents:import"), {"title": "派遣の職務経歴書", "file": upload})
    version = DocumentVersion.objects.get(owner=seeker)
    return version, reverse("documents:edit", args=[version.pk])


@pytest.mark.django_db
def test_a_plain_save_of_the_editor_keeps_every_tricky_name_and_position(
    client: Client, seeker: User
) -> None:
    later = [
        {"name": name, "startDate": f"{2020 + n // 12}-{n % 12 + 1:02d}"} | ({"position": job} if job else {})
        for n, (name, job) in enumerate(TRICKY)
    ]
    version, url = _import(client, seeker, _doc({**HAKEN, "endDate": "2022-03", "assignments": later}))
    before = version.data["work"][0]
    assert [a["name"] for a in before["assignments"]] == [name for name, _job in TRICKY]
    response = client.post(url, form_data(client.get(url)), follow=True)
    assert "保存しました" in response.content.decode()
    version.refresh_from_db()
    assert version.data["work"][0] == before


@pytest.mark.django_db
def test_a_line_the_editor_cannot_read_is_named_and_nothing_is_saved(client: Client, seeker: User) -> None:
    version, url = _import(client, seeker, _doc(HAKEN))
    before = copy.deepcopy(version.data)
    data = form_data(client.get(url))
    data["work-0-assignments"] = "2020-06 株式会社みほん物産（一般事務）\n2020-09 株式会社みほん銀行総務課）"
    data["work-0-summary"] = "書き換えた業務内容"
    html = client.post(url, data).content.decode()
    assert "2つ目からの派遣先の2行目「2020-09 株式会社みほん銀行総務課）」は読めません" in html
    assert "行の最後の「）」と対になる「（」がありません" in html
    version.refresh_from_db()
    assert version.data == before
    # the same line with its brackets closed is saved, the position with its own brackets
    data["work-0-assignments"] = (
        "2020-06 株式会社みほん物産（一般事務）\n2020-09 株式会社みほん銀行（総務課(庶務)）"
    )
    assert "保存しました" in client.post(url, data, follow=True).content.decode()
    version.refresh_from_db()
    assert version.data["work"][0]["assignments"][1] == {
        "name": "株式会社みほん銀行",
        "position": "総務課(庶務)",
        "startDate": "2020-09",
    }


# --- 2. 実績 per 派遣先 ------------------------------------------------------------------------------------------


def test_achievements_per_haken_saki_go_through_the_json_and_old_files_stay_as_they_were() -> None:
    written = resume_to_json(resume_from_json(_doc(HAKEN)))
    assert schema_errors(written) == []
    job = written["work"][0]
    assert job["dispatchedAchievements"] == FIRST_WINS and job["assignments"][0]["achievements"] == LATER_WINS
    assert job["highlights"] == HAKEN["highlights"]  # the job's own 実績 stay the job's
    assert resume_to_json(resume_from_json(written)) == written
    # a file from before: read and written without any new key
    old = {k: v for k, v in HAKEN.items() if k != "dispatchedAchievements"}
    old["assignments"] = [{k: v for k, v in HAKEN["assignments"][0].items() if k != "achievements"}]
    again = resume_to_json(resume_from_json(_doc(old)))["work"][0]
    assert "dispatchedAchievements" not in again and "achievements" not in again["assignments"][0]
    assert again == {k: v for k, v in job.items() if k != "dispatchedAchievements"} | {
        "assignments": old["assignments"]
    }
    # the same limits as duties
    too_many = _later("株式会社みほん物産") | {"dispatchedAchievements": [f"実績{n}件" for n in range(21)]}
    with pytest.raises(ResumeInputError) as caught:
        resume_from_json(_doc(too_many))
    assert any(path == "work[0].dispatchedAchievements" for path, _m in caught.value.errors)


def test_a_haken_saki_with_achievements_only_is_a_block_and_its_lines_are_counted() -> None:
    wins_only = {k: v for k, v in HAKEN.items() if k != "dispatchedDuties"}
    wins_only["assignments"] = [{"name": "株式会社みほん物産", "startDate": "2020-06"}]
    w = resume_from_json(_doc(wins_only)).work[0]
    blocks = assignment_blocks(w, DateStyle.WESTERN)
    assert [(b.company, b.duties, b.achievements) for b in blocks] == [
        ("株式会社みほん商事（経理事務）", (), tuple(FIRST_WINS)),
        ("株式会社みほん物産", (), ()),
    ]
    without = resume_from_json(
        _doc({**wins_only, "dispatchedAchievements": [], "dispatchedDuties": ["入力"]})
    )
    assert cv_entry_lines(w, DateStyle.WESTERN) > cv_entry_lines(without.work[0], DateStyle.WESTERN) - 2


def _cv_lines(doc: dict[str, Any]) -> list[str]:
    out = default_renderer().render(resume_from_json(doc), kind=Kind.SHOKUMUKEIREKISHO, on=ON)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_the_cv_prints_each_haken_saki_achievements_in_its_own_block() -> None:
    lines = _cv_lines(_doc(HAKEN))

    def at(text: str) -> int:
        return next(i for i, line in enumerate(lines) if text in line)

    order = [
        at("派遣先：株式会社みほん商事（経理事務）"),
        at("請求書の発行（月200件）"),
        at("締め日の遅れを月3件から0件にした"),
        at("派遣先：株式会社みほん物産（一般事務）"),
        at("受発注データの入力"),
        at("入力ミスを月10件から1件に減らした"),
        at("発注の手順書を作り、引き継ぎを2日短縮"),
        at("2年間で無遅刻・無欠勤（24か月）"),  # the job's own 実績 below every block
    ]
    assert order == sorted(order), lines
    # 【実績】 under each 派遣先 and once for the job
    assert sum("【実績】" in line for line in lines) == 3
    first_block = lines[order[0] : order[3]]
    assert any("【業務内容】" in line for line in first_block) and any(
        "【実績】" in line for line in first_block
    )


@pytest.mark.django_db
def test_the_editor_has_an_achievement_box_per_haken_saki_and_saves_it(client: Client, seeker: User) -> None:
    plain = {k: v for k, v in HAKEN.items() if k != "dispatchedAchievements"}
    plain["assignments"] = [{k: v for k, v in HAKEN["assignments"][0].items() if k != "achievements"}]
    version, url = _import(client, seeker, _doc(plain))
    page = client.get(url)
    html = page.content.decode()
    assert "最初の派遣先での実績（1行に1つ・数字を入れて）" in html
    assert "2つ目の派遣先（株式会社みほん物産）での実績（1行に1つ・数字を入れて）" in html
    # each 派遣先's 実績 box right after its 業務内容 box
    assert html.index('name="work-0-dispatched_duties"') < html.index('name="work-0-dispatched_achievements"')
    assert html.index('name="work-0-assignment_duties_0"') < html.index(
        'name="work-0-assignment_achievements_0"'
    )
    data = form_data(page)
    data["work-0-dispatched_achievements"] = "\n".join(FIRST_WINS)
    data["work-0-assignment_achievements_0"] = "\n".join(LATER_WINS) + "\n\n"
    assert "保存しました" in client.post(url, data, follow=True).content.decode()
    version.refresh_from_db()
    job = version.data["work"][0]
    assert job["dispatchedAchievements"] == FIRST_WINS
    assert job["assignments"][0]["achievements"] == LATER_WINS
    assert job["assignments"][0]["duties"] == LATER_DUTIES and job["highlights"] == HAKEN["highlights"]
    # a 派遣先 added above: its 実績 stay with their company
    data = form_data(client.get(url))
    data["work-0-assignments"] = "2020-01 株式会社みほん銀行\n2020-06 株式会社みほん物産（一般事務）"
    assert "保存しました" in client.post(url, data, follow=True).content.decode()
    version.refresh_from_db()
    rows = version.data["work"][0]["assignments"]
    assert [(r["name"], r.get("achievements")) for r in rows] == [
        ("株式会社みほん銀行", None),
        ("株式会社みほん物産", LATER_WINS),
    ]
    # the 派遣先 removed while its 実績 box is filled: named, nothing saved
    data = form_data(client.get(url))
    data["work-0-assignments"] = "2020-01 株式会社みほん銀行"
    before = copy.deepcopy(version.data)
    html = client.post(url, data).content.decode()
    assert "派遣先「株式会社みほん物産」が「2つ目からの派遣先」にないため、この実績を保存できません" in html
    version.refresh_from_db()
    assert version.data == before


def test_the_review_reads_each_haken_saki_achievements_as_achievements() -> None:
    vague = copy.deepcopy(HAKEN)
    vague["dispatchedAchievements"] = ["色々な改善をした"]
    vague["assignments"][0]["achievements"] = ["入力ミスを月10件から1件に減らした", "引き継ぎ資料を作成した"]
    hints = [h for h in review(resume_from_json(_doc(vague))) if h.rule == "vague-achievement"]
    by_path = {h.path: h.message for h in hints}
    assert "あいまいな言葉" in by_path["work[0].dispatchedAchievements[0]"]
    assert by_path["work[0].assignments[0].achievements[1]"] == "実績に数字がありません。"
    assert "work[0].assignments[0].achievements[0]" not in by_path
    # each hint is shown beside the box that holds the line
    assert field_for_path("work[0].dispatchedAchievements[0]") == ("work", 0, "dispatched_achievements")
    assert field_for_path("work[0].assignments[0].achievements[1]") == (
        "work",
        0,
        "assignment_achievements_0",
    )
    emoji = copy.deepcopy(HAKEN)
    emoji["assignments"][0]["achievements"] = ["入力ミスを月10件減らした😊"]
    assert any(
        h.rule == "emoji" and h.path == "work[0].assignments[0].achievements[0]"
        for h in review(resume_from_json(_doc(emoji)))
    )


# --- 3. 「プロフィールから作成」 carries her 業務内容 and 実績 per 派遣先 -------------------------------------------


def _create(client: Client, seeker: User) -> dict[str, Any]:
    client.force_login(seeker)
    response = client.post("/documents/new/", {"title": "職務経歴書", "source": "profile"})
    assert response.status_code == 302
    return seeker.document_versions.get().data


@pytest.mark.django_db
def test_a_document_from_her_profile_has_her_duties_and_achievements_per_haken_saki(
    client: Client, seeker: User
) -> None:
    import_json_resume(user=seeker, raw=json.dumps(_doc(HAKEN), ensure_ascii=False).encode())
    job = _create(client, seeker)["work"][0]
    assert job["dispatchedTo"] == "株式会社みほん商事"
    assert job["dispatchedDuties"] == FIRST_DUTIES and job["dispatchedAchievements"] == FIRST_WINS
    assert job["assignments"] == [
        {
            "name": "株式会社みほん物産",
            "position": "一般事務",
            "startDate": "2020-06",
            "duties": LATER_DUTIES,
            "achievements": LATER_WINS,
        }
    ]


@pytest.mark.django_db
def test_a_profile_without_duties_gets_none_made_up(client: Client, seeker: User) -> None:
    bare = {k: v for k, v in HAKEN.items() if k not in ("dispatchedDuties", "dispatchedAchievements")}
    bare["assignments"] = [{"name": "株式会社みほん物産", "position": "一般事務", "startDate": "2020-06"}]
    import_json_resume(user=seeker, raw=json.dumps(_doc(bare), ensure_ascii=False).encode())
    job = _create(client, seeker)["work"][0]
    assert "dispatchedDuties" not in job and "dispatchedAchievements" not in job
    assert job["assignments"] == bare["assignments"]


@pytest.mark.django_db
def test_duties_go_only_to_the_haken_saki_her_rows_still_name(seeker: User) -> None:
    """She changed the later 派遣先 in her 職歴 rows after importing: its kept duties name another company and are
    not moved onto the new one."""
    import_json_resume(user=seeker, raw=json.dumps(_doc(HAKEN), ensure_ascii=False).encode())
    rows = seekers.profile_snapshot(seekers.profile_get_or_create(user=seeker))["work_history"]
    rows = [
        {**r, "kind": "work", "text": r["text"].replace("株式会社みほん物産", "株式会社みほん銀行")}
        for r in rows
    ]
    seekers.profile_update(user=seeker, data={}, history=rows)
    job = resume_json_from_profile(seeker)["work"][0]
    assert job["dispatchedDuties"] == FIRST_DUTIES  # the first 派遣先 is still hers
    assert job["assignments"] == [
        {"name": "株式会社みほん銀行", "position": "一般事務", "startDate": "2020-06"}
    ]


@pytest.mark.django_db
def test_her_experience_sentence_naming_a_haken_saki_is_that_haken_saki_duty(
    client: Client, seeker: User
) -> None:
    seekers.profile_update(
        user=seeker,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "experience": "みほん商事では請求書の発行を月200件担当しました。みほん物産では受発注データの入力を担当しました。"
            "派遣元の研修で簿記を学びました。",
        },
        history=[
            {"kind": "work", "year": 2019, "month": 4, "text": "株式会社スタッフみほんに派遣社員として登録"},
            {
                "kind": "work",
                "year": 2019,
                "month": 4,
                "text": "株式会社みほん商事に派遣（経理部（連結チーム））",
            },
            {"kind": "work", "year": 2020, "month": 6, "text": "株式会社みほん物産に派遣（一般事務）"},
        ],
    )
    job = _create(client, seeker)["work"][0]
    assert job["position"] == "経理部（連結チーム）"  # the nested bracket read whole from her row
    assert job["dispatchedDuties"] == ["みほん商事では請求書の発行を月200件担当しました。"]
    assert job["assignments"][0]["duties"] == ["みほん物産では受発注データの入力を担当しました。"]
    assert "summary" not in job  # a sentence naming no company and no 雇用形態 goes nowhere, as before


def test_the_review_names_a_stored_position_the_line_cannot_hold() -> None:
    """A version read before such files were refused: the editor's line would split it differently on save."""
    stored = resume_from_json(_doc(_later("株式会社みほん物産", "経理部（連結")), stored=True)
    hints = [h for h in review(stored) if h.path == "work[0].assignments" and h.rule == "inconsistent"]
    assert len(hints) == 1 and "「経理部（連結」は（　）の数が合っていません" in hints[0].message
    fine = resume_from_json(_doc(_later("株式会社みほん物産", "経理部（連結チーム）")))
    assert not [h for h in review(fine) if h.path == "work[0].assignments"]


def test_a_line_naming_a_haken_saki_is_no_unknown_company() -> None:
    named = copy.deepcopy(HAKEN)
    named["dispatchedTo"] = "株式会社ミホン商事"
    named["assignments"][0]["name"] = "株式会社ミホン物産"
    named["assignments"][0]["achievements"] = [
        "株式会社ミホン物産の受発注入力のミスを月10件から1件に減らした"
    ]
    named["dispatchedDuties"] = [
        "株式会社ミホン商事の請求書の発行（月200件）",
        "株式会社ミホン銀行への振込データ作成",
    ]
    unknown = [h.message for h in review(resume_from_json(_doc(named))) if "にありません" in h.message]
    assert unknown == ["「株式会社ミホン銀行」が職歴（履歴書・職務経歴書の会社名）にありません。"]


@pytest.mark.django_db
def test_a_reviewer_and_a_company_see_each_haken_saki_duties_and_achievements(seeker: User) -> None:
    from bonavi.documents.comments import comment_add, resume_sections, review_fields
    from bonavi.documents.services import version_create

    fields = [(f.path, f.label, f.value) for f in review_fields(_doc(HAKEN)) if f.path.startswith("work[0]")]
    assert fields == [
        ("work[0].summary", "業務内容", HAKEN["summary"]),
        ("work[0].dispatchedDuties", "派遣先「株式会社みほん商事」での業務内容", "\n".join(FIRST_DUTIES)),
        ("work[0].dispatchedAchievements", "派遣先「株式会社みほん商事」での実績", "\n".join(FIRST_WINS)),
        (
            "work[0].assignments[0].duties",
            "派遣先「株式会社みほん物産」での業務内容",
            "\n".join(LATER_DUTIES),
        ),
        (
            "work[0].assignments[0].achievements",
            "派遣先「株式会社みほん物産」での実績",
            "\n".join(LATER_WINS),
        ),
        ("work[0].highlights", "実績", "\n".join(HAKEN["highlights"])),
    ]
    rows = dict(resume_sections(_doc(HAKEN)))
    assert ("派遣先「株式会社みほん物産」での実績", "\n".join(LATER_WINS)) in next(
        r for group, r in rows.items() if group.startswith("職歴 1")
    )
    # a job with one 派遣先 and no lines of its own, or no 派遣, has no such fields
    one = {
        k: v
        for k, v in HAKEN.items()
        if k not in ("assignments", "dispatchedDuties", "dispatchedAchievements")
    }
    assert not [f for f in review_fields(_doc(one)) if "派遣先" in f.label]
    # a reviewer's comment on a 派遣先's 実績 is stored under its path
    version = version_create(owner=seeker, title="派遣", data=resume_to_json(resume_from_json(_doc(HAKEN))))
    comment = comment_add(
        version=version,
        author=seeker,
        author_label="担当アドバイザー",
        path="work[0].assignments[0].achievements",
        body="数字があって伝わりやすいです。",
    )
    assert comment.path == "work[0].assignments[0].achievements"
    assert field_for_path(comment.path) == ("work", 0, "assignment_achievements_0")


@pytest.mark.django_db
def test_with_one_haken_saki_her_sentence_naming_it_is_the_jobs_gyomu_naiyo(
    client: Client, seeker: User
) -> None:
    seekers.profile_update(
        user=seeker,
        data={
            "family_name": "見本",
            "given_name": "さくら",
            "experience": "みほん商事では請求書の発行を担当しました。",
        },
        history=[
            {"kind": "work", "year": 2019, "month": 4, "text": "株式会社スタッフみほんに派遣社員として登録"},
            {"kind": "work", "year": 2019, "month": 4, "text": "株式会社みほん商事に派遣（経理事務）"},
        ],
    )
    job = _create(client, seeker)["work"][0]
    assert job["summary"] == "みほん商事では請求書の発行を担当しました。" and "dispatchedDuties" not in job


@pytest.mark.django_db
def test_nested_brackets_survive_the_rirekisho_and_her_profile_rows(seeker: User) -> None:
    from bonavi.documents.models import ProfileResume
    from bonavi.documents.profile import profile_import

    tricky = {
        **_later("株式会社みほん物産（東京本社）", "経理部（連結チーム）"),
        "position": "総務課(庶務)",
        "dispatchedDuties": [],
        "dispatchedAchievements": [],
    }
    out = default_renderer().render(resume_from_json(_doc(tricky)), kind=Kind.RIREKISHO, on=ON)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.pdf)).pages).replace("\n", "")
    assert "株式会社みほん商事に派遣（総務課(庶務)）" in text
    assert "株式会社みほん物産（東京本社）に派遣（経理部（連結チーム））" in text
    # written into her profile as those rows and read back from the rows alone: the same 派遣先 and positions
    doc = _doc(tricky)
    profile_import(user=seeker, resume=resume_from_json(doc), document=doc)
    ProfileResume.objects.filter(owner=seeker).delete()
    job = resume_json_from_profile(seeker)["work"][0]
    assert job["dispatchedTo"] == "株式会社みほん商事" and job["position"] == "総務課(庶務)"
    assert job["assignments"] == [
        {"name": "株式会社みほん物産（東京本社）", "position": "経理部（連結チーム）", "startDate": "2020-06"}
    ]
