from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bonavi.accounts"
    label = "accounts"
    verbose_name = "アカウント"
