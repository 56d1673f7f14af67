"""Error pages speak Japanese and huge bodies are refused before they reach a view."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_404_is_japanese(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_japanese() -> None:
    response = Client(enforce_csrf_checks=True).post("/accounts/signup/", {"email": "a@b.c"})
    assert response.status_code == 403
    assert "セキュリティ確認に失敗しました" in response.content.decode()


@pytest.mark.django_db
def test_oversized_form_is_refused(client: Client) -> None:
    response = client.post("/accounts/login/", {"email": "a@b.c", "password": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    assert "送信内容を処理できませんでした" in response.content.decode()


@pytest.mark.django_db
def test_a_get_to_a_button_only_url_gets_a_japanese_page_not_a_blank_one(client: Client, seeker) -> None:
    """Logging in again after the session ran out sends the person to the `next` of the button they pressed."""
    client.force_login(seeker)
    response = client.get(
        "/me/applications/1/withdraw/"
    )  # (/me/favorites/<id>/ now asks to confirm on a GET)
    assert response.status_code == 405 and response["Allow"] == "POST"
    page = response.content.decode()
    assert "このページはボタンから操作してください" in page and 'href="/me/"' in page
    # /accounts/logout/ typed or bookmarked: offer the button instead of a blank page.
    page = client.get("/accounts/logout/").content.decode()
    assert "ログアウトしますか" in page and 'action="/accounts/logout/"' in page
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert "このページはボタンから操作してください" in client.get("/accounts/logout/").content.decode()


@pytest.mark.django_db
def test_the_api_answers_405_in_json_and_japanese(client: Client) -> None:
    response = client.get("/api/v1/me/delete")
    assert response.status_code == 405 and "ボタンから操作" not in response.content.decode()
    assert response.json() == {"detail": "このURLでは GET は使えません（使えるメソッド：POST）。"}
    put = client.put("/api/v1/jobs/1")
    assert put.status_code == 405 and put["Allow"] == "GET" and "PUT" in put.json()["detail"]


@pytest.mark.django_db
def test_an_unknown_api_url_answers_json_not_an_html_page(client: Client) -> None:
    for url in ("/api/v1/jobs/abc", "/api/v1/no-such-thing", "/api/v1/careers/occupations/abc"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert "APIのURLが見つかりません" in response.json()["detail"]
    # Known routes are not shadowed by the catch-all.
    assert client.get("/api/v1/jobs").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.django_db
def test_the_operators_admin_is_named_for_the_service(admin_client) -> None:
    page = admin_client.get("/admin/").content.decode()
    assert "BOナビ 運営管理" in page and "Django 管理サイト" not in page
