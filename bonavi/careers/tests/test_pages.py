"""The career pages, saving results, and who may see them."""

from __future__ import annotations

import re

import pytest

from bonavi.careers.items import ITEMS
from bonavi.careers.models import SavedAssessment, SavedTranslation

pytestmark = pytest.mark.django_db

TEXT = (
    "ハンドメイドのアクセサリーをネットで販売しています。材料費と送料を差し引いた利益を商品ごとに計算し、"
    "価格を見直しています。SNSでは新作の写真を発信しています。"
)


def answers(c: int = 4, e: int = 3, other: int = 1) -> dict[str, str]:
    return {
        i.id: str(c if i.scale == "C" else e if i.scale == "E" else other) for i in ITEMS if i.is_interest
    }


def test_index_and_roadmaps_render_with_attribution(client, ref):
    for url in ["/careers/", "/careers/roadmaps/"]:
        body = client.get(url).content.decode()
        assert "job tag" in body
    for family in (
        "accounting",
        "hr_labor",
        "legal_general_affairs",
        "pr_ir",
        "it_support",
        "general_clerical",
    ):
        body = client.get(f"/careers/roadmaps/{family}/").content.decode()
        assert "レベル4" in body and "管理職の道" in body and "専門職の道" in body
        assert 'class="bar"' in body and "万円" in body
        assert "職種グループの平均" in body and ref.attribution in body
    page = client.get("/careers/roadmaps/hr_labor/").content.decode()
    hr = page[page.index('id="qualifications"') :]
    assert hr.index("給与計算実務能力検定") < hr.index("衛生管理者") < hr.index("社会保険労務士")
    assert "同じ賃金調査の職種グループ" in page  # 人事事務 shares its wage row with 総務事務 and 広報・PR担当
    assert client.get("/careers/roadmaps/nope/").status_code == 404


def test_accounting_path_is_ordered_and_dated(client, ref):
    page = client.get("/careers/roadmaps/accounting/").content.decode()
    body = page[page.index('id="qualifications"') :]
    assert body.index("日商簿記検定3級") < body.index("日商簿記検定2級") < body.index("日商簿記検定1級")
    assert "2026-11 時点" in body and "合格率" in body and "公式サイト" in body


def test_occupation_and_transfer_pages(client, ref):
    body = client.get("/careers/occupations/430/").content.decode()
    assert "経理事務" in body and "/search/?family=accounting" in body and ref.attribution in body
    assert client.get("/careers/occupations/99999/").status_code == 404
    body = client.get("/careers/transfer/?source=64&target=430").content.decode()
    assert "資金管理" in body and "活かせるスキル" in body


def test_assessment_flow_anonymous(client, ref):
    page = client.get("/careers/assessment/").content.decode()
    assert page.count('type="radio"') == 5 * len(ITEMS) and "探索用" in page
    body = client.post("/careers/assessment/", answers()).content.decode()
    assert "6つの職種との近さ" in body and "この職種の求人を見る" in body and "/search/?family=" in body
    assert "探索用" in body and ref.attribution in body
    assert "ログイン" in body and "この結果を保存する" not in body
    flat = client.post("/careers/assessment/", answers(2, 2, 2)).content.decode()
    assert "興味の方向がまだはっきりしていない" in flat and 'id="occupations"' not in flat
    missing = client.post("/careers/assessment/", {"c1": "4"}).content.decode()
    assert "答えていない項目" in missing
    # the first unanswered item's group takes the focus (careers/_item.html draws its radios by hand)
    assert missing.count(" autofocus") == 1
    assert re.search(r'<fieldset class="item has-error" id="item-\w+" tabindex="-1" autofocus>', missing)


def test_translate_page_marks_evidence_and_rejects_bad_input(client, ref):
    body = client.post("/careers/translate/", {"text": TEXT, "target": ""}).content.decode()
    assert body.count('<mark class="evidence"') >= 2
    assert "自己PRの文" in body and "足りないスキル" in body and ref.attribution in body
    for bad, needle in (
        ("", "空です"),
        ("x" * 10_001, "長すぎます"),
        ("hello there, plain english", "日本語"),
        ("経理\x00です", "バイナリ"),
    ):
        page = client.post("/careers/translate/", {"text": bad}).content.decode()
        assert needle in page and 'id="translation"' not in page
    escaped = client.post(
        "/careers/translate/", {"text": "<script>alert(1)</script>経費精算の領収書を確認しました。"}
    )
    assert "<script>alert(1)" not in escaped.content.decode()


def test_half_width_katakana_is_read_like_full_width(client, seeker, ref):
    """「ﾚｼﾞ締め」 typed in half-width katakana (some phone keyboards, old PCs) was not read as レジ締め: the page
    quoted no evidence and wrote no 自己PR, where the same words in full width gave both. The half-width kana are
    widened before reading, so the evidence marks and the saved text are the same words in full width."""
    half = "ｱﾙﾊﾞｲﾄでﾚｼﾞ締めと売上の集計をしていました。"
    full = "アルバイトでレジ締めと売上の集計をしていました。"
    body = client.post("/careers/translate/", {"text": half, "target": ""}).content.decode()
    assert body.count('<mark class="evidence"') == 1 and "自己PRの文" in body
    assert "「レジ締め」「売上」" in body
    client.force_login(seeker)
    client.post("/careers/translate/save/", {"text": half, "target": ""})
    saved = SavedTranslation.objects.get(user=seeker)
    assert saved.text == full and saved.result["evidence"][0]["span"].startswith("アルバイトでレジ締め")


def test_seeker_saves_and_lists_results(client, seeker, other_employer, ref):
    client.force_login(seeker)
    body = client.post("/careers/assessment/", answers()).content.decode()
    assert "この結果を保存する" in body
    resp = client.post("/careers/assessment/save/", {**answers(), "scope": "all"})
    saved_a = SavedAssessment.objects.get(user=seeker)
    assert resp.status_code == 302 and saved_a.result["status"] == "ok"
    resp = client.post("/careers/translate/save/", {"text": TEXT, "target": "430"})
    saved_t = SavedTranslation.objects.get(user=seeker)
    assert saved_t.target_jobtag_id == 430 and saved_t.result["evidence"]
    listing = client.get("/careers/saved/").content.decode()
    assert (
        f"/careers/saved/assessment/{saved_a.pk}/" in listing
        and f"/careers/saved/translation/{saved_t.pk}/" in listing
    )
    detail = client.get(f"/careers/saved/translation/{saved_t.pk}/").content.decode()
    assert '<mark class="evidence"' in detail
    # The roadmap shows next steps from the saved translation aimed at 経理事務.
    assert "あなたの次の一歩" in client.get("/careers/roadmaps/accounting/").content.decode()
    # Someone else sees nothing of it.
    client.force_login(other_employer)
    assert client.get(f"/careers/saved/translation/{saved_t.pk}/").status_code == 404
    delete = f"/careers/saved/translation/{saved_t.pk}/delete/"
    assert client.post(delete, {"confirm": "on"}).status_code == 404
    assert SavedTranslation.objects.filter(pk=saved_t.pk).exists()
    assert client.post("/careers/translate/save/", {"text": TEXT}).status_code == 403
    client.force_login(seeker)
    # a kind that is not one matches nothing (it used to fall through to the translations)
    assert client.post(f"/careers/saved/other/{saved_t.pk}/delete/", {"confirm": "on"}).status_code == 404
    assert SavedTranslation.objects.filter(pk=saved_t.pk).exists()
    client.post(delete, {"confirm": "on"})
    assert not SavedTranslation.objects.filter(pk=saved_t.pk).exists()


def test_deleting_a_saved_result_needs_the_confirmation_box(client, seeker, ref):
    """The delete button alone removed a saved result for good; like a résumé, a ticked box now confirms it, and
    a POST without it deletes nothing and says why beside the (focused) box, in the same response."""
    client.force_login(seeker)
    client.post("/careers/assessment/save/", {**answers(), "scope": "all"})
    saved = SavedAssessment.objects.get(user=seeker)
    form = client.get(f"/careers/saved/assessment/{saved.pk}/").content.decode()
    form = form.split('id="delete"', 1)[1].split("</form>", 1)[0]
    assert 'name="confirm" required' in form and "この結果を削除します" in form

    url = f"/careers/saved/assessment/{saved.pk}/delete/"
    refused = client.post(url)
    assert refused.status_code == 422 and SavedAssessment.objects.filter(pk=saved.pk).exists()
    page = refused.content.decode()
    form = page.split('id="delete"', 1)[1].split("</form>", 1)[0]
    assert "結果を削除する場合は、「この結果を削除します」にチェックを入れてください。" in form
    assert 'autofocus aria-invalid="true" aria-describedby="delete-error"' in form
    assert page.count("チェックを入れてください") == 1 and 'id="h-interests"' in page

    done = client.post(url, {"confirm": "on"}, follow=True)
    assert not SavedAssessment.objects.filter(pk=saved.pk).exists()
    assert "保存した結果を削除しました。" in done.content.decode()


def test_saving_needs_a_signed_in_seeker_and_good_input(client, seeker, ref):
    assert client.post("/careers/assessment/save/", answers()).status_code == 403
    assert client.get("/careers/saved/").status_code == 302  # to the login page
    client.force_login(seeker)
    client.post("/careers/translate/save/", {"text": "hello world only english"})
    client.post("/careers/translate/save/", {"text": "x" * 10_001})
    client.post("/careers/assessment/save/", {"c1": "9"})
    assert not SavedTranslation.objects.exists() and not SavedAssessment.objects.exists()


def test_saved_results_are_in_the_seekers_data_export(client, seeker, ref):
    from bonavi.seekers.mydata import mydata_export

    client.force_login(seeker)
    client.post("/careers/assessment/save/", {**answers(), "scope": "all"})
    client.post("/careers/translate/save/", {"text": TEXT, "target": ""})
    data = mydata_export(user=seeker)
    assert data["career_assessments"][0]["result"]["status"] == "ok"
    assert data["career_translations"][0]["text"] == TEXT
    assert "careers.SavedTranslation" not in data.get("other_data", {})


def test_shared_recruit_figures_are_marked_too(client, ref):
    """jobtag's posted wage and 有効求人倍率 are grouped as well: 内部監査人 shows 総務事務's 23.0万円 / 1.34, and the
    legal roadmap listed 企業法務担当 and コンプライアンス推進担当 with identical figures and no word about it."""
    page = client.get("/careers/roadmaps/accounting/").content.decode()
    recruit = page[page.index('class="bars pay recruit"') :]
    row = recruit[recruit.index("内部監査人") :].split("</th>", 1)[0]
    assert '<sup class="group">※' in row
    assert "総務事務・広報・PR担当・内部監査人は求人データが同じグループ" in page
    body = client.get("/api/v1/careers/occupations/433").json()["pay"]
    assert 444 in body["recruit_shared_with"] and 433 not in body["recruit_shared_with"]
    assert "求人賃金と有効求人倍率は同じ値" in body["recruit_note"]
    own = client.get("/api/v1/careers/occupations/430").json()["pay"]  # 経理事務 has figures of its own
    assert own["recruit_shared_with"] == [] and own["recruit_note"] == ""


def test_unanswered_items_are_counted_in_japanese_and_each_error_is_read_with_its_choices(client, ref):
    body = client.post("/careers/assessment/", {"c1": "4"}).content.decode()
    unanswered = sum(1 for i in ITEMS if i.is_interest) - 1
    # 「36つ」 is not Japanese: つ counts only up to nine.
    assert f"{unanswered}つ" not in body and f"答えていない項目が{unanswered}項目あります" in body
    # Each choice of an unanswered item names the item's message as its description (a screen reader heard
    # only the item and the choice, not that it still needed an answer).
    item = next(i for i in ITEMS if i.is_interest and i.id != "c1")
    assert f'<p class="errorlist" id="id_{item.id}_error">' in body
    assert body.count(f'aria-describedby="id_{item.id}_error"') == 5
    assert 'aria-describedby="id_c1_error"' not in body


@pytest.mark.parametrize("query", ["source=abc&target=99999", "source=%00&target=", "source=64"])
def test_transfer_with_a_stale_or_broken_link_says_what_to_do(client, ref, query):
    """A bookmarked comparison whose occupation is gone, or a mangled link: the message asks to choose again in
    plain Japanese and does not echo the raw value (a NUL byte went into the page)."""
    response = client.get(f"/careers/transfer/?{query}")
    body = response.content.decode()
    assert response.status_code == 200 and "\x00" not in body
    assert "候補にありません" not in body and "このフィールドは必須です" not in body
    assert "一覧から選んでください" in body


def test_the_admin_shows_that_a_seeker_saved_a_result_but_not_what_it_says(client, seeker, operator):
    """The admin showed (and let an operator edit or delete) a seeker's saved answers, result and the account of
    their own work, personal data the privacy page gives operators no use for."""
    from bonavi.careers import services

    experience = "前職では給与計算を120名分担当し、年末調整の回収率を上げました。"
    translation = services.saved_translation_create(
        user=seeker, text=experience, target_jobtag_id=430, result={"secret": "翻訳の結果"}
    )
    assessment = services.saved_assessment_create(
        user=seeker, answers={"c1": 4}, result={"constants_version": "v1", "secret": "診断の結果"}
    )
    client.force_login(operator)
    pages = [
        client.get("/admin/careers/savedtranslation/"),
        client.get(f"/admin/careers/savedtranslation/{translation.pk}/change/"),
        client.get("/admin/careers/savedassessment/"),
        client.get(f"/admin/careers/savedassessment/{assessment.pk}/change/"),
    ]
    assert all(p.status_code == 200 for p in pages)
    for page in (p.content.decode() for p in pages):
        assert experience not in page and "翻訳の結果" not in page and "診断の結果" not in page
        assert "<textarea" not in page
    client.post(f"/admin/careers/savedtranslation/{translation.pk}/change/", {"text": "書き換え"})
    assert (
        client.post(f"/admin/careers/savedtranslation/{translation.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    translation.refresh_from_db()
    assert translation.text == experience and SavedAssessment.objects.filter(pk=assessment.pk).exists()
    assert SavedTranslation.objects.count() == 1


STUDENT = (
    "サークルの新歓イベントで、参加者の名簿をExcelで作り、当日の受付をしました。"
    "ボランティアでは地域の子ども会の会計を手伝い、領収書を整理しました。"
)


def _textarea(body: str) -> str:
    return body.split('name="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]


def test_translate_page_starts_from_the_seekers_profile(client, seeker, employer, ref):
    """A seeker had to type again what their profile already says. On GET the text box holds the profile's
    経験 and 職歴 (not 学歴), marked as taken from the profile and editable; a posted text is never replaced."""
    from bonavi.seekers.models import HistoryEntry, HistoryKind, SeekerProfile

    profile, _ = SeekerProfile.objects.get_or_create(user=seeker)
    profile.experience = STUDENT
    profile.save()
    HistoryEntry.objects.create(
        profile=profile, kind=HistoryKind.EDUCATION, year=2022, month=4, text="青葉大学 入学"
    )
    HistoryEntry.objects.create(
        profile=profile, kind=HistoryKind.WORK, year=2023, month=5, text="カフェ青葉 アルバイト"
    )
    client.force_login(seeker)
    body = client.get("/careers/translate/").content.decode()
    box = _textarea(body)
    assert 'id="prefill-note"' in body and "プロフィールの「経験」と「職歴」から" in body
    assert STUDENT in box and "【職歴】\n2023年5月 カフェ青葉 アルバイト" in box
    assert "青葉大学" not in box and " readonly" not in body.split('name="text"', 1)[1].split(">", 1)[0]
    posted = client.post("/careers/translate/", {"text": "経費精算の領収書を確認しました。", "target": ""})
    page = posted.content.decode()
    assert 'id="prefill-note"' not in page and STUDENT not in _textarea(page)
    profile.refresh_from_db()
    assert profile.experience == STUDENT  # reading never writes the profile back

    for who in (None, employer):
        client.logout()
        if who is not None:
            client.force_login(who)
        other = client.get("/careers/translate/").content.decode()
        assert 'id="prefill-note"' not in other and STUDENT not in other


def test_a_seeker_with_an_empty_profile_gets_an_empty_box(client, seeker, ref):
    from bonavi.seekers.models import SeekerProfile

    SeekerProfile.objects.get_or_create(user=seeker)
    client.force_login(seeker)
    body = client.get("/careers/translate/").content.decode()
    assert 'id="prefill-note"' not in body and _textarea(body).strip() == ""


def test_thin_evidence_is_not_called_no_big_gap(client, ref):
    """A student's 受付 and 名簿 aimed at 一般事務 read 「大きな差は見つかりませんでした」: now the page says how little of
    一般事務's key skills the text shows, lists the ones to build, and starts the next steps with MOS / 秘書検定."""
    body = client.post("/careers/translate/", {"text": STUDENT, "target": "428"}).content.decode()
    assert "大きな差は見つかりませんでした" not in body
    box = body.split('id="skills-to-build"', 1)[1].split("</div>", 1)[0]
    assert "上位6つ" in box and "根拠があるのは" in box and "傾聴力" in box
    steps = body.split('id="next-steps"', 1)[1].split("</ul>", 1)[0]
    assert steps.index("MOS") < steps.index("秘書検定")
    # With 目標 一般事務 the 自己PR speaks of 事務 only; the 会計 experience is one closing line.
    appeal = body.split('id="appeal-points"', 1)[1].split("</ul>", 1)[0]
    assert "経理の仕事" not in appeal and "事務の仕事でも活かせます" in appeal and "data-secondary" in appeal


def test_no_key_skill_shown_yet_reads_as_a_whole_sentence():
    from django.template.loader import render_to_string

    result = {
        "target": {"title": "一般事務", "jobtag_id": 428},
        "skills_to_build": {"key_total": 6, "covered": [], "rows": []},
    }
    html = render_to_string("careers/_translation_result.html", {"result": result})
    assert "（上位6つ）のうち、あなたの文章に根拠があるものはまだありません。" in html
