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
