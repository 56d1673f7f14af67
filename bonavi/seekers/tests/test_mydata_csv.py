"""マイデータ as a ZIP of CSV files for Excel (ADR 0158): the same data as the JSON, readable in Excel, only hers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from bonavi.accounts.models import ApiToken, LoginAttempt, User
from bonavi.jobs.models import JobPosting
from bonavi.notifications.tests.helpers import due_search
from bonavi.seekers import mydata, services
from bonavi.seekers.models import Application, ApplicationEvent
from bonavi.seekers.mydata_csv import cell

from .helpers import client_for

pytestmark = pytest.mark.django_db

URL = "/me/privacy/export.zip"


def _files(response: Any) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the Japanese as mojibake"
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    header, *rows = _rows(files[f"{name}.csv"])
    return [dict(zip(header, row, strict=True)) for row in rows]


def _pairs(files: dict[str, bytes], name: str) -> dict[str, str]:
    return {row["項目"]: row["内容"] for row in _table(files, name)}


@pytest.fixture
def full(application: Application, profiled_seeker: User, posting: JobPosting, employer: User) -> User:
    """Her data in every section the seekers app writes itself."""
    services.favorite_add(user=profiled_seeker, posting_id=posting.pk)
    services.recent_view_record(user=profiled_seeker, posting_id=posting.pk)
    due_search(profiled_seeker, "q=経理", name="経理の新着")
    services.consent_record(user=profiled_seeker)
    ApiToken.issue(user=profiled_seeker, name="家のPC")
    LoginAttempt.objects.create(email=profiled_seeker.email, ip="192.0.2.1")
    services.message_post(
        user=employer, application=application, body='=HYPERLINK("http://evil.example","見る")'
    )
    services.message_post(user=profiled_seeker, application=application, body="面接の日程、承知しました")
    sent = dt.datetime(2026, 4, 1, 0, 35, tzinfo=dt.UTC)  # 2026-04-01 09:35 in Japan
    Application.objects.filter(pk=application.pk).update(created_at=sent)
    ApplicationEvent.objects.filter(application=application).update(created_at=sent)
    return profiled_seeker


def test_the_zip_has_a_csv_per_section_that_excel_reads(full: User, posting: JobPosting) -> None:
    response = client_for(full).get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    files = _files(response)
    expected = {
        "README.txt",
        "アカウント.csv",
        "プロフィール.csv",
        "プロフィール_学歴.csv",
        "プロフィール_資格.csv",
        "お気に入り.csv",
        "最近見た求人.csv",
        "最近見た求人_閲覧した求人.csv",
        "保存した検索条件.csv",
        "応募.csv",
        "応募_経過.csv",
        "応募_メッセージ.csv",
        "送信したメール.csv",
        "同意の記録.csv",
        "プロフィールの閲覧記録.csv",
        "APIトークン.csv",
        "ログイン失敗の記録.csv",
    } | {f"{title}.csv" for _, title in mydata.registered_sections()}
    assert expected <= set(files), expected - set(files)
    for name, raw in files.items():
        if name.endswith(".csv"):
            header = _rows(raw)[0]
            # Japanese headers: the labels the page uses, never the JSON's keys.
            unlabelled = [h for h in header if h.isascii() and h not in {"URL", "SHA-256"}]
            assert not unlabelled, (name, unlabelled)
            # CRLF line ends (a mail's own line breaks stay LF inside its quoted cell, as Excel writes them).
            assert raw.index(b"\n") == raw.index(b"\r\n") + 1 and raw.endswith(b"\r\n"), name
    assert _pairs(files, "プロフィール")["姓"] == "山田"
    assert _pairs(files, "プロフィール")["電話番号"] == "090-1234-5678"
    assert _table(files, "プロフィール_学歴")[0]["内容"] == "東京都立青山高等学校 卒業"
    assert _table(files, "プロフィール_資格")[0]["名称"] == "日本商工会議所簿記検定試験3級"
    assert _table(files, "お気に入り")[0]["求人"] == posting.title
    assert _table(files, "最近見た求人_閲覧した求人")[0]["求人"] == posting.title
    assert _table(files, "保存した検索条件")[0]["名称"] == "経理の新着"
    applied = _table(files, "応募")[0]
    assert applied["求人"] == posting.title and applied["応募時のメッセージ"] == "よろしくお願いします"
    # Dates in Japan time as Excel reads them, not the JSON's UTC ISO strings.
    assert applied["応募日時"] == "2026-04-01 09:35"
    step = _table(files, "応募_経過")[0]
    assert step["状況"] == "応募済" and step["日時"] == "2026-04-01 09:35"
    assert step["親の行番号"] == applied["行番号"]
    bodies = [m["本文"] for m in _table(files, "応募_メッセージ")]
    assert "面接の日程、承知しました" in bodies
    assert _table(files, "同意の記録")[0]["版"]
    assert _table(files, "APIトークン")[0]["名称"] == "家のPC"
    assert _table(files, "ログイン失敗の記録")[0]["IPアドレス"] == "192.0.2.1"
    readme = files["README.txt"].decode("utf-8-sig")
    assert "応募_メッセージ.csv" in readme and "「'」" in readme and "\r\n" in readme


def test_a_formula_cell_is_defused(full: User) -> None:
    """The company's message 「=HYPERLINK(…)」 would be run by Excel as a formula (CSV injection)."""
    files = _files(client_for(full).get(URL))
    bodies = [m["本文"] for m in _table(files, "応募_メッセージ")]
    assert '\'=HYPERLINK("http://evil.example","見る")' in bodies
    assert not any(b.startswith(("=", "+", "-", "@")) for b in bodies)
    assert [cell(v) for v in ("+81", "-1", "@x", "=1", "ふつう", -1)] == [
        "'+81",
        "'-1",
        "'@x",
        "'=1",
        "ふつう",
        "-1",
    ]


def test_the_file_is_named_in_japanese_with_an_ascii_fallback(
    seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 26, 15, 30, tzinfo=dt.UTC))
    disposition = client_for(seeker).get(URL)["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="bonavi-mydata-20261127.zip"' in disposition  # the day in Japan
    assert f"filename*=UTF-8''{quote('BOナビ_マイデータ_20261127.zip')}" in disposition


def test_another_seekers_data_is_not_in_it(full: User, other_seeker: User) -> None:
    files = _files(client_for(other_seeker).get(URL))
    everything = b"".join(files.values()).decode("utf-8")
    for hers in ("山田", "090-1234-5678", "経理の新着", "家のPC", "よろしくお願いします"):
        assert hers not in everything
    assert _pairs(files, "アカウント")["メールアドレス"] == other_seeker.email


def test_only_a_signed_in_seeker_gets_it(full: User, employer: User) -> None:
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    refused = client_for(employer).get(URL)
    assert refused.status_code == 403 and refused["Content-Type"].startswith("text/html")


def test_the_pages_link_to_it(seeker: User) -> None:
    client = client_for(seeker)
    for page in ("/me/privacy/", "/me/privacy/export/"):
        assert f'href="{URL}"' in client.get(page).content.decode()
    assert "CSV（Excel用）でダウンロード" in client.get("/me/privacy/").content.decode()


def test_a_model_without_an_exporter_has_its_own_file(
    profiled_seeker: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """other_data (a model no app wrote a section for) is in the ZIP as in the JSON, under Japanese labels."""
    ApiToken.issue(user=profiled_seeker, name="登録し忘れたモデルの例")
    monkeypatch.delitem(mydata.EXPORTED, "accounts.ApiToken")
    files = _files(client_for(profiled_seeker).get(URL))
    title = str(ApiToken._meta.verbose_name_plural)
    rows = _table(files, title)
    assert "登録し忘れたモデルの例" in rows[0].values()
    assert all(not h.isascii() for h in rows[0])
    assert f"{title}.csv（1件）" in files["README.txt"].decode("utf-8-sig")


def test_every_section_of_the_json_has_its_file(full: User) -> None:
    """A section added to mydata_export later must be added to SECTIONS too, or the CSV download would lack it."""
    from bonavi.seekers.mydata_csv import SECTIONS

    data = mydata.mydata_export(user=full)
    written = {key for key, _ in SECTIONS} | {key for key, _ in mydata.registered_sections()}
    assert set(data) - {"format", "format_version", "exported_at", "other_data"} <= written
