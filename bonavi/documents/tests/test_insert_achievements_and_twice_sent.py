"""「書類に入れる」 into a 派遣先's 実績, and the same client twice (ADR 0150, s21): the insert page offers each 派遣先's
実績 as a place (`dispatchedAchievements`, `assignments[k].achievements`) within the editor's limits, and two 派遣先
of one name are named with their periods in the insert's choices and the editor, each keeping its own lines."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.documents import services
from bonavi.documents.forms import WorkForm, doc_from_forms, initial_from_doc
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.services import DocumentError, version_create, version_insert_text

from .test_dispatch_brackets_and_achievements import FIRST_WINS, HAKEN, LATER_WINS
from .test_editor_sections import form_data
from .test_insert_translation import LINE, _saved

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 27)
# みほん商事 from 2019-04, みほん物産 from 2020-06, みほん商事 again from 2021-04 until 2022-03.
TWICE: dict[str, Any] = {
    **copy.deepcopy(HAKEN),
    "endDate": "2022-03",
    "assignments": [
        {**copy.deepcopy(HAKEN["assignments"][0])},
        {
            "name": "株式会社みほん商事",
            "position": "経理課",
            "startDate": "2021-04",
            "duties": ["小口現金の管理"],
        },
    ],
}


def _version(seeker: User, *work: dict[str, Any]) -> DocumentVersion:
    data = {"basics": {"name": "見本 さくら"}, "work": [copy.deepcopy(w) for w in work]}
    return version_create(owner=seeker, title="派遣の職務経歴書", data=data)


def _job(version: DocumentVersion) -> dict[str, Any]:
    version.refresh_from_db()
    return version.data["work"][0]


def _cv_lines(version: DocumentVersion) -> list[str]:
    pdf = default_renderer().render(services.resume_of(version), kind=Kind.SHOKUMUKEIREKISHO, on=ON).pdf
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- 1. 実績 per 派遣先 -------------------------------------------------------------------------------------------


def test_a_line_goes_to_the_haken_saki_achievements_and_nowhere_else(seeker: User) -> None:
    version = _version(seeker, HAKEN)
    assert version_insert_text(version=version, target="work-0-1-achievements", texts=[LINE]) == [LINE]
    job = _job(version)
    assert job["assignments"][0]["achievements"] == [*LATER_WINS, LINE]
    assert job["assignments"][0]["duties"] == HAKEN["assignments"][0]["duties"]
    assert job["dispatchedAchievements"] == FIRST_WINS and job["highlights"] == HAKEN["highlights"]
    version_insert_text(version=version, target="work-0-0-achievements", texts=[LINE])
    assert _job(version)["dispatchedAchievements"] == [*FIRST_WINS, LINE]
    assert _job(version)["dispatchedDuties"] == HAKEN["dispatchedDuties"]
    with pytest.raises(DocumentError, match="すでに入っています"):
        version_insert_text(version=version, target="work-0-0-achievements", texts=[LINE])
    # a 派遣先 with no 実績 yet gets its list
    bare = _version(seeker, {k: v for k, v in HAKEN.items() if k != "dispatchedAchievements"})
    version_insert_text(version=bare, target="work-0-0-achievements", texts=[LINE])
    assert _job(bare)["dispatchedAchievements"] == [LINE]


def test_a_full_achievement_list_and_a_long_line_are_refused_naming_the_haken_saki(seeker: User) -> None:
    job = copy.deepcopy(HAKEN)
    job["assignments"][0]["achievements"] = [f"入力件数を月{n}0件増やした" for n in range(1, 20)]
    version = _version(seeker, job)
    before = copy.deepcopy(version.data)
    with pytest.raises(DocumentError) as caught:
        version_insert_text(
            version=version, target="work-0-1-achievements", texts=[LINE, "請求書を月300件発行"]
        )
    assert caught.value.messages == [
        "株式会社みほん物産（派遣先）の実績は20行までです。いま19行あり、選んだ2行を足すと21行になるため、"
        "何も追加していません。入れる文を減らすか、書類の編集画面でその派遣先の実績をまとめてから入れてください。"
    ]
    with pytest.raises(
        DocumentError, match=r"株式会社みほん商事（派遣先）の実績は1行300文字以内です。.*301文字"
    ):
        version_insert_text(version=version, target="work-0-0-achievements", texts=["あ" * 301])
    with pytest.raises(DocumentError, match="入れる場所の派遣先が見つかりません"):
        version_insert_text(version=version, target="work-0-2-achievements", texts=[LINE])
    version.refresh_from_db()
    assert version.data == before


def _checked(page: str, value: str) -> bool:
    return re.search(rf'value="{value}"[^>]*checked', page) is not None


def test_the_page_offers_each_haken_saki_achievements_and_the_cv_prints_the_line_there(
    client: Client, seeker: User
) -> None:
    client.force_login(seeker)
    version = _version(seeker, HAKEN)
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    page = client.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    labels = [
        "株式会社みほん商事（派遣先）の業務内容",
        "株式会社みほん商事（派遣先）の実績",
        "株式会社みほん物産（派遣先）の業務内容",
        "株式会社みほん物産（派遣先）の実績",
    ]
    assert [page.index(label) for label in labels] == sorted(page.index(label) for label in labels)
    assert 'value="work-0-1-achievements"' in page and _checked(page, "work-0")

    resp = client.post(
        url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-1-achievements", "confirm": "on"}
    )
    assert resp.status_code == 302
    assert _job(version)["assignments"][0]["achievements"] == [*LATER_WINS, LINE]
    said = client.get(resp["Location"]).content.decode()
    assert "株式会社みほん物産（派遣先）の実績の最後に1件の文を追加しました" in said
    assert "#id_work-0-assignment_achievements_0" in said

    lines = _cv_lines(version)

    def at(needle: str, after: int = -1) -> int:
        return next(i for i, line in enumerate(lines) if needle in line and i > after)

    block = at("派遣先：株式会社みほん物産")
    order = [block, at("【実績】", block), at(LINE)]
    assert order == sorted(order), lines
    assert sum(LINE in line for line in lines) == 1


def test_a_post_to_a_full_haken_saki_achievements_is_refused_on_the_page(
    client: Client, seeker: User
) -> None:
    client.force_login(seeker)
    version = _version(
        seeker, {**HAKEN, "dispatchedAchievements": [f"件数を{n}件減らした" for n in range(20)]}
    )
    before = copy.deepcopy(version.data)
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    resp = client.post(
        url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-0-achievements", "confirm": "on"}
    )
    assert resp.status_code == 422
    html = resp.content.decode()
    assert "株式会社みほん商事（派遣先）の実績は20行までです。いま20行あり" in html
    assert _checked(html, "work-0-0-achievements")
    version.refresh_from_db()
    assert version.data == before


# --- 2. the same client twice -----------------------------------------------------------------------------------

FIRST_SPELL = "株式会社みほん商事（派遣先・2019年4月～2020年5月）"
SECOND_SPELL = "株式会社みほん商事（派遣先・2021年4月～2022年3月）"


def test_two_haken_saki_of_one_name_are_told_apart_by_their_periods(seeker: User) -> None:
    version = _version(seeker, TWICE)
    assert services.dispatch_place_labels(version.data) == {
        0: [FIRST_SPELL, "株式会社みほん物産（派遣先）", SECOND_SPELL]
    }
    # the refusal names the spell it is about
    full = copy.deepcopy(TWICE)
    full["assignments"][1]["duties"] = [f"伝票の整理（その{n}）" for n in range(20)]
    crowded = _version(seeker, full)
    with pytest.raises(
        DocumentError, match=re.escape(f"{SECOND_SPELL}の業務内容は20行までです。いま20行あり")
    ):
        version_insert_text(version=crowded, target="work-0-2", texts=[LINE])


def test_the_insert_page_and_its_message_name_each_spell(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    version = _version(seeker, TWICE)
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    page = client.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    for label in (FIRST_SPELL, SECOND_SPELL):
        assert f"{label}の業務内容" in page and f"{label}の実績" in page
    resp = client.post(url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-2", "confirm": "on"})
    assert resp.status_code == 302
    job = _job(version)
    assert job["assignments"][1]["duties"] == ["小口現金の管理", LINE]
    assert LINE not in job["dispatchedDuties"]
    said = client.get(resp["Location"]).content.decode()
    assert f"{SECOND_SPELL}の業務内容の最後に1件の文を追加しました" in said


def test_the_editor_names_each_spell_and_keeps_its_lines_with_it(client: Client, seeker: User) -> None:
    version = _version(seeker, TWICE)
    client.force_login(seeker)
    url = reverse("documents:edit", args=[version.pk])
    page = client.get(url)
    html = page.content.decode()
    assert "最初の派遣先（株式会社みほん商事・2019年4月～2020年5月）での業務内容" in html
    assert "3つ目の派遣先（株式会社みほん商事・2021年4月～2022年3月）での実績" in html
    assert "2つ目の派遣先（株式会社みほん物産）での業務内容" in html  # a name given once stays as it was
    data = form_data(page)
    data["work-0-assignment_achievements_1"] = "仮払金の精算を月末2日前に締めた"
    assert "保存しました" in client.post(url, data, follow=True).content.decode()
    job = _job(version)
    assert job["assignments"][1]["achievements"] == ["仮払金の精算を月末2日前に締めた"]
    assert job["assignments"][1]["duties"] == ["小口現金の管理"]
    assert job["assignments"][0]["achievements"] == LATER_WINS


def test_two_later_haken_saki_of_one_name_each_keep_their_own_duties() -> None:
    """Matched back by name alone, both boxes went to the last row of that name: the first spell lost its lines."""
    job = {
        **copy.deepcopy(HAKEN),
        "endDate": "2022-03",
        "assignments": [
            {"name": "株式会社みほん物産", "startDate": "2020-06", "duties": ["受発注データの入力"]},
            {"name": "株式会社みほん物産", "startDate": "2021-04", "duties": ["在庫表の更新"]},
        ],
    }
    basics, _edu, work, _certs = initial_from_doc({"basics": {"name": "見本 さくら"}, "work": [job]}, "派遣")
    shown = WorkForm(initial=work[0])
    assert "2020年6月～2021年3月" in str(shown.fields["assignment_duties_0"].label)
    assert "2021年4月～2022年3月" in str(shown.fields["assignment_duties_1"].label)
    # a line inserted above both: each spell still takes its own box's lines, by name and 年月
    posted = {k: v for k, v in work[0].items() if v is not None} | {
        "assignments": "2020-01 株式会社みほん銀行\n2020-06 株式会社みほん物産\n2021-04 株式会社みほん物産",
        "assignment_duties_1": "在庫表の更新\n棚卸しの集計",
    }
    form = WorkForm(data=posted)
    assert form.is_valid(), form.errors
    saved = doc_from_forms(basics, [], [form.cleaned_data], [])["work"][0]["assignments"]
    assert [(a["startDate"], a.get("duties")) for a in saved] == [
        ("2020-01", None),
        ("2020-06", ["受発注データの入力"]),
        ("2021-04", ["在庫表の更新", "棚卸しの集計"]),
    ]


def test_a_page_from_before_posting_a_list_of_names_still_saves() -> None:
    basics, _edu, work, _certs = initial_from_doc(
        {"basics": {"name": "見本 さくら"}, "work": [HAKEN]}, "派遣"
    )
    posted = {k: v for k, v in work[0].items() if v is not None} | {
        "duty_for": '["株式会社みほん物産"]',
        "assignment_duties_0": "受発注データの入力",
    }
    form = WorkForm(data=posted)
    assert form.is_valid(), form.errors
    saved = doc_from_forms(basics, [], [form.cleaned_data], [])["work"][0]["assignments"]
    assert saved[0]["duties"] == ["受発注データの入力"]
