"""Saved experience translations (careers) go into a document without JavaScript, after a confirmation, and
never over what is written."""

import json
import re

import pytest
from django.urls import reverse

from bonavi.careers.services import saved_translation_create
from bonavi.documents.services import version_create

from .conftest import load

pytestmark = pytest.mark.django_db

APPEAL = "受注データを入力した経験があります。"
TEXT = "居酒屋のアルバイトでした。毎月400件の受注データを入力しました。"
QUOTE = "毎月400件の受注データを入力しました"  # a whole sentence of TEXT, as the translator quotes it (no 。)
LINE = "毎月400件の受注データの入力"  # QUOTE as a 職務経歴書 writes it (careers.translator.duty_line)


@pytest.fixture
def client_seeker(client, seeker):
    client.force_login(seeker)
    return client


def _checked(page, value):
    return re.search(rf'value="{value}"[^>]*checked', page) is not None


def _saved(seeker):
    return saved_translation_create(
        user=seeker,
        text=TEXT,
        target_jobtag_id=430,
        result={
            "appeal_points": [{"text": APPEAL}],
            "evidence": [{"span": QUOTE, "start": TEXT.index(QUOTE), "end": TEXT.index(QUOTE) + len(QUOTE)}],
        },
    )


def test_a_quote_cut_at_a_comma_is_not_offered_so_no_broken_sentence_reaches_the_document(
    client_seeker, seeker
):
    text = "参加者の名簿をExcelで作り、当日の受付もしました。"
    fragment = "参加者の名簿をExcelで作り"
    saved = saved_translation_create(
        user=seeker,
        text=text,
        target_jobtag_id=430,
        result={
            "appeal_points": [{"text": APPEAL}],
            "evidence": [{"span": fragment, "start": 0, "end": len(fragment)}],
        },
    )
    version = version_create(owner=seeker, title="応募用", data=_doc())
    url = reverse("documents:insert", args=[version.pk])
    page = client_seeker.get(url, {"saved": saved.pk, "to": "self_pr"}).content.decode()
    assert APPEAL in page and f"：{fragment}" not in page and 'value="q0"' not in page
    refused = client_seeker.post(
        url, {"saved": saved.pk, "items": ["q0"], "target": "self_pr", "confirm": "on"}
    )
    assert refused.status_code == 422
    version.refresh_from_db()
    assert version.data["x-bonavi"]["selfPr"] == ["締め日を守ることを大切にしています。"]


def _doc():
    doc = load("clean.json")
    doc["x-bonavi"]["selfPr"] = ["締め日を守ることを大切にしています。"]
    return doc


def _editor_post(client, version, **extra):
    """What the editor posts as shown (every field as stored), plus the pressed button."""
    from bonavi.documents.forms import ROW_SECTIONS, initial_from_doc

    basics, edu, work, certs = initial_from_doc(version.data, version.title)
    data = {k: v for k, v in basics.items() if v not in (None,)}
    for key, rows in (("education", edu), ("work", work), ("certificates", certs)):
        prefix = ROW_SECTIONS[key][0]
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{k}": ("" if v is None else v) for k, v in row.items()})
    data.update(extra)
    return client.post(reverse("documents:edit", args=[version.pk]), data)


def test_the_editor_offers_a_saved_translation_with_a_button_that_works_without_javascript(
    client_seeker, seeker
):
    version = version_create(owner=seeker, title="応募用", data=_doc())
    saved = _saved(seeker)
    html = client_seeker.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert f'name="insert" value="{saved.pk}:self_pr"' in html  # 自己PR
    assert f'name="insert" value="{saved.pk}:work"' in html  # 職歴
    # the button saves what was typed (as the row buttons do), then asks where and what to insert
    typed = _editor_post(
        client_seeker, version, summary="書き換えた職務要約です。", insert=f"{saved.pk}:self_pr"
    )
    assert typed.status_code == 302
    assert (
        typed["Location"] == f"{reverse('documents:insert', args=[version.pk])}?saved={saved.pk}&to=self_pr"
    )
    version.refresh_from_db()
    assert version.data["basics"]["summary"] == "書き換えた職務要約です。"
    assert version.data["x-bonavi"]["selfPr"] == [
        "締め日を守ることを大切にしています。"
    ]  # nothing inserted yet


def test_inserting_into_self_pr_needs_the_tick_and_adds_a_paragraph_after_the_text(client_seeker, seeker):
    version = version_create(owner=seeker, title="応募用", data=_doc())
    saved = _saved(seeker)
    url = reverse("documents:insert", args=[version.pk])
    page = client_seeker.get(url, {"saved": saved.pk, "to": "self_pr"}).content.decode()
    assert APPEAL in page and LINE in page
    # coming from 自己PR: its place and the 自己PR sentences are ticked, the quotes are not
    assert _checked(page, "self_pr") and _checked(page, "a0") and not _checked(page, "q0")
    assert "職業情報提供サイト（job tag）" in page  # the sentences name jobtag skills
    refused = client_seeker.post(url, {"saved": saved.pk, "items": ["a0"], "target": "self_pr"})
    assert refused.status_code == 422 and "チェックを入れてください" in refused.content.decode()
    version.refresh_from_db()
    assert version.data["x-bonavi"]["selfPr"] == ["締め日を守ることを大切にしています。"]
    done = client_seeker.post(
        url, {"saved": saved.pk, "items": ["a0", "q0"], "target": "self_pr", "confirm": "on"}, follow=True
    )
    version.refresh_from_db()
    assert version.data["x-bonavi"]["selfPr"] == [
        "締め日を守ることを大切にしています。",
        APPEAL + LINE + "。",
    ]
    assert "自己PRの最後に2件の文を追加しました" in done.content.decode()


def test_inserting_into_a_job_keeps_its_summary_and_adds_lines(client_seeker, seeker):
    version = version_create(owner=seeker, title="応募用", data=_doc())
    saved = _saved(seeker)
    before = version.data["work"][1]["summary"]
    url = reverse("documents:insert", args=[version.pk])
    page = client_seeker.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    # coming from 職歴: the first job is chosen; no sentence is ticked (which job a line belongs to is hers to say)
    assert _checked(page, "work-0") and not _checked(page, "q0") and not _checked(page, "a0")
    assert "職歴2「株式会社ソラ会計サービス」の業務内容" in page
    resp = client_seeker.post(url, {"saved": saved.pk, "items": ["q0"], "target": "work-1", "confirm": "on"})
    assert resp.status_code == 302 and resp["Location"].endswith("?open=work#row-work-1")
    version.refresh_from_db()
    assert version.data["work"][1]["summary"] == before + "\n" + LINE
    assert version.data["work"][0]["summary"] == load("clean.json")["work"][0]["summary"]


@pytest.mark.parametrize(
    "post, said",
    [
        ({"items": [], "target": "self_pr"}, "入れる文を1つ以上選んでください。"),
        ({"items": ["a0"], "target": "work-9"}, "入れる場所の職歴が見つかりません"),
        ({"items": ["z9"], "target": "self_pr"}, "選んだ文が見つかりません"),
    ],
)
def test_a_bad_choice_is_refused_in_japanese_and_nothing_changes(client_seeker, seeker, post, said):
    version = version_create(owner=seeker, title="応募用", data=_doc())
    saved = _saved(seeker)
    stored = json.dumps(version.data, sort_keys=True)
    resp = client_seeker.post(
        reverse("documents:insert", args=[version.pk]), {"saved": saved.pk, "confirm": "on", **post}
    )
    assert resp.status_code == 422 and said in resp.content.decode()
    version.refresh_from_db()
    assert json.dumps(version.data, sort_keys=True) == stored


def test_a_full_self_pr_is_refused_with_the_readers_reason(client_seeker, seeker):
    doc = _doc()
    doc["x-bonavi"]["selfPr"] = [
        f"段落{i}です。" for i in range(10)
    ]  # the reader keeps 10 paragraphs at most
    version = version_create(owner=seeker, title="応募用", data=doc)
    saved = _saved(seeker)
    resp = client_seeker.post(
        reverse("documents:insert", args=[version.pk]),
        {"saved": saved.pk, "items": ["a0"], "target": "self_pr", "confirm": "on"},
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and "追加していません" in html and "x-bonavi" not in html
    version.refresh_from_db()
    assert len(version.data["x-bonavi"]["selfPr"]) == 10


def test_someone_elses_translation_or_document_is_not_found(client_seeker, seeker, django_user_model):
    other = django_user_model.objects.create_user(email="other@example.jp", password="x" * 12, role="seeker")
    theirs = _saved(other)
    mine = version_create(owner=seeker, title="応募用", data=_doc())
    url = reverse("documents:insert", args=[mine.pk])
    assert client_seeker.get(url, {"saved": theirs.pk}).status_code == 404
    assert client_seeker.get(url, {"saved": "abc"}).status_code == 404
    their_doc = version_create(owner=other, title="他人", data=_doc())
    assert (
        client_seeker.get(
            reverse("documents:insert", args=[their_doc.pk]), {"saved": _saved(seeker).pk}
        ).status_code
        == 404
    )


# --- F1 (review 2026-11-26): a café part-time job and a club treasurer role, as the translator reads them ---------

CAFE_AND_CLUB = (
    "カフェでアルバイト3年。レジ締めと売上日報の作成、新人5名の教育を担当。"
    "大学の軽音サークルで会計係を2年、部費20万円の管理と収支報告。"
)


def _translated(seeker, text):
    from bonavi.careers.reference import get_reference
    from bonavi.careers.translator import translate

    result = translate(text, target=430, ref=get_reference())
    return saved_translation_create(user=seeker, text=text, target_jobtag_id=430, result=result)


def _cafe_doc():
    doc = _doc()
    doc["work"][0].update(name="カフェ・ド・ミドリ", summary="ホールでの接客")
    return doc


def _ticked(page):
    return re.findall(r'name="items" value="([^"]+)"[^>]*checked', page)


def test_a_jobs_duties_are_her_own_lines_cut_at_commas_and_never_a_self_pr_sentence(client_seeker, seeker):
    """Her text joins duties with 「、」: each clause that reads as a line is offered as she wrote it. A 自己PR
    sentence (with its 「…を、経理の仕事でも活かせます」) is never ticked for a job and is refused there;
    nothing is ticked, because the text holds two experiences and only she knows which lines are 職歴1's."""
    from bonavi.documents.selectors import translation_sentences

    saved = _translated(seeker, CAFE_AND_CLUB)
    sentences = translation_sentences(saved)
    quotes = {text: key for key, kind, text in sentences if kind == "quote"}
    appeals = [key for key, kind, _text in sentences if kind == "appeal"]
    assert set(quotes) == {"レジ締めと売上日報の作成", "新人5名の教育を担当", "部費20万円の管理と収支報告"}
    version = version_create(owner=seeker, title="応募用", data=_cafe_doc())
    url = reverse("documents:insert", args=[version.pk])
    page = client_seeker.get(url, {"saved": saved.pk, "to": "work"}).content.decode()
    for line in quotes:
        assert f"あなたの文章から：{line}" in page
    assert _ticked(page) == [] and _checked(page, "work-0")
    assert "その職歴で担当した業務にだけチェックを入れてください" in page
    stored = json.dumps(version.data, sort_keys=True)
    refused = client_seeker.post(
        url,
        {
            "saved": saved.pk,
            "items": [appeals[0], quotes["レジ締めと売上日報の作成"]],
            "target": "work-0",
            "confirm": "on",
        },
    )
    assert refused.status_code == 422
    assert "自己PRの文は職歴の業務内容には入れられません" in refused.content.decode()
    version.refresh_from_db()
    assert json.dumps(version.data, sort_keys=True) == stored
    done = client_seeker.post(
        url,
        {
            "saved": saved.pk,
            "items": [quotes["レジ締めと売上日報の作成"], quotes["新人5名の教育を担当"]],
            "target": "work-0",
            "confirm": "on",
        },
    )
    assert done.status_code == 302
    version.refresh_from_db()
    assert (
        version.data["work"][0]["summary"] == "ホールでの接客\nレジ締めと売上日報の作成\n新人5名の教育を担当"
    )
    # the same 自己PR sentence may still go where it belongs
    assert (
        client_seeker.post(
            url, {"saved": saved.pk, "items": [appeals[0]], "target": "self_pr", "confirm": "on"}
        ).status_code
        == 302
    )


def test_with_no_line_to_quote_the_job_page_says_so_and_ticks_nothing(client_seeker, seeker):
    fragment = "参加者の名簿をExcelで作り"
    saved = saved_translation_create(
        user=seeker,
        text="参加者の名簿をExcelで作り、当日の受付もしました。",
        target_jobtag_id=430,
        result={
            "appeal_points": [{"text": APPEAL}],
            "evidence": [{"span": fragment, "start": 0, "end": len(fragment)}],
        },
    )
    version = version_create(owner=seeker, title="応募用", data=_cafe_doc())
    page = client_seeker.get(
        reverse("documents:insert", args=[version.pk]), {"saved": saved.pk, "to": "work"}
    ).content.decode()
    assert "職歴の業務内容に入れられる行（あなたの文章から）がありません" in page
    assert _ticked(page) == [] and not _checked(page, "work-0") and not _checked(page, "self_pr")


def test_a_quote_that_is_not_her_text_is_not_offered(seeker):
    """A stored quote is offered only where it is the slice of her text it says it is."""
    from bonavi.documents.selectors import translation_sentences

    saved = saved_translation_create(
        user=seeker,
        text=TEXT,
        target_jobtag_id=430,
        result={"evidence": [{"span": "毎月900件の受注データを入力しました", "start": 13, "end": 32}]},
    )
    assert translation_sentences(saved) == []


def test_the_editor_offers_a_job_only_the_results_with_lines_to_quote(client_seeker, seeker):
    fragment = "参加者の名簿をExcelで作り"
    nothing = saved_translation_create(
        user=seeker,
        text="参加者の名簿をExcelで作り、当日の受付もしました。",
        target_jobtag_id=430,
        result={
            "appeal_points": [{"text": APPEAL}],
            "evidence": [{"span": fragment, "start": 0, "end": len(fragment)}],
        },
    )
    lines = _translated(seeker, CAFE_AND_CLUB)
    version = version_create(owner=seeker, title="応募用", data=_cafe_doc())
    html = client_seeker.get(reverse("documents:edit", args=[version.pk])).content.decode()
    assert f'value="{lines.pk}:work"' in html and f'value="{nothing.pk}:work"' not in html
    assert f'value="{nothing.pk}:self_pr"' in html  # its 自己PR sentence is still offered for 自己PR
