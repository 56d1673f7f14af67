"""The 「求人原稿チェック」 page and POST /api/v1/postings/check: anonymous, CSRF-protected, size and rate limited."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from bonavi.compliance.catalog import RULES

AD = "【募集職種】営業マン（正社員）\n【勤務地】東京都千代田区1-1\n【給与】時給900円\n20代歓迎\n"


@pytest.fixture(autouse=True)
def _fresh_limits(db) -> None:  # the rate limit lives in the (database) cache
    cache.clear()


def test_page_highlights_findings_with_explanation_and_fix(client: Client) -> None:
    page = client.get("/check/")
    assert page.status_code == 200 and "求人原稿チェック" in page.content.decode()
    r = client.post("/check/", {"text": AD, "date": "2026-11-15"})
    html = r.content.decode()
    assert r.status_code == 200
    assert '<mark class="error"' in html and "営業マン" in html
    assert "修正案" in html and "営業職" in html and "根拠" in html
    assert "記載が見つからない項目" in html and "業務の変更の範囲" in html
    assert 'href="#f-1"' in html and 'id="f-1"' in html


def test_page_escapes_html_and_explains_bad_input(client: Client) -> None:
    r = client.post("/check/", {"text": "<script>alert(1)</script>【給与】時給900円", "date": "2026-11-15"})
    assert "<script>alert(1)" not in r.content.decode()
    r = client.post("/check/", {"text": "", "date": ""})
    assert r.status_code == 422 and "貼り付けてください" in r.content.decode()
    r = client.post("/check/", {"text": "あ" * 20_001})
    assert r.status_code == 422 and "長すぎます" in r.content.decode()
    r = client.post("/check/", {"text": AD, "date": "昨日"})
    assert r.status_code == 422 and "日付" in r.content.decode()


def test_page_requires_csrf(db) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/check/", {"text": AD}).status_code == 403
    strict.get("/check/")
    token = strict.cookies["csrftoken"].value
    assert strict.post("/check/", {"text": AD, "csrfmiddlewaretoken": token}).status_code == 200


def test_rate_limit(client: Client, settings) -> None:
    settings.COMPLIANCE_CHECK_LIMIT_ANON = 2
    for _ in range(2):
        assert client.post("/check/", {"text": AD}).status_code == 200
    r = client.post("/check/", {"text": AD})
    assert r.status_code == 429 and "回数が多すぎます" in r.content.decode()
    api = client.post("/api/v1/postings/check", json.dumps({"text": AD}), content_type="application/json")
    assert api.status_code == 429


def test_api_checks_text_and_import_json(client: Client) -> None:
    r = client.post(
        "/api/v1/postings/check",
        json.dumps({"text": AD, "date": "2026-11-15"}),
        content_type="application/json",
    )
    body = r.json()
    assert r.status_code == 200 and body["errors"] >= 3
    rules = {f["rule"] for f in body["findings"]}
    assert {"gendered-title", "minimum-wage", "age-preference", "missing-disclosure"} <= rules
    wage = next(f for f in body["findings"] if f["rule"] == "minimum-wage")
    assert AD[wage["start"] : wage["end"]] == "時給900円" and wage["law"].startswith("最低賃金法")
    plain = client.post("/api/v1/postings/check", AD.encode(), content_type="text/plain; charset=utf-8")
    assert plain.status_code == 200 and "gendered-title" in {f["rule"] for f in plain.json()["findings"]}
    posting = {"title": "経理", "wage_unit": "hour", "wage_min": 900, "prefecture": "13"}
    r = client.post(
        "/api/v1/postings/check",
        json.dumps({"posting": posting, "date": "2026-11-15"}),
        content_type="application/json",
    )
    found = {(f["rule"], f["field"]) for f in r.json()["findings"]}
    assert ("minimum-wage", "wage_min") in found and ("missing-disclosure", "duties") in found


def test_api_bad_input_is_explained(client: Client) -> None:
    def post(body: str, ctype: str = "application/json"):
        return client.post("/api/v1/postings/check", body, content_type=ctype)

    assert post("{nope").status_code == 400
    assert "text" in post(json.dumps({"other": 1})).json()["detail"]
    r = post(json.dumps({"posting": {"titel": "x"}}))
    assert r.status_code == 422 and "titel" in r.json()["detail"]
    r = post(json.dumps({"text": "   "}))
    assert r.status_code == 422 and "文章がありません" in r.json()["detail"]
    assert post("x" * 200_000, "text/plain").status_code == 413
    assert "/api/v1/postings/check" in client.get("/api/v1/openapi.json").json()["paths"]


def test_api_reads_json_saved_with_a_byte_order_mark(client: Client) -> None:
    # Windows editors (メモ帳, Excel's 「CSV UTF-8」, PowerShell) start UTF-8 files with a BOM; the body was refused
    # as 「JSONの形式が正しくありません（1行目1文字目）」.
    body = "\ufeff" + json.dumps({"posting": {"title": "経理", "wage_unit": "hour", "wage_min": 900}})
    r = client.post("/api/v1/postings/check", body.encode(), content_type="application/json")
    assert r.status_code == 200 and "minimum-wage" in {f["rule"] for f in r.json()["findings"]}


def test_api_refuses_deeply_nested_json_in_japanese(client: Client) -> None:
    # json.loads gave up with RecursionError: a 500 on the anonymous API.
    body = '{"posting": ' + "[" * 5000 + "]" * 5000 + "}"
    r = client.post("/api/v1/postings/check", body, content_type="application/json")
    assert r.status_code == 400 and "入れ子" in r.json()["detail"]


def test_page_names_rules_in_japanese_not_by_internal_code(client: Client) -> None:
    """「性別による限定・優遇 gender-restriction」: the internal rule ids (kept in the API) meant nothing to a reader."""
    for html in (
        client.get("/check/").content.decode(),
        client.post("/check/", {"text": AD + "女性歓迎\n", "date": "2026-11-15"}).content.decode(),
    ):
        assert "性別による限定・優遇" in html
        assert [r.id for r in RULES if r.id in html] == []
