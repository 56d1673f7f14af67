"""The editor's sections and rows (ADR 0054): no blank rows unless asked for, 「行を追加」 and row deletion save what
was typed, and a section opens when it has an error, a 要修正 finding, an unresolved adviser comment, or is
being edited."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.documents.models import DocumentComment, DocumentVersion

from .conftest import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client: Client, seeker: User) -> tuple[Client, DocumentVersion, str]:
    client.force_login(seeker)
    upload = io.BytesIO(json.dumps(load("clean.json"), ensure_ascii=False).encode())
    upload.name = "resume.json"
    client.post(reverse("documents:import"), {"title": "テスト", "file": upload})
    version = DocumentVersion.objects.get(owner=seeker)
    return client, version, reverse("documents:edit", args=[version.pk])


def form_data(response: Any) -> dict[str, Any]:
    """What a browser would post back from the rendered editor: every field's current value and the
    management forms (the page's own round trip)."""
    ctx = response.context
    data: dict[str, Any] = {}
    for bf in ctx["basics"]:
        value = bf.value()
        data[bf.html_name] = "" if value is None else value
    for fs in ctx["sets"].values():
        for bf in fs.management_form:
            data[bf.html_name] = bf.value()
        for form in fs.forms:
            for bf in form:
                value = bf.value()
                data[bf.html_name] = "" if value is None else value
    return data


def rows(response: Any, prefix: str) -> int:
    return len(re.findall(rf'class="row-card" id="row-{prefix}-\d+"', response.content.decode()))


def is_open(response: Any, section: str) -> bool:
    m = re.search(rf'<details class="doc-sec" id="sec-{section}"( open)?>', response.content.decode())
    assert m is not None, section
    return m.group(1) is not None


def test_page_shows_only_saved_rows_and_plain_saves_add_none(editor) -> None:
    client, version, url = editor
    saved = {key: len(version.data[key]) for key in ("education", "work", "certificates")}
    page = client.get(url)
    assert (rows(page, "edu"), rows(page, "work"), rows(page, "cert")) == (
        saved["education"],
        saved["work"],
        saved["certificates"],
    )
    for _ in range(2):  # the old editor grew a blank row here
        response = client.post(url, form_data(page), follow=True)
        assert "保存しました" in response.content.decode()
        page = client.get(url)
        assert (rows(page, "edu"), rows(page, "work"), rows(page, "cert")) == (
            saved["education"],
            saved["work"],
            saved["certificates"],
        )
    version.refresh_from_db()
    assert {key: len(version.data[key]) for key in saved} == saved


def test_add_row_saves_what_was_typed_and_opens_a_focused_blank_row(editor) -> None:
    client, version, url = editor
    data = form_data(client.get(url))
    n = int(data["work-TOTAL_FORMS"])
    data["name"] = "佐藤 美咲（旧姓 鈴木）"
    data["work-0-highlights"] = "月次決算を5営業日から3営業日に短縮"
    data["add"] = "work"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?add=work#id_work-{n}-name"
    version.refresh_from_db()
    assert version.data["basics"]["name"] == "佐藤 美咲（旧姓 鈴木）"
    assert version.data["work"][0]["highlights"] == ["月次決算を5営業日から3営業日に短縮"]
    assert len(version.data["work"]) == n  # the blank row is not stored

    page = client.get(response["Location"])
    html = page.content.decode()
    assert rows(page, "work") == n + 1
    assert is_open(page, "work")
    new_row = html.split(f'id="row-work-{n}"', 1)[1].split('class="row-card"', 1)[0]
    assert f'name="work-{n}-name"' in new_row and "autofocus" in new_row
    assert html.count("autofocus") == 1
    assert "職歴の入力欄を1行追加しました" in html

    # Typing into the new row and saving stores it as a fourth job, and the page has no blank row again.
    data = form_data(page)
    data[f"work-{n}-name"] = "株式会社みなと会計サービス"
    data[f"work-{n}-start"] = "2025-04"
    client.post(url, data)
    version.refresh_from_db()
    assert version.data["work"][n]["name"] == "株式会社みなと会計サービス"
    assert rows(client.get(url), "work") == n + 1


def test_add_row_with_an_error_elsewhere_keeps_everything_typed(editor) -> None:
    client, version, url = editor
    before = version.data
    data = form_data(client.get(url))
    data["edu-0-start"] = "2017年春"  # no month
    data["self_pr"] = "新しく書いた自己PRの段落です。"
    data["add"] = "certificates"
    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "新しく書いた自己PRの段落です。" in html and 'value="2017年春"' in html
    assert rows(response, "cert") == int(data["cert-TOTAL_FORMS"]) + 1
    assert is_open(response, "education") and is_open(response, "certificates")
    # one focus target, the field in error: the new row took a second autofocus on a refused page
    focus = re.findall(r"<[^>]*\sautofocus[^>]*>", html)
    # (the group of its 年 box and 月 select, which names its error: core.forms.YearMonthWidget)
    assert (
        len(focus) == 1 and 'aria-describedby="id_edu-0-start_helptext id_edu-0-start_error"' in focus[0]
    ), focus
    version.refresh_from_db()
    assert version.data == before  # nothing stored while a field is wrong, and nothing lost on the page


def test_delete_row_removes_only_that_row(editor) -> None:
    client, version, url = editor
    names = [w["name"] for w in version.data["work"]]
    assert len(names) >= 2
    data = form_data(client.get(url))
    data["work-1-position"] = "経理課 主任"  # typed in the row that stays
    data["delete"] = "work-0"
    response = client.post(url, data)
    assert response["Location"] == f"{url}?open=work#sec-work"
    version.refresh_from_db()
    assert [w["name"] for w in version.data["work"]] == names[1:]
    assert version.data["work"][0]["position"] == "経理課 主任"
    assert is_open(client.get(response["Location"]), "work")


def test_sections_open_only_when_they_need_the_person(editor, seeker: User) -> None:
    client, version, url = editor
    page = client.get(url)
    assert not any(
        is_open(page, s)
        for s in ("settings", "basics", "education", "work", "certificates", "cv_text", "rirekisho")
    )
    summary = page.content.decode().split('id="sec-work"', 1)[1].split("</summary>", 1)[0]
    assert "職歴" in summary and f"{len(version.data['work'])}件" in summary

    # An error opens its section (and only that one).
    data = form_data(page)
    data["birth_date"] = "1990-02-30"
    response = client.post(url, data)
    assert is_open(response, "basics") and not is_open(response, "work")

    # An adviser's unresolved comment opens its section; once resolved, the section closes again.
    comment = DocumentComment.objects.create(
        version=version,
        path="work[0].summary",
        field_label="業務内容",
        body="数字を入れてください。",
        author_label="担当アドバイザー",
    )
    page = client.get(url)
    assert is_open(page, "work")
    block = page.content.decode().split('id="field-work-0-summary"', 1)[1].split('<div class="field', 1)[0]
    assert "数字を入れてください。" in block
    response = client.post(reverse("documents:comment_resolve", args=[comment.pk]), {"resolved": "1"})
    assert response["Location"].startswith(f"{url}?open=work#comment-")
    assert not is_open(client.get(url), "work")
    assert is_open(client.get(response["Location"]), "work")


def test_review_error_opens_its_section(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    upload = io.BytesIO(json.dumps(load("mistakes.json"), ensure_ascii=False).encode())
    upload.name = "resume.json"
    client.post(reverse("documents:import"), {"title": "テスト", "file": upload})
    version = DocumentVersion.objects.get(owner=seeker)
    page = client.get(reverse("documents:edit", args=[version.pk]))
    errors = [
        h for h in page.context["hints"] if h.severity == "error" and h.path.startswith("x-bonavi.selfPr")
    ]
    assert errors  # the fixture's 和暦 in a 西暦 document
    assert is_open(page, "cv_text")
    assert "要修正" in page.content.decode().split('id="sec-cv_text"', 1)[1].split("</summary>", 1)[0]


def test_add_row_on_a_full_section_still_saves_and_says_why(editor) -> None:
    client, version, url = editor
    data = form_data(client.get(url))
    full = 40  # MAX_ROWS["certificates"]
    existing = int(data["cert-TOTAL_FORMS"])
    for i in range(existing, full):
        data[f"cert-{i}-name"] = f"資格{i}"
        data[f"cert-{i}-date"] = "2020-04"
        data[f"cert-{i}-issuer"] = ""
    data["cert-TOTAL_FORMS"] = str(full)
    data["add"] = "certificates"
    response = client.post(url, data, follow=True)
    assert "40件までのため、行は追加していません" in response.content.decode()
    version.refresh_from_db()
    assert len(version.data["certificates"]) == full
    assert rows(response, "cert") == full and is_open(response, "certificates")


def test_comments_follow_their_rows_when_a_row_is_deleted(editor) -> None:
    client, version, url = editor
    assert len(version.data["work"]) >= 2

    def note(path: str, body: str) -> DocumentComment:
        return DocumentComment.objects.create(
            version=version, path=path, field_label="業務内容", body=body, author_label="担当アドバイザー"
        )

    on_first = note("work[0].summary", "1社目の業務に件数を。")
    on_second = note("work[1].highlights", "2社目の実績に数字を。")
    on_skills = note("skills", "スキルは具体的に。")
    data = form_data(client.get(url))
    data["delete"] = "work-0"
    client.post(url, data)
    for c in (on_first, on_second, on_skills):
        c.refresh_from_db()
    assert (on_first.path, on_second.path, on_skills.path) == ("work", "work[0].highlights", "skills")

    html = client.get(url).content.decode()
    under_job = html.split('id="field-work-0-highlights"', 1)[1].split('<div class="field', 1)[0]
    assert "2社目の実績に数字を。" in under_job
    top = html.split('id="adviser-comments"', 1)[1].split("</section>", 1)[0]
    assert "1社目の業務に件数を。" in top  # its row is gone: shown at the top, not under another job


def test_an_editor_save_keeps_the_promotion_rows_a_profile_import_gives_back(
    client: Client, seeker: User
) -> None:
    """work[].milestones (the profile's 昇格・異動 rows with their 年月) had no field in the editor: one save there
    deleted them, and importing the document into the profile then lost those rows."""
    from bonavi.seekers import services as seekers
    from bonavi.seekers.models import SeekerProfile

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら"},
        history=[
            {"kind": "work", "year": 2022, "month": 4, "text": "株式会社みほんダイニング 入社（アルバイト）"},
            {"kind": "work", "year": 2022, "month": 10, "text": "時間帯責任者に昇格"},
            {"kind": "work", "year": 2023, "month": 4, "text": "渋谷店に異動"},
            {"kind": "work", "year": 2024, "month": 3, "text": "一身上の都合により退職"},
        ],
    )

    def rows() -> list[tuple[str, int, int, str]]:
        profile = SeekerProfile.objects.get(user=seeker)
        return [(h.kind, h.year, h.month, h.text) for h in profile.history.order_by("year", "month", "pk")]

    before = rows()
    client.force_login(seeker)
    upload = io.BytesIO(client.get("/documents/profile/export.json").content)
    upload.name = "me.json"
    client.post(reverse("documents:import"), {"title": "プロフィールから", "file": upload})
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client.get(url)
    assert "2022-10 時間帯責任者に昇格\n2023-04 渋谷店に異動</textarea>" in page.content.decode()
    assert client.post(url, form_data(page)).status_code == 302
    version.refresh_from_db()
    assert version.data["work"][0]["milestones"] == [
        {"date": "2022-10", "text": "時間帯責任者に昇格"},
        {"date": "2023-04", "text": "渋谷店に異動"},
    ]
    back = io.BytesIO(json.dumps(version.data, ensure_ascii=False).encode())
    back.name = "doc.json"
    assert client.post(reverse("documents:profile_import"), {"file": back}).status_code == 302
    assert rows() == before

    # typed as people type it, or refused beside the field with the line named
    data = form_data(client.get(url))
    data["work-0-milestones"] = "２０２２年１０月　時間帯責任者に昇格\n2023/4 渋谷店に異動"
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert [m["date"] for m in version.data["work"][0]["milestones"]] == ["2022-10", "2023-04"]
    data["work-0-milestones"] = "2022-10 時間帯責任者に昇格\n渋谷店に異動"
    html = client.post(url, data).content.decode()
    beside = html.split('id="field-work-0-milestones"', 1)[1].split('id="field-', 1)[0]
    assert "昇格・異動などの2行目は「2019-04 経理課長に昇格」のように" in beside
    version.refresh_from_db()
    assert len(version.data["work"][0]["milestones"]) == 2


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("2021/4", "2021-04"),
        ("２０２１年４月", "2021-04"),
        ("2021.10", "2021-10"),
        ("令和3年4月", "2021-04"),
        ("R3.4", "2021-04"),
        ("平成31年4月", "2019-04"),
        ("令和元年5月", "2019-05"),
    ],
)
def test_a_month_typed_without_a_month_picker_is_kept_as_that_month(
    editor: tuple[Client, DocumentVersion, str], typed: str, kept: str
) -> None:
    """Firefox and Safari on a Mac show the month field as a plain text box; 「2021/4」「令和3年4月」 typed there
    were refused as unreadable."""
    client, version, url = editor
    data = form_data(client.get(url))
    data["work-0-start"] = typed
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.data["work"][0]["startDate"] == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("令和元年4月", "令和元年4月はありません（令和は2019年5月1日から）。"),
        ("平成32年1月", "平成32年1月はありません（平成は1989年1月8日から2019年4月30日まで）。"),
    ],
)
def test_a_wareki_month_the_era_never_had_is_refused_beside_the_field(
    editor: tuple[Client, DocumentVersion, str], typed: str, message: str
) -> None:
    client, version, url = editor
    before = version.data
    data = form_data(client.get(url))
    data["work-0-start"] = typed
    response = client.post(url, data)
    assert response.status_code == 422
    beside = response.content.decode().split('id="field-work-0-start"', 1)[1].split('id="field-', 1)[0]
    assert message in beside
    version.refresh_from_db()
    assert version.data == before


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("end", "2026年13月", "2026年13月はありません。"),
        ("end", "2026/13", "2026年13月はありません。"),
        ("start", "２０２１年０月", "2021年0月はありません。"),
        # 和暦 too (ADR 0137): 「令和6年13月」 got 「読めません」
        ("end", "令和6年13月", "令和6年13月はありません。"),
        ("start", "Ｒ６．１３", "令和6年13月はありません。"),
    ],
)
def test_a_western_month_that_does_not_exist_is_refused_as_that(
    editor: tuple[Client, DocumentVersion, str], field: str, typed: str, message: str
) -> None:
    """Without a month picker, 「2026年13月」 in 退職年月 got the importer's 「年月「2026年13月」を読めません。"2021-04"
    のように…」 — as if the form were wrong, not the month. It says the month does not exist, as 生年月日 does."""
    client, version, url = editor
    before = version.data
    data = form_data(client.get(url))
    data[f"work-0-{field}"] = typed
    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    beside = html.split(f'id="field-work-0-{field}"', 1)[1].split('id="field-', 1)[0]
    assert message in beside and "読めません" not in html
    version.refresh_from_db()
    assert version.data == before


def test_the_profiles_club_and_part_time_experience_is_offered_for_self_pr(
    client: Client, seeker: User
) -> None:
    """A document made from the profile carried nothing of its 経験（アルバイト・サークル・ボランティアなど）: a
    student's 職務経歴書 had empty cells and the club work was nowhere. The editor offers the text for 自己PR
    (never writes it in by itself), and stops once the 自己PR holds it."""
    from bonavi.seekers import services as seekers

    experience = "軽音楽サークルで会計を2年担当し、部費30万円の収支を毎月報告した。\nカフェのアルバイトでシフトを作成。"
    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら", "experience": experience},
        history=[
            {"kind": "work", "year": 2022, "month": 5, "text": "株式会社みほんカフェ 入社（アルバイト）"}
        ],
    )
    client.force_login(seeker)
    client.post(reverse("documents:create"), {"title": "学生の書類", "source": "profile"})
    version = DocumentVersion.objects.get(owner=seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client.get(url)
    card = page.content.decode().split('id="profile-experience"', 1)[1].split("</div>", 1)[0]
    assert "軽音楽サークルで会計を2年担当し" in card and 'data-text="軽音楽サークル' in card
    assert version.data.get("x-bonavi", {}).get("selfPr", []) == []  # offered, not written in

    data = form_data(page)
    data["self_pr"] = experience
    assert client.post(url, data).status_code == 302
    assert 'id="profile-experience"' not in client.get(url).content.decode()


def test_a_document_from_the_profile_keeps_milestones_out_of_the_position(
    client: Client, seeker: User
) -> None:
    """A document made from the profile stored the 昇格・異動 texts joined into the position too: the editor showed
    them in 部署・役職 beside the same rows, the review gave two 略称 hints for one (株), and a milestone edited or
    deleted left its old text in the position, printed as an undated row under the company."""
    from bonavi.documents.layout import history_rows
    from bonavi.documents.review import review
    from bonavi.documents.services import resume_of
    from bonavi.seekers import services as seekers

    seekers.profile_update(
        user=seeker,
        data={"family_name": "見本", "given_name": "さくら"},
        history=[
            {"kind": "work", "year": 2022, "month": 4, "text": "株式会社みほんダイニング 入社（アルバイト）"},
            {"kind": "work", "year": 2022, "month": 10, "text": "時間帯責任者に昇格"},
            {"kind": "work", "year": 2023, "month": 4, "text": "(株)みほん食堂へ出向"},
            {"kind": "work", "year": 2024, "month": 3, "text": "一身上の都合により退職"},
        ],
    )
    client.force_login(seeker)
    # the download keeps joining them, for JSON Resume readers that do not know the extension
    exported = client.get("/documents/profile/export.json").json()
    assert exported["work"][0]["position"] == "時間帯責任者に昇格 (株)みほん食堂へ出向"
    client.post("/documents/new/", {"title": "A社用", "source": "profile"})
    version = DocumentVersion.objects.get(owner=seeker)
    assert "position" not in version.data["work"][0]
    abbreviations = [h for h in review(resume_of(version)) if h.rule == "abbreviation"]
    assert [h.path for h in abbreviations] == ["work[0].milestones"]

    def undated() -> list[str]:
        version.refresh_from_db()
        return [r.text for r in history_rows(resume_of(version)) if not r.year and r.text.startswith("　")]

    url = reverse("documents:edit", args=[version.pk])
    data = form_data(client.get(url))
    assert data["work-0-position"] == ""
    data["work-0-milestones"] = "2022-10 時間帯責任者に昇進\n2023-04 株式会社みほん食堂へ出向"  # edited
    assert client.post(url, data).status_code == 302
    assert undated() == []
    data["work-0-milestones"] = "2022-10 時間帯責任者に昇進"  # one deleted
    assert client.post(url, data).status_code == 302
    assert undated() == [] and version.data["work"][0]["milestones"] == [
        {"date": "2022-10", "text": "時間帯責任者に昇進"}
    ]
    # A position of its own is kept, only whole milestone texts are taken out of it.
    data["work-0-position"] = "ホール担当 時間帯責任者に昇進"
    assert client.post(url, data).status_code == 302
    assert undated() == ["　ホール担当"]


def test_a_month_is_asked_as_a_year_box_and_a_month_select(
    editor: tuple[Client, DocumentVersion, str],
) -> None:
    """<input type=month> was a bare text box asking for "2021-04" in some browsers and a picker scrolling back
    month by month to a 2003 入学 in others: every 年月 of the editor is a 年 box and a 月 select under its label."""
    client, version, url = editor
    page = client.get(url).content.decode()
    assert 'type="month"' not in page
    start = version.data["work"][0]["startDate"]
    year, month = start[:4], int(start[5:7])
    beside = page.split('id="field-work-0-start"', 1)[1].split('id="field-', 1)[0]
    assert "<legend>入社年月</legend>" in beside
    assert f'name="work-0-start_year" value="{year}"' in beside
    assert f'<option value="{month}" selected>{month}</option>' in beside


@pytest.mark.parametrize(
    ("year", "month", "kept"),
    [
        ("2021", "4", "2021-04"),
        ("令和3", "10", "2021-10"),
        ("H31", "4", "2019-04"),
        ("２０２１年", "12", "2021-12"),
    ],
)
def test_the_year_box_and_month_select_keep_the_month(
    editor: tuple[Client, DocumentVersion, str], year: str, month: str, kept: str
) -> None:
    client, version, url = editor
    data = form_data(client.get(url))
    del data["work-0-start"]
    data |= {"work-0-start_year": year, "work-0-start_month": month}
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.data["work"][0]["startDate"] == kept


@pytest.mark.parametrize(
    ("year", "month", "message"),
    [
        ("2021", "", "月を選んでください"),
        ("", "4", "年を入力してください"),
        ("2021", "13", "2021年13月はありません。"),
        ("令和元", "4", "令和元年4月はありません"),
    ],
)
def test_a_month_missing_its_year_or_month_is_named_beside_the_field(
    editor: tuple[Client, DocumentVersion, str], year: str, month: str, message: str
) -> None:
    client, version, url = editor
    before = version.data
    data = form_data(client.get(url))
    del data["work-0-start"]
    data |= {"work-0-start_year": year, "work-0-start_month": month}
    response = client.post(url, data)
    assert response.status_code == 422
    beside = response.content.decode().split('id="field-work-0-start"', 1)[1].split('id="field-', 1)[0]
    assert message in beside, beside
    if year:
        assert f'name="work-0-start_year" value="{year}"' in beside
    version.refresh_from_db()
    assert version.data == before
