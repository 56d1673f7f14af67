"""退会 must not promise more than it does: a 職業紹介事業者's 求職管理簿 keeps the items the law requires (the
name and 希望職種, agents.services.registrations_erase), so the page, the done page and the mail say so instead of
「あなたを特定できる情報をすべて削除しました」."""

from __future__ import annotations

import pytest
from django.test import override_settings

from bonavi.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_page_the_result_and_the_mail_name_the_agency_books(client, seeker):
    client.force_login(seeker)
    # The items the agency's book keeps, in the agents app's own words (ADR 0114: 住所 and 生年月日 too).
    kept = "氏名・住所・生年月日・希望職種・受付日・紹介の経過"
    before = client.get("/me/privacy/delete/").content.decode()
    assert "求職管理簿" in before and kept in before and "登録の終了から2年間" in before
    response = client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 200 and "退会しました" in page
    assert "求職管理簿" in page
    body = OutboxMessage.objects.get(subject="【BOナビ】退会手続きが完了しました").body_text
    assert "求職管理簿" in body and kept in body and "すべて削除しました" not in body
    # The platform's complaint register keeps its records (support app, 3 years): said before and after.
    assert "苦情・お問い合わせ" in body and "苦情・お問い合わせ" in page


def test_the_tick_box_does_not_contradict_the_page(client, seeker):
    # The page says application records stay (anonymised) for the employer's counts; the box the person ticks
    # said they were all deleted.
    client.force_login(seeker)
    page = client.get("/me/privacy/delete/").content.decode()
    assert "応募の記録がすべて削除" not in page
    assert "応募の記録は氏名などを消して残ります" in page


def test_the_page_names_the_documents_results_and_event_seats_it_removes(client, seeker):
    """The list named the profile, favourites and saved searches only: a person who had written a 履歴書 here was
    not told it goes too (nor the saved 適職診断 and 面接練習), nor that a seat at a coming 企業説明会 is given up."""
    from bonavi.documents.models import DocumentVersion

    client.force_login(seeker)
    client.post("/documents/new/", {"title": "A社用", "source": "blank"})
    assert DocumentVersion.objects.filter(owner=seeker).exists()
    page = client.get("/me/privacy/delete/").content.decode()
    assert "応募書類（履歴書・職務経歴書・写真）" in page
    assert "適職診断・経験の棚卸しの保存結果" in page and "面接練習の回答" in page
    assert "これから開かれる企業説明会の申し込みは取り消し" in page
    client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    assert not DocumentVersion.objects.exists()  # what the page says is what happens


def test_the_complaint_years_come_from_support_keep_years(client, seeker, monkeypatch):
    """The years the complaint register keeps a record are support.services.KEEP_YEARS, registered by the support
    app (seekers cannot import it): changing the constant changes the page and the mail, which once said 「3年間」
    as text of their own."""
    from bonavi.support import services

    monkeypatch.setattr(services, "KEEP_YEARS", 5)
    client.force_login(seeker)
    assert "受付から5年間保存" in client.get("/me/privacy/delete/").content.decode()
    client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    body = OutboxMessage.objects.get(subject="【BOナビ】退会手続きが完了しました").body_text
    assert "受付から5年間保存" in body and "3年間" not in body


@override_settings(OPERATOR_CONTACT="support@bonavi.example.jp")
def test_the_mail_says_how_to_reach_the_operator_when_the_account_is_gone(client, seeker):
    # 「お心当たりがない場合は運営までご連絡ください」 without an address left a deleted person nowhere to write.
    client.force_login(seeker)
    client.post("/me/privacy/delete/", {"password": "pw-Long-enough-1", "confirm": "on"})
    body = OutboxMessage.objects.get(subject="【BOナビ】退会手続きが完了しました").body_text
    assert "お心当たりがない場合は、お手数ですが運営（support@bonavi.example.jp）までご連絡ください。" in body


def test_the_page_offers_both_of_mydatas_downloads(client, seeker):
    """The page linked the JSON only; マイデータ offers the CSV (Excel) too, and her last chance to keep her data
    should not be the format she cannot open. The links are マイデータ's own, so the files are the same."""
    import io
    import re
    import zipfile

    client.force_login(seeker)
    page = client.get("/me/privacy/delete/").content.decode()
    links = re.findall(r'<a href="([^"]+)" download class="keep">([^<]+)</a>', page)
    assert links == [
        ("/me/privacy/export.json", "JSONでダウンロード"),
        ("/me/privacy/export.zip", "CSV（Excel用）でダウンロード"),
    ]
    as_json = client.get(links[0][0])
    assert as_json.status_code == 200 and as_json.json()["account"]["email"] == seeker.email
    as_zip = client.get(links[1][0])
    assert as_zip.status_code == 200 and as_zip["Content-Type"] == "application/zip"
    assert any(name.endswith(".csv") for name in zipfile.ZipFile(io.BytesIO(as_zip.content)).namelist())
