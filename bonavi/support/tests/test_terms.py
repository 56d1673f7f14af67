"""/terms/ (利用規約, ADR 0092): the page the sign-up consent names, written for this product, linked from the
sign-up checkbox, the footer and the privacy page."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from bonavi.support import services

pytestmark = pytest.mark.django_db


@override_settings(OPERATOR_NAME="株式会社ボナビ運営", OPERATOR_ADDRESS="", OPERATOR_CONTACT="")
def test_terms_page_says_what_the_product_promises_logged_out(client: Client) -> None:
    response = client.get("/terms/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "料金",
        "運営者が守ること",
        "求人を掲載する方へ",
        "禁止していること",
        "退会",
        "責任の範囲",
        "準拠法と裁判所",
    ]:
        assert heading in html, heading
    assert "特定募集情報等提供事業者" in html and "すべての機能を無料で使えます" in html
    assert f"原則{services.RESPONSE_DAYS}日以内に回答" in html  # the complaints procedure's own figure
    assert "株式会社ボナビ運営" in html and "（未設定）" in html  # the operator as configured, gaps said
    assert reverse("support:privacy") in html and reverse("support:complaints") in html


def test_terms_are_linked_from_the_footer_the_privacy_page_and_the_sign_up_checkbox(client: Client) -> None:
    link = f'href="{reverse("support:terms")}"'
    assert link in client.get("/").content.decode().split('<footer class="site">')[1]
    assert link in client.get("/privacy/").content.decode().split("</h1>")[1]
    signup = client.get(reverse("accounts:signup")).content.decode()
    label = signup.split('for="id_agree"')[1].split("</label>")[0]
    assert f'{reverse("support:terms")}" target="_blank"' in label
    assert f'{reverse("support:privacy")}" target="_blank"' in label
