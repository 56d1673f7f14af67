"""POST /postal/ (core.views.postal): 「住所を検索」 with JavaScript on the profile and in the documents editor. It
answers with core.postal.postal_fill's own values and messages, so the pages repeat neither the rule nor its words."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bonavi.core import postal

pytestmark = pytest.mark.django_db


def _ask(client: Client, status: int, **data: str) -> dict[str, Any]:
    response = client.post("/postal/", data, HTTP_ACCEPT="application/json")
    assert response.status_code == status, response.content
    return response.json()


def test_a_code_that_is_not_seven_digits_says_so_and_changes_nothing(client: Client) -> None:
    for code in ("", "123-456", "郵便番号"):
        answer = _ask(client, 422, postal_code=code, address="東京都港区芝公園4-2-8")
        assert answer == {
            "postal_code": code,
            "address": "東京都港区芝公園4-2-8",
            "message": postal.BAD_CODE,
            "offer": "",
            "found": None,
        }


def test_an_unknown_code_says_so(client: Client) -> None:
    answer = _ask(client, 404, postal_code="000-0000", address="")
    assert answer["message"] == postal.NOT_FOUND and answer["found"] is None and answer["address"] == ""


def test_an_empty_address_is_filled_with_the_parts_for_the_documents_editor(client: Client) -> None:
    answer = _ask(client, 200, postal_code="〒３３０－００６３")
    assert answer["postal_code"] == "330-0063" and answer["address"] == "埼玉県さいたま市浦和区高砂"
    assert answer["message"] == postal.FILLED == "住所を入力しました。番地・建物名を続けて入力してください。"
    assert answer["offer"] == ""
    found = answer["found"]
    assert (found["region"], found["city"], found["address"], found["postalCode"]) == (
        "埼玉県",
        "さいたま市浦和区",
        "高砂",
        "330-0063",
    )
    assert found["furigana"].startswith("さいたま")


def test_a_typed_address_is_kept_and_the_looked_up_one_offered_until_asked(client: Client) -> None:
    typed = "東京都港区芝公園4-2-8"
    kept = _ask(client, 200, postal_code="3300063", address=typed)
    assert kept["address"] == typed and kept["offer"] == "埼玉県さいたま市浦和区高砂"
    assert (
        kept["message"]
        == "入力済みの住所は変更していません。郵便番号の住所は「埼玉県さいたま市浦和区高砂」です。"
    )
    replaced = _ask(client, 200, postal_code="3300063", address=typed, replace="1")
    assert replaced["address"] == "埼玉県さいたま市浦和区高砂" and replaced["offer"] == ""
    assert replaced["message"] == postal.FILLED
    same = _ask(client, 200, postal_code="3300063", address="さいたま市浦和区高砂3-15-1")
    assert same["message"] == postal.MATCHES and same["address"] == "さいたま市浦和区高砂3-15-1"


def test_only_post_with_the_csrf_token(client: Client) -> None:
    # The typed 住所 is personal data: never in a URL, so never a GET.
    assert client.get("/postal/", {"postal_code": "3300063"}).status_code == 405
    checked = Client(enforce_csrf_checks=True)
    assert checked.post("/postal/", {"postal_code": "3300063"}).status_code == 403
