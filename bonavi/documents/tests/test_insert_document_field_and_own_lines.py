"""The walk's student (a café アルバイト and a club's 会計係) inserting her saved 経験の棚卸し into 「一般事務 応募用」
(ADR 0139): the 自己PR claim names the document's field, not the 経理 the result named for its evidence; a line
the 職務経歴書's style has no form for is still offered, as she wrote it, but not for a 業務内容; and a refusal
names the place she chose."""

import json
import re

import pytest
from django.urls import reverse

from bonavi.careers.appeal import claim_for_field, field_for_document
from bonavi.careers.reference import get_reference
from bonavi.careers.services import saved_translation_create
from bonavi.careers.translator import translate
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db

TEXT = (
    "大学2年からカフェ（チェーン店）でホールのアルバイトを3年続けています。レジ締めで売上と現金の差異を毎日確認し、"
    "月末の棚卸しも担当しました。新人アルバイト5人の教育係として、手順書をExcelでまとめ直しました。\n"
    "テニスサークルでは会計係を1年務め、部費の集金と出納帳の管理、合宿の予算表の作成をしました。"
    "100人の名簿をGoogleスプレッドシートで管理し、連絡の行き違いを減らしました。"
)
OWN = "手順書をExcelでまとめ直しました"


@pytest.fixture
def walk(client, seeker):
    client.force_login(seeker)
    result = translate(TEXT, target=None, ref=get_reference())
    saved = saved_translation_create(user=seeker, text=TEXT, target_jobtag_id=None, result=result)

    def document(title, desired=""):
        data = load("clean.json")
        data.setdefault("x-bonavi", {})["desiredJob"] = desired
        version = version_create(owner=seeker, title=title, data=data)
        return version, reverse("documents:insert", args=[version.pk])

    return client, saved, document


def _key_of(page, label):
    m = re.search(r'value="(\w+)"[^>]*>\s*' + re.escape(label), page)
    assert m is not None, label
    return m.group(1)


def test_the_claim_names_the_documents_field_not_the_family_of_the_evidence(walk):
    client, saved, document = walk
    assert "経理の仕事でも活かせます" in json.dumps(saved.result, ensure_ascii=False)  # as saved, for 自動
    version, url = document("一般事務 応募用")
    page = client.get(url, {"saved": saved.pk}).content.decode()
    assert "経理の仕事でも" not in page
    assert "「資金管理」を、一般事務の仕事でも活かせます。" in page
    done = client.post(url, {"saved": saved.pk, "items": ["a0"], "target": "self_pr", "confirm": "on"})
    assert done.status_code == 302
    version.refresh_from_db()
    assert "を、一般事務の仕事でも活かせます。" in version.data["x-bonavi"]["selfPr"][-1]
    assert "経理" not in version.data["x-bonavi"]["selfPr"][-1]
    # the editor's list of saved sentences says the same
    edit = client.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert "経理の仕事でも活かせます" not in edit and "一般事務の仕事でも活かせます" in edit


def test_a_document_naming_no_field_gets_the_neutral_claim_and_its_desired_job_wins_over_its_title(walk):
    client, saved, document = walk
    _version, url = document("応募用")
    page = client.get(url, {"saved": saved.pk}).content.decode()
    assert "経理の仕事でも" not in page and "「資金管理」を、事務の仕事でも活かせます。" in page
    _version, url = document("一般事務 応募用", desired="経理事務")
    page = client.get(url, {"saved": saved.pk}).content.decode()
    assert "「資金管理」を、経理の仕事でも活かせます。" in page


def test_field_for_document_and_claim_for_field():
    assert field_for_document("", "一般事務 応募用") == "一般事務"
    assert field_for_document("人事", "一般事務 応募用") == "人事・労務"
    assert field_for_document("", "経理事務（正社員）") == "経理"
    assert field_for_document("", "応募用") == "事務"
    said = "部費の集金の経験があります。この経験で培った「資金管理」を、経理の仕事でも活かせます。"
    assert claim_for_field(said, "一般事務") == said.replace("経理", "一般事務")
    assert claim_for_field("部費の集金の経験があります。", "一般事務") == "部費の集金の経験があります。"


def test_a_line_with_no_duty_form_is_offered_as_written_for_self_pr_and_skills(walk):
    """「手順書をExcelでまとめ直しました」 is evidence ② on the result but was missing from the insert page: not a
    repeat filter — duty_line has no 職務経歴書 form for it (a compound verb after 「Excelで」), and the page dropped
    it for every place. It is hers: offered as written, into 自己PR or the skills list."""
    client, saved, document = walk
    version, url = document("一般事務 応募用")
    page = client.get(url, {"saved": saved.pk}).content.decode()
    assert f"あなたの文章（書いたまま）：{OWN}" in page
    key = _key_of(page, f"あなたの文章（書いたまま）：{OWN}")
    done = client.post(url, {"saved": saved.pk, "items": [key], "target": "skills", "confirm": "on"})
    assert done.status_code == 302
    version.refresh_from_db()
    assert version.data["skills"][-1] == {"name": OWN}


def test_a_line_as_written_is_refused_for_a_job_and_changes_nothing(walk):
    client, saved, document = walk
    version, url = document("一般事務 応募用")
    key = _key_of(
        client.get(url, {"saved": saved.pk, "to": "work"}).content.decode(),
        f"あなたの文章（書いたまま）：{OWN}",
    )
    stored = json.dumps(version.data, sort_keys=True)
    for target in ("work-0", "new_work"):
        post = {"saved": saved.pk, "items": [key], "target": target, "confirm": "on"}
        post |= {"new_name": "カフェ・ブルーム 新宿東口店", "new_start": "2023-05"}
        refused = client.post(url, post)
        assert refused.status_code == 422
        beside = refused.content.decode().split('id="id_items_error">')[1].split("</ul>")[0]
        assert "職務経歴書の業務内容の書き方（「…の作成」「…を担当」）に直せなかった文" in beside
    version.refresh_from_db()
    assert json.dumps(version.data, sort_keys=True) == stored
