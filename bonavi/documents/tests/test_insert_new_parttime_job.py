"""A café アルバイト and a tennis club's 会計係 from the experience translator: the only place offered was the 業務内容
of an unrelated employer. The insert page now offers a new 職歴 row (雇用形態 アルバイト, the place and period she
gives) and, for a club, 活かせる経験・知識・スキル."""

import json

import pytest
from django.urls import reverse

from bonavi.careers.services import saved_translation_create
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db

TEXT = (
    "カフェでアルバイトをしました。売上と現金を毎日照合しました。テニスサークルでは部費の集金と出納帳の記帳。"
)
CAFE = "売上と現金を毎日照合しました"
CLUB = "部費の集金と出納帳の記帳"


@pytest.fixture
def setup(client, seeker):
    client.force_login(seeker)
    version = version_create(owner=seeker, title="応募用", data=load("clean.json"))
    evidence = [{"span": q, "start": TEXT.index(q), "end": TEXT.index(q) + len(q)} for q in (CAFE, CLUB)]
    saved = saved_translation_create(
        user=seeker,
        text=TEXT,
        target_jobtag_id=430,
        result={"appeal_points": [{"text": "部費の集金の経験があります。"}], "evidence": evidence},
    )
    return client, version, saved, reverse("documents:insert", args=[version.pk])


def test_the_page_offers_a_new_part_time_job_and_the_skills_list(setup):
    client, _version, saved, url = setup
    page = client.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    assert 'value="new_work"' in page and "新しい職歴（アルバイト）として追加" in page
    assert 'value="skills"' in page and "活かせる経験・知識・スキル" in page
    for label in ("勤務先（店名・会社名）", "働き始めた年月", "やめた年月（いまも続けているときは空欄）"):
        assert label in page


def test_a_new_part_time_job_gets_the_lines_with_her_place_and_period(setup):
    client, version, saved, url = setup
    before = len(version.data["work"])
    done = client.post(
        url,
        {
            "saved": saved.pk,
            "items": ["q0"],
            "target": "new_work",
            "new_name": "カフェ・ド・ミドリ",
            "new_start": "2019年4月",
            "new_end": "2022-03",
            "confirm": "on",
        },
        follow=True,
    )
    version.refresh_from_db()
    work = version.data["work"]
    assert len(work) == before + 1
    # in date order: before her first job in clean.json
    assert all(w["startDate"] > "2019-04" for w in work[1:])
    assert work[0] == {
        "name": "カフェ・ド・ミドリ",
        "employmentType": "アルバイト",
        "startDate": "2019-04",
        "endDate": "2022-03",
        "summary": "売上と現金の日次照合",
    }
    html = done.content.decode()
    assert "新しい職歴「カフェ・ド・ミドリ」（アルバイト）を追加しました。" in html
    assert "職歴1の業務内容の最後に1件の文を追加しました。" in html


def test_a_club_line_goes_to_the_skills_list(setup):
    client, version, saved, url = setup
    response = client.post(url, {"saved": saved.pk, "items": ["q1"], "target": "skills", "confirm": "on"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.data["skills"][-1] == {"name": CLUB}
    assert [w["name"] for w in version.data["work"]] == [w["name"] for w in load("clean.json")["work"]]


@pytest.mark.parametrize(
    "extra, said",
    [
        ({"new_name": "", "new_start": "2019-04"}, "新しい職歴の勤務先（店名・会社名）を入力してください。"),
        ({"new_name": "カフェ", "new_start": ""}, "新しい職歴の、働き始めた年月を入力してください"),
        ({"new_name": "カフェ", "new_start": "2019-04", "new_end": "2018-03"}, "やめた年月が、働き始めた年月より前"),
        ({"new_name": "カフェ", "new_start": "2019年13月"}, "2019年13月はありません。"),
    ],
)  # fmt: skip
def test_a_new_job_without_its_place_or_a_real_period_changes_nothing(setup, extra, said):
    client, version, saved, url = setup
    stored = json.dumps(version.data, sort_keys=True)
    post = {"saved": saved.pk, "items": ["q0"], "target": "new_work", "confirm": "on", **extra}
    response = client.post(url, post)
    assert response.status_code == 422 and said in response.content.decode()
    version.refresh_from_db()
    assert json.dumps(version.data, sort_keys=True) == stored


def test_a_self_pr_sentence_is_refused_for_a_new_job_and_the_skills_list(setup):
    """Each refusal names the place she chose (the skills list was told 「…職歴の業務内容には…」, ADR 0139)."""
    client, _version, saved, url = setup
    for target, said in (
        ("new_work", "自己PRの文は職歴の業務内容には入れられません"),
        ("skills", "自己PRの文は「活かせる経験・知識・スキル」には入れられません"),
    ):
        post = {"saved": saved.pk, "items": ["a0"], "target": target, "confirm": "on"}
        post |= {"new_name": "カフェ", "new_start": "2019-04"}
        response = client.post(url, post)
        assert response.status_code == 422
        assert said in response.content.decode()
        beside = response.content.decode().split('id="id_items_error">')[1].split("</ul>")[0]
        assert target == "new_work" or "業務内容" not in beside
