"""「書類に入れる」 per 派遣先 (ADR 0150, s20 insert per 派遣先): the insert page offers each 派遣先 of a 派遣 job as a
place of its own, and the chosen lines land in that 派遣先's 業務内容 (`dispatchedDuties` for the first,
`assignments[k].duties` for a later one), within the editor's limits, and print in its block of the 職務経歴書."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bonavi.accounts.models import User
from bonavi.careers.models import SavedTranslation
from bonavi.documents import services
from bonavi.documents.models import DocumentVersion
from bonavi.documents.render.base import Kind, default_renderer
from bonavi.documents.services import DocumentError, version_create, version_insert_text

from .test_assignment_duties import FIRST_DUTIES, LATER_DUTIES, PASONA
from .test_insert_translation import LINE, _saved

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 27)
OFFICE: dict[str, Any] = {
    "name": "株式会社ソラ会計サービス",
    "employmentType": "正社員",
    "startDate": "2021-04",
    "summary": "月次決算の補助を担当しました。",
}


def _version(seeker: User, *work: dict[str, Any]) -> DocumentVersion:
    return version_create(
        owner=seeker, title="派遣の職務経歴書", data={"basics": {"name": "見本 さくら"}, "work": list(work)}
    )


def _job(version: DocumentVersion, i: int = 0) -> dict[str, Any]:
    version.refresh_from_db()
    return version.data["work"][i]


def test_a_line_goes_to_the_later_haken_saki_it_is_given_and_nowhere_else(seeker: User) -> None:
    version = _version(seeker, PASONA, OFFICE)
    assert services.dispatch_places(version.data) == {0: ["株式会社みほん商事", "株式会社みほん物産"]}
    assert version_insert_text(version=version, target="work-0-1", texts=[LINE]) == [LINE]
    job = _job(version)
    assert job["assignments"][0]["duties"] == [*LATER_DUTIES, LINE]
    assert job["dispatchedDuties"] == FIRST_DUTIES and job["summary"] == PASONA["summary"]
    # the first 派遣先's list is `dispatchedDuties`; a line it already holds is not added twice
    version_insert_text(version=version, target="work-0-0", texts=[LINE])
    assert _job(version)["dispatchedDuties"] == [*FIRST_DUTIES, LINE]
    with pytest.raises(DocumentError, match="すでに入っています"):
        version_insert_text(version=version, target="work-0-0", texts=[LINE])


def test_a_first_haken_saki_with_no_duties_yet_gets_its_list(seeker: User) -> None:
    version = _version(seeker, {k: v for k, v in PASONA.items() if k != "dispatchedDuties"})
    version_insert_text(version=version, target="work-0-0", texts=[LINE])
    assert _job(version)["dispatchedDuties"] == [LINE]


@pytest.mark.parametrize(
    "target, job",
    [
        ("work-0-2", PASONA),  # no third 派遣先
        ("work-0-0", {**PASONA, "employmentType": "契約社員"}),  # no 派遣: its 派遣先 would not be printed
        ("work-1-0", PASONA),  # row 1 does not exist
    ],
)
def test_a_haken_saki_that_is_not_there_is_refused(seeker: User, target: str, job: dict[str, Any]) -> None:
    version = _version(seeker, job)
    before = dict(version.data)
    with pytest.raises(DocumentError, match="入れる場所の派遣先が見つかりません"):
        version_insert_text(version=version, target=target, texts=[LINE])
    version.refresh_from_db()
    assert version.data == before


def test_a_full_list_and_a_long_line_are_refused_in_japanese_and_nothing_is_saved(seeker: User) -> None:
    full = [f"伝票入力の補助（その{n}）" for n in range(1, 20)]  # 19 + the 2 it holds
    job = {**PASONA, "assignments": [{**PASONA["assignments"][0], "duties": full}]}
    version = _version(seeker, job)
    before = version.data
    with pytest.raises(DocumentError) as caught:
        version_insert_text(version=version, target="work-0-1", texts=[LINE, "請求書の発送"])
    assert caught.value.messages == [
        "株式会社みほん物産（派遣先）の業務内容は20行までです。いま19行あり、選んだ2行を足すと21行になるため、"
        "何も追加していません。入れる文を減らすか、書類の編集画面でその派遣先の業務内容をまとめてから入れてください。"
    ]
    with pytest.raises(DocumentError, match=r"1行300文字以内です。.*301文字あるため、何も追加していません"):
        version_insert_text(version=version, target="work-0-0", texts=["あ" * 301])
    version.refresh_from_db()
    assert version.data == before
    # one line still fits
    version_insert_text(version=version, target="work-0-1", texts=[LINE])
    assert len(_job(version)["assignments"][0]["duties"]) == 20


def _checked(page: str, value: str) -> bool:
    return re.search(rf'value="{value}"[^>]*checked', page) is not None


def _page(client: Client, version: DocumentVersion, saved: SavedTranslation) -> str:
    url = reverse("documents:insert", args=[version.pk])
    return client.get(url, {"saved": saved.pk, "to": "work"}).content.decode()


def test_the_page_offers_each_haken_saki_and_a_post_puts_the_line_in_it(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    version = _version(seeker, PASONA, OFFICE)
    saved = _saved(seeker)
    page = _page(client, version, saved)
    # each 派遣先 right under its job; the job itself stays the default
    labels = [
        "職歴1「株式会社スタッフみほん」の業務内容",
        "株式会社みほん商事（派遣先）の業務内容",
        "株式会社みほん物産（派遣先）の業務内容",
        "職歴2「株式会社ソラ会計サービス」の業務内容",
    ]
    assert [page.index(label) for label in labels] == sorted(page.index(label) for label in labels)
    assert 'value="work-0-0"' in page and 'value="work-0-1"' in page and 'value="work-1-0"' not in page
    assert _checked(page, "work-0") and not _checked(page, "work-0-1")
    assert 'id="place-note"' in page and "<script" not in page.split("<main", 1)[-1].split("</main>")[0]

    url = reverse("documents:insert", args=[version.pk])
    resp = client.post(url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-1", "confirm": "on"})
    assert resp.status_code == 302 and resp["Location"].endswith("?open=work#row-work-0")
    job = _job(version)
    assert job["assignments"][0]["duties"] == [*LATER_DUTIES, LINE]
    assert job["dispatchedDuties"] == FIRST_DUTIES and job["summary"] == PASONA["summary"]
    said = client.get(resp["Location"]).content.decode()
    assert "株式会社みほん物産（派遣先）の業務内容の最後に1件の文を追加しました" in said
    assert "#id_work-0-assignment_duties_0" in said  # the link opens that 派遣先's box

    # the 職務経歴書's block of that 派遣先 prints it, after its own lines and before the next block
    pdf = default_renderer().render(services.resume_of(version), kind=Kind.SHOKUMUKEIREKISHO, on=ON).pdf
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    lines = [line.strip() for line in text.splitlines() if line.strip()]

    def at(needle: str) -> int:
        return next(i for i, line in enumerate(lines) if needle in line)

    order = [
        at("派遣先：株式会社みほん商事"),
        at("派遣先：株式会社みほん物産"),
        at("来客・電話応対"),
        at(LINE),
    ]
    assert order == sorted(order), lines
    assert sum(LINE in line for line in lines) == 1


def test_a_post_to_a_full_haken_saki_is_refused_on_the_page(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    full = [f"伝票入力の補助（その{n}）" for n in range(1, 21)]
    version = _version(seeker, {**PASONA, "dispatchedDuties": full})
    before = version.data
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    resp = client.post(url, {"saved": saved.pk, "items": ["q0"], "target": "work-0-0", "confirm": "on"})
    assert resp.status_code == 422
    html = resp.content.decode()
    assert "株式会社みほん商事（派遣先）の業務内容は20行までです。いま20行あり" in html
    assert _checked(html, "work-0-0")  # her choice is kept for a second try
    version.refresh_from_db()
    assert version.data == before
