"""The password rules (settings.AUTH_PASSWORD_VALIDATORS): Django's four validators with messages a person reads as
Japanese. Django's own translations put spaces around a field name (「このパスワードは メールアドレス と似すぎています。」)
and say 「最低 10 文字以上必要です」 (最低 and 以上 twice over); each message here says what is wrong and what to do.
The checks themselves are Django's, unchanged."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_validation


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"パスワードが短すぎます。{self.min_length}文字以上にしてください。"

    def get_help_text(self) -> str:
        return f"{self.min_length}文字以上にしてください。"


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills %(verbose_name)s with the attribute's verbose name (「メールアドレス」).
        return "パスワードが%(verbose_name)sに似すぎています。%(verbose_name)sから推測できないものにしてください。"

    def get_help_text(self) -> str:
        return "メールアドレスやお名前に似たものは使えません。"


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "よく使われていて推測されやすいパスワードです。別のものにしてください。"

    def get_help_text(self) -> str:
        return "よく使われるパスワードは使えません。"


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "数字だけのパスワードは使えません。英字や記号も入れてください。"

    def get_help_text(self) -> str:
        return "数字だけのものは使えません。"
