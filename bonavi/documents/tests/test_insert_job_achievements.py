"""「書類に入れる」 offers a job's own 実績 (ADR 0150, s22): each 職歴 row has the place 「職歴n「…」の実績」 right
after its 業務内容 and before its 派遣先's places; a line goes after the 実績 the job already records (from her
profile or typed), within the editor's limits, and prints in the job's 【実績】 on the 職務経歴書."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.documents import services
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.services import DocumentError, version_create, version_insert_text

from .test_dispatch_brackets_and_achievements import HAKEN
from .test_insert_translation import LINE, _saved

pytestmark = pytest.mark.django_db

OFFICE: dict[str, Any] = {
    "name": "株式会社みほん商事",
    "position": "経理課",
    "startDate": "2015-04",
    "endDate": "2019-03",
    "summary": "請求書の発行",
    "highlights": ["締め日の遅れを月3件から0件にした"],  # recorded already (her profile's import)
}


def _version(seeker: User, *work: dict[str, Any]) -> DocumentVersion:
    data = {"basics": {"name": "見本 さくら"}, "work": [copy.deepcopy(w) for w in work]}
    return version_create(owner=seeker, title="経理の職務経歴書", data=data)


def _work(version: DocumentVersion) -> list[dict[str, Any]]:
    version.refresh_from_db()
    return version.data["work"]


def test_a_line_goes_after_the_jobs_own_achievements_and_nowhere_else(seeker: User) -> None:
    version = _version(seeker, OFFICE, HAKEN)
    assert version_insert_text(version=version, target="work-1-achievements", texts=[LINE]) == [LINE]
    work = _work(version)
    assert work[1]["highlights"] == [*HAKEN["highlights"], LINE]
    assert work[1]["summary"] == HAKEN["summary"]
    assert work[1]["dispatchedAchievements"] == HAKEN["dispatchedAchievements"]
    assert work[1]["assignments"] == HAKEN["assignments"]
    assert work[0] == {
        **OFFICE,
        **{k: work[0][k] for k in work[0] if k not in OFFICE},
    }  # the other job untouched
    version_insert_text(version=version, target="work-0-achievements", texts=[LINE])
    assert _work(version)[0]["highlights"] == [*OFFICE["highlights"], LINE]
    with pytest.raises(DocumentError, match="すでに入っています"):
        version_insert_text(version=version, target="work-0-achievements", texts=[LINE])
    bare = _version(seeker, {k: v for k, v in OFFICE.items() if k != "highlights"})
    version_insert_text(version=bare, target="work-0-achievements", texts=[LINE])
    assert _work(bare)[0]["highlights"] == [LINE]


def test_a_full_list_a_long_line_and_a_missing_job_are_refused_naming_the_job(seeker: User) -> None:
    job = {**OFFICE, "highlights": [f"入力件数を月{n}0件増やした" for n in range(1, 20)]}
    version = _version(seeker, job)
    before = copy.deepcopy(version.data)
    with pytest.raises(DocumentError) as caught:
        version_insert_text(
            version=version, target="work-0-achievements", texts=[LINE, "請求書を月300件発行"]
        )
    assert caught.value.messages == [
        "職歴1「株式会社みほん商事」の実績は20行までです。いま19行あり、選んだ2行を足すと21行になるため、"
        "何も追加していません。入れる文を減らすか、書類の編集画面でその職歴の実績をまとめてから入れてください。"
    ]
    with pytest.raises(
        DocumentError, match=r"職歴1「株式会社みほん商事」の実績は1行300文字以内です。.*301文字"
    ):
        version_insert_text(version=version, target="work-0-achievements", texts=["あ" * 301])
    with pytest.raises(DocumentError, match="入れる場所の職歴が見つかりません"):
        version_insert_text(version=version, target="work-1-achievements", texts=[LINE])
    version.refresh_from_db()
    assert version.data == before


def _place_labels(page: str) -> list[str]:
    return re.findall(r'value="(work-[\w-]+)"', page)


def test_the_page_offers_each_jobs_achievements_first_and_the_cv_prints_the_line(
    client: Client, seeker: User
) -> None:
    client.force_login(seeker)
    version = _version(seeker, OFFICE, HAKEN)
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    page = client.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    # per job: its 業務内容, its own 実績, then its 派遣先's places
    assert _place_labels(page) == [
        "work-0",
        "work-0-achievements",
        "work-1",
        "work-1-achievements",
        "work-1-0",
        "work-1-0-achievements",
        "work-1-1",
        "work-1-1-achievements",
    ]
    assert "職歴1「株式会社みほん商事」の実績（1行ずつ最後に追加）" in page
    assert re.search(r'value="work-0"[^>]*checked', page)  # the default stays the first job's 業務内容

    resp = client.post(
        url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-achievements", "confirm": "on"}
    )
    assert resp.status_code == 302 and resp["Location"].endswith("?open=work#row-work-0")
    assert _work(version)[0]["highlights"] == [*OFFICE["highlights"], LINE]
    assert _work(version)[0]["summary"] == OFFICE["summary"]
    said = client.get(resp["Location"]).content.decode()
    assert "職歴1の実績の最後に1件の文を追加しました" in said and "#id_work-0-highlights" in said

    pdf = default_renderer().render(services.resume_of(version), kind=Kind.SHOKUMUKEIREKISHO).pdf
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    assert (
        text.index("【実績】")
        < text.index(OFFICE["highlights"][0])
        < text.index(LINE)
        < text.index("株式会社スタッフみほん")
    )


def test_a_self_pr_sentence_is_refused_for_a_jobs_achievements(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    version = _version(seeker, OFFICE)
    before = copy.deepcopy(version.data)
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    appeal = next(
        k
        for k in re.findall(
            r'name="items" value="(a\d+)"', client.get(url, {"saved": saved.pk}).content.decode()
        )
    )
    resp = client.post(
        url, {"saved": saved.pk, "items": [appeal], "target": "work-0-achievements", "confirm": "on"}
    )
    assert resp.status_code == 422
    version.refresh_from_db()
    assert version.data == before
