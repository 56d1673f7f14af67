"""Inserting a saved translation twice over: a 自己PR sentence and the quote it was made from said one experience
twice in one paragraph, a second insert doubled the text, and the message after saving asked her to 「保存して」."""

import json

import pytest
from django.urls import reverse

from bonavi.careers.services import saved_translation_create
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db

TEXT = "居酒屋のアルバイトでした。毎月400件の受注データを入力しました。"
QUOTE = "毎月400件の受注データを入力しました"
APPEAL = "毎月400件の受注データを入力した経験があります。"
OTHER = "居酒屋のアルバイトでした"


@pytest.fixture
def setup(client, seeker):
    client.force_login(seeker)
    doc = load("clean.json")
    doc["x-bonavi"]["selfPr"] = ["締め日を守ることを大切にしています。"]
    version = version_create(owner=seeker, title="応募用", data=doc)
    start = TEXT.index(QUOTE)
    saved = saved_translation_create(
        user=seeker,
        text=TEXT,
        target_jobtag_id=430,
        result={
            "appeal_points": [{"text": APPEAL, "evidence": [QUOTE]}],
            "evidence": [{"span": QUOTE, "start": start, "end": start + len(QUOTE)}],
        },
    )
    return client, version, saved, reverse("documents:insert", args=[version.pk])


def test_a_quote_and_the_self_pr_sentence_made_from_it_go_in_once(setup):
    client, version, saved, url = setup
    done = client.post(
        url, {"saved": saved.pk, "items": ["a0", "q0"], "target": "self_pr", "confirm": "on"}, follow=True
    )
    version.refresh_from_db()
    assert version.data["x-bonavi"]["selfPr"] == ["締め日を守ることを大切にしています。", APPEAL]
    assert "自己PRの最後に1件の文を追加しました（同じ内容の1件は入れていません）。" in done.content.decode()


def test_a_second_insert_of_the_same_sentence_changes_nothing(setup):
    client, version, saved, url = setup
    post = {"saved": saved.pk, "items": ["a0"], "target": "self_pr", "confirm": "on"}
    assert client.post(url, post).status_code == 302
    version.refresh_from_db()
    stored = json.dumps(version.data, sort_keys=True)
    again = client.post(url, post)
    assert again.status_code == 422 and "その欄にすでに入っています" in again.content.decode()
    version.refresh_from_db()
    assert json.dumps(version.data, sort_keys=True) == stored


def test_the_message_says_it_is_saved_and_links_to_the_box(setup):
    client, version, saved, url = setup
    done = client.post(
        url, {"saved": saved.pk, "items": ["q0"], "target": "work-1", "confirm": "on"}, follow=True
    )
    html = done.content.decode()
    edit = reverse("documents:edit", args=[version.pk])
    assert "職歴2の業務内容の最後に1件の文を追加しました。自分の言葉に直すと伝わりやすくなります。" in html
    assert f'<a href="{edit}?open=work#id_work-1-summary">職歴2の業務内容を直す</a>' in html
    assert "自分の言葉に直してから保存してください" not in html
