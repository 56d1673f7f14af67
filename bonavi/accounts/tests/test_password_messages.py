"""The password rules speak natural Japanese (session 16 walk, `06_signup_errors`): Django's translations said
「このパスワードは メールアドレス と似すぎています。」 (spaces around the name) and 「最低 10 文字以上必要です」; the project's
validators (bonavi.accounts.passwords, in settings) keep Django's checks and say what to do."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.test import Client

from bonavi.accounts.models import User

from .test_auth import signup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab3-xyz", "パスワードが短すぎます。10文字以上にしてください。"),
        (
            "hanako.yamada",
            "パスワードがメールアドレスに似すぎています。メールアドレスから推測できないものにしてください。",
        ),
        ("password1234", "よく使われていて推測されやすいパスワードです。別のものにしてください。"),
        ("8305719264418", "数字だけのパスワードは使えません。英字や記号も入れてください。"),
    ],
    ids=["short", "like-the-address", "common", "numeric"],
)
def test_sign_up_says_each_password_rule_in_plain_japanese(
    client: Client, password: str, message: str
) -> None:
    response = signup(client, email="hanako.yamada@example.jp", password1=password, password2=password)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "最低 " not in html and " と似すぎ" not in html and "一般的すぎ" not in html
    assert not User.objects.filter(email="hanako.yamada@example.jp").exists()


def test_every_configured_validator_has_japanese_help_without_django_wording() -> None:
    help_texts = password_validation.password_validators_help_texts()
    assert help_texts[0] == "メールアドレスやお名前に似たものは使えません。"
    assert "10文字以上にしてください。" in help_texts
    for text in help_texts:
        assert "最低 " not in text and "あなたの他の個人情報" not in text


def test_the_similarity_message_names_the_attribute_without_spaces() -> None:
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password("hanako.yamada", User(email="hanako.yamada@example.jp"))
    assert caught.value.messages == [
        "パスワードがメールアドレスに似すぎています。メールアドレスから推測できないものにしてください。"
    ]
