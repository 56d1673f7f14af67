"""The reviewers' field list tells two spells of one client apart (ADR 0150, s22): a 派遣先 named twice in one 派遣
is labelled with each spell's period, as the 職務経歴書 prints it, and so is a comment on it wherever it is told
back to her (the stored 項目名: the mail, マイデータ, the editor's comments with no box); a job's field told back
alone names its job, and its period when she worked for that company twice."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.documents.comments import comment_add, review_fields
from bonavi.documents.models import DocumentComment, DocumentVersion
from bonavi.documents.services import version_create

from .test_insert_achievements_and_twice_sent import TWICE

pytestmark = pytest.mark.django_db

FIRST = "派遣先「株式会社みほん商事」（2019年4月～2020年5月）"
THIRD = "派遣先「株式会社みほん商事」（2021年4月～2022年3月）"


def _doc(*work: dict[str, Any], **ext: Any) -> dict[str, Any]:
    return {"basics": {"name": "見本 さくら"}, "work": [copy.deepcopy(w) for w in work], "x-bonavi": ext}


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {f.path: f.label for f in review_fields(data)}


def test_each_spell_of_one_client_is_named_with_its_period() -> None:
    labels = _labels(_doc(TWICE))
    assert labels["work[0].dispatchedDuties"] == f"{FIRST}での業務内容"
    assert labels["work[0].dispatchedAchievements"] == f"{FIRST}での実績"
    assert labels["work[0].assignments[0].duties"] == "派遣先「株式会社みほん物産」での業務内容"  # named once
    assert labels["work[0].assignments[1].duties"] == f"{THIRD}での業務内容"
    assert labels["work[0].assignments[1].achievements"] == f"{THIRD}での実績"
    # no two fields of one job read alike
    job = [f.label for f in review_fields(_doc(TWICE)) if f.path.startswith("work[0]")]
    assert len(job) == len(set(job))


def test_the_period_is_in_the_documents_date_style() -> None:
    labels = _labels(_doc(TWICE, dateStyle="japanese"))
    assert (
        labels["work[0].dispatchedDuties"]
        == "派遣先「株式会社みほん商事」（平成31年4月～令和2年5月）での業務内容"
    )
    assert (
        labels["work[0].assignments[1].duties"]
        == "派遣先「株式会社みほん商事」（令和3年4月～令和4年3月）での業務内容"
    )


def test_a_comment_on_a_spell_keeps_its_period_in_its_stored_name(seeker: User) -> None:
    version = version_create(owner=seeker, title="派遣の職務経歴書", data=_doc(TWICE))
    first = comment_add(
        version=version,
        author=None,
        author_label="担当",
        path="work[0].dispatchedDuties",
        body="件数を添えて。",
    )
    third = comment_add(
        version=version,
        author=None,
        author_label="担当",
        path="work[0].assignments[1].duties",
        body="具体的に。",
    )
    assert first.field_label == f"{FIRST}での業務内容"
    assert third.field_label == f"{THIRD}での業務内容"


def test_two_jobs_at_one_company_are_told_apart_when_told_back(seeker: User) -> None:
    spell = {
        "name": "株式会社みほん商事",
        "position": "経理課",
        "summary": "請求書の発行",
        "highlights": ["締めを2日短縮"],
    }
    other = {"name": "株式会社ソラ会計", "startDate": "2020-04", "endDate": "2022-03", "summary": "仕訳入力"}
    data = _doc(
        {**spell, "startDate": "2019-04", "endDate": "2020-03"},
        other,
        {**spell, "startDate": "2022-04", "endDate": "2024-03"},
    )
    fields = {f.path: f for f in review_fields(data)}
    # on the reviewer's page, under the job's heading, a field is just 「業務内容」 as before
    assert fields["work[0].summary"].label == fields["work[2].summary"].label == "業務内容"
    assert (
        fields["work[0].summary"].stored_label == "職歴1 株式会社みほん商事（2019年4月～2020年3月）の業務内容"
    )
    assert (
        fields["work[2].highlights"].stored_label == "職歴3 株式会社みほん商事（2022年4月～2024年3月）の実績"
    )
    assert fields["work[1].summary"].stored_label == "職歴2 株式会社ソラ会計の業務内容"  # once: no period
    version = version_create(owner=seeker, title="経理の職務経歴書", data=data)
    c = comment_add(
        version=version, author=None, author_label="担当", path="work[2].summary", body="直近を厚く。"
    )
    assert c.field_label == "職歴3 株式会社みほん商事（2022年4月～2024年3月）の業務内容"


def test_a_long_name_is_shortened_but_the_period_is_kept(seeker: User) -> None:
    long_name = "株式会社" + "みほん" * 30
    job = copy.deepcopy(TWICE)
    job["dispatchedTo"] = long_name
    job["assignments"][1]["name"] = long_name
    version = version_create(owner=seeker, title="派遣", data=_doc(job))
    c = comment_add(
        version=version,
        author=None,
        author_label="担当",
        path="work[0].assignments[1].duties",
        body="具体的に。",
    )
    limit = DocumentComment._meta.get_field("field_label").max_length
    assert limit is not None and len(c.field_label) == limit
    assert c.field_label.endswith("…」（2021年4月～2022年3月）での業務内容")


def test_a_comment_under_no_box_says_which_spell_it_is_about(client: Client, seeker: User) -> None:
    version = version_create(owner=seeker, title="派遣の職務経歴書", data=_doc(TWICE))
    comment_add(
        version=version,
        author=None,
        author_label="担当",
        path="work[0].assignments[1].duties",
        body="具体的に。",
    )
    # she removed the third 派遣先 since: the comment has no box to sit under, and goes to the top
    data = copy.deepcopy(version.data)
    del data["work"][0]["assignments"][1]
    DocumentVersion.objects.filter(pk=version.pk).update(data=data)
    client.force_login(seeker)
    html = client.get(reverse("documents:edit", args=[version.pk])).content.decode()
    top = html.split("担当アドバイザーからの添削コメント</h2>", 1)[1].split("</section>", 1)[0]
    assert f"「{THIRD}での業務内容」へのコメント" in top and "具体的に。" in top
